import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fixedClock } from '../../src/platform/clock';
import { claim, enqueue, finish, troubled } from '../../src/platform/jobs/outbox';
import { createOutboxWorker, type JobHandler } from '../../src/platform/jobs/worker';
import { createMessenteSms } from '../../src/platform/sms';
import { type FakeSmsApi, startFakeSmsApi } from '../fakes/sms-api';
import { createClinic, createTestApp, type TestApp, testDbKind } from '../harness';
import { queueWorld, visit } from './queue.fixtures';

// The test's own job kind, added to the vocabulary for this file only.
declare module '../../src/platform/jobs/job-kinds' {
  interface JobKinds {
    test_sms: true;
  }
}

let t: TestApp;
let api: FakeSmsApi;
let clinicId: string;
const clock = fixedClock('2026-12-14T08:00:00Z');

before(async () => {
  api = await startFakeSmsApi();
  t = await createTestApp({ clock });
  clinicId = (await createClinic(t, 'outbox')).id;
});
after(async () => {
  await t.close();
  await api.close();
});

const sms = () =>
  createMessenteSms({
    baseUrl: api.url,
    username: api.username,
    password: api.password,
    sender: 'Clinic',
    timeoutMs: 1500,
  });
const sendText: JobHandler = async (job) => ({
  status: 'sent',
  result: { ...(await sms().send({ to: String(job.payload.to), text: String(job.payload.text) })) },
});
const worker = (id: string, leaseMs = 60_000) =>
  createOutboxWorker({ db: t.database.db, clock, handlers: { test_sms: sendText }, workerId: id, leaseMs });
const add = (text: string, dedupeKey?: string) =>
  enqueue(
    t.database.db,
    { clinicId, kind: 'test_sms', runAt: clock.now(), dedupeKey, payload: { to: '+37255500000', text } },
    clock.now(),
  );
const status = async (id: string) =>
  (
    await t.database.raw.query<{ status: string; attempts: number; last_error: string | null }>(
      'select status, attempts, last_error from outbox_jobs where id = $1',
      [id],
    )
  )[0]!;

describe('outbox', () => {
  test('a dedupe key makes a message unique', async () => {
    assert.ok(await add('once', 'k1'));
    assert.equal(await add('twice', 'k1'), null);
    await worker('w0').drain();
    assert.equal(api.received.filter((m) => m.text === 'once' || m.text === 'twice').length, 1);
  });

  test('a worker that dies after claiming loses nothing and duplicates nothing', async () => {
    const ids = await Promise.all(['a', 'b', 'c'].map((x) => add(`lease-${x}`)));
    const dead = await t.database.db.transaction((tx) =>
      claim(tx, { workerId: 'dead', now: clock.now(), leaseMs: 60_000, limit: 10, kinds: ['test_sms'] }),
    );
    assert.equal(dead.length, 3, JSON.stringify(dead.map((d) => [d.payload, d.status, d.attempts])));
    const other = worker('alive');
    assert.equal(await other.runOnce(), 0, 'claimed jobs are not taken while the lease holds');
    clock.advance(61_000);
    assert.equal(await other.drain(), 3);
    for (const id of ids) assert.equal((await status(id!)).status, 'sent');
    assert.equal(api.received.filter((m) => m.text.startsWith('lease-')).length, 3);
    assert.equal(
      await finish(t.database.db, dead[0]!, 'dead', clock.now(), { status: 'failed' }),
      false,
      'the dead worker cannot overwrite',
    );
  });

  test('a provider that hangs or answers 500 is retried with backoff; a refusal fails for good and shows', async () => {
    const hang = await add('hang');
    api.failNext(1, 'hang');
    await worker('w1').drain();
    let s = await status(hang!);
    assert.equal(s.status, 'queued');
    assert.match(s.last_error!, /did not answer/);
    api.failNext(1, 'error500');
    clock.advance(60_000);
    await worker('w1').drain();
    s = await status(hang!);
    assert.equal(s.attempts, 2);
    assert.match(s.last_error!, /500/);
    clock.advance(120_000);
    await worker('w1').drain();
    assert.equal((await status(hang!)).status, 'sent');
    const refused = await add('refused');
    api.setMode('unauthorized');
    await worker('w1').drain();
    api.setMode('ok');
    assert.equal((await status(refused!)).status, 'failed');
    assert.ok((await troubled(t.database.db, clinicId)).some((j) => j.id === refused));
  });

  test('workers side by side send every message exactly once', async () => {
    const n = 40;
    for (let i = 0; i < n; i++) await add(`par-${i}`);
    const workers = Array.from({ length: 4 }, (_, i) =>
      createOutboxWorker({
        db: t.database.db,
        clock,
        handlers: { test_sms: sendText },
        workerId: `p${i}`,
        batchSize: 3,
      }),
    );
    await Promise.all(workers.map((w) => w.drain()));
    const texts = api.received.filter((m) => m.text.startsWith('par-')).map((m) => m.text);
    assert.equal(texts.length, n);
    assert.equal(new Set(texts).size, n);
  });

  test('a killed `hoidja worker` process neither loses nor duplicates', {
    skip: testDbKind !== 'postgres' && 'needs PostgreSQL shared by two processes',
  }, async () => {
    const w = await queueWorld('killed');
    try {
      const admin = await w.clinic.as('admin');
      assert.equal(
        (await admin.patch('/api/queue/settings', { sendingFrom: '00:00', sendingUntil: '24:00' })).status,
        200,
      );
      const booked = await w.rec.post('/api/queue/entries', visit(w));
      assert.equal(booked.status, 201, JSON.stringify(booked.body));
      const [job] = await w.t.database.raw.query<{ id: string }>("select id from outbox_jobs where kind = 'reminder'");
      // Due now on the real clock of the child process; the notice is out of the way.
      await w.t.database.raw.query("update outbox_jobs set run_at = now() - interval '1 minute' where id = $1", [
        job!.id,
      ]);
      await w.t.database.raw.query("update outbox_jobs set status = 'cancelled' where kind = 'visit_notice'");
      w.sms.setMode('hang');
      const url = (w.t.database.pool as unknown as { options: { connectionString: string } }).options.connectionString;
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker'], {
        env: {
          ...process.env,
          DATABASE_URL: url,
          DATA_DIR: mkdtempSync(join(tmpdir(), 'hoidja-w-')),
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          SMS_API_URL: w.sms.url,
          SMS_API_USER: w.sms.username,
          SMS_API_PASSWORD: w.sms.password,
        },
        stdio: 'ignore',
      });
      const state = async () =>
        (
          await w.t.database.raw.query<{ status: string }>('select status from outbox_jobs where id = $1', [job!.id])
        )[0]!.status;
      // Wait until the child has claimed the job and is inside the provider call, then kill it.
      for (let i = 0; i < 150 && (w.sms.requests === 0 || (await state()) !== 'sending'); i++)
        await new Promise((r) => setTimeout(r, 100));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      assert.equal(await state(), 'sending', 'the child had claimed it');
      assert.equal(w.sms.received.length, 0);
      w.sms.setMode('ok');
      w.clock.set(new Date(Date.now() + 10 * 60_000)); // past the dead worker's lease
      await w.worker.drain();
      assert.equal(await state(), 'sent');
      assert.equal(w.sms.received.length, 1);
      await w.worker.drain();
      assert.equal(w.sms.received.length, 1);
    } finally {
      await w.close();
    }
  });
});
