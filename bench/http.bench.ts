/**
 * `npm run bench -- http`: what a user feels. Hoidja's server runs in its own process (`hoidja
 * serve`), autocannon loads it from this one, and a minimal Fastify with the same driver and SQL
 * (bench/floor-server.ts, no session, no access check, no audit) is measured in the same run: the
 * framework's floor. Each row: req/s, p50, p99 and the ratio to its floor; on PostgreSQL also the
 * statements per request (pg_stat_statements). BENCH_HTTP_PATIENTS (20 000), BENCH_HTTP_SECONDS (8).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { type BenchContext, type Benchmark, type BenchRow, createDatabase, round } from './lib';

const PATIENTS = Number(process.env.BENCH_HTTP_PATIENTS ?? 20_000);
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 8);
const CONNECTIONS = 16;
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
): Promise<{ proc: ChildProcess; line: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
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

async function load(opts: {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}): Promise<Load> {
  // Warm up first (JIT, prepared plans, PGlite opening its files): the first seconds are not the steady state.
  for (let i = 0; i < 30; i++) {
    const res = await fetch(opts.url, {
      method: opts.method ?? 'GET',
      headers: { ...(opts.body ? { 'content-type': 'application/json' } : {}), ...opts.headers },
      body: opts.body,
    });
    if (!res.ok) throw new Error(`warm-up of ${opts.url} answered ${res.status}: ${await res.text()}`);
  }
  const r = await autocannon({
    url: opts.url,
    method: opts.method ?? 'GET',
    headers: { ...(opts.body ? { 'content-type': 'application/json' } : {}), ...opts.headers },
    body: opts.body,
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
  };
}

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
  try {
    // One process at a time holds the embedded database: Hoidja's server, then the floor.
    const floorEnv = {
      ...process.env,
      ...(databaseUrl ? { FLOOR_DATABASE_URL: databaseUrl } : { FLOOR_PGLITE_DIR: join(dataDir, 'pglite') }),
    };
    const results: Record<string, Load> = {};
    const serve = async (audit: 'on' | 'off') => {
      const s = await startProcess(
        [join(root, 'src/cli/main.ts'), 'serve'],
        { ...env, PORT: '0', HOIDJA_AUDIT: audit },
        /running on http:\/\/localhost:(\d+)\//,
      );
      const port = s.line.match(/:(\d+)\//)![1];
      return { proc: s.proc, base: `http://127.0.0.1:${port}` };
    };

    // Hoidja, audited, then with HOIDJA_AUDIT=off.
    let patientId = '';
    let clinicId = '';
    for (const audit of ['on', 'off'] as const) {
      const server = await serve(audit);
      try {
        const { cookie, csrfToken } = await login(server.base);
        const headers = { cookie, 'x-csrf-token': csrfToken };
        if (!patientId) {
          const found = await fetch(`${server.base}/api/patients/search`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify({ query: 'tam' }),
          });
          const body = (await found.json()) as { items: { id: string }[] };
          patientId = body.items[0]!.id;
          const me = (await (await fetch(`${server.base}/api/auth/me`, { headers })).json()) as {
            user: { clinicId: string };
          };
          clinicId = me.user.clinicId;
        }
        const read = { url: `${server.base}/api/patients/${patientId}`, headers };
        const search = {
          url: `${server.base}/api/patients/search`,
          method: 'POST' as const,
          headers,
          body: JSON.stringify({ query: 'tam' }),
        };
        if (audit === 'on' && statsUrl) {
          const perRead = await statementsPerRequest(statsUrl, async () => {
            for (let i = 0; i < 50; i++) await fetch(read.url, { headers });
            return 50;
          });
          results.readStatements = { rps: perRead ?? NaN, p50: 0, p99: 0, errors: 0 };
        }
        results[`read_${audit}`] = await load(read);
        results[`search_${audit}`] = await load(search);
      } finally {
        await stop(server.proc);
      }
    }

    const floor = await startProcess([join(root, 'bench/floor-server.ts')], floorEnv, /^\d+$/m);
    try {
      const base = `http://127.0.0.1:${floor.line.trim()}`;
      results.floor_read = await load({ url: `${base}/floor/patients/${clinicId}/${patientId}` });
      results.floor_search = await load({ url: `${base}/floor/search/${clinicId}/tam` });
    } finally {
      await stop(floor.proc);
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
    rows.push(
      row('patient_read', results.read_on!, results.floor_read!, {
        statementsPerRequest: results.readStatements?.rps ?? null,
      }),
      row('patient_read_audit_off', results.read_off!, results.floor_read!),
      row('patient_search_name', results.search_on!, results.floor_search!),
      row('patient_search_name_audit_off', results.search_off!, results.floor_search!),
      {
        name: `http.audited_vs_off.patient_read.${kind}`,
        value: round(results.read_on!.rps, 1),
        unit: 'req/s',
        baseline: round(results.read_off!.rps, 1),
        ratio: round(results.read_on!.rps / results.read_off!.rps),
      },
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
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
