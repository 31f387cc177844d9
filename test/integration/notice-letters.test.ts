import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fixedClock } from '../../src/platform/clock';
import { type FakeSmtp, startFakeSmtp } from '../fakes/smtp';
import { createClinic, createTestApp, eeCode, patientBody, type TestApp, type TestClinic } from '../harness';
import { publishRegister } from './queue.fixtures';

let t: TestApp;
let c: TestClinic;
let smtp: FakeSmtp;
const clock = fixedClock('2026-06-01T09:00:00Z');

before(async () => {
  smtp = await startFakeSmtp();
  t = await createTestApp({ clock, config: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://hoidja.example' } });
  c = await createClinic(t, 'letters');
});
after(async () => {
  await t.close();
  await smtp.close();
});

test('publishing a change with "announce" writes to every patient with an e-mail, once, in their language', async () => {
  const dpo = await c.as('dpo');
  const rec = await c.as('receptionist');
  await publishRegister(dpo, 'demo');
  const lv = await rec.post(
    '/api/patients',
    patientBody({
      firstName: 'Līga',
      lastName: 'Ozola',
      email: 'liga@example.lv',
      preferredLanguage: 'lv',
      identity: { kind: 'national', country: 'EE', code: eeCode('4900505000') },
    }),
  );
  const none = await rec.post(
    '/api/patients',
    patientBody({ email: null, identity: { kind: 'national', country: 'EE', code: eeCode('3900505000') } }),
  );
  assert.equal(lv.status, 201, JSON.stringify(lv.body));
  assert.equal(none.status, 201, JSON.stringify(none.body));

  clock.advance(20 * 60_000);
  const published = await dpo.post('/api/register/publish', { summary: 'new recipient', announce: true });
  assert.equal(published.status, 201, JSON.stringify(published.body));
  await t.services.worker.drain();
  const mails = await smtp.waitFor(1);
  assert.equal(mails.length, 1, 'only the patient with an e-mail address');
  assert.deepEqual(mails[0]!.to, ['liga@example.lv']);
  assert.match(mails[0]!.subject, /privātuma paziņojums ir mainīts/);
  assert.match(mails[0]!.text, /Labdien, Līga Ozola!/);
  assert.match(mails[0]!.text, /https:\/\/hoidja\.example\/clinics\/letters\/privacy\?lang=lv/);
  assert.match(mails[0]!.text, /01\.06\.2026/);

  const events = await t.database.raw.query<{ action: string; patient_ref: string | null; purpose: string }>(
    `select action, patient_ref, purpose from audit_events where clinic_id = $1 and action like 'privacy_notice.%' order by seq`,
    [c.id],
  );
  assert.deepEqual(
    events.map((e) => e.action),
    ['privacy_notice.announce', 'privacy_notice.letter'],
  );
  assert.equal(events[1]!.patient_ref, lv.body.patient.id);
  assert.equal(events[1]!.purpose, 'transparency');

  // Draining again sends nothing more.
  await t.services.worker.drain();
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(smtp.received.length, 1);
});
