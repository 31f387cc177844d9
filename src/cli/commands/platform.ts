import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { DEMO_SLUG, type DemoService } from '../../modules/demo/demo.service';
import { systemContext } from '../../platform/access';
import type { Checkpoint } from '../../platform/audit/audit.checkpoints';
import type { AuditService, VerifyResult } from '../../platform/audit/audit.service';
import { type Role, roles } from '../../platform/auth/auth.schema';
import type { AuthService } from '../../platform/auth/auth.service';
import { generatePassword } from '../../platform/auth/password';
import { systemClock, utcDate } from '../../platform/clock';
import { type Database, openDatabase } from '../../platform/db';
import type { App } from '../../platform/http/server';
import { migrationStatus } from '../../platform/migrate';
import { CliUsageError } from '../../platform/module';
import { loadConfig, openRuntime, pgliteDir, type Runtime } from '../../platform/runtime';
import { checkIdCode, guessIdCountry } from '../../rules/id-codes';
import type { CliHost, CliServices } from '../cli-host';
import { localServer, removeServerLock, runningServer, writeServerLock } from '../local-server';

/** What the platform's commands use of the composition. */
export interface PlatformCliServices extends CliServices {
  database: Database;
  auth: Pick<AuthService, 'createUser'>;
  audit: Pick<AuditService, 'verify' | 'checkpoint'>;
  demo: Pick<DemoService, 'seedClinic' | 'generatePatients'>;
}

export interface PlatformCommandsDeps<S extends PlatformCliServices> {
  host: CliHost<S>;
  /** src/app.ts `buildApp`, handed in by src/cli/main.ts (the only CLI file that imports the composition root). */
  buildApp: (deps: Runtime & { localToken: string }) => Promise<{ app: App; services: S }>;
}

export function registerPlatformCommands<S extends PlatformCliServices>(
  program: Command,
  { host, buildApp }: PlatformCommandsDeps<S>,
) {
  program
    .command('serve')
    .description('run the web app and API (and the background worker)')
    .action(async () => {
      const config = loadConfig();
      const held = runningServer(config);
      if (held) throw new CliUsageError(`hoidja serve is already running (pid ${held.pid}, port ${held.port})`);
      const rt = await openRuntime(config);
      const localToken = randomBytes(24).toString('base64url');
      const { app, services } = await buildApp({ ...rt, localToken });
      const seeded = await services.demo.seedClinic(config.HOIDJA_ADMIN_PASSWORD);
      await app.listen({ port: config.PORT, host: config.HOST });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.PORT;
      writeServerLock(config, { pid: process.pid, port, token: localToken });
      if (config.generatedSecrets.length) {
        process.stdout.write(
          `Demo secrets generated and kept in ${config.DATA_DIR}/secrets.json (set ${config.generatedSecrets.join(', ')} in production).\n`,
        );
      }
      if (seeded) {
        process.stdout.write(
          `\nDemo clinic created. Log in at http://localhost:${port}/ with\n  clinic:   ${DEMO_SLUG}\n  e-mail:   ${seeded.adminEmail}\n  password: ${seeded.adminPassword}\nThis password is shown only once.\n${staffLines(seeded.staff)}\n`,
        );
      }
      if (config.operatorTokenGenerated) {
        process.stdout.write(
          `Add a clinic at http://localhost:${port}/operator/clinics/new with the operator key ${config.OPERATOR_TOKEN} (kept in ${config.DATA_DIR}/secrets.json).\n`,
        );
      }
      process.stdout.write(`Hoidja is running on http://localhost:${port}/ (${rt.database.kind}); API docs at /docs\n`);
      const stop = async () => {
        removeServerLock(config);
        await app.close();
        await rt.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  program
    .command('migrate')
    .description('apply database migrations')
    .action(async () => {
      const rt = await host.openDirect('migrate');
      const status = await migrationStatus(rt.database);
      await rt.close();
      process.stdout.write(`${JSON.stringify({ database: rt.database.kind, ...status })}\n`);
    });

  program
    .command('demo')
    .description('create the demo clinic and add synthetic patients')
    .option('--patients <n>', 'how many synthetic patients to add', '0')
    .option('--clinic <slug>', 'clinic to add them to', DEMO_SLUG)
    .action(async (opts: { patients: string; clinic: string }) => {
      const n = Number(opts.patients);
      if (!Number.isInteger(n) || n < 0 || n > 1_000_000)
        throw new CliUsageError('--patients must be a whole number from 0 to 1000000');
      const config = loadConfig();
      let started = Date.now();
      const through = await host.run({
        viaServer: async (server) => {
          if (n > 0) await server.post('/internal/demo', { clinic: opts.clinic, patients: n });
          return ' (through the running server)';
        },
        direct: async (services) => {
          const seeded = await services.demo.seedClinic(config.HOIDJA_ADMIN_PASSWORD);
          if (seeded)
            process.stdout.write(
              `demo clinic created; admin ${seeded.adminEmail} password ${seeded.adminPassword}\n${staffLines(seeded.staff)}`,
            );
          const clinic = await host.clinicBySlug(services, opts.clinic);
          if (!clinic) throw host.noClinic(opts.clinic);
          if (n === 0) return '';
          const bar = new cliProgress.SingleBar(
            {
              format: 'patients [{bar}] {percentage}% {value}/{total} {eta}s left',
              stream: process.stderr,
              noTTYOutput: true,
              notTTYSchedule: 1000,
            },
            cliProgress.Presets.shades_classic,
          );
          started = Date.now();
          bar.start(n, 0);
          await services.demo.generatePatients(systemContext(clinic.id, 'cli'), n, (done) => bar.update(done));
          bar.stop();
          return '';
        },
      });
      process.stdout.write(
        `added ${n} synthetic patients to ${opts.clinic} in ${((Date.now() - started) / 1000).toFixed(1)} s${through}\n`,
      );
    });

  const user = program.command('user').description('staff accounts');
  user
    .command('add')
    .description('add a staff user (prints a generated password when none is given)')
    .requiredOption('--clinic <slug>', 'clinic slug')
    .requiredOption('--email <email>', 'login e-mail')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--roles <roles>', `comma-separated: ${roles.join(', ')}`)
    .option('--password <password>', 'at least 12 characters')
    .action(async (opts: { clinic: string; email: string; name: string; roles: string; password?: string }) => {
      const wanted = opts.roles
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean);
      const bad = wanted.find((r) => !(roles as readonly string[]).includes(r));
      if (bad || wanted.length === 0)
        throw new CliUsageError(`--roles: unknown role "${bad ?? ''}" (use ${roles.join(', ')})`);
      const password = opts.password ?? generatePassword(randomBytes);
      // A generated password is handed over: its holder chooses their own at the first login.
      const body = {
        clinic: opts.clinic,
        email: opts.email,
        fullName: opts.name,
        roles: wanted as Role[],
        password,
        mustChangePassword: !opts.password,
      };
      await host.forClinic(opts.clinic, {
        viaServer: (server) => server.post('/internal/users', body),
        direct: (services, ctx) => services.auth.createUser(ctx, body),
      });
      process.stdout.write(
        `user ${opts.email} added to ${opts.clinic}${opts.password ? '' : `; password: ${password} (a new one is asked at the first login)`}\n`,
      );
    });

  const audit = program.command('audit').description('audit log');
  audit
    .command('verify')
    .description(
      'walk every lane of the hash chain, check archive anchors and signed checkpoints; name the first broken link',
    )
    .option('--checkpoints <file...>', 'checkpoint files kept elsewhere (copies, mailed ones) to check as well')
    .action(async (opts: { checkpoints?: string[] }) => {
      const extraCheckpoints = (opts.checkpoints ?? []).map((f) => {
        if (!existsSync(f)) throw new CliUsageError(`no file ${f}`);
        return resolve(f);
      });
      const r = (await host.run({
        viaServer: (server) => server.post('/internal/audit/verify', { extraCheckpoints }),
        direct: (services) => services.audit.verify(services.database.db, { extraCheckpoints }),
      })) as VerifyResult;
      for (const w of r.warnings ?? []) process.stderr.write(`warning: ${w}\n`);
      const signed = r.checkpoints ? `, ${r.checkpoints.checked} clinic(s) against a signed checkpoint` : '';
      if (r.ok) process.stdout.write(`audit chain intact: ${r.checked} events checked${signed}\n`);
      else {
        process.stdout.write(
          `audit chain BROKEN at clinic ${r.firstBroken!.clinicId} event ${r.firstBroken!.seq}: ${r.firstBroken!.problem} (${r.checked} events before it are intact)\n`,
        );
        process.exitCode = 1;
      }
    });
  audit
    .command('checkpoint')
    .description(
      'sign the head of every lane of every clinic now and print the checkpoints (keep a copy away from the server)',
    )
    .action(async () => {
      const written = (await host.run({
        viaServer: (server) => server.post('/internal/audit/checkpoint'),
        direct: (services) => services.audit.checkpoint(services.database.db),
      })) as Checkpoint[];
      for (const c of written) process.stdout.write(`${JSON.stringify(c)}\n`);
      process.stderr.write(`${written.length} checkpoint(s) signed and appended to the checkpoint directory\n`);
    });

  program
    .command('backup <file>')
    .description('consistent snapshot of the embedded database (also while the server runs)')
    .action(async (file: string) => {
      const config = loadConfig();
      if (config.DATABASE_URL) throw new CliUsageError('with DATABASE_URL, back up the PostgreSQL server with pg_dump');
      const lock = runningServer(config);
      let data: Buffer;
      if (lock)
        data = Buffer.from(await (await localServer(lock).fetch('/internal/backup', { method: 'POST' })).arrayBuffer());
      else {
        if (!existsSync(pgliteDir(config))) throw new CliUsageError(`no embedded database in ${config.DATA_DIR}`);
        const db = await openDatabase({ dataDir: pgliteDir(config) });
        data = Buffer.from(await (await db.pglite!.dumpDataDir('gzip')).arrayBuffer());
        await db.close();
      }
      writeFileSync(file, data, { mode: 0o600 });
      process.stdout.write(
        `backup written to ${file} (${(data.length / 1024 / 1024).toFixed(1)} MiB); keep the encryption keys (secrets.json or your environment) separately\n`,
      );
    });

  program
    .command('restore <file>')
    .description('restore a backup into an empty data directory')
    .action(async (file: string) => {
      const config = loadConfig();
      if (config.DATABASE_URL)
        throw new CliUsageError('with DATABASE_URL, restore the PostgreSQL server with pg_restore');
      if (runningServer(config)) throw new CliUsageError('stop hoidja serve before restoring');
      if (!existsSync(file)) throw new CliUsageError(`no file ${file}`);
      const dir = pgliteDir(config);
      if (existsSync(dir) && readdirSync(dir).length > 0)
        throw new CliUsageError(`${dir} is not empty: restore only into an empty data directory`);
      const db = await openDatabase({ dataDir: dir, loadDataDir: new Blob([readFileSync(file)]) });
      const [{ n }] = await db.raw.query<{ n: string }>('select count(*)::text as n from patients');
      await db.close();
      process.stdout.write(`restored into ${dir}: ${n} patients\n`);
    });

  program
    .command('id-code')
    .description('national ID codes')
    .command('check <code>')
    .description('validate an Estonian or Latvian ID code; prints JSON')
    .option('--country <country>', 'EE or LV (guessed when omitted)')
    .action((code: string, opts: { country?: string }) => {
      const country = opts.country?.toUpperCase();
      if (country && country !== 'EE' && country !== 'LV') throw new CliUsageError('--country must be EE or LV');
      const today = utcDate(systemClock);
      const r = checkIdCode(code, (country as 'EE' | 'LV') ?? guessIdCountry(code, today), today);
      if (!r.valid) {
        process.stdout.write(`${JSON.stringify({ valid: false, reason: r.reason })}\n`);
        process.exitCode = 2;
        return;
      }
      const out: Record<string, unknown> = { valid: true, country: r.country, birthDate: r.birthDate, sex: r.sex };
      if (r.warning) out.warning = r.warning;
      process.stdout.write(`${JSON.stringify(out)}\n`);
    });
}

/** The demo's colleagues and their one-time passwords (each is changed at its first login), shown once. */
function staffLines(staff: { email: string; fullName: string; password: string }[]): string {
  if (staff.length === 0) return '';
  const width = Math.max(...staff.map((u) => u.email.length));
  return `Colleagues (a new password is asked at the first login):\n${staff
    .map((u) => `  ${u.email.padEnd(width)}  ${u.password}  (${u.fullName})\n`)
    .join('')}`;
}
