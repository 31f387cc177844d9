import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { createServices, type Services } from '../src/app';
import { exportTables } from '../src/modules/requests/export.catalogue';
import { type AccessContext, systemContext } from '../src/platform/access';
import { systemClock } from '../src/platform/clock';
import { parseConfig } from '../src/platform/config';
import { createFieldCipher } from '../src/platform/crypto';
import { type Database, openDatabase } from '../src/platform/db';
import { createLogger } from '../src/platform/logger';
import { runMigrations } from '../src/platform/migrate';
import { generateSecrets } from '../src/platform/secrets';
import { type BenchContext, type Benchmark, type BenchRow, createDatabase, percentile, round, timeEach } from './lib';

/**
 * The full access copy (FHIR + CSV + PDF) of one patient with a long history (about 500 records
 * across tables: audited reads, consent events, a request) among BENCH_RIGHTS_PATIENTS patients
 * (default 100 000), on PostgreSQL and PGlite: p50 / p95 of the copy against the same rows read
 * through the bare driver (one `select *` per catalogue table) in the same run. Then the memory of
 * the streamed copy (FHIR + CSV) of a history ten times longer: its peak RSS over the process's
 * before it, beside the same for the 1× history. BENCH_RIGHTS_SAMPLES (default 20),
 * BENCH_RIGHTS_HISTORY (default 500).
 */
const PATIENTS = Number(process.env.BENCH_RIGHTS_PATIENTS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_RIGHTS_SAMPLES ?? 20);
const HISTORY = Number(process.env.BENCH_RIGHTS_HISTORY ?? 500);

async function plantPatients(database: Database, clinicId: string, n: number) {
  await database.raw.query(
    `insert into patients (clinic_id, id, first_name, last_name, first_name_norm, last_name_norm, birth_date,
       preferred_language, created_at, updated_at)
     select $1, gen_random_uuid(), 'Bench', 'Patient' || g, 'bench', 'patient' || g,
       date '1950-01-01' + (g % 20000), 'et', now(), now()
     from generate_series(1, $2::int) g`,
    [clinicId, n],
  );
  await database.raw.query('analyze patients');
}

/** One patient with `records` rows of history: audited reads, consent events and an access request. */
async function personWithHistory(services: Services, dpo: AccessContext, records: number, n: number) {
  const p = await services.patients.register(dpo, {
    firstName: 'Ajalugu',
    lastName: `Pikk${n}`,
    identity: {
      kind: 'document',
      documentType: 'passport',
      documentNumber: `BENCH${n}`,
      documentCountry: 'FI',
      birthDate: '1970-05-05',
    },
    preferredLanguage: 'et',
    email: `ajalugu${n}@example.org`,
  });
  const id = (p as { patient: { id: string } }).patient.id;
  const consents = Math.floor(records / 5);
  for (let i = 0; i < consents; i++)
    await services.consents.record(dpo, id, {
      purposeKey: 'newsletter',
      action: i % 2 === 0 ? 'given' : 'withdrawn',
      channel: 'paper',
    });
  for (let i = 0; i < records - consents; i++) await services.patients.get(dpo, id);
  const r = await services.requests.register(dpo, {
    patientId: id,
    kind: 'access',
    channel: 'letter',
    receivedOn: new Date().toISOString().slice(0, 10),
    identityCheck: 'id_document',
  });
  return { patientId: id, requestId: (r as { id: string }).id };
}

async function drain(body: Buffer | Readable): Promise<number> {
  if (Buffer.isBuffer(body)) return body.length;
  let n = 0;
  for await (const chunk of body) n += (chunk as Buffer).length;
  return n;
}

async function bareReads(database: Database, clinicId: string, patientId: string) {
  for (const [table, reach] of Object.entries(exportTables)) {
    const where =
      'parent' in reach
        ? `${reach.column} in (select id from ${reach.parent} where clinic_id = $1 and ${reach.parentColumn} = $2)`
        : `${reach.column} = $2`;
    await database.raw.query(`select * from ${table} where clinic_id = $1 and ${where}`, [clinicId, patientId]);
  }
}

/** Peak resident memory over the level before `fn`, sampled every 10 ms. */
async function peakGrowthMb(fn: () => Promise<unknown>): Promise<number> {
  globalThis.gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  return round((Math.max(peak, process.memoryUsage().rss) - start) / 1_048_576, 1);
}

async function runOn(kind: 'postgres' | 'pglite', ctx: BenchContext): Promise<BenchRow[]> {
  const database =
    kind === 'postgres'
      ? await openDatabase({ url: await createDatabase(await ctx.postgresUrl(), 'hoidja_bench_rights'), poolSize: 4 })
      : await openDatabase({});
  await runMigrations(database);
  const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, () => generateSecrets());
  const cipher = createFieldCipher(
    config.FIELD_ENCRYPTION_KEYS,
    config.FIELD_ENCRYPTION_ACTIVE_KEY,
    config.SEARCH_HASH_KEY,
  );
  const services = createServices({ config, database, clock: systemClock, logger: createLogger('silent'), cipher });
  try {
    const clinic = await services.clinics.create({
      slug: 'benchrights',
      name: 'Bench Rights',
      country: 'EE',
      registryCode: '99999998',
    });
    const sys = systemContext(clinic.id, 'cli');
    await services.register.importText(
      sys,
      readFileSync('presets/demo.yaml', 'utf8').replace('slug: demo', 'slug: benchrights'),
      'demo.yaml',
    );
    const user = await services.auth.createUser(sys, {
      email: 'dpo@benchrights.example',
      fullName: 'Bench DPO',
      roles: ['dpo', 'receptionist'],
      password: 'benchmark password 1',
    });
    const dpo: AccessContext = {
      clinicId: clinic.id,
      user: { id: user.id, fullName: 'Bench DPO', roles: ['dpo', 'receptionist'] },
      requestId: null,
      channel: 'api',
    };
    ctx.log(`${kind}: ${PATIENTS} patients`);
    await plantPatients(database, clinic.id, PATIENTS);
    ctx.log(`${kind}: one patient with ${HISTORY} records, one with ${HISTORY * 10}`);
    const one = await personWithHistory(services, dpo, HISTORY, 1);
    const ten = await personWithHistory(services, dpo, HISTORY * 10, 2);
    const copy = async (r: { requestId: string }, formats: readonly ('fhir' | 'csv' | 'pdf')[]) => {
      for (const f of formats) await drain((await services.requestExports.forRequest(dpo, r.requestId, f)).body);
    };
    await copy(one, ['fhir', 'csv', 'pdf']); // warm up
    await bareReads(database, clinic.id, one.patientId);
    ctx.log(`${kind}: ${SAMPLES} full copies and ${SAMPLES} bare reads`);
    const full = await timeEach(SAMPLES, () => copy(one, ['fhir', 'csv', 'pdf']));
    const bare = await timeEach(SAMPLES, () => bareReads(database, clinic.id, one.patientId));
    const memOne = await peakGrowthMb(() => copy(one, ['fhir', 'csv']));
    const memTen = await peakGrowthMb(() => copy(ten, ['fhir', 'csv']));
    const rows: BenchRow[] = [];
    for (const p of [50, 95]) {
      const value = round(percentile(full, p), 1);
      const baseline = round(percentile(bare, p), 1);
      rows.push({
        name: `rights: full access copy FHIR+CSV+PDF, p${p} (${kind})`,
        value,
        unit: 'ms',
        baseline,
        ratio: round(value / baseline, 2),
        patients: PATIENTS,
        history: HISTORY,
        samples: SAMPLES,
      });
    }
    rows.push({
      name: `rights: streamed FHIR+CSV copy, peak memory growth at 10x history (${kind})`,
      value: memTen,
      unit: 'MB',
      baseline: memOne,
      ratio: memOne > 0 ? round(memTen / memOne, 2) : memTen,
      history: HISTORY * 10,
    });
    return rows;
  } finally {
    await database.close();
  }
}

export const benchmark: Benchmark = {
  name: 'rights',
  description: `the full access copy of one patient with ${HISTORY} records among ${PATIENTS} patients against the bare reads of the same rows, and the streamed copy's memory at 10x (PostgreSQL and PGlite)`,
  run: async (ctx) => [...(await runOn('postgres', ctx)), ...(await runOn('pglite', ctx))],
};
