import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { systemContext } from '../../src/platform/access';
import { createClinic, createTestApp, eeCode, login, patientBody, type TestApp, type TestClinic } from '../harness';

/**
 * The patient page's retention: when the record and the invoices go under the register's rules
 * (the longest keeping wins), the holds that keep them, for anyone who may see the patient (a doctor
 * outside the care team only with a reason), audited; without a register nothing is said to go.
 */
let t: TestApp;
let c: TestClinic;
let bare: TestClinic;
const setClock = (iso: string) => (t.clock as unknown as { set(d: string): void }).set(iso);
const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => t.database.raw.query<T>(sql, params);
let patientId: string;
let bareId: string;

before(async () => {
  t = await createTestApp({ start: '2017-09-01T08:00:00Z' });
  c = await createClinic(t, 'keepview');
  bare = await createClinic(t, 'keepbare');
  await t.services.register.importText(
    systemContext(c.id, 'cli'),
    readFileSync('presets/demo.yaml', 'utf8').replace('slug: demo', 'slug: keepview'),
    'demo.yaml',
  );
  const acc = await login(t.app, c.slug, c.staff.accountant.email);
  const price = await acc.post('/api/billing/price-list', {
    validFrom: '2017-07-01',
    code: 'FILL',
    price: '60.00',
    benefitEligible: true,
    names: { et: 'Plomb', lv: 'Plomba', en: 'Filling', ru: 'Пломба' },
  });
  assert.equal(price.status, 201, JSON.stringify(price.body));
  const rec = await login(t.app, c.slug, c.staff.receptionist.email);
  const doc = await login(t.app, c.slug, c.staff.doctor.email);
  // Born 1 January 1980, treated and invoiced on 1 September 2017.
  const p = await rec.post(
    '/api/patients',
    patientBody({ identity: { kind: 'national', country: 'EE', code: eeCode('3800101000') } }),
  );
  assert.equal(p.status, 201, JSON.stringify(p.body));
  patientId = p.body.patient.id;
  await rec.post(`/api/patients/${patientId}/care-team`, { staffUserId: c.staff.doctor.id });
  const v = await doc.post('/api/billing/visits/services', {
    patientId,
    visitDate: '2017-09-01',
    services: [{ code: 'FILL' }],
  });
  assert.equal(v.status, 201, JSON.stringify(v.body));
  const inv = await rec.post('/api/billing/invoices', { visitId: v.body.visitId });
  assert.equal(inv.status, 201, JSON.stringify(inv.body));
  const b = await (await login(t.app, bare.slug, bare.staff.receptionist.email)).post('/api/patients', patientBody());
  assert.equal(b.status, 201, JSON.stringify(b.body));
  bareId = b.body.patient.id;
  setClock('2024-06-03T08:00:00Z');
});
after(() => t.close());

type Part = {
  target: string;
  end: string | null;
  goesOn: string | null;
  keptBy: string | null;
  rules: { rule: string; from: string; period: string; until: string }[];
  heldBy: { reason: string }[];
};
const part = (body: { parts: Part[] }, target: string) => body.parts.find((p) => p.target === target)!;

test('the record goes when its longest rule ends; the invoices after the accounting period', async () => {
  const rec = await login(t.app, c.slug, c.staff.receptionist.email);
  const r = await rec.get(`/api/retention/patients/${patientId}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.lastService, '2017-09-01');
  const record = part(r.body, 'patient_record');
  assert.deepEqual(
    record.rules.map((x) => [x.from, x.period, x.until]),
    [
      ['service_date', '30 years', '2047-09-02'],
      ['birth_date', '110 years', '2090-01-02'],
    ],
  );
  assert.equal(record.goesOn, '2090-01-02', '110 years from birth keeps it longer than 30 from the visit');
  assert.match(record.keptBy!, /^health: dental record card/);
  assert.equal(
    (record.rules[1] as { names?: Record<string, string> }).names?.et,
    'hambaravikaart',
    "the rule's name in the register's languages, for the page",
  );
  assert.equal(record.end, 'delete');
  const invoices = part(r.body, 'accounting');
  assert.equal(invoices.goesOn, '2025-01-01', 'the end of 2017 plus seven years');
  assert.match(invoices.keptBy!, /Raamatupidamise seadus/);
  assert.deepEqual(r.body.holds, []);

  const [event] = await q<{ action: string; patient_ref: string }>(
    `select action, patient_ref::text from audit_events where clinic_id = $1 and action = 'retention.patient_view'`,
    [c.id],
  );
  assert.equal(event?.patient_ref, patientId, 'reading it is recorded against the patient');
});

test('a hold on the patient is shown with its reason on both parts it covers', async () => {
  const dpo = await login(t.app, c.slug, c.staff.dpo.email);
  const h = await dpo.post('/api/retention/holds', {
    kind: 'dispute',
    reason: 'complaint 2024/7 about the filling',
    owner: 'DPO Mari Maasikas',
    patientId,
    endsOn: '2025-06-30',
  });
  assert.equal(h.status, 201, JSON.stringify(h.body));
  const r = await dpo.get(`/api/retention/patients/${patientId}`);
  assert.equal(r.status, 200);
  assert.equal(r.body.holds.length, 1);
  assert.equal(part(r.body, 'patient_record').heldBy[0]?.reason, 'complaint 2024/7 about the filling');
  assert.equal(part(r.body, 'accounting').heldBy.length, 1, 'a hold with no target covers the invoices too');
});

test('need-to-know: another doctor needs a reason and is flagged; no access across clinics; bad ids', async () => {
  const other = await login(t.app, c.slug, c.staff.doctor2.email);
  const refused = await other.get(`/api/retention/patients/${patientId}`);
  assert.equal(refused.status, 403);
  const withReason = await other.get(`/api/retention/patients/${patientId}`, {
    'x-access-reason': encodeURIComponent('covering for a colleague on leave'),
  });
  assert.equal(withReason.status, 200, JSON.stringify(withReason.body));
  const [flagged] = await q<{ break_glass: boolean }>(
    `select bool_or(break_glass) as break_glass from audit_events
     where clinic_id = $1 and action = 'retention.patient_view' and actor_id = $2 and details->>'refused' is null`,
    [c.id, c.staff.doctor2.id],
  );
  assert.equal(flagged?.break_glass, true);
  const stranger = await login(t.app, bare.slug, bare.staff.dpo.email);
  assert.equal((await stranger.get(`/api/retention/patients/${patientId}`)).status, 404);
  const rec = await login(t.app, c.slug, c.staff.receptionist.email);
  const bad = await rec.get('/api/retention/patients/not-a-uuid');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, 'patientId');
});

test('without a register nothing is said to go: the record is kept', async () => {
  const rec = await login(t.app, bare.slug, bare.staff.receptionist.email);
  const r = await rec.get(`/api/retention/patients/${bareId}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(part(r.body, 'patient_record').goesOn, null);
  assert.deepEqual(part(r.body, 'patient_record').rules, []);
  assert.equal(part(r.body, 'accounting').goesOn, null, 'no invoices');
});
