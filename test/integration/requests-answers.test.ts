import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fixedClock } from '../../src/platform/clock';
import { type FakeSmtp, startFakeSmtp } from '../fakes/smtp';
import {
  type Agent,
  createClinic,
  createTestApp,
  eeCode,
  patientBody,
  type TestApp,
  type TestClinic,
} from '../harness';

// 10 March 2026, noon in Tallinn.
const clock = fixedClock('2026-03-10T10:00:00Z');
let t: TestApp;
let c: TestClinic;
let smtp: FakeSmtp;
let dpo: Agent;
let rec: Agent;
let n = 0;

before(async () => {
  smtp = await startFakeSmtp();
  t = await createTestApp({ clock, config: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://hoidja.example' } });
  c = await createClinic(t, 'answers');
  dpo = await c.as('dpo');
  rec = await c.as('receptionist');
});
after(async () => {
  await t.close();
  await smtp.close();
});

async function patient(over: Record<string, unknown>) {
  n += 1;
  const r = await rec.post(
    '/api/patients',
    patientBody({
      identity: { kind: 'national', country: 'EE', code: eeCode(`49001010${String(n).padStart(2, '0')}`) },
      ...over,
    }),
  );
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.patient.id as string;
}
const register = async (patientId: string, over: Record<string, unknown> = {}) => {
  const r = await rec.post('/api/requests', {
    patientId,
    kind: 'access',
    channel: 'email',
    receivedOn: '2026-03-09',
    identityCheck: 'digital_signature',
    ...over,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id as string;
};
const jobs = (id: string) =>
  t.database.raw.query<{ status: string; last_error: string | null; dedupe_key: string }>(
    `select status, last_error, dedupe_key from outbox_jobs where subject_id = $1 and kind = 'rights.answer' order by created_at`,
    [id],
  );

test('an e-mailed request: the extension notice and the answer go by e-mail, in the person’s language, once each', async () => {
  const p = await patient({ email: 'liga@example.lv', preferredLanguage: 'lv' });
  const id = await register(p);
  const ext = await dpo.post(`/api/requests/${id}/extend`, {
    months: 1,
    reasons: 'Jūsu dati glabājas trīs sistēmās, tos jāsavāc manuāli.',
  });
  assert.equal(ext.status, 200, JSON.stringify(ext.body));
  await t.services.worker.drain();
  const [notice] = await smtp.waitFor(1);
  assert.deepEqual(notice!.to, ['liga@example.lv']);
  assert.match(notice!.subject, /jūsu datu aizsardzības pieprasījums/);
  assert.match(notice!.text, /ne vēlāk kā 09\.05\.2026/);
  assert.match(notice!.text, /trīs sistēmās/);

  const ans = await dpo.post(`/api/requests/${id}/answer`, { answer: 'Jūsu datu kopija ir pielikumā.' });
  assert.equal(ans.status, 200);
  await t.services.worker.drain();
  await t.services.worker.drain();
  const mails = await smtp.waitFor(2);
  assert.equal(mails.length, 2, 'one mail per step, never twice');
  assert.match(mails[1]!.text, /Mūsu atbilde:\r?\n\r?\nJūsu datu kopija ir pielikumā\./);
  assert.deepEqual(
    (await jobs(id)).map((j) => [j.status, j.dedupe_key]),
    [
      ['sent', `rights_request:${id}:extended`],
      ['sent', `rights_request:${id}:answered`],
    ],
  );
  const audit = await t.database.raw.query<{ n: string }>(
    `select count(*)::text as n from audit_events where action = 'rights_request.send' and entity_id = $1`,
    [id],
  );
  assert.equal(audit[0]!.n, '2');
});

test('a refusal by e-mail names the legal reason and the authority; a portal request gets only a pointer to the portal', async () => {
  const before = (await smtp.waitFor(0)).length;
  const p = await patient({ email: 'mari@example.org', preferredLanguage: 'et' });
  const id = await register(p);
  await dpo.post(`/api/requests/${id}/refuse`, {
    legalReason: 'manifestly_unfounded',
    explanation: 'Sama taotlus on sel kuul juba kolm korda vastatud.',
  });
  const portalId = await register(p, { answerChannel: 'portal' });
  await dpo.post(`/api/requests/${portalId}/answer`, { answer: 'Teie andmed on portaalis allalaadimiseks valmis.' });
  await t.services.worker.drain();
  const mails = (await smtp.waitFor(before + 2)).slice(before);
  const refusal = mails.find((m) => m.text.includes('Me ei saa'))!;
  assert.match(refusal.text, /ilmselgelt põhjendamatu \(IKÜM art 12 lg 5\)/);
  assert.match(refusal.text, /kolm korda/);
  assert.match(refusal.text, /Andmekaitse Inspektsioon/);
  const pointer = mails.find((m) => m.text.includes('patsiendiportaalis'))!;
  assert.match(pointer.text, /https:\/\/hoidja\.example\/portal\?clinic=answers/);
  assert.ok(!pointer.text.includes('allalaadimiseks valmis'), 'the answer itself stays in the portal');
});

test('a letter request is not e-mailed: the clinic posts it; no e-mail address is said, not failed', async () => {
  const p = await patient({ email: 'jaan@example.org' });
  const byLetter = await register(p, { channel: 'letter' });
  await dpo.post(`/api/requests/${byLetter}/answer`, { answer: 'Vastus postiga.' });
  const q = await patient({ email: null });
  const noMail = await register(q);
  await dpo.post(`/api/requests/${noMail}/answer`, { answer: 'Vastus.' });
  await t.services.worker.drain();
  const [letter] = await jobs(byLetter);
  assert.equal(letter!.status, 'skipped');
  assert.match(letter!.last_error!, /goes by letter/);
  const [none] = await jobs(noMail);
  assert.equal(none!.status, 'skipped');
  assert.match(none!.last_error!, /no e-mail address/);
});
