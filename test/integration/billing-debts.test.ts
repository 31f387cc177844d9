import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createBillingService } from '../../src/modules/billing/billing.service';
import { createQueueReads } from '../../src/modules/queue/queue.reads';
import { createDevMailer } from '../../src/platform/mail';
import { estonianReference, isEstonianReference } from '../../src/rules/payment-reference';
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

/**
 * Billing after the invoice: numbering under concurrency, PDF, debts and notices under a
 * restriction of processing, hand-over to a collector and instalments as recorded disclosures,
 * the Fund's monthly report and the accounting export.
 */
let t: TestApp;
let c: TestClinic;
let acc: Agent;
let rec: Agent;
let doc: Agent;
const setClock = (iso: string) => (t.clock as unknown as { set(d: string): void }).set(iso);

const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  t.database.raw.query<T>(sql, params);

async function newPatient(code: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await rec.post(
    '/api/patients',
    patientBody({ identity: { kind: 'national', country: 'EE', code }, ...extra }),
  );
  assert.equal(r.status, 201, JSON.stringify(r.body));
  await rec.post(`/api/patients/${r.body.patient.id}/care-team`, { staffUserId: c.staff.doctor.id });
  return r.body.patient.id as string;
}

async function billedVisit(patientId: string, visitDate: string, code = 'FILL') {
  const v = await doc.post('/api/billing/visits/services', { patientId, visitDate, services: [{ code }] });
  assert.equal(v.status, 201, JSON.stringify(v.body));
  const r = await rec.post('/api/billing/invoices', { visitId: v.body.visitId });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

before(async () => {
  t = await createTestApp({ start: '2024-03-10T10:00:00Z' });
  c = await createClinic(t, 'debts');
  [acc, rec, doc] = await Promise.all([c.as('accountant'), c.as('receptionist'), c.as('doctor')]);
  for (const item of [
    { code: 'VF', kind: 'visit_fee', price: '5.00', benefitEligible: false },
    { code: 'FILL', price: '60.00', benefitEligible: true },
    { code: 'CROWN', price: '400.00', benefitEligible: false },
  ]) {
    const r = await acc.post('/api/billing/price-list', {
      validFrom: '2018-01-01',
      names: { et: `${item.code} et`, lv: `${item.code} lv`, en: `${item.code} en`, ru: `${item.code} ру` },
      ...item,
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  const admin = await c.as('admin');
  const bank = await admin.patch('/api/clinic', {
    bankAccounts: [{ iban: 'EE382200221020145685', bank: 'Swedbank', bic: 'HABAEE2X' }],
  });
  assert.equal(bank.status, 200, JSON.stringify(bank.body));
  const pro = await admin.post('/api/queue/professionals', {
    firstName: 'Mari',
    lastName: 'Kask',
    kind: 'dentist',
    registrationCode: 'D01234',
    staffUserId: c.staff.doctor.id,
  });
  assert.equal(pro.status, 201, JSON.stringify(pro.body));
});
after(() => t.close());

describe('numbering', () => {
  test('invoices issued at the same time get consecutive numbers without gaps', async () => {
    const patientId = await newPatient(eeCode('3810101000'));
    const visits = [];
    for (let i = 0; i < 8; i++) {
      const v = await doc.post('/api/billing/visits/services', {
        patientId,
        visitDate: '2024-02-01',
        services: [{ code: 'CROWN' }],
      });
      visits.push(v.body.visitId as string);
    }
    const results = await Promise.all([
      ...visits.map((visitId) => rec.post('/api/billing/invoices', { visitId })),
      // Refused in the middle of the burst: must not burn a number.
      rec.post('/api/billing/invoices', { visitId: visits[0], visitFee: '9.999' }),
      rec.post('/api/billing/invoices', { visitId: visits[1] }),
    ]);
    const ok = results.filter((r) => r.status === 201);
    assert.equal(ok.length, 8, JSON.stringify(results.filter((r) => r.status !== 201).map((r) => r.body)));
    assert.ok(
      results.slice(8).every((r) => r.status === 400 || r.status === 409),
      JSON.stringify(results.slice(8).map((r) => r.body)),
    );
    const numbers = ok.map((r) => Number(r.body.number)).sort((a, b) => a - b);
    assert.deepEqual(numbers, [1, 2, 3, 4, 5, 6, 7, 8]);
    const counter = await q<{ last_seq: number }>('select last_seq from invoice_counters where clinic_id = $1', [c.id]);
    assert.equal(Number(counter[0]!.last_seq), 8);
  });
});

describe('the yearly balance under concurrency', () => {
  test('three visits of one patient invoiced at once spend the €60 only once', async () => {
    const patientId = await newPatient(eeCode('3870909000'));
    const visits = [];
    for (let i = 0; i < 3; i++) {
      visits.push(
        (
          await doc.post('/api/billing/visits/services', {
            patientId,
            visitDate: '2024-03-05',
            services: [{ code: 'FILL' }],
          })
        ).body.visitId as string,
      );
    }
    const results = await Promise.all(visits.map((visitId) => rec.post('/api/billing/invoices', { visitId })));
    assert.ok(
      results.every((r) => r.status === 201),
      JSON.stringify(results.map((r) => r.body)),
    );
    const benefits = results.map((r) => Number(r.body.benefitCents)).sort((a, b) => a - b);
    assert.deepEqual(benefits, [0, 3000, 3000]);
  });
});

describe('printing', () => {
  test("the PDF is in the patient's language and reading it is audited", async () => {
    const id = await newPatient(eeCode('4820202000'), {
      preferredLanguage: 'ru',
      firstName: 'Ольга',
      lastName: 'Иванова',
    });
    const inv = await billedVisit(id, '2024-03-01');
    assert.equal(inv.lines.find((l: { code: string }) => l.code === 'FILL').description, 'FILL ру');
    const pdf = await rec.get(`/api/billing/invoices/${inv.id}/pdf`);
    assert.equal(pdf.status, 200);
    assert.match(String(pdf.headers['content-type']), /application\/pdf/);
    assert.ok(String(pdf.body).startsWith('%PDF'));
    const audited = await q('select 1 from audit_events where action = $1 and entity_id = $2', [
      'billing.invoice_pdf',
      inv.id,
    ]);
    assert.equal(audited.length, 1);
  });
});

/** The PDF's text as a reader sees it (pdf.js, Mozilla's renderer), fetched as raw bytes. */
async function pdfText(invoiceId: string): Promise<string> {
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { clinic: 'debts', email: c.staff.receptionist.email, password: TEST_PASSWORD },
  });
  const cookie = login.cookies.find((k) => k.name === 'hoidja_session')!;
  const r = await t.app.inject({
    method: 'GET',
    url: `/api/billing/invoices/${invoiceId}/pdf`,
    headers: { cookie: `hoidja_session=${cookie.value}` },
  });
  assert.equal(r.statusCode, 200);
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: new Uint8Array(r.rawPayload), useSystemFonts: false }).promise;
  const page = await pdf.getPage(1);
  return (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
}

describe('an invoice a clinic can send', () => {
  test('the payment reference with its check digit, money as written locally, the VAT note, the basis in words, and PAID once paid', async () => {
    const id = await newPatient(eeCode('4790707000'), { preferredLanguage: 'et' });
    const inv = await billedVisit(id, '2024-03-02', 'CROWN');
    const text = await pdfText(inv.id);
    const ref = text.match(/Viitenumber: (\d+)/)?.[1];
    assert.ok(ref && isEstonianReference(ref), text);
    assert.equal(ref, estonianReference(inv.number));
    assert.match(text, /Kokku: 405,00\s€/);
    assert.match(text, /CROWN et\s+1\s+400,00\s€/);
    assert.doesNotMatch(text, /€\s?\d/, 'no "€ 480.00"');
    assert.match(text, /käibemaksuvaba \(käibemaksuseaduse § 16 lg 1 p 2\)/);
    assert.match(text, /Hüvitise alus: täiskasvanu/);
    assert.match(text, /Arveldusarve: EE38 2200 2210 2014 5685 \(Swedbank, HABAEE2X\)/);
    assert.match(text, /Arst: Mari Kask \(D01234\)/, 'the doctor who recorded the services');
    assert.doesNotMatch(text, /ee-dental|\/adult/, 'no internal rule id');
    assert.doesNotMatch(text, /TASUTUD/);
    const owed = inv.shares.find((s: { holder: string }) => s.holder === 'patient').amount as string;
    const paid = await rec.post(`/api/billing/invoices/${inv.id}/payments`, { method: 'card', amount: owed });
    assert.equal(paid.status, 201, JSON.stringify(paid.body));
    assert.match(await pdfText(inv.id), /TASUTUD · Tasutud 2024-03-10/);
  });

  test('in Russian the Fund is named as patients in Estonia know it', async () => {
    const id = await newPatient(eeCode('4780808000'), { preferredLanguage: 'ru' });
    const inv = await billedVisit(id, '2024-03-02');
    const text = await pdfText(inv.id);
    assert.match(text, /Кассы здоровья \(Tervisekassa\)/);
    assert.match(text, /Номер ссылки: \d+/);
    assert.match(text, /освобождена от налога с оборота/);
  });
});

describe('debts', () => {
  let invoiceId: string;
  let patientId: string;

  test('a bill is a debt only after its due date', async () => {
    patientId = await newPatient(eeCode('3830303000'), { email: 'vola@example.org' });
    const inv = await billedVisit(patientId, '2024-03-01');
    invoiceId = inv.id;
    assert.equal(inv.dueDate, '2024-03-15');
    assert.ok(
      !(await acc.get('/api/billing/debts')).body.items.some((d: { invoiceId: string }) => d.invoiceId === invoiceId),
    );
    const early = await acc.post(`/api/billing/invoices/${invoiceId}/debt-notices`, { channel: 'email' });
    assert.equal(early.status, 409);
    setClock('2024-04-02T09:00:00Z');
    // Three weeks on, the sessions have expired: log in again.
    [acc, rec, doc] = await Promise.all([
      login(t.app, c.slug, c.staff.accountant.email),
      login(t.app, c.slug, c.staff.receptionist.email),
      login(t.app, c.slug, c.staff.doctor.email),
    ]);
    const list = await acc.get('/api/billing/debts');
    const mine = list.body.items.find((d: { invoiceId: string }) => d.invoiceId === invoiceId);
    assert.deepEqual([mine.open, mine.daysOverdue, mine.notices], ['35.00', 18, 0]);
  });

  test('a notice is sent on legitimate interest and recorded', async () => {
    const n = await acc.post(`/api/billing/invoices/${invoiceId}/debt-notices`, { channel: 'email' });
    assert.equal(n.status, 201, JSON.stringify(n.body));
    assert.deepEqual([n.body.amount, n.body.to], ['35.00', 'vola@example.org']);
    assert.match(n.body.text, /arve \d+ .*35\.00/);
    const rows = await q<{ legal_basis: string }>('select legal_basis from debt_notices where invoice_id = $1', [
      invoiceId,
    ]);
    assert.match(rows[0]!.legal_basis, /legitimate interest/);
  });

  test('a restriction of processing stops notices (the refusal is logged) but not the hand-over', async () => {
    await q('update patients set processing_restricted = true where id = $1', [patientId]);
    const n = await acc.post(`/api/billing/invoices/${invoiceId}/debt-notices`, { channel: 'letter' });
    assert.equal(n.status, 409);
    assert.match(n.body.message, /restricted/);
    assert.equal((await q('select 1 from debt_notices where invoice_id = $1', [invoiceId])).length, 1);
    const denied = await q(
      `select 1 from audit_events where action = 'billing.debt_notice' and outcome = 'denied' and patient_ref = $1`,
      [patientId],
    );
    assert.equal(denied.length, 1);

    assert.equal(
      (await rec.post(`/api/billing/invoices/${invoiceId}/handover`, { collectorName: 'Inkasso OÜ' })).status,
      403,
    );
    const h = await acc.post(`/api/billing/invoices/${invoiceId}/handover`, {
      collectorName: 'Inkasso OÜ',
      collectorRegistryCode: '10000001',
    });
    assert.equal(h.status, 201, JSON.stringify(h.body));
    assert.equal(h.body.claim.amountDue, '35.00');
    assert.ok(!JSON.stringify(h.body.claim).includes('FILL'), 'no health data goes to the collector');
    const disclosure = await q<{ details: { recipient: string; fields: string[] } }>(
      `select details from audit_events where action = 'disclosure' and patient_ref = $1`,
      [patientId],
    );
    assert.equal(disclosure[0]!.details.recipient, 'Inkasso OÜ');
    assert.ok(disclosure[0]!.details.fields.includes('national_id'));
    assert.equal(
      (await acc.post(`/api/billing/invoices/${invoiceId}/handover`, { collectorName: 'Other' })).status,
      409,
    );
    assert.equal(
      (await acc.get('/api/billing/debts')).body.items.find((d: { invoiceId: string }) => d.invoiceId === invoiceId)
        .handedOverTo,
      'Inkasso OÜ',
    );
  });
});

describe('instalments', () => {
  test('financial data is kept encrypted on its own and its sending is a recorded disclosure', async () => {
    const id = await newPatient(eeCode('4840404000'));
    const inv = await billedVisit(id, '2024-03-20', 'CROWN');
    const r = await rec.post(`/api/billing/patients/${id}/instalments`, {
      invoiceId: inv.id,
      creditProvider: 'Järelmaks AS',
      monthlyIncome: '1850.00',
      monthlyObligations: '420.50',
      occupation: 'teacher',
      workplace: 'Kool',
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const stored = await q<{ financial_data_enc: string }>(
      'select financial_data_enc from instalment_requests where id = $1',
      [r.body.id],
    );
    assert.match(stored[0]!.financial_data_enc, /^v1\./);
    assert.ok(!stored[0]!.financial_data_enc.includes('teacher'));
    const patient = await q<{ occupation: string | null }>('select occupation from patients where id = $1', [id]);
    assert.equal(patient[0]!.occupation, null, 'not copied to the patient record');
    const sent = await acc.post(`/api/billing/instalments/${r.body.id}/disclose`);
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    assert.deepEqual(
      [sent.body.recipient, sent.body.application.monthlyIncomeCents, sent.body.application.occupation],
      ['Järelmaks AS', 185000, 'teacher'],
    );
    assert.equal(
      (await q(`select 1 from audit_events where action = 'disclosure' and entity_id = $1`, [r.body.id])).length,
      1,
    );
    assert.equal((await acc.post(`/api/billing/instalments/${r.body.id}/disclose`)).status, 409);
    const bad = await rec.post(`/api/billing/patients/${id}/instalments`, {
      creditProvider: 'X AS',
      monthlyIncome: '1.001',
      monthlyObligations: '0',
    });
    assert.equal(bad.status, 400);
  });
});

describe('reports', () => {
  test('the monthly benefit report for the Fund adds up the invoices of the month by group', async () => {
    const r = await acc.get('/api/billing/reports/benefits?month=2024-03');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const expected = await q<{ s: string }>(
      `select coalesce(sum(benefit_cents),0)::text as s from invoices where clinic_id = $1 and invoice_date between '2024-03-01' and '2024-03-31'`,
      [c.id],
    );
    assert.equal(r.body.totalCents, Number(expected[0]!.s));
    assert.ok(r.body.totalCents > 0);
    assert.ok(r.body.items.every((i: { idCode: string }) => /^\d{11}$/.test(i.idCode)));
    assert.equal((await rec.get('/api/billing/reports/benefits?month=2024-03')).status, 403);
    assert.equal((await acc.get('/api/billing/reports/benefits?month=2024-13')).status, 400);
  });

  test('the accounting export is CSV with one row per invoice of the period', async () => {
    const r = await acc.get('/api/billing/exports/accounting.csv?from=2024-01-01&to=2024-12-31');
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /text\/csv/);
    const rows = String(r.body).trim().split('\r\n');
    assert.equal(
      rows[0],
      'number;kind;credits_number;date;due_date;customer;total;benefit_fund;bill_payers;patient_share;patient_paid;methods',
    );
    const n = await q<{ n: string }>(`select count(*)::text as n from invoices where clinic_id = $1`, [c.id]);
    assert.equal(rows.length - 1, Number(n[0]!.n));
    assert.equal((await acc.get('/api/billing/exports/accounting.csv?from=2024-12-31&to=2024-01-01')).status, 400);
  });
});

describe('e-mail', () => {
  test('the invoice PDF is e-mailed to the patient in their language, also through the API', async () => {
    const mailer = createDevMailer({ from: 'arved@debts.example' });
    const billing = createBillingService({ ...t.services, mailer, queueReads: createQueueReads() });
    const ctx = {
      clinicId: c.id,
      user: { id: c.staff.receptionist.id, fullName: 'reception', roles: ['receptionist' as const] },
      requestId: null,
      channel: 'api' as const,
    };
    const id = await newPatient(eeCode('4860606000'), { email: 'kiri@example.org', preferredLanguage: 'lv' });
    const inv = await billedVisit(id, '2024-03-25');
    const r = await billing.emailInvoice(ctx, inv.id);
    assert.equal(r.sentTo, 'kiri@example.org');
    assert.equal(mailer.sent.length, 1);
    assert.match(mailer.sent[0]!.subject, /^Rēķins \d{6}/);
    assert.ok(mailer.sent[0]!.attachments![0]!.content.subarray(0, 4).toString() === '%PDF');
    // The application wires its own mailer (the queue's): the API sends too.
    const viaApi = await rec.post(`/api/billing/invoices/${inv.id}/email`);
    assert.equal(viaApi.status, 200, JSON.stringify(viaApi.body));
    assert.equal(viaApi.body.sentTo, 'kiri@example.org');
    const noAddress = await newPatient(eeCode('4860607000'), { email: null });
    const unsendable = await billedVisit(noAddress, '2024-03-26');
    const refused = await rec.post(`/api/billing/invoices/${unsendable.id}/email`);
    assert.equal(refused.status, 400, 'no e-mail address: print it');
    assert.equal(refused.body.field, 'email');
  });
});

describe('a Latvian clinic', () => {
  test("bills in full: the Estonian Fund's benefits and visit-fee cap do not apply", async () => {
    const lv = await createClinic(t, 'riga', 'LV');
    const [lacc, lrec, ldoc] = [await lv.as('accountant'), await lv.as('receptionist'), await lv.as('doctor')];
    for (const item of [
      { code: 'VIZ', kind: 'visit_fee', price: '7.00', benefitEligible: false },
      { code: 'PLOMBA', price: '45.00', benefitEligible: true },
    ]) {
      assert.equal(
        (
          await lacc.post('/api/billing/price-list', {
            validFrom: '2020-01-01',
            names: { et: 'x', lv: `${item.code} lv`, en: 'x', ru: 'x' },
            ...item,
          })
        ).status,
        201,
      );
    }
    const p = await lrec.post(
      '/api/patients',
      patientBody({
        identity: { kind: 'national', country: 'LV', code: '161175-19997' },
        mobile: '+37120000000',
        preferredLanguage: 'lv',
      }),
    );
    assert.equal(p.status, 201, JSON.stringify(p.body));
    await lrec.post(`/api/patients/${p.body.patient.id}/care-team`, { staffUserId: lv.staff.doctor.id });
    const v = await ldoc.post('/api/billing/visits/services', {
      patientId: p.body.patient.id,
      visitDate: '2024-03-01',
      services: [{ code: 'PLOMBA' }],
    });
    assert.equal(v.status, 201, JSON.stringify(v.body));
    assert.equal(
      (await lrec.post('/api/billing/invoices', { visitId: v.body.visitId, benefits: { PLOMBA: '1.00' } })).status,
      400,
    );
    const inv = await lrec.post('/api/billing/invoices', { visitId: v.body.visitId });
    assert.equal(inv.status, 201, JSON.stringify(inv.body));
    assert.deepEqual(
      [inv.body.group, inv.body.total, inv.body.benefit, inv.body.patientShare, inv.body.ruleId],
      ['none', '52.00', '0.00', '52.00', null],
    );
    assert.equal(inv.body.number, '000001', 'numbering is per clinic');
    const status = await lrec.get(`/api/billing/patients/${p.body.patient.id}/benefit?on=2024-03-01`);
    assert.equal(status.body.fundApplies, false);
    const cn = await lacc.post(`/api/billing/invoices/${inv.body.id}/credit-notes`, {
      reason: 'goodwill',
      date: '2024-03-02',
      lines: [{ lineNo: 2, amount: '5.00' }],
    });
    assert.equal(cn.status, 201, JSON.stringify(cn.body));
    assert.equal(cn.body.patientShare, '-5.00');
  });
});
