/**
 * `npm run bench -- audit`: what one audit append costs inside the database, on PostgreSQL and on
 * PGlite. `audit_append` (lane lock, hashing, one row per event, the head moved) against the floor:
 * the same events stored by one plain INSERT into a table of the same shape, keys and indexes (no chain). Sizes: one
 * event (a record read), 20 (a search page), 200 (a queue list). On PostgreSQL also 16 writers of
 * one clinic at once (one event each), against 16 writers of the plain INSERT: what lanes leave of
 * the chain's serialisation. BENCH_AUDIT_SAMPLES (300).
 */
import { randomUUID } from 'node:crypto';
import { type Database, openDatabase } from '../src/platform/db';
import { runMigrations } from '../src/platform/migrate';
import { type BenchContext, type Benchmark, type BenchRow, createDatabase, percentile, round, throughput } from './lib';

const SAMPLES = Number(process.env.BENCH_AUDIT_SAMPLES ?? 300);
const SIZES = [1, 20, 200];

function events(n: number, actorId: string) {
  const at = new Date().toISOString();
  return JSON.stringify(
    Array.from({ length: n }, () => ({
      at,
      actorId,
      actorRole: 'receptionist',
      action: 'patient.read',
      entityType: 'patient',
      entityId: randomUUID(),
      patientRef: randomUUID(),
      purpose: 'care',
      reason: null,
      breakGlass: false,
      outcome: 'allowed',
      requestId: randomUUID(),
      details: { health: false },
    })),
  );
}

const FLOOR_INSERT = `insert into audit_floor (clinic_id, seq, lane, at, actor_id, actor_role, action, entity_type, entity_id,
    patient_ref, purpose, reason, break_glass, outcome, request_id, details, prev_hash, hash)
  select $1::uuid, nextval('audit_floor_seq'), 0, (e->>'at')::timestamptz, (e->>'actorId')::uuid, e->>'actorRole',
    e->>'action', e->>'entityType', e->>'entityId', (e->>'patientRef')::uuid, e->>'purpose', e->>'reason',
    coalesce((e->>'breakGlass')::boolean, false), e->>'outcome', e->>'requestId', e->'details', '', ''
  from jsonb_array_elements($2::jsonb) e`;

async function prepare(database: Database): Promise<string> {
  await runMigrations(database);
  const clinicId = randomUUID();
  await database.raw.query(
    `insert into clinics (id, slug, name, country, time_zone, registry_code, supervisory_authority, default_language)
     values ($1, 'audit-bench', 'Audit bench', 'EE', 'Europe/Tallinn', '10000000', '{}', 'et')`,
    [clinicId],
  );
  // The same table with the same keys and indexes, but no chain.
  await database.raw.query('create table audit_floor (like audit_events including all)');
  await database.raw.query('alter table audit_floor add foreign key (clinic_id) references clinics (id)');
  await database.raw.query('create sequence audit_floor_seq');
  return clinicId;
}

async function measureKind(ctx: BenchContext, kind: 'postgres' | 'pglite'): Promise<BenchRow[]> {
  const url = kind === 'postgres' ? await createDatabase(await ctx.postgresUrl(), 'hoidja_bench_audit') : undefined;
  const database = await openDatabase(url ? { url, poolSize: 16 } : {});
  const rows: BenchRow[] = [];
  try {
    const clinicId = await prepare(database);
    const actor = randomUUID();
    const q = database.raw.query.bind(database.raw);
    for (const size of SIZES) {
      const samples = size >= 200 ? Math.max(30, Math.round(SAMPLES / 5)) : SAMPLES;
      // Alternate the two, sample by sample, so that a noisy neighbour hurts both alike.
      const chain: number[] = [];
      const floor: number[] = [];
      for (let i = 0; i < samples + 10; i++) {
        for (const [sql, into] of [
          ['select audit_append($1::uuid, $2::jsonb)', chain],
          [FLOOR_INSERT, floor],
        ] as const) {
          const payload = events(size, actor);
          const t0 = performance.now();
          await q(sql, [clinicId, payload]);
          if (i >= 10) into.push(performance.now() - t0);
        }
      }
      chain.sort((a, b) => a - b);
      floor.sort((a, b) => a - b);
      const p50 = percentile(chain, 50);
      const floorP50 = percentile(floor, 50);
      rows.push({
        name: `audit.append_${size}.${kind}`,
        value: round(p50 * 1000, 0),
        unit: 'µs p50 per append',
        baseline: round(floorP50 * 1000, 0),
        ratio: round(floorP50 / p50),
        perEventUs: round((p50 * 1000) / size, 1),
        floorPerEventUs: round((floorP50 * 1000) / size, 1),
        p95: round(percentile(chain, 95), 2),
      });
    }
    if (kind === 'postgres') {
      // 16 writers of one clinic, one event per transaction.
      const seconds = 4_000;
      const payload = events(1, actor);
      const chained = await throughput(16, seconds, async () => {
        await q('select audit_append($1::uuid, $2::jsonb)', [clinicId, payload]);
      });
      const plain = await throughput(16, seconds, async () => {
        await q(FLOOR_INSERT, [clinicId, payload]);
      });
      const lanes = await q<{ n: string }>('select count(*)::text as n from audit_chain_heads where clinic_id = $1', [
        clinicId,
      ]);
      rows.push({
        name: `audit.append_concurrent16.${kind}`,
        value: round(chained, 0),
        unit: 'appends/s',
        baseline: round(plain, 0),
        ratio: round(chained / plain),
        lanes: Number(lanes[0]!.n),
      });
    }
  } finally {
    await database.close();
  }
  return rows;
}

export const benchmark: Benchmark = {
  name: 'audit',
  description: `one audit append (1, 20, 200 events) against a plain INSERT of the same rows, ${SAMPLES} samples`,
  async run(ctx) {
    return [...(await measureKind(ctx, 'postgres')), ...(await measureKind(ctx, 'pglite'))];
  },
};
