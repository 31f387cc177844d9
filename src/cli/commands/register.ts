import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { createServices } from '../../app';
import { DEMO_SLUG } from '../../modules/demo/demo.service';
import { buildNotice } from '../../modules/notices/notice.build';
import { type NoticeFormat, noticeFormats, renderNotice } from '../../modules/notices/notice.format';
import { parseRegister } from '../../modules/register/register.import';
import { type NoticeLanguage, noticeLanguages } from '../../modules/register/register.model';
import { presetsDir, type RegisterModule } from '../../modules/register/register.module';
import { systemContext } from '../../platform/access';
import { createLogger } from '../../platform/logger';
import { loadConfig, openRuntime } from '../../platform/runtime';
import { CliUsageError } from '../cli-error';
import { runningServer, type ServerLock } from '../local-server';

/** Runs against the running server when it holds the embedded database, else opens it directly. */
async function withRegister<T>(
  direct: (m: RegisterModule, clinicId: string) => Promise<T>,
  slug: string,
  viaServer: (lock: ServerLock) => Promise<T>,
  missingClinic?: () => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const lock = runningServer(config);
  if (lock) return viaServer(lock);
  const rt = await openRuntime(config, { logger: createLogger('warn') });
  try {
    const services = createServices(rt);
    const clinic = await services.clinics.bySlug(slug).catch(() => null);
    if (!clinic && missingClinic) return await missingClinic();
    if (!clinic)
      throw new CliUsageError(`no clinic ${slug} (create it first, or run hoidja serve once for the demo clinic)`);
    return await direct(services.register, clinic.id);
  } finally {
    await rt.close();
  }
}

/** Asks the running server; its 4xx answers are the user's input, so they exit with code 2. */
async function ask(lock: ServerLock, path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${lock.port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hoidja-local-token': lock.token },
    body: JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as { message?: string };
  if (res.status >= 400 && res.status < 500) throw new CliUsageError(json.message ?? `refused (${res.status})`);
  if (!res.ok) throw new Error(`the running server failed: ${json.message ?? res.status}`);
  return json;
}

function write(out: string | undefined, body: string | Buffer) {
  if (out) writeFileSync(out, body);
  else process.stdout.write(body);
}

export function registerRegisterCommands(program: Command) {
  const register = program.command('register').description('the processing register (GDPR Art. 30)');

  register
    .command('import <file>')
    .description('import a register from YAML or JSON (presets/ has templates); a bad file changes nothing')
    .option('--clinic <slug>', 'the clinic (default: the slug in the file)')
    .action(async (file: string, opts: { clinic?: string }) => {
      if (!existsSync(file)) throw new CliUsageError(`no file ${file}`);
      const text = readFileSync(file, 'utf8');
      let slug = opts.clinic;
      if (!slug) {
        try {
          slug = (parseYaml(text) as { slug?: string } | null)?.slug;
        } catch {
          /* the import reports the syntax error with its line */
        }
      }
      if (!slug) throw new CliUsageError('name the clinic with --clinic SLUG');
      const r = await withRegister(
        (m, clinicId) => m.register.importText(systemContext(clinicId, 'cli'), text, basename(file)),
        slug,
        (lock) =>
          ask(lock, '/internal/register/import', { clinic: slug, text, file: basename(file) }) as Promise<{
            revision: number;
            purposes: number;
            warnings: string[];
          }>,
      );
      for (const w of r.warnings ?? []) process.stderr.write(`warning: ${w}\n`);
      process.stdout.write(
        `register of ${slug} imported from ${file}: revision ${r.revision}, ${r.purposes} purposes (publish it with hoidja register publish --clinic ${slug})\n`,
      );
    });

  register
    .command('export')
    .description('print the register in force as YAML or JSON')
    .requiredOption('--clinic <slug>', 'the clinic')
    .option('--format <format>', 'yaml or json', 'yaml')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (opts: { clinic: string; format: string; out?: string }) => {
      if (opts.format !== 'yaml' && opts.format !== 'json') throw new CliUsageError('--format must be yaml or json');
      const format = opts.format;
      const text = await withRegister(
        (m, clinicId) => m.register.exportText(systemContext(clinicId, 'cli'), format),
        opts.clinic,
        async (lock) =>
          ((await ask(lock, '/internal/register/export', { clinic: opts.clinic, format })) as { text: string }).text,
      );
      write(opts.out, text);
    });

  register
    .command('publish')
    .description('publish the register in force as the next privacy-notice version')
    .requiredOption('--clinic <slug>', 'the clinic')
    .option('--summary <text>', 'what changed, for the version list')
    .action(async (opts: { clinic: string; summary?: string }) => {
      const r = await withRegister(
        (m, clinicId) => m.register.publish(systemContext(clinicId, 'cli'), { summary: opts.summary }),
        opts.clinic,
        (lock) =>
          ask(lock, '/internal/register/publish', { clinic: opts.clinic, summary: opts.summary }) as Promise<{
            version: number;
          }>,
      );
      process.stdout.write(`privacy notice of ${opts.clinic} published as version ${r.version}\n`);
    });

  program
    .command('notice')
    .description(
      'print the privacy notice of a clinic (the published version, or the register in force before the first)',
    )
    .requiredOption('--clinic <slug>', 'the clinic')
    .option('--lang <lang>', noticeLanguages.join(', '), 'et')
    .option('--format <format>', noticeFormats.join(', '), 'md')
    .option('--out <file>', 'write to a file (needed for pdf on a terminal)')
    .action(async (opts: { clinic: string; lang: string; format: string; out?: string }) => {
      if (!(noticeLanguages as readonly string[]).includes(opts.lang))
        throw new CliUsageError(`--lang must be one of ${noticeLanguages.join(', ')}`);
      if (!(noticeFormats as readonly string[]).includes(opts.format))
        throw new CliUsageError(`--format must be one of ${noticeFormats.join(', ')}`);
      if (opts.format === 'pdf' && !opts.out && process.stdout.isTTY)
        throw new CliUsageError('a PDF goes to a file: add --out notice.pdf');
      const format = opts.format as NoticeFormat;
      const body = await withRegister(
        async (m) => {
          const found = await m.register.publicNotice(opts.clinic, opts.lang, { allowDraft: true });
          return (await renderNotice(found.notice, format)).body;
        },
        opts.clinic,
        async (lock) => {
          // The public page says the same; no token needed.
          const res = await fetch(
            `http://127.0.0.1:${lock.port}/clinics/${encodeURIComponent(opts.clinic)}/privacy?lang=${opts.lang}&format=${format}`,
          );
          if (res.status === 404) throw new CliUsageError(((await res.json()) as { message: string }).message);
          if (!res.ok) throw new Error(`the running server failed (${res.status})`);
          return format === 'pdf' ? Buffer.from(await res.arrayBuffer()) : await res.text();
        },
        // Before the demo clinic is first created (hoidja serve or hoidja demo), its notice comes from the preset itself.
        opts.clinic === DEMO_SLUG
          ? async () =>
              (
                await renderNotice(
                  buildNotice(
                    parseRegister(readFileSync(`${presetsDir}demo.yaml`, 'utf8'), 'presets/demo.yaml'),
                    opts.lang as NoticeLanguage,
                  ),
                  format,
                )
              ).body
          : undefined,
      );
      write(opts.out, body);
      if (opts.out) process.stderr.write(`notice written to ${opts.out}\n`);
    });
}
