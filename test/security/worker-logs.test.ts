/**
 * The outbox worker logs and keeps only a summary of a failure (issue 12): a query error's message
 * carries the query's values and PostgreSQL quotes a refused value, so a raw error object in a log
 * line (or in the job's last_error, which reception sees) can carry a name and an ID code.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { fixedClock } from '../../src/platform/clock';
import type { Db } from '../../src/platform/db';
import { enqueue } from '../../src/platform/jobs/outbox';
import { createOutboxWorker, type JobHandler } from '../../src/platform/jobs/worker';
import { createLogger } from '../../src/platform/logger';
import { createClinic, createTestApp, type TestApp } from '../harness';

declare module '../../src/platform/jobs/job-kinds' {
  interface JobKinds {
    test_failing: true;
  }
}

const PERSONAL = 'Saladus 46805280103';
const lines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});
const logger = createLogger('trace', sink);
const clock = fixedClock('2026-12-14T08:00:00Z');
let t: TestApp;
let clinicId: string;
before(async () => {
  t = await createTestApp({ clock });
  clinicId = (await createClinic(t, 'worker-logs')).id;
});
after(() => t.close());

/** A real query that fails with a patient's name and ID code among its values. */
const failingQuery = () => t.database.db.execute(sql`select ${PERSONAL}::int as n`);
const leaked = () => lines.filter((l) => l.includes('Saladus') || l.includes('46805280103'));

test("a job whose handler fails on a query keeps and logs the failure's kind, not the values", async () => {
  const failing: JobHandler = async () => {
    await failingQuery();
    return { status: 'sent' };
  };
  const id = await enqueue(
    t.database.db,
    { clinicId, kind: 'test_failing', runAt: clock.now(), payload: {}, maxAttempts: 2 },
    clock.now(),
  );
  const worker = createOutboxWorker({ db: t.database.db, clock, logger, handlers: { test_failing: failing } });
  await worker.drain();
  clock.advance(3_600_000);
  await worker.drain();
  const [job] = await t.database.raw.query<{ status: string; last_error: string }>(
    'select status, last_error from outbox_jobs where id = $1',
    [id],
  );
  assert.equal(job!.status, 'failed');
  assert.match(job!.last_error, /invalid input syntax/, 'the kind of failure is kept');
  assert.doesNotMatch(job!.last_error, /Saladus|46805280103/);
  assert.ok(lines.some((l) => l.includes('will retry')) && lines.some((l) => l.includes('failed for good')));
  assert.ok(
    lines.some((l) => l.includes('22P02')),
    'the log names the failure by its code',
  );
  assert.deepEqual(leaked(), []);
});

test('a failed worker round logs a summary, not the error object', async () => {
  // A database whose claim fails as a real query does.
  const broken = {
    transaction: async () => {
      await failingQuery();
    },
  } as unknown as Db;
  const worker = createOutboxWorker({
    db: broken,
    clock,
    logger,
    handlers: { test_failing: async () => ({ status: 'sent' }) },
    pollMs: 5,
  });
  worker.start();
  const until = Date.now() + 5_000;
  while (!lines.some((l) => l.includes('round failed')) && Date.now() < until)
    await new Promise((r) => setTimeout(r, 20));
  await worker.stop();
  assert.ok(
    lines.some((l) => l.includes('round failed')),
    'the round failure is logged',
  );
  assert.deepEqual(leaked(), []);
});
