import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createClinic, createTestApp, eeCode, patientBody, type TestApp, type TestClinic } from '../harness';

let t: TestApp;
let a: TestClinic;
let b: TestClinic;
let patientOfB: string;
const code = eeCode('4900101000');

before(async () => {
  t = await createTestApp();
  a = await createClinic(t, 'clinic-a');
  b = await createClinic(t, 'clinic-b', 'LV');
  const reg = await (await b.as('receptionist')).post(
    '/api/patients',
    patientBody({
      lastName: 'Bērziņa',
      identity: { kind: 'national', country: 'EE', code },
      mobile: '+37120000001',
      email: 'berzina@example.org',
    }),
  );
  assert.equal(reg.status, 201, JSON.stringify(reg.body));
  patientOfB = reg.body.patient.id;
});
after(() => t.close());

test("a user of clinic A cannot read, change or annotate clinic B's patient by its id", async () => {
  for (const role of ['admin', 'receptionist', 'doctor', 'accountant', 'dpo'] as const) {
    const agent = await a.as(role);
    for (const url of [
      `/api/patients/${patientOfB}`,
      `/api/patients/${patientOfB}/history`,
      `/api/patients/${patientOfB}/access-history`,
    ]) {
      const r = await agent.get(url, { 'x-access-reason': 'trying to guess' });
      assert.equal(r.status, 404, `${role} GET ${url}: ${r.status}`);
    }
  }
  const rec = await a.as('receptionist');
  assert.equal((await rec.patch(`/api/patients/${patientOfB}`, { version: 1, lastName: 'Hijacked' })).status, 404);
  assert.equal((await rec.post(`/api/patients/${patientOfB}/archive`, { reason: 'gone' })).status, 404);
  assert.equal(
    (await rec.post(`/api/patients/${patientOfB}/bill-payers`, { kind: 'employer', name: 'X' })).status,
    404,
  );
  const own = await (await b.as('receptionist')).get(`/api/patients/${patientOfB}`);
  assert.equal(own.body.patient.lastName, 'Bērziņa');
});

test("clinic A's search never lists clinic B's patient, by name, code, phone or e-mail", async () => {
  const rec = await a.as('receptionist');
  for (const query of ['bērz', code, '+37120000001', 'berzina@example.org']) {
    const r = await rec.post('/api/patients/search', { query });
    assert.equal(r.status, 200);
    assert.equal(r.body.items.length, 0, `query ${query}`);
  }
  // the same ID code may be registered in clinic A as its own patient: the clinics do not collide
  const own = await rec.post('/api/patients', patientBody({ identity: { kind: 'national', country: 'EE', code } }));
  assert.equal(own.status, 201);
  assert.notEqual(own.body.patient.id, patientOfB);
});

test('a session cookie of clinic A cannot be replayed against clinic B', async () => {
  const agentA = await a.as('admin');
  const me = await agentA.get('/api/auth/me');
  assert.equal(me.body.user.clinicSlug, 'clinic-a');
  const clinic = await agentA.get('/api/clinic');
  assert.equal(clinic.body.id, a.id);
  const staff = await agentA.get('/api/staff');
  assert.ok(staff.body.items.every((u: { email: string }) => u.email.endsWith('@clinic-a.example')));
});

test("no audit event of one clinic lands in the other clinic's chain", async () => {
  const rows = await t.database.raw.query<{ clinic_id: string; n: string }>(
    `select clinic_id, count(*)::text n from audit_events where patient_ref = $1 group by clinic_id`,
    [patientOfB],
  );
  // Clinic A's refused guesses are not recorded against B's patient in A's log either: they found nothing.
  assert.deepEqual(
    rows.map((r) => r.clinic_id),
    [b.id],
  );
});
