import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Agent, eeCode, type TestApp } from '../harness';
import { billingWorld } from './billing.fixtures';

/**
 * Benefit groups end to end through HTTP on a fresh database: evidence of a group, groups derived
 * from the ID code, benefit used elsewhere, the prosthesis benefit, children and bill payers.
 */
let t: TestApp;
let acc: Agent;
let rec: Agent;
let newPatient: Awaited<ReturnType<typeof billingWorld>>['newPatient'];
let visit: Awaited<ReturnType<typeof billingWorld>>['visit'];
let invoice: Awaited<ReturnType<typeof billingWorld>>['invoice'];

before(async () => {
  ({ t, acc, rec, newPatient, visit, invoice } = await billingWorld());
});
after(() => t.close());

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

  test('a child: eligible care free; the visit fee only when the clinic asks it', async () => {
    const id = await newPatient(eeCode('5100404000'));
    const inv = await invoice({ visitId: await visit(id, '2024-03-05', [{ code: 'FILL' }, { code: 'WHITE' }]) });
    assert.deepEqual([inv.group, inv.total, inv.benefit, inv.patientShare], ['child', '210.00', '60.00', '150.00']);
    assert.ok(!inv.lines.some((l: any) => l.kind === 'visit_fee'), 'not added by itself');
    const asked = await invoice({ visitId: await visit(id, '2024-03-06', [{ code: 'FILL' }]), visitFee: '5.00' });
    assert.deepEqual([asked.group, asked.benefit, asked.patientShare], ['child', '60.00', '5.00']);
    assert.ok(asked.lines.some((l: any) => l.kind === 'visit_fee'));
    const pregnant = await newPatient(eeCode('4900909000'));
    const ev = await rec.post(`/api/billing/patients/${pregnant}/groups`, {
      group: 'pregnant',
      evidence: 'pregnancy certificate',
      validFrom: '2024-01-01',
    });
    assert.equal(ev.status, 201, JSON.stringify(ev.body));
    const v = await visit(pregnant, '2024-03-06', [{ code: 'FILL' }]);
    const refused = await rec.post('/api/billing/invoices', { visitId: v, visitFee: '5.00' });
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.equal(refused.body.field, 'visitFee');
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
