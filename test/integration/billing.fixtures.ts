import assert from 'node:assert/strict';
import { type Agent, createClinic, createTestApp, patientBody, type TestApp, type TestClinic } from '../harness';

/**
 * A dental clinic on a fresh database with its price list from 2017 (visit fee, filling, X-ray,
 * whitening, a partial denture), its accountant, reception and doctor, on 10 March 2024.
 */
export async function billingWorld() {
  let t: TestApp;
  let c: TestClinic;
  let acc: Agent;
  let rec: Agent;
  let doc: Agent;

  const count = async (table: string, where = 'true') =>
    Number(
      (await t.database.raw.query<{ n: string }>(`select count(*)::text as n from ${table} where ${where}`))[0]!.n,
    );

  async function newPatient(code: string, extra: Record<string, unknown> = {}): Promise<string> {
    const r = await rec.post(
      '/api/patients',
      patientBody({ identity: { kind: 'national', country: 'EE', code }, ...extra }),
    );
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const id = r.body.patient.id as string;
    const a = await rec.post(`/api/patients/${id}/care-team`, { staffUserId: c.staff.doctor.id });
    assert.equal(a.status, 200, JSON.stringify(a.body));
    return id;
  }

  async function visit(
    patientId: string,
    visitDate: string,
    services: { code: string; quantity?: number }[],
  ): Promise<string> {
    const r = await doc.post('/api/billing/visits/services', { patientId, visitDate, services });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.visitId as string;
  }

  async function invoice(body: Record<string, unknown>) {
    const r = await rec.post('/api/billing/invoices', body);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body;
  }

  t = await createTestApp({ start: '2024-03-10T10:00:00Z' });
  c = await createClinic(t, 'parodont');
  [acc, rec, doc] = await Promise.all([c.as('accountant'), c.as('receptionist'), c.as('doctor')]);
  const items = [
    {
      code: 'VF',
      kind: 'visit_fee',
      price: '5.00',
      benefitEligible: false,
      names: { et: 'Visiiditasu', lv: 'Vizītes maksa', en: 'Visit fee', ru: 'Плата за визит' },
    },
    {
      code: 'FILL',
      price: '60.00',
      benefitEligible: true,
      names: { et: 'Plomb', lv: 'Plomba', en: 'Filling', ru: 'Пломба' },
    },
    {
      code: 'XRAY',
      price: '20',
      benefitEligible: true,
      names: { et: 'Röntgen', lv: 'Rentgens', en: 'X-ray', ru: 'Рентген' },
    },
    {
      code: 'WHITE',
      price: '150.00',
      benefitEligible: false,
      names: { et: 'Valgendus', lv: 'Balināšana', en: 'Whitening', ru: 'Отбеливание' },
    },
    {
      code: 'DENT',
      kind: 'prosthesis',
      price: '400.00',
      benefitEligible: false,
      names: { et: 'Osaprotees', lv: 'Daļēja protēze', en: 'Partial denture', ru: 'Частичный протез' },
    },
  ];
  for (const item of items) {
    const r = await acc.post('/api/billing/price-list', { validFrom: '2017-01-01', ...item });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  return { t, c, acc, rec, doc, count, newPatient, visit, invoice };
}
