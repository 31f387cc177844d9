import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { type Agent, createClinic, eeCode, type TestApp, type TestClinic } from '../harness';
import { billingWorld } from './billing.fixtures';

/**
 * Billing end to end through HTTP on a fresh database: price list, services recorded by the
 * doctor, invoices with the benefit, credit notes, payments, debts, disclosures, reports.
 */
let t: TestApp;
let c: TestClinic;
let acc: Agent;
let rec: Agent;
let doc: Agent;
let count: Awaited<ReturnType<typeof billingWorld>>['count'];
let newPatient: Awaited<ReturnType<typeof billingWorld>>['newPatient'];
let visit: Awaited<ReturnType<typeof billingWorld>>['visit'];
let invoice: Awaited<ReturnType<typeof billingWorld>>['invoice'];

before(async () => {
  ({ t, c, acc, rec, doc, count, newPatient, visit, invoice } = await billingWorld());
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
