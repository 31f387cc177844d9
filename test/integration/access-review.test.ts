import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createClinic, createTestApp, eeCode, login, patientBody, type TestApp, type TestClinic } from '../harness';

/**
 * A planted snooping pattern: a doctor who treats none of them opens six patients at half past
 * nine in the evening by breaking the glass, one of them sharing the doctor's surname. The review
 * flags each unusual aspect with an explanation; the treating doctor's daytime access is not flagged.
 */
let t: TestApp;
let c: TestClinic;
const setClock = (iso: string) => (t.clock as unknown as { set(d: string): void }).set(iso);
const patients: string[] = [];

before(async () => {
  t = await createTestApp({ start: '2026-11-02T08:00:00Z' });
  c = await createClinic(t, 'review');
  const rec = await login(t.app, c.slug, c.staff.receptionist.email);
  for (let i = 0; i < 6; i++) {
    const p = await rec.post(
      '/api/patients',
      patientBody({
        lastName: i === 0 ? 'Review' : 'Tamm',
        identity: { kind: 'national', country: 'EE', code: eeCode(`480010100${i}`) },
      }),
    );
    assert.equal(p.status, 201, JSON.stringify(p.body));
    patients.push(p.body.patient.id);
  }
  await rec.post(`/api/patients/${patients[1]}/care-team`, { staffUserId: c.staff.doctor.id });
  const doc = await login(t.app, c.slug, c.staff.doctor.email);
  assert.equal((await doc.get(`/api/patients/${patients[1]}`)).status, 200);
  setClock('2026-11-02T19:30:00Z');
  const snoop = await login(t.app, c.slug, c.staff.doctor2.email);
  for (const id of patients) {
    const r = await snoop.get(`/api/patients/${id}`, { 'x-access-reason': 'emergency call' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  setClock('2026-11-03T08:00:00Z');
});
after(() => t.close());

test('the DPO sees the snooping pattern explained, finding by finding, and marks it reviewed', async () => {
  const dpo = await login(t.app, c.slug, c.staff.dpo.email);
  const rec = await login(t.app, c.slug, c.staff.receptionist.email);
  assert.equal((await rec.get('/api/access-review')).status, 403);
  const r = await dpo.get('/api/access-review?untreated=5');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const mine = r.body.items.filter((f: { staffUserId: string }) => f.staffUserId === c.staff.doctor2.id);
  const kinds = mine.map((f: { kind: string }) => f.kind).sort();
  assert.deepEqual(kinds, ['break_glass', 'outside_hours', 'same_surname', 'untreated_patients']);
  const glass = mine.find((f: { kind: string }) => f.kind === 'break_glass');
  assert.match(glass.explanation, /break-the-glass.*emergency call/);
  assert.match(mine.find((f: { kind: string }) => f.kind === 'untreated_patients').explanation, /opened 6 patients/);
  assert.equal(
    r.body.items.filter((f: { staffUserId: string }) => f.staffUserId === c.staff.doctor.id).length,
    0,
    'the treating doctor in the daytime is not flagged',
  );
  assert.doesNotMatch(JSON.stringify(r.body), /Tamm/, 'findings name staff, not patients');

  const mark = await dpo.post('/api/access-review/marks', {
    key: glass.key,
    outcome: 'breach_opened',
    note: 'no emergency that evening; breach recorded',
  });
  assert.equal(mark.status, 200, JSON.stringify(mark.body));
  const again = await dpo.get('/api/access-review');
  const marked = again.body.items.find((f: { key: string }) => f.key === glass.key);
  assert.equal(marked.reviewed.outcome, 'breach_opened');
});
