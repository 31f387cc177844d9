import { readFileSync } from 'node:fs';
import { createServices } from '../src/app';
import { systemContext } from '../src/platform/access';
import { fixedClock } from '../src/platform/clock';
import { parseConfig } from '../src/platform/config';
import { createFieldCipher } from '../src/platform/crypto';
import { type Database, openDatabase } from '../src/platform/db';
import { createLogger } from '../src/platform/logger';
import { runMigrations } from '../src/platform/migrate';
import { generateSecrets } from '../src/platform/secrets';
import { type BenchContext, type Benchmark, type BenchRow, createDatabase, round } from './lib';

/**
 * A retention run over N expired rows on PostgreSQL (finished outbox messages, a target the demo
 * register lets go 30 days after they were sent), against a plain DELETE of the same N rows in the
 * same run; the process's peak memory (RSS, sampled) is reported beside it, to show it stays flat.
 * BENCH_RETENTION_ROWS: comma-separated sizes (default 100000,1000000); BENCH_RETENTION_BATCH:
 * the run's batch size (default 5000).
 */
const SIZES = (process.env.BENCH_RETENTION_ROWS ?? '100000,1000000').split(',').map(Number);
const BATCH = Number(process.env.BENCH_RETENTION_BATCH ?? 5000);

async function plant(database: Database, clinicId: string, n: number) {
  // Finished long ago: each run sees them all as expired.
  await database.raw.query(
    `insert into outbox_jobs (clinic_id, id, kind, status, run_at, attempts, created_at, finished_at, dedupe_key)
     select $1, gen_random_uuid(), 'reminder', 'sent', t, 1, t, t, 'bench-' || g
     from generate_series(1, $2::int) g, lateral (select timestamptz '2020-01-01' + g * interval '1 second' as t) x`,
    [clinicId, n],
  );
  await database.raw.query('analyze outbox_jobs');
}

/** Peak resident memory while `fn` runs, sampled every 20 ms. */
async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const result = await fn();
    return { result, peakMb: round(Math.max(peak, process.memoryUsage().rss) / 1_048_576, 1) };
  } finally {
    clearInterval(timer);
  }
}

async function runOn(ctx: BenchContext): Promise<BenchRow[]> {
  const database = await openDatabase({
    url: await createDatabase(await ctx.postgresUrl(), 'hoidja_bench_retention'),
    poolSize: 4,
  });
  await runMigrations(database);
  const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, () => generateSecrets());
  const cipher = createFieldCipher(
    config.FIELD_ENCRYPTION_KEYS,
    config.FIELD_ENCRYPTION_ACTIVE_KEY,
    config.SEARCH_HASH_KEY,
  );
  const services = createServices({
    config,
    database,
    clock: fixedClock('2026-06-01T08:00:00Z'),
    logger: createLogger('silent'),
    cipher,
  });
  const clinic = await services.clinics.create({
    slug: 'benchkeep',
    name: 'Bench Keep',
    country: 'EE',
    registryCode: '99999999',
  });
  const sys = systemContext(clinic.id, 'cli');
  await services.register.importText(
    sys,
    readFileSync('presets/demo.yaml', 'utf8').replace('slug: demo', 'slug: benchkeep'),
    'demo.yaml',
  );
  const rows: BenchRow[] = [];
  try {
    for (const n of SIZES) {
      ctx.log(`postgres: ${n} rows, plain DELETE`);
      await plant(database, clinic.id, n);
      const t0 = performance.now();
      await database.raw.query(
        `begin; set local hoidja.retention = 'on';
         delete from outbox_jobs where clinic_id = '${clinic.id}' and status = 'sent' and finished_at < '2026-05-01';
         commit;`,
      );
      const plainS = (performance.now() - t0) / 1000;

      ctx.log(`postgres: ${n} rows, retention run (batches of ${BATCH})`);
      await plant(database, clinic.id, n);
      const t1 = performance.now();
      const { result, peakMb } = await withPeakRss(() => services.retention.run(sys, { batchSize: BATCH }));
      const runS = (performance.now() - t1) / 1000;
      const deleted = result.report.find((l) => l.target === 'outbox')?.deleted ?? 0;
      if (deleted !== n) throw new Error(`the run deleted ${deleted} of ${n} rows`);
      const left = await database.raw.query<{ n: string }>(
        `select count(*)::text as n from outbox_jobs where clinic_id = $1 and dedupe_key like 'bench-%'`,
        [clinic.id],
      );
      if (left[0]!.n !== '0') throw new Error(`${left[0]!.n} rows left after the run`);
      const value = round(n / runS, 0);
      const baseline = round(n / plainS, 0);
      rows.push({
        name: `retention run, ${n} expired rows (postgres)`,
        value,
        unit: 'rows/s',
        baseline,
        ratio: round(value / baseline),
        rows: n,
        batch: BATCH,
        runSeconds: round(runS, 2),
        plainDeleteSeconds: round(plainS, 2),
        peakRssMb: peakMb,
      });
    }
  } finally {
    await database.close();
  }
  return rows;
}

export const benchmark: Benchmark = {
  name: 'retention',
  description: `a retention run over ${SIZES.join(' and ')} expired rows against a plain DELETE of the same rows (PostgreSQL)`,
  run: (ctx) => runOn(ctx),
};
