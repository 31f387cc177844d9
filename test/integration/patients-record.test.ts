/**
 * Issue 15, part 2: the patient record at the desk — every field corrected with its history kept
 * (health notes only by the treating doctor, and shown only to them), and a second registration of
 * an ID code answered with a stable code and the existing patient to open instead.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Agent, createClinic, createTestApp, patientBody, type TestApp, type TestClinic } from '../harness';
import { estonianCode } from './queue.fixtures';

let t: TestApp;
let c: TestClinic;
let rec: Agent;
let id: string;

before(async () => {
  t = await createTestApp({ start: '2026-12-14T08:00:00Z' });
  c = await createClinic(t, 'recordclinic');
  rec = await c.as('receptionist');
  const r = await rec.post(
    '/api/patients',
    patientBody({ identity: { kind: 'national', country: 'EE', code: estonianCode(21) } }),
  );
  assert.equal(r.status, 201, JSON.stringify(r.body));
  id = r.body.patient.id;
});
after(() => t.close());

test('a duplicate ID code answers 409 with a stable code and the existing patient, and registers no one', async () => {
  const again = await rec.post(
    '/api/patients',
    patientBody({ firstName: 'Maria', identity: { kind: 'national', country: 'EE', code: estonianCode(21) } }),
  );
  assert.equal(again.status, 409);
  assert.equal(again.body.error, 'patient.duplicate_id_code');
  assert.equal(again.body.field, 'identity.code');
  assert.equal(again.body.existingPatientId, id);
  const [n] = await t.database.raw.query<{ n: string }>('select count(*) as n from patients');
  assert.equal(Number(n!.n), 1);
  // Another code is not a duplicate; correcting a record to a code already taken is refused the same way.
  const other = await rec.post(
    '/api/patients',
    patientBody({ firstName: 'Jaan', identity: { kind: 'national', country: 'EE', code: estonianCode(22) } }),
  );
  assert.equal(other.status, 201);
  const taken = await rec.patch(`/api/patients/${other.body.patient.id}`, {
    version: 1,
    identity: { kind: 'national', country: 'EE', code: estonianCode(21) },
  });
  assert.equal(taken.status, 409);
  assert.equal(taken.body.existingPatientId, id);
});

test('name, address, contacts and language are corrected with the earlier values kept', async () => {
  const r = await rec.patch(`/api/patients/${id}`, {
    version: 1,
    firstName: 'Mari-Liis',
    address: { street: 'Lai 5', city: 'Tartu', postalCode: '51005', country: 'EE' },
    preferredLanguage: 'ru',
    mobile: '+372 5555 1234',
    reason: 'patient corrected at the desk',
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual([...r.body.changed].sort(), [
    'addressCity',
    'addressPostalCode',
    'addressStreet',
    'firstName',
    'mobile',
    'preferredLanguage',
  ]);
  const now = (await rec.get(`/api/patients/${id}`)).body.patient;
  assert.equal(now.firstName, 'Mari-Liis');
  assert.equal(now.address.city, 'Tartu');
  assert.equal(now.preferredLanguage, 'ru');
  const hist = await rec.get(`/api/patients/${id}/history`);
  assert.equal(hist.body.items.length, 1);
  assert.equal(hist.body.items[0].previous.firstName, 'Mari');
  assert.equal(hist.body.items[0].previous.addressCity, 'Tallinn');
  assert.equal(hist.body.items[0].reason, 'patient corrected at the desk');
  const stale = await rec.patch(`/api/patients/${id}`, { version: 1, lastName: 'Kask' });
  assert.equal(stale.status, 409, 'a correction on an old version is refused');
  const bad = await rec.patch(`/api/patients/${id}`, { version: 2, preferredLanguage: 'de' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, 'preferredLanguage');
  const empty = await rec.patch(`/api/patients/${id}`, { version: 2, firstName: '  ' });
  assert.equal(empty.status, 400);
});

test('health notes are corrected only by the treating doctor, and their history only shown to them', async () => {
  const refused = await rec.patch(`/api/patients/${id}`, { version: 2, healthNotes: 'penicillin allergy' });
  assert.equal(refused.status, 403);
  const doctor = await c.as('doctor');
  assert.equal((await rec.post(`/api/patients/${id}/care-team`, { staffUserId: c.staff.doctor.id })).status, 200);
  const first = await doctor.patch(`/api/patients/${id}`, { version: 2, healthNotes: 'penicillin allergy' });
  assert.equal(first.status, 200, JSON.stringify(first.body));
  const second = await doctor.patch(`/api/patients/${id}`, { version: 3, healthNotes: 'penicillin and latex allergy' });
  assert.deepEqual(second.body.changed, ['healthNotesEnc']);
  const byDoctor = (await doctor.get(`/api/patients/${id}/history`)).body.items;
  assert.equal(byDoctor[0].previous.healthNotes, 'penicillin allergy');
  const byDesk = (await rec.get(`/api/patients/${id}/history`)).body.items;
  assert.equal(byDesk.length, 3);
  assert.ok(
    byDesk.every((v: { previous: object }) => !('healthNotes' in v.previous)),
    'reception sees no health data',
  );
  assert.equal((await rec.get(`/api/patients/${id}`)).body.patient.healthNotes ?? null, null);
  const other = await c.as('doctor2');
  assert.equal((await other.patch(`/api/patients/${id}`, { version: 4, healthNotes: 'x' })).status, 403);
});
