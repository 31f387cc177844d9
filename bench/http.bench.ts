/**
 * `npm run bench -- http`: what a user feels. Hoidja's server runs in its own process (`hoidja
 * serve`), autocannon loads it from this one, and a minimal Fastify with the same driver and SQL
 * (bench/floor-server.ts, no session, no access check, no audit) is measured in the same run: the
 * framework's floor. Each row: req/s, p50, p99 and the ratio to its floor; on PostgreSQL also the
 * statements per request (pg_stat_statements). BENCH_HTTP_PATIENTS (20 000), BENCH_HTTP_SECONDS (8).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
  /** A new body for every request (a write that must not repeat itself, e.g. a registration). */
  nextBody?: () => string;
}): Promise<Load> {
  // Warm up first (JIT, prepared plans, PGlite opening its files): the first seconds are not the steady state.
  const json: Record<string, string> = opts.body || opts.nextBody ? { 'content-type': 'application/json' } : {};
  for (let i = 0; i < 30; i++) {
    const res = await fetch(opts.url, {
      method: opts.method ?? 'GET',
      headers: { ...json, ...opts.headers },
      body: opts.nextBody ? opts.nextBody() : opts.body,
    });
    if (!res.ok) throw new Error(`warm-up of ${opts.url} answered ${res.status}: ${await res.text()}`);
  }
  const r = await autocannon({
    url: opts.url,
    method: opts.method ?? 'GET',
    headers: { ...json, ...opts.headers },
    body: opts.body,
    ...(opts.nextBody
      ? {
          requests: [
            {
              setupRequest: (req: autocannon.Request) => ({ ...req, body: opts.nextBody!() }),
            },
          ],
        }
      : {}),
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
    let idCode = '';
    const statements: Record<string, number | null> = {};
    const now = Date.now();
    const week = {
      from: new Date(now - 86_400_000).toISOString(),
      to: new Date(now + 7 * 86_400_000).toISOString(),
    };
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
        if (!idCode) {
          const p = (await (await fetch(read.url, { headers })).json()) as { patient: { identity: { code?: string } } };
          idCode = p.patient.identity.code ?? '';
        }
        const byIdCode = { ...search, body: JSON.stringify({ query: idCode }) };
        const register = {
          url: `${server.base}/api/patients`,
          method: 'POST' as const,
          headers,
          nextBody: registration,
        };
        const queue = { url: `${server.base}/api/queue/entries?from=${week.from}&to=${week.to}`, headers };
        if (audit === 'on' && statsUrl) {
          for (const [name, req] of Object.entries({ read, search, byIdCode, queue })) {
            const per = await statementsPerRequest(statsUrl, async () => {
              for (let i = 0; i < 50; i++) {
                const r = await fetch(req.url, {
                  method: 'method' in req ? req.method : 'GET',
                  headers: { ...req.headers, ...('body' in req ? { 'content-type': 'application/json' } : {}) },
                  body: 'body' in req ? req.body : undefined,
                });
                await r.arrayBuffer();
              }
              return 50;
            });
            statements[name] = per;
          }
        }
        results[`read_${audit}`] = await load(read);
        results[`search_${audit}`] = await load(search);
        results[`idcode_${audit}`] = await load(byIdCode);
        results[`register_${audit}`] = await load(register);
        results[`queue_${audit}`] = await load(queue);
      } finally {
        await stop(server.proc);
      }
    }

    const floor = await startProcess([join(root, 'bench/floor-server.ts')], floorEnv, /^\d+$/m);
    try {
      const base = `http://127.0.0.1:${floor.line.trim()}`;
      results.floor_read = await load({ url: `${base}/floor/patients/${clinicId}/${patientId}` });
      results.floor_search = await load({ url: `${base}/floor/search/${clinicId}/tam` });
      const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'));
      const cipher = createFieldCipher(secrets.FIELD_ENCRYPTION_KEYS.split(','), 'k1', secrets.SEARCH_HASH_KEY);
      results.floor_idcode = await load({ url: `${base}/floor/id-code/${clinicId}/${cipher.searchHash(idCode)}` });
      results.floor_register = await load({
        url: `${base}/floor/patients/${clinicId}`,
        method: 'POST',
        nextBody: () =>
          JSON.stringify({ firstName: 'Koormus', lastName: `Floor${registered}`, code: `floor-${newIdCode()}` }),
      });
      results.floor_queue = await load({
        url: `${base}/floor/queue/${clinicId}?from=${encodeURIComponent(week.from)}&to=${encodeURIComponent(week.to)}`,
      });
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
      row('patient_read', results.read_on!, results.floor_read!, { statementsPerRequest: statements.read ?? null }),
      row('patient_read_audit_off', results.read_off!, results.floor_read!),
      row('patient_search_name', results.search_on!, results.floor_search!, {
        statementsPerRequest: statements.search ?? null,
      }),
      row('patient_search_name_audit_off', results.search_off!, results.floor_search!),
      row('patient_search_id_code', results.idcode_on!, results.floor_idcode!, {
        statementsPerRequest: statements.byIdCode ?? null,
      }),
      row('patient_search_id_code_audit_off', results.idcode_off!, results.floor_idcode!),
      row('patient_register', results.register_on!, results.floor_register!),
      row('patient_register_audit_off', results.register_off!, results.floor_register!),
      row('queue_list', results.queue_on!, results.floor_queue!, { statementsPerRequest: statements.queue ?? null }),
      row('queue_list_audit_off', results.queue_off!, results.floor_queue!),
      {
        name: `http.audited_vs_off.patient_read.${kind}`,
        value: round(results.read_on!.rps, 1),
        unit: 'req/s',
        baseline: round(results.read_off!.rps, 1),
        ratio: round(results.read_on!.rps / results.read_off!.rps),
      },
      {
        name: `http.audited_vs_off.patient_register.${kind}`,
        value: round(results.register_on!.rps, 1),
        unit: 'req/s',
        baseline: round(results.register_off!.rps, 1),
        ratio: round(results.register_on!.rps / results.register_off!.rps),
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
