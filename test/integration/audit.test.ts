import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createClinic, createTestApp, eeCode, patientBody, type TestApp, type TestClinic } from '../harness';

let t: TestApp;
let c: TestClinic;
let patientId: string;
const code = eeCode('3850707000');

before(async () => {
  t = await createTestApp();
  c = await createClinic(t, 'auditclinic');
  const rec = await c.as('receptionist');
  const r = await rec.post(
    '/api/patients',
    patientBody({ identity: { kind: 'national', country: 'EE', code }, healthNotes: undefined }),
  );
  patientId = r.body.patient.id;
  await rec.get(`/api/patients/${patientId}`);
  await rec.post('/api/patients/search', { query: 'tamm' });
});
after(() => t.close());

test('every event carries who, role, clinic, action, patient reference, purpose, outcome and request id', async () => {
  const [e] = await t.database.raw.query<Record<string, unknown>>(
    `select * from audit_events where action = 'patient.read' and patient_ref = $1`,
    [patientId],
  );
  assert.ok(e);
  assert.equal(e.clinic_id, c.id);
  assert.equal(e.actor_id, c.staff.receptionist.id);
  assert.equal(e.actor_role, 'receptionist');
  assert.equal(e.purpose, 'care');
  assert.equal(e.outcome, 'allowed');
  assert.ok(e.request_id);
  assert.ok(e.at instanceof Date || typeof e.at === 'string');
});

test('the audit log holds no names or ID codes', async () => {
  const rows = await t.database.raw.query<Record<string, unknown>>('select * from audit_events');
  const text = JSON.stringify(rows);
  assert.ok(!text.includes(code), 'no ID code');
  assert.ok(!text.includes('Tamm'), 'no name');
  assert.ok(!text.includes('mari.tamm'), 'no e-mail');
});

test('the chain verifies, and UPDATE or DELETE on the log is refused by the database', async () => {
  const ok = await t.services.audit.verify(t.database.db);
  assert.equal(ok.ok, true);
  assert.ok(ok.checked > 5);
  await assert.rejects(
    t.database.raw.query(`update audit_events set purpose = 'x' where clinic_id = $1`, [c.id]),
    /append-only/,
  );
  await assert.rejects(t.database.raw.query(`delete from audit_events where clinic_id = $1`, [c.id]), /append-only/);
  await assert.rejects(t.database.raw.query('truncate audit_events'), /append-only/);
});

test('a hand-edited row is named as the first broken link', async () => {
  const [target] = await t.database.raw.query<{ seq: string }>(
    `select seq::text from audit_events where clinic_id = $1 and action = 'patient.read'`,
    [c.id],
  );
  // Only someone able to switch the trigger off can do this: exactly the tampering verify must catch.
  await t.admin('alter table audit_events disable trigger audit_events_append_only');
  await t.admin(`update audit_events set actor_id = null where clinic_id = $1 and seq = $2`, [c.id, target!.seq]);
  await t.admin('alter table audit_events enable trigger audit_events_append_only');
  const r = await t.services.audit.verify(t.database.db);
  assert.equal(r.ok, false);
  assert.equal(r.firstBroken!.seq, Number(target!.seq));
  assert.equal(r.firstBroken!.clinicId, c.id);
  assert.match(r.firstBroken!.problem, /changed/);
});

test('ID codes, documents, insurance and health notes are unreadable in the stored rows', async () => {
  const doctor = await c.as('doctor');
  const r = await doctor.post(
    '/api/patients',
    patientBody({
      firstName: 'Salajane',
      identity: {
        kind: 'document',
        documentType: 'passport',
        documentNumber: 'PX9988776',
        documentCountry: 'FI',
        birthDate: '1970-01-01',
      },
      insurance: { status: 'insured', insurer: 'Tervisekassa-XYZ' },
      healthNotes: 'penicillin allergy',
    }),
  );
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const rows = await t.database.raw.query<Record<string, unknown>>('select * from patients');
  const dump = JSON.stringify(rows);
  for (const secret of [code, 'PX9988776', 'Tervisekassa-XYZ', 'penicillin'])
    assert.ok(!dump.includes(secret), `${secret} not stored in clear`);
  assert.match(String(rows[0]!.id_code_enc ?? rows[1]!.id_code_enc), /^v1\.k1\./);
  // The doctor who registered sees the health note; reception does not.
  const own = await doctor.get(`/api/patients/${r.body.patient.id}`);
  assert.equal(own.body.patient.healthNotes, 'penicillin allergy');
  const rec = await c.as('receptionist');
  const view = await rec.get(`/api/patients/${r.body.patient.id}`);
  assert.equal(view.body.patient.healthNotes, null);
  assert.equal(view.body.patient.healthVisible, false);
});

test('need-to-know: another doctor must state a reason; the access is flagged; reception cannot break the glass', async () => {
  const other = await c.as('doctor2');
  const refused = await other.get(`/api/patients/${patientId}`);
  assert.equal(refused.status, 403);
  assert.equal(refused.body.error, 'reason_required');
  const [denied] = await t.database.raw.query<{ outcome: string }>(
    `select outcome from audit_events where patient_ref = $1 and actor_id = $2 order by seq desc limit 1`,
    [patientId, c.staff.doctor2.id],
  );
  assert.equal(denied!.outcome, 'denied', 'the refusal is recorded even though the work rolled back');
  const opened = await other.get(`/api/patients/${patientId}`, {
    'x-access-reason': encodeURIComponent('night duty: acute pain'),
  });
  assert.equal(opened.status, 200);
  assert.equal(opened.body.access.breakGlass, true);
  const history = await (await c.as('receptionist')).get(`/api/patients/${patientId}/access-history`);
  const flagged = history.body.items.find((h: { breakGlass: boolean }) => h.breakGlass);
  assert.equal(flagged.reason, 'night duty: acute pain');
  assert.equal(flagged.staffName, 'doctor2 of auditclinic');
  const accountant = await c.as('accountant');
  const health = await accountant.patch(
    `/api/patients/${patientId}`,
    { version: 1, healthNotes: 'x' },
    { 'x-access-reason': 'curious' },
  );
  assert.equal(health.status, 403);
});

test('an error in the middle of a write rolls the whole write back', async () => {
  // Make the audit insert of a new registration fail after the patient row was written.
  await t.admin(
    `create or replace function fail_audit() returns trigger as $$ begin raise exception 'simulated crash'; end; $$ language plpgsql`,
  );
  await t.admin(
    `create trigger fail_audit before insert on audit_events for each row when (new.action = 'patient.create') execute function fail_audit()`,
  );
  try {
    const before = await t.database.raw.query<{ n: string }>('select count(*)::text n from patients');
    const rec = await c.as('receptionist');
    const r = await rec.post(
      '/api/patients',
      patientBody({ identity: { kind: 'national', country: 'EE', code: eeCode('3900101000') } }),
    );
    assert.equal(r.status, 500);
    assert.equal(r.body.message, 'something went wrong; the request was not carried out');
    assert.ok(!JSON.stringify(r.body).includes('simulated'), '5xx hides details');
    const after = await t.database.raw.query<{ n: string }>('select count(*)::text n from patients');
    assert.equal(after[0]!.n, before[0]!.n);
  } finally {
    await t.admin('drop trigger fail_audit on audit_events');
  }
});

test('a read records itself once, in the statement that reads; an unknown patient records no read', async () => {
  const count = async (id: string) =>
    Number(
      (
        await t.database.raw.query<{ n: string }>(
          `select count(*)::text as n from audit_events where action = 'patient.read' and patient_ref = $1`,
          [id],
        )
      )[0]!.n,
    );
  const before = await count(patientId);
  for (const role of ['receptionist', 'admin', 'accountant', 'dpo'] as const) {
    const agent = await c.as(role);
    const r = await agent.get(`/api/patients/${patientId}`);
    assert.equal(r.status, 200, role);
    assert.equal(r.body.access.role, role);
  }
  assert.equal(await count(patientId), before + 4);
  const unknown = '00000000-0000-4000-8000-000000000000';
  const rec = await c.as('receptionist');
  assert.equal((await rec.get(`/api/patients/${unknown}`)).status, 404);
  assert.equal(await count(unknown), 0);
});
