/**
 * Integration-test harness: every test file gets a fresh, migrated database of its own — PGlite
 * (TEST_DB=pglite, the default) or a new database on the throwaway PostgreSQL server that
 * scripts/test.sh starts (TEST_DB=postgres, TEST_DATABASE_URL) — created from a migrated template.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildApp, type Services } from '../src/app';
import { estonianCheckDigit } from '../src/modules/demo/synthetic';
import { systemContext } from '../src/platform/access';
import type { Role } from '../src/platform/auth/auth.schema';
import { type Clock, fixedClock, systemClock } from '../src/platform/clock';
import { type Config, parseConfig } from '../src/platform/config';
import { createFieldCipher } from '../src/platform/crypto';
import { type Database, openDatabase } from '../src/platform/db';
import type { App } from '../src/platform/http/server';
import { createLogger, type Logger } from '../src/platform/logger';
import { grantApplicationRole, migrationsFolder, runMigrations } from '../src/platform/migrate';
import { generateSecrets } from '../src/platform/secrets';

export const testDbKind = (process.env.TEST_DB ?? 'pglite') as 'pglite' | 'postgres';

function migrationsHash(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(migrationsFolder)
    .filter((f) => f.endsWith('.sql'))
    .sort())
    h.update(f).update(readFileSync(join(migrationsFolder, f)));
  return h.digest('hex').slice(0, 12);
}

const cacheDir = join(process.cwd(), '.tmp');

/** A PGlite started from a cached, migrated tarball (migrating from scratch takes seconds). */
async function freshPglite(): Promise<Database> {
  const file = join(cacheDir, `pglite-template-${migrationsHash()}.tar.gz`);
  if (existsSync(file)) return openDatabase({ loadDataDir: new Blob([readFileSync(file)]) });
  const db = await openDatabase({});
  await runMigrations(db);
  mkdirSync(cacheDir, { recursive: true });
  const tmp = `${file}.${process.pid}`;
  writeFileSync(tmp, Buffer.from(await (await db.pglite!.dumpDataDir('gzip')).arrayBuffer()));
  renameSync(tmp, file);
  return db;
}

/** The application's role in tests, as in production: it owns nothing (see grantApplicationRole). */
const APP_ROLE = 'hoidja_app';

async function freshPostgres(): Promise<FreshDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl)
    throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL (scripts/test.sh starts a throwaway server)');
  const template = `hoidja_tpl_${migrationsHash()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock(4242)');
    const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
    if (exists.rowCount === 0) {
      await admin.query(`create database ${template}`);
      const url = new URL(adminUrl);
      url.pathname = `/${template}`;
      const tpl = await openDatabase({ url: url.toString(), poolSize: 1 });
      await runMigrations(tpl);
      await tpl.close();
    }
    const name = `hoidja_t_${randomBytes(6).toString('hex')}`;
    // Creating from a template needs it idle; the lock keeps other test files from copying at the same moment.
    await admin.query(`create database ${name} template ${template}`);
    await admin.query('select pg_advisory_unlock(4242)');
    await admin.query(
      `do $$ begin create role ${APP_ROLE} login password '${APP_ROLE}'; exception when duplicate_object then null; end $$`,
    );
    const ownerUrl = new URL(adminUrl);
    ownerUrl.pathname = `/${name}`;
    const owner = await openDatabase({ url: ownerUrl.toString(), poolSize: 1 });
    await grantApplicationRole(owner, APP_ROLE);
    const url = new URL(ownerUrl);
    url.username = APP_ROLE;
    url.password = APP_ROLE;
    const database = await openDatabase({ url: url.toString(), poolSize: 20 });
    return {
      database,
      url: url.toString(),
      ownerUrl: ownerUrl.toString(),
      admin: owner.raw.query,
      owner,
      drop: async () => {
        await owner.close();
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
        await c.end();
      },
    };
  } finally {
    await admin.end();
  }
}

export interface FreshDatabase {
  /** The application's connection (on PostgreSQL: the narrower role that owns nothing). */
  database: Database;
  drop: () => Promise<void>;
  /** PostgreSQL only: the application's and the owner's addresses (DATABASE_URL, DATABASE_OWNER_URL). */
  url?: string;
  ownerUrl?: string;
  /** SQL as the owner (or, on PGlite, the only user): for tests that tamper as an insider would. */
  admin: Database['raw']['query'];
  /** The owner's connection itself, for tamper steps that need a transaction. */
  owner: Database;
}

export async function freshDatabase(): Promise<FreshDatabase> {
  if (testDbKind === 'postgres') return freshPostgres();
  const database = await freshPglite();
  return { database, drop: async () => undefined, admin: database.raw.query, owner: database };
}

// Tests turn the operator API on only where they test it (the demo's generated key stays out).
const { OPERATOR_TOKEN: _demoOperatorKey, ...testSecrets } = generateSecrets();
// Mail written by the development mailer (.eml files) stays out of the working tree.
const testDataDir = mkdtempSync(join(tmpdir(), 'hoidja-test-data-'));
export function testConfig(overrides: Record<string, string> = {}): Config {
  return parseConfig(
    { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: testDataDir, ...testSecrets, ...overrides },
    () => testSecrets,
  );
}

export interface TestApp {
  app: App;
  services: Services;
  database: Database;
  /** SQL as the database owner: what an insider with database rights could do. */
  admin: Database['raw']['query'];
  owner: Database;
  config: Config;
  clock: Clock;
  close(): Promise<void>;
}

/** A whole Hoidja on a fresh database, in process; requests go through `app.inject`. */
export async function createTestApp(
  opts: { clock?: Clock; config?: Record<string, string>; start?: string; logger?: Logger } = {},
): Promise<TestApp> {
  const { database, drop, admin, owner } = await freshDatabase();
  // Each app signs its own audit checkpoints: another database's clinics are not this one's.
  const config = testConfig({
    AUDIT_CHECKPOINT_DIR: mkdtempSync(join(tmpdir(), 'hoidja-checkpoints-')),
    ...opts.config,
  });
  const clock = opts.clock ?? (opts.start ? fixedClock(opts.start) : systemClock);
  const cipher = createFieldCipher(
    config.FIELD_ENCRYPTION_KEYS,
    config.FIELD_ENCRYPTION_ACTIVE_KEY,
    config.SEARCH_HASH_KEY,
  );
  const { app, services } = await buildApp({
    config,
    database,
    clock,
    logger: opts.logger ?? createLogger((process.env.TEST_LOG_LEVEL as 'silent' | undefined) ?? 'silent'),
    cipher,
  });
  await app.ready();
  return {
    app,
    services,
    database,
    admin,
    owner,
    config,
    clock,
    close: async () => {
      await app.close();
      await database.close();
      await drop();
    },
  };
}

export const TEST_PASSWORD = 'correct horse battery staple';

export interface Agent {
  user: { id: string; email: string; roles: Role[] };
  csrfToken: string;
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  get(url: string, headers?: Record<string, string>): ReturnType<Agent['request']>;
  post(url: string, body?: unknown, headers?: Record<string, string>): ReturnType<Agent['request']>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): ReturnType<Agent['request']>;
}

/** Logs in through the real endpoint and keeps the cookie and CSRF token like a browser would. */
export async function login(app: App, clinic: string, email: string, password = TEST_PASSWORD): Promise<Agent> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { clinic, email, password } });
  if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'hoidja_session')!;
  const body = res.json() as { user: Agent['user']; csrfToken: string };
  const request: Agent['request'] = async (method, url, payload, headers = {}) => {
    const r = await app.inject({
      method: method as 'GET',
      url,
      payload: payload as never,
      headers: { cookie: `hoidja_session=${cookie.value}`, 'x-csrf-token': body.csrfToken, ...headers },
    });
    let parsed: unknown = r.body;
    try {
      parsed = r.json();
    } catch {
      /* not JSON */
    }
    return { status: r.statusCode, body: parsed, headers: r.headers as Record<string, unknown> };
  };
  return {
    user: body.user,
    csrfToken: body.csrfToken,
    request,
    get: (url, h) => request('GET', url, undefined, h),
    post: (url, b, h) => request('POST', url, b ?? {}, h),
    patch: (url, b, h) => request('PATCH', url, b ?? {}, h),
  };
}

export interface TestClinic {
  id: string;
  slug: string;
  staff: Record<'admin' | 'receptionist' | 'doctor' | 'doctor2' | 'accountant' | 'dpo', { id: string; email: string }>;
  as(who: keyof TestClinic['staff']): Promise<Agent>;
}

/** A clinic with one user per role (and a second doctor), all with TEST_PASSWORD. */
export async function createClinic(t: TestApp, slug: string, country: 'EE' | 'LV' = 'EE'): Promise<TestClinic> {
  const clinic = await t.services.clinics.create({
    slug,
    name: `Clinic ${slug}`,
    country,
    registryCode: '10000000',
    addresses: [{ street: 'Ravi 7', city: country === 'EE' ? 'Tallinn' : 'Rīga', postalCode: '10134', country }],
    contacts: { email: `info@${slug}.example`, phone: '+3726000001' },
  });
  const ctx = systemContext(clinic.id, 'cli');
  const roles: Record<keyof TestClinic['staff'], Role[]> = {
    admin: ['admin'],
    receptionist: ['receptionist'],
    doctor: ['doctor'],
    doctor2: ['doctor'],
    accountant: ['accountant'],
    dpo: ['dpo'],
  };
  const staff = {} as TestClinic['staff'];
  for (const [key, r] of Object.entries(roles)) {
    const email = `${key}@${slug}.example`;
    const { id } = await t.services.auth.createUser(ctx, {
      email,
      fullName: `${key} of ${slug}`,
      roles: r,
      password: TEST_PASSWORD,
    });
    staff[key as keyof TestClinic['staff']] = { id, email };
  }
  const agents = new Map<string, Agent>();
  return {
    id: clinic.id,
    slug,
    staff,
    as: async (who) => {
      if (!agents.has(who)) agents.set(who, await login(t.app, slug, staff[who].email));
      return agents.get(who)!;
    },
  };
}

/** A valid patient registration body; override what a test cares about. */
export function patientBody(overrides: Record<string, unknown> = {}) {
  return {
    firstName: 'Mari',
    lastName: 'Tamm',
    identity: { kind: 'national', country: 'EE', code: '46805280103' },
    mobile: '5123 4567',
    email: 'mari.tamm@example.org',
    preferredLanguage: 'et',
    address: { street: 'Pikk 1', city: 'Tallinn', postalCode: '10123', country: 'EE' },
    insurance: { status: 'insured', insurer: 'Tervisekassa' },
    ...overrides,
  };
}

/** A valid Estonian ID code from its first ten digits (test data; the rule itself is tested on DESIGN.md's codes). */
export const eeCode = (first10: string) => `${first10}${estonianCheckDigit(first10)}`;
