import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/**
 * A copy of the records as CMS enveloped data to the recipient's X.509 certificate (issue 9, item
 * 5): certificates and keys are made by openssl here, and openssl opens what Hoidja sent, so the
 * test checks the format by an independent implementation. The clock runs two days ahead of the
 * machine's, so a certificate made valid for one day has expired for the app.
 */
const clock = fixedClock(new Date(Date.now() + 2 * 86_400_000).toISOString());
const dir = mkdtempSync(join(tmpdir(), 'hoidja-cms-'));
let t: TestApp;
let c: TestClinic;
let smtp: FakeSmtp;
let sms: FakeSmsApi;
let dpo: Agent;
let rec: Agent;
let n = 0;

/** A self-signed certificate and its key, as an ID card's would name its holder (serialNumber PNOEE-…). */
function certificate(name: string, key: 'rsa' | 'ec', personalCode: string, days = 3650) {
  const args = key === 'rsa' ? ['-newkey', 'rsa:2048'] : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384'];
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      ...args,
      '-nodes',
      '-keyout',
      join(dir, `${name}.key`),
      '-out',
      join(dir, `${name}.pem`),
      '-days',
      String(days),
      '-subj',
      `/C=EE/CN=TEST,${name.toUpperCase()}/serialNumber=PNOEE-${personalCode}`,
    ],
    { stdio: 'ignore' },
  );
  return readFileSync(join(dir, `${name}.pem`), 'utf8');
}

/** openssl opens the enveloped data with this certificate's key: the content, or null when it cannot. */
function openWith(name: string, der: Buffer): Buffer | null {
  writeFileSync(join(dir, 'in.p7m'), der);
  const r = spawnSync('openssl', [
    'cms',
    '-decrypt',
    '-inform',
    'DER',
    '-in',
    join(dir, 'in.p7m'),
    '-recip',
    join(dir, `${name}.pem`),
    '-inkey',
    join(dir, `${name}.key`),
  ]);
  return r.status === 0 ? r.stdout : null;
}

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
  c = await createClinic(t, 'cms-copies');
  dpo = await c.as('dpo');
  rec = await c.as('receptionist');
});
after(async () => {
  await t.close();
  await smtp.close();
  await sms.close();
  rmSync(dir, { recursive: true, force: true });
});

async function accessRequest(over: Record<string, unknown> = {}) {
  n += 1;
  const code = eeCode(`38501010${String(n).padStart(2, '0')}`);
  const p = await rec.post(
    '/api/patients',
    patientBody({ identity: { kind: 'national', country: 'EE', code }, ...over }),
  );
  assert.equal(p.status, 201, JSON.stringify(p.body));
  const r = await rec.post('/api/requests', {
    patientId: p.body.patient.id,
    kind: 'access',
    channel: 'letter',
    receivedOn: clock.now().toISOString().slice(0, 10),
    identityCheck: 'digital_signature',
    details: 'Palun saatke minu raviandmete koopia e-postiga, krüpteeritult minu ID-kaardile.',
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return { requestId: r.body.id as string, patientId: p.body.patient.id as string, code };
}

const p7m = (mail: { attachments: { filename?: string; contentType: string; content: Buffer }[] }) =>
  mail.attachments.find((a) => a.contentType.startsWith('application/pkcs7-mime'));

test('to the patient’s own RSA certificate: no password, no SMS; openssl opens the PDF; a step on the timeline', async () => {
  const { requestId, code } = await accessRequest({ email: 'anu@example.org', mobile: null });
  const pem = certificate('anu', 'rsa', code);
  const smsBefore = sms.received.length;
  const r = await dpo.post(`/api/requests/${requestId}/copy`, {
    recipient: 'patient',
    encryption: 'certificate',
    certificate: pem,
  });
  assert.equal(r.status, 202, JSON.stringify(r.body));
  assert.equal(r.body.passwordTo, null);
  assert.equal(r.body.encryption, 'certificate');
  assert.match(r.body.filename, /\.p7m$/);
  await t.services.worker.drain();
  const mail = (await smtp.waitFor(1)).find((m) => m.to.includes('anu@example.org'))!;
  assert.match(mail.text, /krüpteeritud teie antud sertifikaadile/);
  const file = p7m(mail);
  assert.ok(file, 'a CMS attachment');
  assert.ok(!file.content.toString('latin1').includes('%PDF'), 'the PDF is not readable as it travels');
  const pdf = openWith('anu', file.content);
  assert.ok(pdf, 'openssl cms -decrypt opens it with the certificate’s key');
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.ok(!pdf.toString('latin1').includes('/Encrypt'), 'inside is the plain PDF: the envelope is the encryption');
  certificate('stranger', 'rsa', '38001010014');
  assert.equal(openWith('stranger', file.content), null, 'and no other key opens it');
  assert.equal(sms.received.length, smsBefore, 'no password to send');

  const view = await dpo.get(`/api/requests/${requestId}`);
  const step = view.body.timeline.find((s: { kind: string }) => s.kind === 'copy_sent');
  assert.ok(step, JSON.stringify(view.body.timeline));
  assert.equal(step.data.encrypted, 'cms');
  assert.equal(step.data.recipient, 'patient');
  assert.equal(step.actorRole, 'dpo');
});

test('to a person the patient named, with an elliptic-curve certificate (as on ID cards since 2018)', async () => {
  const { requestId, patientId } = await accessRequest({ email: 'jaak@example.org', mobile: '5550 0101' });
  const pem = certificate('kati', 'ec', '48705050000');
  const r = await dpo.post(`/api/requests/${requestId}/copy`, {
    recipient: 'named_person',
    namedPerson: { name: 'Kati Kask', idCode: '48705050000', email: 'kati@example.org' },
    encryption: 'certificate',
    certificate: Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64').toString('base64'),
  });
  assert.equal(r.status, 202, JSON.stringify(r.body));
  await t.services.worker.drain();
  const mail = (await smtp.waitFor(2)).find((m) => m.to.includes('kati@example.org'))!;
  assert.match(mail.text, /krüpteeritud teie sertifikaadile/);
  const pdf = openWith('kati', p7m(mail)!.content);
  assert.ok(pdf, 'ECDH: openssl opens it with the EC key');
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const log = await rec.get(`/api/patients/${patientId}/disclosures`);
  assert.equal(log.body.items.length, 1);
  assert.equal(log.body.items[0].recipientName, 'Kati Kask (48705050000)');
});

test('the password-protected copy is a step on the timeline too', async () => {
  const { requestId } = await accessRequest({ email: 'mati@example.org', mobile: '5550 0202' });
  const r = await dpo.post(`/api/requests/${requestId}/copy`, { recipient: 'patient' });
  assert.equal(r.status, 202, JSON.stringify(r.body));
  assert.equal(r.body.encryption, 'password');
  const view = await dpo.get(`/api/requests/${requestId}`);
  const step = view.body.timeline.find((s: { kind: string }) => s.kind === 'copy_sent');
  assert.equal(step?.data.encrypted, 'pdf-aes256');
  assert.equal(step?.data.passwordBy, 'sms');
});

test('bad certificates: none, not one, another person’s, expired: 400 on the field, nothing queued or recorded', async () => {
  const { requestId, code } = await accessRequest({ email: 'ene@example.org', mobile: null });
  const otherPerson = certificate('other', 'rsa', '38001010014');
  const expired = certificate('expired', 'ec', code, 1);
  const jobs = async () =>
    (await t.database.raw.query<{ n: string }>('select count(*)::text as n from outbox_jobs'))[0]!.n;
  const before = await jobs();
  for (const [body, reason] of [
    [{ encryption: 'certificate' }, /X\.509 certificate/],
    [{ encryption: 'certificate', certificate: '*** not a certificate ***' }, /not a PEM or base64/],
    [{ encryption: 'certificate', certificate: Buffer.from('hello').toString('base64') }, /not an X\.509/],
    [{ encryption: 'certificate', certificate: otherPerson }, /names another person/],
    [{ encryption: 'certificate', certificate: expired }, /not today/],
    [{ encryption: 'smoke signals' }, /password|certificate/],
  ] as const) {
    const r = await dpo.post(`/api/requests/${requestId}/copy`, { recipient: 'patient', ...body });
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.match(r.body.field, /certificate|encryption/);
    assert.match(r.body.reason, reason);
  }
  assert.equal(await jobs(), before, 'nothing queued');
  const view = await dpo.get(`/api/requests/${requestId}`);
  assert.equal(view.body.timeline.filter((s: { kind: string }) => s.kind === 'copy_sent').length, 0);
});
