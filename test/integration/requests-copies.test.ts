import assert from 'node:assert/strict';
import { createDecipheriv, createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { fixedClock } from '../../src/platform/clock';
import { type FakeSmsApi, startFakeSmsApi } from '../fakes/sms-api';
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
let sms: FakeSmsApi;
let dpo: Agent;
let rec: Agent;
let n = 0;

before(async () => {
  smtp = await startFakeSmtp();
  sms = await startFakeSmsApi();
  t = await createTestApp({
    clock,
    config: {
      SMTP_URL: smtp.url,
      SMS_API_URL: sms.url,
      SMS_API_USER: sms.username,
      SMS_API_PASSWORD: sms.password,
      PUBLIC_URL: 'https://hoidja.example',
    },
  });
  c = await createClinic(t, 'copies');
  dpo = await c.as('dpo');
  rec = await c.as('receptionist');
});
after(async () => {
  await t.close();
  await smtp.close();
  await sms.close();
});

async function accessRequest(over: Record<string, unknown> = {}) {
  n += 1;
  const p = await rec.post(
    '/api/patients',
    patientBody({
      identity: { kind: 'national', country: 'EE', code: eeCode(`38501010${String(n).padStart(2, '0')}`) },
      ...over,
    }),
  );
  assert.equal(p.status, 201, JSON.stringify(p.body));
  const r = await rec.post('/api/requests', {
    patientId: p.body.patient.id,
    kind: 'access',
    channel: 'letter',
    receivedOn: '2026-03-09',
    identityCheck: 'digital_signature',
    details: 'Palun saatke minu raviandmete koopia e-postiga.',
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return { requestId: r.body.id as string, patientId: p.body.patient.id as string };
}

/**
 * Checks a PDF's AES-256 standard security handler (ISO 32000 extension level 3, R5) by the
 * published algorithm, not by the library that wrote it: the password's hash matches /U, the file
 * key unwrapped from /UE with it decrypts /Perms to its "adb" marker.
 */
function opensWith(pdf: Buffer, password: string): boolean {
  const text = pdf.toString('latin1');
  const enc = /\/Filter\s*\/Standard[\s\S]*?>>\s*>>|\/Filter\s*\/Standard[\s\S]*?\/Perms\s*<[0-9a-fA-F]+>/.exec(text);
  assert.ok(enc, 'an encryption dictionary');
  const dict = text.slice(text.indexOf('/Filter /Standard') - 200, text.indexOf('/Filter /Standard') + 2000);
  assert.match(dict, /\/V 5/);
  assert.match(dict, /\/CFM \/AESV3/);
  assert.match(dict, /\/Length 256/);
  const hex = (name: string) => Buffer.from(new RegExp(`/${name}\\s*<([0-9a-fA-F]+)>`).exec(dict)![1]!, 'hex');
  const u = hex('U');
  const pw = Buffer.from(password, 'utf8');
  const hash = createHash('sha256')
    .update(Buffer.concat([pw, u.subarray(32, 40)]))
    .digest();
  if (!hash.equals(u.subarray(0, 32))) return false;
  const kek = createHash('sha256')
    .update(Buffer.concat([pw, u.subarray(40, 48)]))
    .digest();
  const unwrap = createDecipheriv('aes-256-cbc', kek, Buffer.alloc(16)).setAutoPadding(false);
  const fileKey = Buffer.concat([unwrap.update(hex('UE')), unwrap.final()]);
  const perms = createDecipheriv('aes-256-ecb', fileKey, null).setAutoPadding(false);
  const p = Buffer.concat([perms.update(hex('Perms')), perms.final()]);
  return p.subarray(9, 12).toString('latin1') === 'adb';
}

test('an encrypted copy to the patient: the PDF by e-mail, AES-256 under a one-time password sent by SMS', async () => {
  const { requestId } = await accessRequest({ email: 'mari@example.org', mobile: '5123 4567' });
  const r = await dpo.post(`/api/requests/${requestId}/copy`, { recipient: 'patient' });
  assert.equal(r.status, 202, JSON.stringify(r.body));
  assert.equal(r.body.sentTo, 'mari@example.org');
  assert.match(r.body.passwordTo, /^\+372…567$/);
  await t.services.worker.drain();
  const [mail] = await smtp.waitFor(1);
  assert.deepEqual(mail!.to, ['mari@example.org']);
  assert.match(mail!.subject, /teie terviseandmete koopia/);
  assert.doesNotMatch(mail!.text, /[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/, 'never the password in the mail');
  const pdf = mail!.attachments.find((a) => a.contentType === 'application/pdf')!.content;
  assert.ok(pdf.subarray(0, 5).toString() === '%PDF-');
  assert.ok(!pdf.toString('latin1').includes('Mari'), 'no readable personal data');
  const [text] = await sms.waitFor(1);
  assert.equal(text!.to, '+37251234567');
  const password = /: ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})$/.exec(text!.text)![1]!;
  assert.equal(opensWith(pdf, password), true, 'opens with the password from the SMS');
  assert.equal(opensWith(pdf, 'AAAA-BBBB-CCCC-DDDD'), false, 'and with no other');
  const audit = await t.database.raw.query<{ action: string }>(
    `select action from audit_events where entity_id = $1 and action in ('rights_request.copy', 'rights_request.export')`,
    [requestId],
  );
  assert.deepEqual(audit.map((a) => a.action).sort(), ['rights_request.copy', 'rights_request.export']);
});

test('a copy to a person the patient named: e-mailed to them, the password to the patient, the disclosure logged', async () => {
  const { requestId, patientId } = await accessRequest({ email: 'jaan@example.org', mobile: '5550 0001' });
  const r = await dpo.post(`/api/requests/${requestId}/copy`, {
    recipient: 'named_person',
    namedPerson: { name: 'Kati Kask', idCode: '48705050000', email: 'kati@example.org' },
  });
  assert.equal(r.status, 202, JSON.stringify(r.body));
  await t.services.worker.drain();
  const mails = await smtp.waitFor(2);
  const toKati = mails.find((m) => m.to.includes('kati@example.org'))!;
  assert.match(toKati.text, /patsiendi soovil/);
  const texts = await sms.waitFor(2);
  assert.equal(texts.at(-1)!.to, '+37255500001', 'the password goes to the patient, not to the named person');
  const log = await rec.get(`/api/patients/${patientId}/disclosures`);
  assert.equal(log.body.items.length, 1);
  assert.equal(log.body.items[0].recipientKind, 'named_person');
  assert.equal(log.body.items[0].recipientName, 'Kati Kask (48705050000)');
});

test('bad input: no mobile for the password, no e-mail, a named person without details, not an access request', async () => {
  const before = await t.database.raw.query<{ n: string }>(`select count(*)::text as n from outbox_jobs`);
  const noMobile = await accessRequest({ email: 'a@example.org', mobile: null });
  const r1 = await dpo.post(`/api/requests/${noMobile.requestId}/copy`, { recipient: 'patient' });
  assert.equal(r1.status, 400);
  assert.equal(r1.body.field, 'recipient');
  assert.match(r1.body.reason, /no mobile number/);
  const noMail = await accessRequest({ email: null, mobile: '5550 0002' });
  const r2 = await dpo.post(`/api/requests/${noMail.requestId}/copy`, { recipient: 'patient' });
  assert.equal(r2.status, 400);
  assert.match(r2.body.reason, /hand the copy over at the desk/);
  const r3 = await dpo.post(`/api/requests/${noMail.requestId}/copy`, { recipient: 'named_person' });
  assert.equal(r3.status, 400);
  assert.equal(r3.body.field, 'namedPerson');
  const r4 = await dpo.post(`/api/requests/${noMail.requestId}/copy`, {
    recipient: 'named_person',
    namedPerson: { name: 'Kati Kask', idCode: '48705050000', email: 'not an address' },
  });
  assert.equal(r4.status, 400);
  assert.equal(r4.body.field, 'namedPerson.email');
  const after = await t.database.raw.query<{ n: string }>(`select count(*)::text as n from outbox_jobs`);
  assert.equal(after[0]!.n, before[0]!.n, 'nothing queued');
  assert.equal((await rec.post(`/api/requests/${noMail.requestId}/copy`, { recipient: 'patient' })).status, 403);
});
