import { buildApp } from '../src/app';
import { syntheticPatient } from '../src/modules/demo/synthetic';
import { systemContext } from '../src/platform/access';
import { systemClock } from '../src/platform/clock';
import { parseConfig } from '../src/platform/config';
import { createFieldCipher } from '../src/platform/crypto';
import { type Database, openDatabase } from '../src/platform/db';
import { createLogger } from '../src/platform/logger';
import { runMigrations } from '../src/platform/migrate';
import { generateSecrets } from '../src/platform/secrets';
import {
  type BenchContext,
  type Benchmark,
  type BenchRow,
  createDatabase,
  percentile,
  round,
  throughput,
  timeEach,
} from './lib';

const PATIENTS = Number(process.env.BENCH_PATIENTS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const PASSWORD = 'benchmark password 1';
const prefixes = ['tam', 'saa', 'kas', 'mäg', 'reb', 'ilv', 'kop', 'lep', 'kuu', 'kar', 'ma', 'an', 'pe', 'ju', 'li'];

async function startApp(database: Database, audit: 'on' | 'off') {
  const secrets = generateSecrets();
  const config = parseConfig(
    { NODE_ENV: 'test', LOG_LEVEL: 'silent', HOIDJA_AUDIT: audit, ...sharedSecrets },
    () => secrets,
  );
  const cipher = createFieldCipher(
    config.FIELD_ENCRYPTION_KEYS,
    config.FIELD_ENCRYPTION_ACTIVE_KEY,
    config.SEARCH_HASH_KEY,
  );
  const { app, services } = await buildApp({
    config,
    database,
    clock: systemClock,
    logger: createLogger('silent'),
    cipher,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  return { app, services, base: `http://127.0.0.1:${port}`, cipher };
}
const sharedSecrets = generateSecrets();

async function session(base: string, clinic: string, email: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clinic, email, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login failed ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

async function runOn(kind: 'pglite' | 'postgres', ctx: BenchContext): Promise<BenchRow[]> {
  const database =
    kind === 'pglite'
      ? await openDatabase({})
      : await openDatabase({
          url: await createDatabase(await ctx.postgresUrl(), 'hoidja_bench_patients'),
          poolSize: 20,
        });
  await runMigrations(database);
  const audited = await startApp(database, 'on');
  const unaudited = await startApp(database, 'off');
  const s = audited.services;
  const clinic = await s.clinics.create({
    slug: 'bench',
    name: 'Bench Clinic',
    country: 'EE',
    registryCode: '99999999',
  });
  const sys = systemContext(clinic.id, 'cli');
  await s.auth.createUser(sys, {
    email: 'rec@bench.example',
    fullName: 'Bench Reception',
    roles: ['receptionist'],
    password: PASSWORD,
  });
  ctx.log(`${kind}: generating ${PATIENTS} patients`);
  await s.demo.generatePatients(sys, PATIENTS);
  if (kind === 'postgres') await database.raw.query('analyze');
  const ids = (
    await database.raw.query<{ id: string }>('select id from patients where clinic_id = $1 order by id limit 5000', [
      clinic.id,
    ])
  ).map((r) => r.id);

  const auth = await session(audited.base, 'bench', 'rec@bench.example');
  const authOff = await session(unaudited.base, 'bench', 'rec@bench.example');
  const post = (base: string, a: typeof auth, path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: a.cookie, 'x-csrf-token': a.csrfToken },
      body: JSON.stringify(body),
    }).then(async (r) => {
      if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
      await r.arrayBuffer();
    });
  const get = (base: string, a: typeof auth, path: string) =>
    fetch(`${base}${path}`, { headers: { cookie: a.cookie } }).then(async (r) => {
      if (!r.ok) throw new Error(`${path}: ${r.status}`);
      await r.arrayBuffer();
    });

  const nameSql = `select * from patients where clinic_id = $1 and status = 'active' and (last_name_norm like $2 or first_name_norm like $2) order by last_name_norm, first_name_norm, id limit 20`;
  const codeSql = `select * from patients where clinic_id = $1 and status = 'active' and id_code_hash = $2 order by last_name_norm, first_name_norm, id limit 20`;
  const code = (i: number) => syntheticPatient((i * 7919) % PATIENTS).idCode;

  // warm both paths
  await timeEach(20, (i) => post(audited.base, auth, '/api/patients/search', { query: prefixes[i % prefixes.length] }));
  await timeEach(20, (i) =>
    database.raw.query(nameSql, [clinic.id, `${prefixes[i % prefixes.length]}%`]).then(() => undefined),
  );

  const rows: BenchRow[] = [];
  const latency = async (label: string, api: (i: number) => Promise<void>, bare: (i: number) => Promise<void>) => {
    const a = await timeEach(SAMPLES, api);
    const b = await timeEach(SAMPLES, bare);
    for (const p of [50, 95]) {
      const value = percentile(a, p);
      const baseline = percentile(b, p);
      rows.push({
        name: `patients.search.${label}.p${p}`,
        value: round(value),
        unit: 'ms',
        baseline: round(baseline),
        ratio: round(value / baseline, 2),
        db: kind,
        patients: PATIENTS,
        samples: SAMPLES,
        baselineIs: 'same SELECT through the bare driver',
      });
    }
  };
  ctx.log(`${kind}: search latency`);
  await latency(
    'name-prefix',
    (i) => post(audited.base, auth, '/api/patients/search', { query: prefixes[i % prefixes.length] }),
    (i) => database.raw.query(nameSql, [clinic.id, `${prefixes[i % prefixes.length]}%`]).then(() => undefined),
  );
  await latency(
    'id-code',
    (i) => post(audited.base, auth, '/api/patients/search', { query: code(i) }),
    (i) => database.raw.query(codeSql, [clinic.id, audited.cipher.searchHash(code(i))]).then(() => undefined),
  );

  ctx.log(`${kind}: read throughput with and without auditing`);
  const read = (base: string, a: typeof auth) => (i: number) =>
    get(base, a, `/api/patients/${ids[(i * 31) % ids.length]}`);
  const on: number[] = [];
  const off: number[] = [];
  for (let round_ = 0; round_ < 2; round_++) {
    off.push(await throughput(8, 3000, read(unaudited.base, authOff)));
    on.push(await throughput(8, 3000, read(audited.base, auth)));
  }
  const best = (xs: number[]) => Math.max(...xs);
  rows.push({
    name: 'patients.read.throughput.audited',
    value: round(best(on), 1),
    unit: 'req/s',
    baseline: round(best(off), 1),
    ratio: round(best(on) / best(off), 2),
    db: kind,
    concurrency: 8,
    baselineIs: 'same endpoint with HOIDJA_AUDIT=off',
    aim: '>= 0.8',
  });

  await audited.app.close();
  await unaudited.app.close();
  await database.close();
  return rows;
}

export const benchmark: Benchmark = {
  name: 'patients',
  description: `patient search (name prefix, ID code) and reads at ${PATIENTS} patients on PGlite and PostgreSQL`,
  run: async (ctx) => [...(await runOn('pglite', ctx)), ...(await runOn('postgres', ctx))],
};
