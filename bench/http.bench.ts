/**
 * `npm run bench -- http`: what a user feels. Hoidja's server runs in its own process (`hoidja
 * serve`), autocannon loads it from this one, and a minimal Fastify with the same driver and SQL
 * (bench/floor-server.ts, no session, no access check, no audit) is measured in the same run: the
 * framework's floor. The three servers (Hoidja audited, Hoidja with HOIDJA_AUDIT=off, the floor)
 * run side by side and are loaded in turns, BENCH_HTTP_ROUNDS (4) short bursts each, so that a
 * neighbour's load falls on all three alike. Each row: req/s, p50, p99 and the ratio to its floor;
 * on PostgreSQL also the statements per request (pg_stat_statements). BENCH_HTTP_PATIENTS (20 000), BENCH_HTTP_SECONDS (8);
 * BENCH_HTTP_CPU_PROF=DIR writes a CPU profile of each Hoidja server (node --cpu-prof) into DIR.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { estonianCheckDigit } from '../src/modules/demo/synthetic';
import { createFieldCipher } from '../src/platform/crypto';
import { type BenchContext, type Benchmark, type BenchRow, createDatabase, round } from './lib';

const PATIENTS = Number(process.env.BENCH_HTTP_PATIENTS ?? 20_000);
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 8);
const CONNECTIONS = 16;
const PROFILE_DIR = process.env.BENCH_HTTP_CPU_PROF;
const ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS ?? 4);
const PASSWORD = 'benchmark admin password';
const root = join(import.meta.dirname, '..');

function hoidja(env: NodeJS.ProcessEnv, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], {
    env,
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (r.status !== 0) throw new Error(`hoidja ${args.join(' ')} failed: ${r.stderr}`);
}

/** Starts a process that prints a line when it is ready; resolves with that line and the process. */
function startProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  nodeFlags: string[] = [],
): Promise<{ proc: ChildProcess; line: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(ready);
      if (m) resolve({ proc, line: m[0] });
    });
    proc.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
    });
    proc.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${err.slice(-2000)}`)));
  });
}

async function stop(proc: ChildProcess) {
  if (proc.exitCode !== null) return;
  proc.removeAllListeners('exit');
  const gone = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
  if (proc.exitCode === null) proc.kill('SIGKILL');
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

interface Req {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** A new body for every request (a write that must not repeat itself, e.g. a registration). */
  nextBody?: () => string;
}

const jsonHeader = (req: Req): Record<string, string> =>
  req.body || req.nextBody ? { 'content-type': 'application/json' } : {};

/** Warm up (JIT, prepared plans, PGlite opening its files): the first seconds are not the steady state. */
async function warm(req: Req) {
  for (let i = 0; i < 30; i++) {
    const res = await fetch(req.url, {
      method: req.method ?? 'GET',
      headers: { ...jsonHeader(req), ...req.headers },
      body: req.nextBody ? req.nextBody() : req.body,
    });
    if (!res.ok) throw new Error(`warm-up of ${req.url} answered ${res.status}: ${await res.text()}`);
  }
}

async function burst(req: Req, seconds: number): Promise<Load> {
  const r = await autocannon({
    url: req.url,
    method: req.method ?? 'GET',
    headers: { ...jsonHeader(req), ...req.headers },
    body: req.body,
    ...(req.nextBody
      ? { requests: [{ setupRequest: (q: autocannon.Request) => ({ ...q, body: req.nextBody!() }) }] }
      : {}),
    connections: CONNECTIONS,
    duration: seconds,
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

type Side = 'on' | 'off' | 'floor';
/**
 * Hoidja audited, Hoidja with audit off and the floor, measured in ROUNDS short bursts each, taking
 * turns (the order rotates): a neighbour's load falls on all three alike, so their ratios hold on a
 * shared machine. Per side: mean req/s of the bursts, median p50 and p99, all errors.
 */
async function compare(reqs: Record<Side, Req>): Promise<Record<Side, Load>> {
  const sides: Side[] = ['on', 'off', 'floor'];
  for (const side of sides) await warm(reqs[side]);
  const bursts: Record<Side, Load[]> = { on: [], off: [], floor: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (let i = 0; i < sides.length; i++) {
      const side = sides[(i + r) % sides.length]!;
      bursts[side].push(await burst(reqs[side], Math.max(1, Math.round(SECONDS / ROUNDS))));
    }
  }
  const sum = (side: Side): Load => ({
    rps: bursts[side].reduce((n, b) => n + b.rps, 0) / ROUNDS,
    p50: median(bursts[side].map((b) => b.p50)),
    p99: median(bursts[side].map((b) => b.p99)),
    errors: bursts[side].reduce((n, b) => n + b.errors, 0),
  });
  return { on: sum('on'), off: sum('off'), floor: sum('floor') };
}

/** Valid Estonian ID codes nobody in the demo has: born in the 1930s, serial numbers from 900 up. */
let registered = 0;
function newIdCode(): string {
  const n = registered++;
  const day = new Date(Date.UTC(1930, 0, 1) + Math.floor(n / 100) * 86_400_000);
  const ymd = day.toISOString().slice(2, 10).replaceAll('-', '');
  const first10 = `${n % 2 ? 3 : 4}${ymd}${900 + (n % 100)}`;
  return `${first10}${estonianCheckDigit(first10)}`;
}
const registration = () =>
  JSON.stringify({
    firstName: 'Koormus',
    lastName: `Test${registered}`,
    identity: { kind: 'national', country: 'EE', code: newIdCode() },
    preferredLanguage: 'et',
  });

async function login(base: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clinic: 'demo', email: 'admin@demo.hoidja.ee', password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login failed (${res.status}): ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

async function statementsPerRequest(adminUrl: string | null, fn: () => Promise<number>): Promise<number | null> {
  if (!adminUrl) return null;
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  const total = async () =>
    Number((await c.query(`select coalesce(sum(calls), 0)::text as n from pg_stat_statements`)).rows[0].n);
  const before = await total();
  const requests = await fn();
  const after = await total();
  await c.end();
  // The two look-ups of the counter itself are not the server's.
  return round((after - before - 1) / requests, 1);
}

async function measureKind(ctx: BenchContext, kind: 'postgres' | 'pglite'): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), `hoidja-bench-http-${kind}-`));
  let databaseUrl: string | undefined;
  let statsUrl: string | null = null;
  if (kind === 'postgres') {
    const admin = await ctx.postgresUrl();
    databaseUrl = await createDatabase(admin, 'hoidja_bench_http');
    statsUrl = databaseUrl;
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    await c.query('create extension if not exists pg_stat_statements').catch(() => {
      statsUrl = null;
    });
    await c.end();
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    WORKER: 'off',
    HOIDJA_ADMIN_PASSWORD: PASSWORD,
    DATABASE_POOL_SIZE: String(CONNECTIONS),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  delete env.DATABASE_OWNER_URL;
  ctx.log(`${kind}: seeding the demo clinic with ${PATIENTS} patients`);
  hoidja(env, 'demo', '--patients', String(PATIENTS));
  const rows: BenchRow[] = [];
  const copies: string[] = [];
  const procs: ChildProcess[] = [];
  try {
    // All three servers run side by side. One process at a time holds an embedded database, so on
    // PGlite the audit-off server and the floor each get a copy of the seeded one.
    const copy = (from: string) => {
      const to = mkdtempSync(join(tmpdir(), `hoidja-bench-http-${kind}-copy-`));
      cpSync(from, to, { recursive: true });
      copies.push(to);
      return to;
    };
    const offDataDir = databaseUrl ? dataDir : copy(dataDir);
    const floorEnv = {
      ...process.env,
      ...(databaseUrl ? { FLOOR_DATABASE_URL: databaseUrl } : { FLOOR_PGLITE_DIR: join(copy(dataDir), 'pglite') }),
    };
    const serve = async (audit: 'on' | 'off') => {
      const s = await startProcess(
        [join(root, 'src/cli/main.ts'), 'serve'],
        { ...env, DATA_DIR: audit === 'on' ? dataDir : offDataDir, PORT: '0', HOIDJA_AUDIT: audit },
        /running on http:\/\/localhost:(\d+)\//,
        PROFILE_DIR
          ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR, '--cpu-prof-name', `${kind}-audit-${audit}.cpuprofile`]
          : [],
      );
      procs.push(s.proc);
      const port = s.line.match(/:(\d+)\//)![1];
      return `http://127.0.0.1:${port}`;
    };
    const bases = { on: await serve('on'), off: await serve('off') };
    const floorProc = await startProcess([join(root, 'bench/floor-server.ts')], floorEnv, /^\d+$/m);
    procs.push(floorProc.proc);
    const floor = `http://127.0.0.1:${floorProc.line.trim()}`;

    const sessions = { on: await login(bases.on), off: await login(bases.off) };
    const headersOf = (side: 'on' | 'off') => ({
      cookie: sessions[side].cookie,
      'x-csrf-token': sessions[side].csrfToken,
    });
    const found = (await (
      await fetch(`${bases.on}/api/patients/search`, {
        method: 'POST',
        headers: { ...headersOf('on'), 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'tam' }),
      })
    ).json()) as { items: { id: string }[] };
    const patientId = found.items[0]!.id;
    const me = (await (await fetch(`${bases.on}/api/auth/me`, { headers: headersOf('on') })).json()) as {
      user: { clinicId: string };
    };
    const clinicId = me.user.clinicId;
    const record = (await (
      await fetch(`${bases.on}/api/patients/${patientId}`, { headers: headersOf('on') })
    ).json()) as { patient: { identity: { code?: string } } };
    const idCode = record.patient.identity.code ?? '';
    const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'));
    const cipher = createFieldCipher(secrets.FIELD_ENCRYPTION_KEYS.split(','), 'k1', secrets.SEARCH_HASH_KEY);
    const now = Date.now();
    const week = {
      from: new Date(now - 86_400_000).toISOString(),
      to: new Date(now + 7 * 86_400_000).toISOString(),
    };

    /** Each endpoint as Hoidja answers it (audited and not) and as the floor does. */
    const hoidjaReq = (side: 'on' | 'off'): Record<string, Req> => {
      const base = bases[side];
      const headers = headersOf(side);
      const search = (query: string): Req => ({
        url: `${base}/api/patients/search`,
        method: 'POST',
        headers,
        body: JSON.stringify({ query }),
      });
      return {
        read: { url: `${base}/api/patients/${patientId}`, headers },
        search: search('tam'),
        idcode: search(idCode),
        register: { url: `${base}/api/patients`, method: 'POST', headers, nextBody: registration },
        queue: { url: `${base}/api/queue/entries?from=${week.from}&to=${week.to}`, headers },
      };
    };
    const floorReq: Record<string, Req> = {
      read: { url: `${floor}/floor/patients/${clinicId}/${patientId}` },
      search: { url: `${floor}/floor/search/${clinicId}/tam` },
      idcode: { url: `${floor}/floor/id-code/${clinicId}/${cipher.searchHash(idCode)}` },
      register: {
        url: `${floor}/floor/patients/${clinicId}`,
        method: 'POST',
        nextBody: () =>
          JSON.stringify({ firstName: 'Koormus', lastName: `Floor${registered}`, code: `floor-${newIdCode()}` }),
      },
      queue: {
        url: `${floor}/floor/queue/${clinicId}?from=${encodeURIComponent(week.from)}&to=${encodeURIComponent(week.to)}`,
      },
    };
    const on = hoidjaReq('on');
    const off = hoidjaReq('off');

    const statements: Record<string, number | null> = {};
    if (statsUrl) {
      for (const name of ['read', 'search', 'idcode', 'queue']) {
        const req = on[name]!;
        statements[name] = await statementsPerRequest(statsUrl, async () => {
          for (let i = 0; i < 50; i++) {
            const r = await fetch(req.url, {
              method: req.method ?? 'GET',
              headers: { ...jsonHeader(req), ...req.headers },
              body: req.body,
            });
            await r.arrayBuffer();
          }
          return 50;
        });
      }
    }
    const results: Record<string, Record<Side, Load>> = {};
    for (const name of ['read', 'search', 'idcode', 'register', 'queue']) {
      ctx.log(`${kind}: ${name}`);
      results[name] = await compare({ on: on[name]!, off: off[name]!, floor: floorReq[name]! });
    }

    const row = (name: string, ours: Load, floorLoad: Load, extra: Record<string, unknown> = {}): BenchRow => ({
      name: `http.${name}.${kind}`,
      value: round(ours.rps, 1),
      unit: 'req/s',
      baseline: round(floorLoad.rps, 1),
      ratio: round(ours.rps / floorLoad.rps),
      p50: ours.p50,
      p99: ours.p99,
      floorP50: floorLoad.p50,
      errors: ours.errors,
      ...extra,
    });
    const labels: Record<string, string> = {
      read: 'patient_read',
      search: 'patient_search_name',
      idcode: 'patient_search_id_code',
      register: 'patient_register',
      queue: 'queue_list',
    };
    for (const [key, label] of Object.entries(labels)) {
      const r = results[key]!;
      rows.push(
        row(label, r.on, r.floor, key in statements ? { statementsPerRequest: statements[key] } : {}),
        row(`${label}_audit_off`, r.off, r.floor),
      );
    }
    for (const key of ['read', 'register']) {
      const r = results[key]!;
      rows.push({
        name: `http.audited_vs_off.${labels[key]}.${kind}`,
        value: round(r.on.rps, 1),
        unit: 'req/s',
        baseline: round(r.off.rps, 1),
        ratio: round(r.on.rps / r.off.rps),
      });
    }
  } finally {
    for (const p of procs) await stop(p);
    for (const d of [dataDir, ...copies]) rmSync(d, { recursive: true, force: true });
  }
  return rows;
}

export const benchmark: Benchmark = {
  name: 'http',
  description: `Hoidja's server in its own process under autocannon (${CONNECTIONS} connections, ${SECONDS} s) against a minimal Fastify with the same SQL`,
  async run(ctx) {
    return [...(await measureKind(ctx, 'postgres')), ...(await measureKind(ctx, 'pglite'))];
  },
};
