import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
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
 * Billing end to end through HTTP on a fresh database: price list, services recorded by the
 * doctor, invoices with the benefit, credit notes, payments, debts, disclosures, reports.
 */
let t: TestApp;
let c: TestClinic;
let acc: Agent;
let rec: Agent;
let doc: Agent;

const count = async (table: string, where = 'true') =>
  Number((await t.database.raw.query<{ n: string }>(`select count(*)::text as n from ${table} where ${where}`))[0]!.n);

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

before(async () => {
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
});
after(() => t.close());

describe('price list', () => {
  test('refuses more than two decimals and a receptionist editing it', async () => {
    const bad = await acc.post('/api/billing/price-list', {
      code: 'X',
      price: '1.005',
      benefitEligible: true,
      validFrom: '2024-01-01',
      names: { et: 'a', lv: 'a', en: 'a', ru: 'a' },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'price');
    assert.match(bad.body.message, /more than two decimals/);
    const forbidden = await rec.post('/api/billing/price-list', {
      code: 'X',
      price: '1.00',
      benefitEligible: true,
      validFrom: '2024-01-01',
      names: { et: 'a', lv: 'a', en: 'a', ru: 'a' },
    });
    assert.equal(forbidden.status, 403);
  });

  test('a new price from a date closes the old one; old dates keep the old price', async () => {
    const r = await acc.post('/api/billing/price-list', {
      code: 'XRAY',
      price: '25.00',
      benefitEligible: true,
      validFrom: '2025-01-01',
      names: { et: 'Röntgen', lv: 'Rentgens', en: 'X-ray', ru: 'Рентген' },
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const in2024 = (await rec.get('/api/billing/price-list?on=2024-06-01')).body.items.find(
      (i: { code: string }) => i.code === 'XRAY',
    );
    const in2025 = (await rec.get('/api/billing/price-list?on=2025-06-01')).body.items.find(
      (i: { code: string }) => i.code === 'XRAY',
    );
    assert.deepEqual([in2024.price, in2024.validTo, in2025.price], ['20.00', '2024-12-31', '25.00']);
    // A price slotted in between ends where the next one starts.
    const between = await acc.post('/api/billing/price-list', {
      code: 'XRAY',
      price: '22.00',
      benefitEligible: true,
      validFrom: '2024-07-01',
      names: { et: 'Röntgen', lv: 'Rentgens', en: 'X-ray', ru: 'Рентген' },
    });
    assert.deepEqual([between.body.validFrom, between.body.validTo], ['2024-07-01', '2024-12-31']);
    const prices = (await rec.get('/api/billing/price-list')).body.items
      .filter((i: { code: string }) => i.code === 'XRAY')
      .map((i: any) => [i.validFrom, i.validTo, i.price]);
    assert.deepEqual(prices.sort(), [
      ['2017-01-01', '2024-06-30', '20.00'],
      ['2024-07-01', '2024-12-31', '22.00'],
      ['2025-01-01', null, '25.00'],
    ]);
    const early = await rec.get(`/api/billing/patients/00000000-0000-4000-8000-000000000000/benefit?on=2016-01-01`);
    assert.equal(early.status, 400);
    assert.equal(early.body.field, 'on');
  });
});

describe('invoices with the adult benefit (2024: €60 a year, patient pays at least 50 %)', () => {
  let patientId: string;
  let first: any;

  test('first visit: visit fee, an eligible filling and a non-listed whitening', async () => {
    patientId = await newPatient(eeCode('3800101000'));
    const visitId = await visit(patientId, '2024-03-01', [{ code: 'FILL' }, { code: 'WHITE' }]);
    const preview = await rec.post('/api/billing/invoices/preview', { visitId });
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    assert.equal(preview.body.group, 'adult');
    first = await invoice({ visitId });
    assert.equal(first.number, '000001');
    assert.deepEqual([first.total, first.benefit, first.patientShare], ['215.00', '30.00', '185.00']);
    assert.deepEqual(
      first.lines.map((l: any) => [l.code, l.amount, l.benefit]),
      [
        ['VF', '5.00', '0.00'],
        ['FILL', '60.00', '30.00'],
        ['WHITE', '150.00', '0.00'],
      ],
    );
    assert.equal(first.ruleId, 'ee-dental-2024-01-01/adult');
    assert.equal(first.lines[1].description, 'Plomb', "in the patient's language");
  });

  test('second visit uses only what is left of the year; the balance shows it', async () => {
    const visitId = await visit(patientId, '2024-04-02', [{ code: 'FILL', quantity: 2 }]);
    const inv = await invoice({ visitId });
    assert.equal(inv.number, '000002');
    assert.deepEqual([inv.benefit, inv.patientShare], ['30.00', '95.00']);
    const status = await rec.get(`/api/billing/patients/${patientId}/benefit?on=2024-05-01`);
    assert.deepEqual([status.body.yearly, status.body.usedHere, status.body.balance], ['60.00', '60.00', '0.00']);
    const nextYear = await rec.get(`/api/billing/patients/${patientId}/benefit?on=2025-01-02`);
    assert.deepEqual(
      [nextYear.body.usedHere, nextYear.body.balance],
      ['0.00', '60.00'],
      'unused money does not carry over, used money resets',
    );
  });

  test('a visit is invoiced once', async () => {
    const again = await rec.post('/api/billing/invoices', { visitId: first.visitId });
    assert.equal(again.status, 409);
  });

  test('an issued invoice cannot be changed or deleted, even in SQL', async () => {
    await assert.rejects(
      t.database.raw.query(`update invoices set total_cents = 1 where id = $1`, [first.id]),
      /immutable/,
    );
    await assert.rejects(
      t.database.raw.query(`delete from invoice_lines where invoice_id = $1`, [first.id]),
      /immutable/,
    );
    await t.database.raw.query(
      `insert into payments (clinic_id, id, invoice_id, holder, method, amount_cents, paid_on, recorded_at) values ($1, gen_random_uuid(), $2, 'patient', 'cash', 1, '2024-03-01', now())`,
      [c.id, first.id],
    );
    await assert.rejects(t.database.raw.query(`update payments set amount_cents = 2`), /immutable/);
    await assert.rejects(t.database.raw.query(`delete from payments`), /immutable/);
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local hoidja.retention = 'on'`);
      await tx.execute(sql`delete from payments where amount_cents = 1`);
    });
    assert.equal(await count('payments'), 0, 'the retention service (and only it) may delete');
  });

  test('bad input is refused with the field and nothing is issued', async () => {
    const visitId = await visit(patientId, '2024-05-05', [{ code: 'FILL' }, { code: 'WHITE' }]);
    const before = await count('invoices');
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ benefits: { WHITE: '10.00' } }, 'lines.2.benefit', /not on the Fund's list/],
      [{ benefits: { FILL: '31.00' } }, 'lines.1.benefit', /below the minimum/],
      [{ visitFee: '5.001' }, 'visitFee', /more than two decimals/],
      [{ visitFee: '6.00' }, 'visitFee', /at most €5\.00/],
      [{ invoiceDate: '2017-06-30' }, 'invoiceDate', /no .*rule is in force on 2017-06-30/],
      [{ group: 'pensioner' }, 'group', /not in the group pensioner/],
    ];
    for (const [extra, field, message] of cases) {
      const r = await rec.post('/api/billing/invoices', { visitId, ...extra });
      assert.equal(r.status, 400, `${JSON.stringify(extra)} → ${JSON.stringify(r.body)}`);
      assert.equal(r.body.field, field, JSON.stringify(r.body));
      assert.match(r.body.message, message);
    }
    assert.equal(await count('invoices'), before);
    const pending = await rec.get('/api/billing/visits/pending');
    assert.ok(
      pending.body.items.some((v: any) => v.visitId === visitId && v.services === 2 && v.patientName === 'Mari Tamm'),
    );
    // The numbers stay gap-free after refusals.
    const ok = await invoice({ visitId, benefits: { FILL: '0.00' } });
    assert.equal(ok.number, String(before + 1).padStart(6, '0'));
  });

  test('credit notes: larger than the invoice is refused; a full one gives the benefit back', async () => {
    const second = (await rec.get(`/api/billing/invoices?patientId=${patientId}`)).body.items.find(
      (i: any) => i.number === '000002',
    );
    const tooBig = await acc.post(`/api/billing/invoices/${second.id}/credit-notes`, {
      reason: 'wrong tooth',
      date: '2024-04-03',
      lines: [{ lineNo: 2, amount: '120.01' }],
    });
    assert.equal(tooBig.status, 400);
    assert.match(tooBig.body.message, /larger than/);
    const byReception = await rec.post(`/api/billing/invoices/${second.id}/credit-notes`, {
      reason: 'wrong tooth',
      date: '2024-04-03',
    });
    assert.equal(byReception.status, 403);
    const cn = await acc.post(`/api/billing/invoices/${second.id}/credit-notes`, {
      reason: 'billed twice',
      date: '2024-04-03',
    });
    assert.equal(cn.status, 201, JSON.stringify(cn.body));
    assert.deepEqual([cn.body.kind, cn.body.total, cn.body.benefit], ['credit_note', '-125.00', '-30.00']);
    const status = await rec.get(`/api/billing/patients/${patientId}/benefit?on=2024-05-01`);
    assert.equal(status.body.balance, '30.00');
    const nothingLeft = await acc.post(`/api/billing/invoices/${second.id}/credit-notes`, {
      reason: 'again',
      date: '2024-04-04',
    });
    assert.equal(nothingLeft.status, 400);
    const inv = await acc.get(`/api/billing/invoices/${second.id}`);
    assert.deepEqual(
      [inv.body.total, inv.body.patientOpen, inv.body.creditNotes.length],
      ['125.00', '0.00', 1],
      'the invoice itself is unchanged',
    );
  });

  test('payments: partial cash, then card; overpaying is refused', async () => {
    const part = await rec.post(`/api/billing/invoices/${first.id}/payments`, { method: 'cash', amount: '100.00' });
    assert.equal(part.status, 201, JSON.stringify(part.body));
    assert.deepEqual([part.body.patientOpen, part.body.paid], ['85.00', false]);
    const over = await rec.post(`/api/billing/invoices/${first.id}/payments`, { method: 'card', amount: '85.01' });
    assert.equal(over.status, 400);
    assert.match(over.body.message, /€85\.00 is open/);
    const rest = await rec.post(`/api/billing/invoices/${first.id}/payments`, { method: 'card', amount: '85' });
    assert.deepEqual([rest.body.patientOpen, rest.body.paid, rest.body.payments.length], ['0.00', true, 2]);
  });
});

describe('groups', () => {
  test('pensioner evidence: €105 and 12.5 % in 2024, €85 and 15 % in 2023', async () => {
    const id = await newPatient(eeCode('3700202000'));
    const ev = await rec.post(`/api/billing/patients/${id}/groups`, {
      group: 'pensioner',
      evidence: 'SKA pension decision 2019/123',
      validFrom: '2019-06-01',
    });
    assert.equal(ev.status, 201, JSON.stringify(ev.body));
    const a = await invoice({ visitId: await visit(id, '2023-11-30', [{ code: 'FILL', quantity: 2 }]) });
    assert.deepEqual([a.group, a.benefit, a.patientShare], ['pensioner', '85.00', '40.00']); // €120: ≥ €18 own share; €85 a year
    const b = await invoice({ visitId: await visit(id, '2024-01-15', [{ code: 'XRAY' }]) });
    assert.deepEqual([b.group, b.benefit, b.patientShare], ['pensioner', '17.50', '7.50']); // €20: ≥ €2.50 own share
  });

  test('over 63 is derived from the ID code; used elsewhere reduces the balance', async () => {
    const id = await newPatient(eeCode('3550303000'));
    const used = await rec.post(`/api/billing/patients/${id}/benefit-used-elsewhere`, {
      year: 2024,
      amount: '100.00',
      source: 'state_portal',
      confirmedOn: '2024-03-01',
    });
    assert.equal(used.status, 201, JSON.stringify(used.body));
    const inv = await invoice({ visitId: await visit(id, '2024-03-05', [{ code: 'FILL' }]) });
    assert.deepEqual([inv.group, inv.benefit], ['over-63', '5.00']);
    assert.match(inv.groupReason, /derived from birth date/);
  });

  test('prosthesis benefit: €260 per three years from the completion, beside the yearly benefit', async () => {
    const id = await newPatient(eeCode('3520707000')); // over 63
    const first = await invoice({ visitId: await visit(id, '2023-02-01', [{ code: 'DENT' }, { code: 'FILL' }]) });
    assert.deepEqual(
      first.lines.filter((l: any) => l.kind !== 'visit_fee').map((l: any) => [l.code, l.benefit]),
      [
        ['DENT', '260.00'],
        ['FILL', '51.00'],
      ],
    );
    const status = await rec.get(`/api/billing/patients/${id}/benefit?on=2023-06-01`);
    assert.deepEqual(
      [status.body.prosthesisLeft, status.body.prosthesisPeriodStartedOn, status.body.usedHere],
      ['0.00', '2023-02-01', '51.00'],
    );
    const again = await invoice({ visitId: await visit(id, '2026-01-31', [{ code: 'DENT' }]) });
    assert.equal(again.benefit, '0.00', 'still inside the three years');
    const later = await invoice({ visitId: await visit(id, '2026-02-01', [{ code: 'DENT' }]) });
    assert.equal(later.benefit, '260.00', 'a new period from 2026-02-01');
    const adult = await newPatient(eeCode('3900808000'));
    const none = await invoice({ visitId: await visit(adult, '2024-03-01', [{ code: 'DENT' }]) });
    assert.equal(none.benefit, '0.00');
  });

  test('a child: eligible care free, no visit fee', async () => {
    const id = await newPatient(eeCode('5100404000'));
    const inv = await invoice({ visitId: await visit(id, '2024-03-05', [{ code: 'FILL' }, { code: 'WHITE' }]) });
    assert.deepEqual([inv.group, inv.total, inv.benefit, inv.patientShare], ['child', '210.00', '60.00', '150.00']);
    assert.ok(!inv.lines.some((l: any) => l.kind === 'visit_fee'));
  });

  test('a 19-year-old stays free for a year when the need was found at the last visit before 19', async () => {
    const id = await newPatient(eeCode('6050115000')); // born 2005-01-15
    const before = await rec.get(`/api/billing/patients/${id}/benefit?on=2024-03-05`);
    assert.equal(before.body.group, 'adult');
    const ev = await rec.post(`/api/billing/patients/${id}/groups`, {
      group: 'child-extension',
      evidence: 'need found at the check-up of 2024-01-10',
      validFrom: '2024-01-15',
      validTo: '2025-01-14',
    });
    assert.equal(ev.status, 201, JSON.stringify(ev.body));
    const inv = await invoice({ visitId: await visit(id, '2024-03-05', [{ code: 'FILL' }]) });
    assert.deepEqual([inv.group, inv.benefit, inv.patientShare], ['child', '60.00', '0.00']);
    assert.match(inv.groupReason, /need found before 19/);
  });

  test('bill payers split the rest after the benefit', async () => {
    const id = await newPatient(eeCode('4850505000'));
    const payer = await rec.post(`/api/patients/${id}/bill-payers`, {
      kind: 'employer',
      name: 'Tööandja OÜ',
      registryCode: '12345678',
    });
    assert.equal(payer.status, 201, JSON.stringify(payer.body));
    const payerId = payer.body.id ?? payer.body.billPayer?.id;
    const inv = await invoice({
      visitId: await visit(id, '2024-03-05', [{ code: 'FILL' }]),
      payers: [{ billPayerId: payerId, amount: '20.00' }],
    });
    assert.deepEqual(
      inv.shares.map((s: any) => [s.holder, s.amount]),
      [
        ['fund', '30.00'],
        ['bill_payer', '20.00'],
        ['patient', '15.00'],
      ],
    );
    const paid = await acc.post(`/api/billing/invoices/${inv.id}/payments`, {
      method: 'transfer',
      amount: '20.00',
      billPayerId: payerId,
      reference: 'PO-7',
    });
    assert.equal(paid.status, 201, JSON.stringify(paid.body));
  });
});

describe('roles and audit', () => {
  test('a doctor records services but cannot issue invoices; an accountant cannot record services', async () => {
    const id = await newPatient(eeCode('3900606000'));
    const visitId = await visit(id, '2024-03-06', [{ code: 'XRAY' }]);
    assert.equal((await doc.post('/api/billing/invoices', { visitId })).status, 403);
    assert.equal(
      (
        await acc.post('/api/billing/visits/services', {
          patientId: id,
          visitDate: '2024-03-06',
          services: [{ code: 'XRAY' }],
        })
      ).status,
      403,
    );
    const other = await c.as('doctor2');
    const noReason = await other.post('/api/billing/visits/services', {
      patientId: id,
      visitDate: '2024-03-06',
      services: [{ code: 'XRAY' }],
    });
    assert.equal(noReason.status, 403, 'a doctor who does not treat the patient must state a reason');
    assert.equal(
      await count('audit_events', `action = 'billing.services_record' and outcome = 'denied'`),
      1,
      'the refusal is recorded',
    );
    const withReason = await other.post(
      '/api/billing/visits/services',
      { patientId: id, visitDate: '2024-03-06', services: [{ code: 'XRAY' }] },
      { 'x-access-reason': 'covering for a colleague' },
    );
    assert.equal(withReason.status, 201, JSON.stringify(withReason.body));
    assert.equal(
      await count('audit_events', `action = 'billing.services_record' and break_glass`),
      1,
      'break-the-glass is flagged',
    );
  });

  test('another clinic sees none of these invoices', async () => {
    const other = await createClinic(t, 'otherclinic');
    const theirs = await other.as('accountant');
    const ours = (await acc.get('/api/billing/invoices')).body.items;
    assert.ok(ours.length > 0);
    assert.equal((await theirs.get(`/api/billing/invoices/${ours[0].id}`)).status, 404);
    assert.equal((await theirs.get('/api/billing/invoices')).body.items.length, 0);
    assert.equal(
      (await theirs.post(`/api/billing/invoices/${ours[0].id}/payments`, { method: 'cash', amount: '1.00' })).status,
      404,
    );
    const report = await theirs.get('/api/billing/reports/benefits?month=2024-03');
    assert.equal(report.body.totalCents, 0);
  });

  test('every invoice issue is in the audit log with the patient reference', async () => {
    const issued = await count('invoices', `kind = 'invoice'`);
    assert.equal(await count('audit_events', `action = 'billing.invoice_issue'`), issued);
  });
});
