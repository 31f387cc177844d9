import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openDatabase } from '../../src/platform/db';
import { freshDatabase, testDbKind } from '../harness';

/**
 * `hoidja retention run` killed with SIGKILL half-way, then run again: it resumes the same run
 * and ends where an uninterrupted run would — every expired row gone, counted once, audited.
 */
const root = process.cwd();
const PLANTED = 2000;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let drop: () => Promise<void> = async () => undefined;
const args = (...a: string[]) => ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...a];
const hoidja = (...a: string[]) => {
  const r = spawnSync(process.execPath, args(...a), { env, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
async function onDatabase<T>(statement: string, params: unknown[] = []): Promise<T[]> {
  const db = env.DATABASE_URL
    ? await openDatabase({ url: env.DATABASE_URL })
    : await openDatabase({ dataDir: join(dataDir, 'pglite') });
  try {
    return await db.raw.query<T>(statement, params);
  } finally {
    await db.close();
  }
}

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hoidja-retention-kill-'));
  env = { ...process.env, NODE_ENV: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'silent', WORKER: 'off' };
  delete env.DATABASE_URL;
  if (testDbKind === 'postgres') {
    const fresh = await freshDatabase();
    await fresh.database.close();
    env.DATABASE_URL = fresh.url;
    drop = fresh.drop;
  }
  const demo = hoidja('demo', '--patients', '0');
  assert.equal(demo.code, 0, demo.stderr);
  // Messages sent in 2020: long past the register's "until purpose achieved" for correspondence.
  await onDatabase(
    `insert into outbox_jobs (clinic_id, id, kind, status, run_at, attempts, created_at, finished_at, dedupe_key)
     select c.id, gen_random_uuid(), 'reminder', 'sent', '2020-01-01', 1, '2020-01-01', '2020-01-01', 'old-' || g
     from clinics c, generate_series(1, ${PLANTED}) g where c.slug = 'demo'`,
  );
});
after(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await drop();
});

test('kill -9 in the middle of a run, then run again: resumed to the same end state', async () => {
  const plan = hoidja('retention', 'plan', '--clinic', 'demo');
  assert.equal(plan.code, 0, plan.stderr);
  assert.match(plan.stdout, new RegExp(`outbox\\s+${PLANTED} to delete, oldest 2020-01-01`));

  const child = spawn(process.execPath, args('retention', 'run', '--clinic', 'demo', '--batch', '10'), { env });
  let seen = 0;
  await new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      const m = [...err.matchAll(/outbox\s+\[[#.]+\] (\d+)\/\d+/g)].pop();
      if (m && Number(m[1]) >= 200 && seen === 0) {
        seen = Number(m[1]);
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`the run ended before it was killed: ${err}`)),
    );
  });
  const [half] = await onDatabase<{ n: string }>(
    `select count(*)::text as n from outbox_jobs where dedupe_key like 'old-%'`,
  );
  const left = Number(half!.n);
  assert.ok(left > 0 && left <= PLANTED - seen, `killed half-way: ${left} left`);
  const [running] = await onDatabase<{ report: { target: string; deleted: number }[] }>(
    `select report from retention_runs where status = 'running'`,
  );
  assert.equal(
    running!.report.find((l) => l.target === 'outbox')!.deleted,
    PLANTED - left,
    'counted exactly what went',
  );

  const again = hoidja('retention', 'run', '--clinic', 'demo', '--batch', '500');
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /\(resumed\): done/);
  assert.match(again.stdout, new RegExp(`outbox\\s+deleted ${PLANTED},`));
  const [gone] = await onDatabase<{ n: string }>(
    `select count(*)::text as n from outbox_jobs where dedupe_key like 'old-%'`,
  );
  assert.equal(gone!.n, '0');
  const runs = await onDatabase<{ status: string }>(`select status from retention_runs`);
  assert.deepEqual(
    runs.map((r) => r.status),
    ['done'],
  );
  const rows = await onDatabase<{ n: string }>(
    `select coalesce(sum((details->>'rows')::int), 0)::text as n from audit_events where action = 'retention.delete' and entity_type = 'outbox'`,
  );
  assert.equal(rows[0]!.n, String(PLANTED), 'every batch audited once');
  const verify = hoidja('audit', 'verify');
  assert.equal(verify.code, 0, verify.stdout + verify.stderr);
  // Idempotent: a further run finds nothing.
  const third = hoidja('retention', 'run', '--clinic', 'demo');
  assert.match(third.stdout, /outbox\s+deleted 0,/);
});
