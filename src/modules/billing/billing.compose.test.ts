import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../../platform/errors';
import { composeCreditNote, composeInvoice, type LineInput } from './billing.compose';

const line = (code: string, cents: number, eligible = true, extra: Partial<LineInput> = {}): LineInput => ({
  kind: 'service',
  priceItemId: null,
  code,
  description: code,
  quantity: 1,
  unitPriceCents: cents,
  benefitEligible: eligible,
  ...extra,
});
const fee = (cents: number): LineInput => ({ ...line('VF', cents, false), kind: 'visit_fee' });
const refuses = (fn: () => unknown, field: RegExp, message: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof ValidationError && field.test(e.field) && message.test(e.message));

describe('invoice arithmetic', () => {
  it('adult 2024: visit fee, two eligible fillings and a whitening; benefit line by line', () => {
    const inv = composeInvoice({
      date: '2024-03-01',
      group: 'adult',
      usedCents: 0,
      patientName: 'Mari',
      lines: [fee(500), line('FILL', 6000), line('FILL2', 4000, true, { quantity: 2 }), line('WHITE', 15000, false)],
    });
    // FILL €60 → €30; FILL2 2 × €40 = €80 → €40 capped by the €30 left of €60.
    assert.deepEqual(
      inv.lines.map((l) => [l.amountCents, l.benefitCents]),
      [
        [500, 0],
        [6000, 3000],
        [8000, 3000],
        [15000, 0],
      ],
    );
    assert.deepEqual(
      [inv.totalCents, inv.eligibleCents, inv.benefitCents, inv.patientCents, inv.balanceAfterCents],
      [29500, 14000, 6000, 23500, 0],
    );
    assert.deepEqual(
      inv.shares.map((s) => [s.holder, s.amountCents]),
      [
        ['fund', 6000],
        ['patient', 23500],
      ],
    );
    assert.equal(inv.ruleId, 'ee-dental-2024-01-01/adult');
  });

  it('pensioner 2018 with €50 used elsewhere: €35 left, 15 % minimum share per line', () => {
    const inv = composeInvoice({
      date: '2018-10-10',
      group: 'pensioner',
      usedCents: 5000,
      patientName: 'P',
      lines: [line('A', 2000), line('B', 3000)],
    });
    assert.deepEqual(
      inv.lines.map((l) => l.benefitCents),
      [1700, 1800],
    );
    assert.equal(inv.patientCents, 1500);
  });

  it('child: eligible services free, non-listed services at full price, the visit fee only if the clinic asks it', () => {
    const inv = composeInvoice({
      date: '2023-05-05',
      group: 'child',
      usedCents: 0,
      patientName: 'C',
      lines: [line('SEAL', 4500), line('ORTHO', 20000, false)],
    });
    assert.deepEqual([inv.benefitCents, inv.patientCents, inv.balanceAfterCents], [4500, 20000, null]);
    const withFee = composeInvoice({
      date: '2023-05-05',
      group: 'child',
      usedCents: 0,
      patientName: 'C',
      lines: [fee(500)],
    });
    assert.equal(withFee.patientCents, 500, 'a clinic may charge an insured child the visit fee');
    refuses(
      () =>
        composeInvoice({ date: '2023-05-05', group: 'pregnant', usedCents: 0, patientName: 'P', lines: [fee(500)] }),
      /visitFee/,
      /pregnant/,
    );
  });

  it('bill payers split the rest after the benefit; the patient pays what is left', () => {
    const inv = composeInvoice({
      date: '2024-03-01',
      group: 'adult',
      usedCents: 0,
      patientName: 'Mari',
      lines: [line('FILL', 10000)],
      payers: [{ payerRef: 'p1', payerName: 'Employer OÜ', amountCents: 3000 }],
    });
    assert.deepEqual(
      inv.shares.map((s) => [s.holder, s.amountCents]),
      [
        ['fund', 5000],
        ['bill_payer', 3000],
        ['patient', 2000],
      ],
    );
    refuses(
      () =>
        composeInvoice({
          date: '2024-03-01',
          group: 'adult',
          usedCents: 0,
          patientName: 'M',
          lines: [line('FILL', 10000)],
          payers: [{ payerRef: 'p1', payerName: 'E', amountCents: 5001 }],
        }),
      /^payers$/,
      /exceed/,
    );
  });

  it('refuses a benefit on a service not on the list, and a share below the minimum', () => {
    refuses(
      () =>
        composeInvoice({
          date: '2024-03-01',
          group: 'adult',
          usedCents: 0,
          patientName: 'M',
          lines: [line('WHITE', 10000, false, { requestedBenefitCents: 100 })],
        }),
      /lines\.0\.benefit/,
      /not on the Fund's list/,
    );
    refuses(
      () =>
        composeInvoice({
          date: '2024-03-01',
          group: 'adult',
          usedCents: 0,
          patientName: 'M',
          lines: [line('FILL', 10000, true, { requestedBenefitCents: 5001 })],
        }),
      /lines\.0\.benefit/,
      /below the minimum €50\.00/,
    );
    refuses(
      () =>
        composeInvoice({
          date: '2024-03-01',
          group: 'adult',
          usedCents: 5000,
          patientName: 'M',
          lines: [line('FILL', 10000, true, { requestedBenefitCents: 2000 })],
        }),
      /lines\.0\.benefit/,
      /only €10\.00/,
    );
    const less = composeInvoice({
      date: '2024-03-01',
      group: 'adult',
      usedCents: 0,
      patientName: 'M',
      lines: [line('FILL', 10000, true, { requestedBenefitCents: 1000 })],
    });
    assert.equal(less.benefitCents, 1000);
  });

  it('a prosthesis line takes the prosthesis benefit, not the yearly one', () => {
    const prosthesis = { ...line('DENTURE', 40000, false), kind: 'prosthesis' as const };
    const inv = composeInvoice({
      date: '2024-03-01',
      group: 'pensioner',
      usedCents: 0,
      patientName: 'P',
      lines: [prosthesis, line('FILL', 6000)],
      prosthesisLeftCents: 26000,
    });
    assert.deepEqual(
      inv.lines.map((l) => l.benefitCents),
      [26000, 5250],
    );
    assert.equal(inv.balanceAfterCents, 10500 - 5250, 'the yearly balance is untouched by the prosthesis');
    const none = composeInvoice({
      date: '2024-03-01',
      group: 'adult',
      usedCents: 0,
      patientName: 'A',
      lines: [prosthesis],
      prosthesisLeftCents: null,
    });
    assert.equal(none.benefitCents, 0);
    refuses(
      () =>
        composeInvoice({
          date: '2024-03-01',
          group: 'adult',
          usedCents: 0,
          patientName: 'A',
          lines: [{ ...prosthesis, requestedBenefitCents: 100 }],
          prosthesisLeftCents: null,
        }),
      /lines\.0\.benefit/,
      /no prosthesis benefit/,
    );
    const cn = composeCreditNote({
      date: '2024-03-05',
      invoiceDate: '2024-03-01',
      group: 'pensioner',
      lines: inv.lines.map((l) => ({ ...l })),
      credits: [{ lineNo: 1, amountCents: 20000 }],
      standingShares: inv.shares,
    });
    assert.deepEqual(
      [cn.benefitCents, cn.patientCents],
      [-6000, -14000],
      'a €200 cut leaves €200 billed, still within the €260 benefit',
    );
  });

  it('refuses a visit fee over €5 and a bill dated before any rule', () => {
    refuses(
      () => composeInvoice({ date: '2024-03-01', group: 'adult', usedCents: 0, patientName: 'M', lines: [fee(600)] }),
      /visitFee/,
      /at most/,
    );
    refuses(
      () =>
        composeInvoice({ date: '2017-01-01', group: 'adult', usedCents: 0, patientName: 'M', lines: [line('A', 100)] }),
      /^date$/,
      /no dental benefit rule/,
    );
  });
});

describe('credit note arithmetic', () => {
  const base = composeInvoice({
    date: '2024-03-01',
    group: 'adult',
    usedCents: 0,
    patientName: 'M',
    lines: [fee(500), line('FILL', 6000), line('WHITE', 10000, false)],
  });
  const standing = base.lines.map((l) => ({ ...l }));

  it('a full credit note reverses the benefit and the patient share', () => {
    const cn = composeCreditNote({
      date: '2024-03-10',
      invoiceDate: '2024-03-01',
      group: 'adult',
      lines: standing,
      standingShares: base.shares,
    });
    assert.deepEqual([cn.totalCents, cn.benefitCents, cn.patientCents], [-16500, -3000, -13500]);
  });

  it('a partial credit keeps the benefit while the remaining amount still carries the minimum share', () => {
    // FILL €60 with €30 benefit; take €10 off: €50 remains, at most €25 benefit → €5 of benefit reversed.
    const cn = composeCreditNote({
      date: '2024-03-10',
      invoiceDate: '2024-03-01',
      group: 'adult',
      lines: standing,
      credits: [{ lineNo: 2, amountCents: 1000 }],
      standingShares: base.shares,
    });
    assert.deepEqual([cn.totalCents, cn.benefitCents, cn.patientCents], [-1000, -500, -500]);
    // Off the non-listed whitening: nothing of the benefit changes.
    const w = composeCreditNote({
      date: '2024-03-10',
      invoiceDate: '2024-03-01',
      group: 'adult',
      lines: standing,
      credits: [{ lineNo: 3, amountCents: 2500 }],
      standingShares: base.shares,
    });
    assert.deepEqual([w.benefitCents, w.patientCents], [0, -2500]);
  });

  it('refuses a credit note larger than the invoice line, unknown or repeated lines', () => {
    refuses(
      () =>
        composeCreditNote({
          date: '2024-03-10',
          invoiceDate: '2024-03-01',
          group: 'adult',
          lines: standing,
          credits: [{ lineNo: 2, amountCents: 6001 }],
          standingShares: base.shares,
        }),
      /lines\.0\.amount/,
      /larger than/,
    );
    refuses(
      () =>
        composeCreditNote({
          date: '2024-03-10',
          invoiceDate: '2024-03-01',
          group: 'adult',
          lines: standing,
          credits: [{ lineNo: 9, amountCents: 1 }],
          standingShares: base.shares,
        }),
      /lineNo/,
      /no line 9/,
    );
    refuses(
      () =>
        composeCreditNote({
          date: '2024-03-10',
          invoiceDate: '2024-03-01',
          group: 'adult',
          lines: standing,
          credits: [
            { lineNo: 2, amountCents: 1 },
            { lineNo: 2, amountCents: 1 },
          ],
          standingShares: base.shares,
        }),
      /lineNo/,
      /twice/,
    );
  });
});
