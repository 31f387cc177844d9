import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type FakeSmtp, startFakeSmtp } from '../fakes/smtp';
import { createClinic, createTestApp, eeCode, login, patientBody, type TestApp, type TestClinic } from '../harness';

/**
 * The weekly digest to the DPO: scheduled like the nightly retention run (queued when background
 * work starts, each digest queueing the next Monday's), sent on Monday 07:00 on the clinic's clock
 * in the clinic's language, with counts by kind and no patient's or staff member's name.
 */
let smtp: FakeSmtp;
let t: TestApp;
let c: TestClinic;
const setClock = (iso: string) => (t.clock as unknown as { set(d: string): void }).set(iso);
const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => t.database.raw.query<T>(sql, params);

before(async () => {
  smtp = await startFakeSmtp();
  // Tuesday 3 November 2026.
  t = await createTestApp({
    start: '2026-11-03T08:00:00Z',
    config: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://hoidja.example' },
  });
  c = await createClinic(t, 'digest');
  const rec = await login(t.app, c.slug, c.staff.receptionist.email);
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) {
    const p = await rec.post(
      '/api/patients',
      patientBody({ lastName: 'Kask', identity: { kind: 'national', country: 'EE', code: eeCode(`480010100${i}`) } }),
    );
    assert.equal(p.status, 201, JSON.stringify(p.body));
    ids.push(p.body.patient.id);
  }
  // A doctor who treats none of them opens all six at half past nine in the evening.
  setClock('2026-11-04T19:30:00Z');
  const snoop = await login(t.app, c.slug, c.staff.doctor2.email);
  for (const id of ids)
    assert.equal((await snoop.get(`/api/patients/${id}`, { 'x-access-reason': 'emergency call' })).status, 200);
  setClock('2026-11-05T08:00:00Z');
});
after(async () => {
  await t.close();
  await smtp.close();
});

test('starting the worker queues the next Monday 07:00 digest for every clinic, once', async () => {
  await t.services.modules.accessReview.start!();
  await t.services.modules.accessReview.start!();
  const jobs = await q<{ run_at: Date; dedupe_key: string }>(
    `select run_at, dedupe_key from outbox_jobs where clinic_id = $1 and kind = 'access_review.digest'`,
    [c.id],
  );
  assert.equal(jobs.length, 1, 'one per clinic and week');
  assert.equal(jobs[0]!.dedupe_key, 'access_review_digest:2026-11-09');
  assert.equal(jobs[0]!.run_at.toISOString(), '2026-11-09T05:00:00.000Z', '07:00 in Tallinn');
  await t.services.worker.drain();
  assert.equal(smtp.received.length, 0, 'not before Monday');
});

test('on Monday the DPO gets the past week in Estonian, counts only, and the next one is queued', async () => {
  setClock('2026-11-09T05:00:00Z');
  await t.services.worker.drain();
  const [mail] = await smtp.waitFor(1);
  assert.deepEqual(mail!.to, [`info@${c.slug}.example`], 'the DPO contact, else the clinic');
  assert.match(mail!.subject, /juurdepääsude ülevaatus 2026-11-02–2026-11-08 \(üle vaatamata \d+\)/);
  assert.match(mail!.text, /erakorraline juurdepääs: 1/);
  assert.match(mail!.text, /mitte oma patsiendid: 1/);
  assert.match(mail!.text, /väljaspool tööaega: 1/);
  assert.match(mail!.text, /https:\/\/hoidja\.example\/access-review/);
  assert.doesNotMatch(mail!.text, /Kask|Mari|doctor2/, 'no patient and no staff member named');
  const next = await q<{ dedupe_key: string; status: string }>(
    `select dedupe_key, status from outbox_jobs where clinic_id = $1 and kind = 'access_review.digest' order by run_at`,
    [c.id],
  );
  assert.deepEqual(
    next.map((j) => [j.dedupe_key, j.status]),
    [
      ['access_review_digest:2026-11-09', 'sent'],
      ['access_review_digest:2026-11-16', 'queued'],
    ],
  );
  const [event] = await q<{ details: { findings: number; sent: boolean } }>(
    `select details from audit_events where clinic_id = $1 and action = 'access_review.digest'`,
    [c.id],
  );
  assert.equal(event!.details.sent, true);
  assert.ok(event!.details.findings >= 3);
});
