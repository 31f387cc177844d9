import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fixedClock } from '../../src/platform/clock';
import {
  type Agent,
  createClinic,
  createTestApp,
  eeCode,
  login,
  patientBody,
  type TestApp,
  type TestClinic,
} from '../harness';

/** The disclosures log: one mechanism for billing's hand-over, instalments and staff-recorded transfers. */
const clock = fixedClock('2024-03-10T10:00:00Z');
let t: TestApp;
let c: TestClinic;
let patientId: string;
let invoiceId: string;

const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  t.database.raw.query<T>(sql, params);
const countDisclosures = async () =>
  Number((await q<{ n: string }>('select count(*)::text as n from disclosures'))[0]!.n);

before(async () => {
  t = await createTestApp({ clock });
  c = await createClinic(t, 'discl');
  const [acc, rec, doc] = await Promise.all([c.as('accountant'), c.as('receptionist'), c.as('doctor')]);
  await acc.post('/api/billing/price-list', {
    validFrom: '2018-01-01',
    code: 'CROWN',
    price: '400.00',
    benefitEligible: false,
    names: { et: 'Kroon', lv: 'Kronis', en: 'Crown', ru: 'Коронка' },
  });
  const p = await rec.post(
    '/api/patients',
    patientBody({ identity: { kind: 'national', country: 'EE', code: eeCode('3830303000') } }),
  );
  patientId = p.body.patient.id;
  await rec.post(`/api/patients/${patientId}/care-team`, { staffUserId: c.staff.doctor.id });
  const v = await doc.post('/api/billing/visits/services', {
    patientId,
    visitDate: '2024-03-01',
    services: [{ code: 'CROWN' }],
  });
  assert.equal(v.status, 201, JSON.stringify(v.body));
  const inv = await rec.post('/api/billing/invoices', { visitId: v.body.visitId });
  assert.equal(inv.status, 201, JSON.stringify(inv.body));
  invoiceId = inv.body.id;
  clock.set('2024-04-02T09:00:00Z');
});
after(() => t.close());

const as = (who: 'accountant' | 'receptionist' | 'dpo' | 'doctor'): Promise<Agent> =>
  login(t.app, c.slug, c.staff[who].email);

describe('one disclosures log', () => {
  test("billing's hand-over to a collector is recorded through it, with recipient, basis and categories", async () => {
    const acc = await as('accountant');
    const h = await acc.post(`/api/billing/invoices/${invoiceId}/handover`, {
      collectorName: 'Inkasso OÜ',
      collectorRegistryCode: '10000001',
    });
    assert.equal(h.status, 201, JSON.stringify(h.body));
    const rows = await q<{
      recipient_kind: string;
      recipient_name: string;
      categories: string[];
      source_type: string;
      source_id: string;
    }>(
      'select recipient_kind, recipient_name, categories, source_type, source_id from disclosures where patient_id = $1',
      [patientId],
    );
    assert.equal(rows.length, 1);
    assert.deepEqual(
      [rows[0]!.recipient_kind, rows[0]!.recipient_name, rows[0]!.source_type, rows[0]!.source_id],
      ['debt_collector', 'Inkasso OÜ', 'debt_handover', h.body.id],
    );
    assert.ok(!rows[0]!.categories.includes('health'), 'no health data goes to a collector');
    const audit = await q<{ details: { disclosureId: string } }>(
      `select details from audit_events where action = 'disclosure' and patient_ref = $1`,
      [patientId],
    );
    assert.equal(audit.length, 1, 'one audit event per disclosure');
    // A second hand-over is refused and leaves no disclosure behind (one transaction).
    const before = await countDisclosures();
    assert.equal(
      (await acc.post(`/api/billing/invoices/${invoiceId}/handover`, { collectorName: 'Other' })).status,
      409,
    );
    assert.equal(await countDisclosures(), before);
  });

  test("the DPO registers a police request with its legal basis and reference; it shows in the patient's log", async () => {
    const dpo = await as('dpo');
    const r = await dpo.post(`/api/patients/${patientId}/disclosures`, {
      recipientKind: 'police',
      recipientName: 'Politsei- ja Piirivalveamet',
      legalBasis: 'Kriminaalmenetluse seadustik § 215 (request of the investigating body)',
      categories: ['name', 'national_id', 'contact'],
      requestReference: 'PPA 1-7/2024-113',
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.sourceType, 'authority_request');
    const list = await dpo.get(`/api/patients/${patientId}/disclosures`);
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.items.map((d: { recipientKind: string }) => d.recipientKind).sort(), [
      'debt_collector',
      'police',
    ]);
    const read = await q(`select 1 from audit_events where action = 'disclosure.list' and patient_ref = $1`, [
      patientId,
    ]);
    assert.equal(read.length, 1, 'reading the log is itself recorded');
  });

  test('bad input: no reference for an authority, no basis, no categories; nothing recorded', async () => {
    const dpo = await as('dpo');
    const before = await countDisclosures();
    const base = {
      recipientKind: 'court',
      recipientName: 'Harju Maakohus',
      legalBasis: 'Tsiviilkohtumenetluse seadustik § 238',
      categories: ['name'],
      requestReference: '2-24-1234',
    };
    for (const [over, field] of [
      [{ requestReference: undefined }, 'requestReference'],
      [{ legalBasis: '' }, 'legalBasis'],
      [{ categories: [] }, 'categories'],
      [{ categories: ['shoe_size'] }, 'categories.0'],
      [{ recipientKind: 'neighbour' }, 'recipientKind'],
    ] as const) {
      const r = await dpo.post(`/api/patients/${patientId}/disclosures`, { ...base, ...over });
      assert.equal(r.status, 400, JSON.stringify(over));
      assert.equal(r.body.field, field, JSON.stringify(r.body));
    }
    assert.equal(await countDisclosures(), before);
  });

  test("roles: reception does not register an authority's request nor send health data", async () => {
    const rec = await as('receptionist');
    const before = await countDisclosures();
    const police = await rec.post(`/api/patients/${patientId}/disclosures`, {
      recipientKind: 'police',
      recipientName: 'PPA',
      legalBasis: 'KrMS § 215',
      categories: ['name'],
      requestReference: 'x',
    });
    assert.equal(police.status, 403);
    const lab = await rec.post(`/api/patients/${patientId}/disclosures`, {
      recipientKind: 'laboratory',
      recipientName: 'Synlab Eesti OÜ',
      legalBasis: 'GDPR Art. 9(2)(h) provision of health care',
      categories: ['name', 'health'],
    });
    assert.equal(lab.status, 403);
    assert.equal(await countDisclosures(), before);
    const doc = await as('doctor');
    const ok = await doc.post(`/api/patients/${patientId}/disclosures`, {
      recipientKind: 'laboratory',
      recipientName: 'Synlab Eesti OÜ',
      legalBasis: 'GDPR Art. 9(2)(h) provision of health care',
      categories: ['name', 'national_id', 'health'],
      fields: ['sample', 'referral'],
    });
    assert.equal(ok.status, 201, 'the treating doctor records the lab referral');
  });
});
