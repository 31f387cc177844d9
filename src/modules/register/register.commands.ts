import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { CliUsageError, type ModuleCli } from '../../platform/module';
import { DEMO_SLUG } from '../demo/demo.service';
import { buildNotice } from '../notices/notice.build';
import { type NoticeFormat, noticeFormats, renderNotice } from '../notices/notice.format';
import { parseRegister } from './register.import';
import { type NoticeLanguage, noticeLanguages } from './register.model';
import { presetsDir } from './register.presets';
import type { RegisterService } from './register.service';

function write(out: string | undefined, body: string | Buffer) {
  if (out) writeFileSync(out, body);
  else process.stdout.write(body);
}

/** `hoidja register import|export|publish` and `hoidja notice`. */
export function registerCommands(program: Command, cli: ModuleCli<{ register: RegisterService }>) {
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
      const clinic = slug;
      const r = await cli.forClinic(clinic, {
        direct: (s, ctx) => s.register.importText(ctx, text, basename(file)),
        viaServer: (server) =>
          server.post<{ revision: number; purposes: number; warnings: string[] }>('/internal/register/import', {
            clinic,
            text,
            file: basename(file),
          }),
      });
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
      const text = await cli.forClinic(opts.clinic, {
        direct: (s, ctx) => s.register.exportText(ctx, format),
        viaServer: async (server) =>
          (await server.post<{ text: string }>('/internal/register/export', { clinic: opts.clinic, format })).text,
      });
      write(opts.out, text);
    });

  register
    .command('publish')
    .description('publish the register in force as the next privacy-notice version')
    .requiredOption('--clinic <slug>', 'the clinic')
    .option('--summary <text>', 'what changed, for the version list')
    .action(async (opts: { clinic: string; summary?: string }) => {
      const r = await cli.forClinic(opts.clinic, {
        direct: (s, ctx) => s.register.publish(ctx, { summary: opts.summary }),
        viaServer: (server) =>
          server.post<{ version: number }>('/internal/register/publish', {
            clinic: opts.clinic,
            summary: opts.summary,
          }),
      });
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
      const lang = opts.lang as NoticeLanguage;
      const body = await cli.forClinic(opts.clinic, {
        direct: async (s) => {
          const found = await s.register.publicNotice(opts.clinic, lang, { allowDraft: true });
          return (await renderNotice(found.notice, format)).body;
        },
        // The public page says the same; no token needed.
        viaServer: async (server) => {
          const res = await server.fetch(
            `/clinics/${encodeURIComponent(opts.clinic)}/privacy?lang=${lang}&format=${format}`,
          );
          return format === 'pdf' ? Buffer.from(await res.arrayBuffer()) : await res.text();
        },
        // Before the demo clinic is first created (hoidja serve or hoidja demo), its notice comes from the preset itself.
        missingClinic:
          opts.clinic === DEMO_SLUG
            ? async () => {
                const parsed = parseRegister(readFileSync(`${presetsDir}demo.yaml`, 'utf8'), 'presets/demo.yaml');
                return (await renderNotice(buildNotice(parsed, lang), format)).body;
              }
            : undefined,
      });
      write(opts.out, body);
      if (opts.out) process.stderr.write(`notice written to ${opts.out}\n`);
    });
}
