import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { systemContext } from '../../src/platform/access';
import { fixedClock } from '../../src/platform/clock';
import {
  type Agent,
  createClinic,
  createTestApp,
  eeCode,
  login,
  patientBody,
  TEST_PASSWORD,
  type TestApp,
  type TestClinic,
} from '../harness';
import { publishRegister } from './queue.fixtures';

// 10 March 2026, noon in Tallinn.
const clock = fixedClock('2026-03-10T10:00:00Z');
let t: TestApp;
let a: TestClinic;
let dpo: Agent;
let rec: Agent;
let n = 0;

before(async () => {
  t = await createTestApp({ clock });
  a = await createClinic(t, 'restrict');
  rec = await a.as('receptionist');
  dpo = await a.as('dpo');
  await publishRegister(dpo, 'demo');
});
after(() => t.close());

async function newPatient() {
  n += 1;
  const r = await rec.post(
    '/api/patients',
    patientBody({
      identity: { kind: 'national', country: 'EE', code: eeCode(`48001010${String(n).padStart(2, '0')}`) },
    }),
  );
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.patient.id as string;
}
const request = async (patientId: string, kind: string, over: Record<string, unknown> = {}) => {
  const r = await rec.post('/api/requests', {
    patientId,
    kind,
    channel: 'letter',
    receivedOn: '2026-03-09',
    identityCheck: 'digital_signature',
    ...over,
  });
  return r;
};
const restricted = async (patientId: string) =>
  (
    await t.database.raw.query<{ r: boolean }>('select processing_restricted as r from patients where id = $1', [
      patientId,
    ])
  )[0]!.r;
const allows = (patientId: string, purpose: string) =>
  t.services.consents.allows({ clinicId: a.id }, patientId, purpose);

test('a restriction stops reminders, surveys and edits at once; answered it stays; lifted, processing resumes', async () => {
  const p = await newPatient();
  assert.equal(await allows(p, 'reminders'), true);
  const r = await request(p, 'restriction', { details: 'My address is wrong; do not use my data until it is fixed.' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(await restricted(p), true);
  assert.equal(await allows(p, 'reminders'), false, 'reminders (legitimate interest) stop');
  const patient = await rec.get(`/api/patients/${p}`);
  assert.equal(patient.body.patient.processingRestricted, true, 'staff see it on the record');
  // edits need the data protection officer
  const edit = await rec.patch(`/api/patients/${p}`, { version: patient.body.patient.version, mobile: '5550 1234' });
  assert.equal(edit.status, 403);
  assert.match(edit.body.message, /restricted/);
  const admin = await a.as('admin');
  assert.equal(
    (await admin.patch(`/api/patients/${p}`, { version: patient.body.patient.version, mobile: '5550 1234' })).status,
    403,
  );
  // in a small clinic the receptionist is often the DPO too: with that role the change goes through
  await t.services.auth.createUser(systemContext(a.id, 'cli'), {
    email: 'desk-dpo@restrict.example',
    fullName: 'Desk and DPO',
    roles: ['receptionist', 'dpo'],
    password: TEST_PASSWORD,
  });
  const deskDpo = await login(t.app, a.slug, 'desk-dpo@restrict.example');
  const byDpo = await deskDpo.patch(`/api/patients/${p}`, {
    version: patient.body.patient.version,
    mobile: '5550 1234',
  });
  assert.equal(byDpo.status, 200, JSON.stringify(byDpo.body));

  const answered = await dpo.post(`/api/requests/${r.body.id}/answer`, { answer: 'Restricted until corrected.' });
  assert.equal(answered.status, 200);
  assert.equal(await restricted(p), true, 'a granted restriction stays in force');
  const lifted = await dpo.post(`/api/requests/${r.body.id}/lift`, { note: 'Told by letter on 10.03.2026.' });
  assert.equal(lifted.status, 200, JSON.stringify(lifted.body));
  assert.equal(lifted.body.liftedOn, '2026-03-10');
  assert.equal(lifted.body.timeline.at(-1).kind, 'restriction_lifted');
  assert.equal(await restricted(p), false);
  assert.equal(await allows(p, 'reminders'), true);
  // lifted once only; and only a restriction is lifted
  assert.equal((await dpo.post(`/api/requests/${r.body.id}/lift`, { note: 'again' })).status, 409);
  const access = await request(p, 'access');
  assert.equal((await dpo.post(`/api/requests/${access.body.id}/lift`, { note: 'no' })).status, 409);
  assert.equal((await rec.post(`/api/requests/${r.body.id}/lift`, { note: 'no' })).status, 403);
});

test('a refused or withdrawn restriction ends it, unless another restriction is still in force', async () => {
  const p = await newPatient();
  const first = await request(p, 'restriction');
  const second = await request(p, 'restriction');
  assert.equal(await restricted(p), true);
  const refused = await dpo.post(`/api/requests/${first.body.id}/refuse`, {
    legalReason: 'manifestly_unfounded',
    explanation: 'The data you contest was checked and is accurate.',
  });
  assert.equal(refused.status, 200);
  assert.equal(await restricted(p), true, 'the second request still restricts');
  await rec.post(`/api/requests/${second.body.id}/withdraw`, { note: 'The person called: withdrawn.' });
  assert.equal(await restricted(p), false);
});

test('an objection stops the legitimate-interest purposes it names, in the consent ledger, and nothing else', async () => {
  const p = await newPatient();
  const r = await request(p, 'objection', { purposeKeys: ['reminders'], channel: 'email' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(await allows(p, 'reminders'), false);
  assert.equal(await allows(p, 'debt_collection'), true, 'a purpose not named goes on');
  const ledger = await rec.get(`/api/patients/${p}/consents/history`);
  const objected = ledger.body.items.find((e: { purposeKey: string }) => e.purposeKey === 'reminders');
  assert.equal(objected.action, 'objected');
  assert.equal(objected.channel, 'email');
  assert.equal(await restricted(p), false);
});

test('bad input: an objection to a consent purpose or an unknown one; nothing registered, nothing recorded', async () => {
  const p = await newPatient();
  const count = async () =>
    Number(
      (
        await t.database.raw.query<{ n: string }>(
          'select count(*)::text as n from rights_requests where patient_id = $1',
          [p],
        )
      )[0]!.n,
    );
  const consentPurpose = await request(p, 'objection', { purposeKeys: ['newsletter'] });
  assert.equal(consentPurpose.status, 400);
  assert.equal(consentPurpose.body.field, 'purposeKeys');
  assert.match(consentPurpose.body.reason, /withdraw a consent instead/);
  const unknown = await request(p, 'objection', { purposeKeys: ['reminders', 'telepathy'] });
  assert.equal(unknown.status, 400);
  assert.match(unknown.body.reason, /no purpose "telepathy"/);
  const withdrawLegit = await request(p, 'consent_withdrawal', { purposeKeys: ['reminders'] });
  assert.equal(withdrawLegit.status, 400);
  assert.equal(await count(), 0);
  assert.equal(await allows(p, 'reminders'), true, 'nothing recorded in the ledger');
});

test('the timeline is append-only: the database refuses to change or delete a step', async () => {
  const p = await newPatient();
  const r = await request(p, 'access');
  await assert.rejects(
    t.database.raw.query(`update rights_request_events set note = 'rewritten' where request_id = $1`, [r.body.id]),
    /append-only/,
  );
  await assert.rejects(
    t.database.raw.query('delete from rights_request_events where request_id = $1', [r.body.id]),
    /append-only/,
  );
  const c = await rec.post('/api/complaints', {
    channel: 'desk',
    receivedOn: '2026-03-10',
    complainantName: 'Mari Tamm',
    contactPhone: '+372 5123 4567',
    circumstances: 'The waiting room was cold.',
    claim: 'Please heat the waiting room.',
    feedbackWanted: false,
    feedbackChannel: 'none',
  });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  await assert.rejects(
    t.database.raw.query(`update complaint_events set note = 'x' where complaint_id = $1`, [c.body.id]),
    /append-only/,
  );
});
