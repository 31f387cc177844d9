import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../../platform/errors';
import type { BenefitGroup } from '../../rules/dental-benefits';
import { checkRequestedBenefit, checkVisitFee, prosthesisLeft, quoteBenefit, quoteProsthesis } from './billing.quote';

const q = (date: string, group: BenefitGroup, eligibleCents: number, usedCents = 0) => {
  const r = quoteBenefit({ date, group, eligibleCents, usedCents });
  return [r.benefitCents, r.patientShareCents];
};

/** Asserts a ValidationError on the given field whose message matches. */
const refuses = (fn: () => unknown, field: string, message: RegExp) =>
  assert.throws(
    fn,
    (err: unknown) => err instanceof ValidationError && err.field === field && message.test(err.message),
  );

describe('benefit quote: worked examples for a €120.00 eligible bill, nothing used yet', () => {
  // 2018 and 2023: adults €40 (≥ 50 %), higher tier €85 (≥ 15 %: at least €18.00 of €120).
  // 2024: adults €60 (≥ 50 %: €60 of €120), higher tier €105 (≥ 12.5 %: at least €15.00).
  const higher: BenefitGroup[] = ['pregnant', 'mother-of-infant', 'pensioner', 'reduced-work-ability', 'over-63'];
  const expected: Record<string, Record<BenefitGroup, [number, number]>> = {
    '2018-05-15': {
      adult: [4000, 8000],
      unemployed: [4000, 8000],
      child: [12000, 0],
      ...Object.fromEntries(higher.map((g) => [g, [8500, 3500]])),
    } as Record<BenefitGroup, [number, number]>,
    '2023-11-30': {
      adult: [4000, 8000],
      unemployed: [8500, 3500],
      child: [12000, 0],
      ...Object.fromEntries(higher.map((g) => [g, [8500, 3500]])),
    } as Record<BenefitGroup, [number, number]>,
    '2024-03-01': {
      adult: [6000, 6000],
      unemployed: [10500, 1500],
      child: [12000, 0],
      ...Object.fromEntries(higher.map((g) => [g, [10500, 1500]])),
    } as Record<BenefitGroup, [number, number]>,
  };
  for (const [date, byGroup] of Object.entries(expected)) {
    for (const [group, want] of Object.entries(byGroup)) {
      it(`${group} on ${date} → benefit €${want[0] / 100}, patient €${want[1] / 100}`, () => {
        assert.deepEqual(q(date, group as BenefitGroup, 12000), want);
      });
    }
  }
});

describe('benefit quote: minimum patient share', () => {
  it('binds when the bill is small (adult 2024, €50 → €25 / €25)', () => {
    assert.deepEqual(q('2024-06-01', 'adult', 5000), [2500, 2500]);
  });
  it('binds for the higher tier (2018 pensioner, €40 → patient ≥ €6.00 (15 %))', () => {
    assert.deepEqual(q('2018-02-01', 'pensioner', 4000), [3400, 600]);
  });
  it('12.5 % in 2024 vs 15 % in 2023 on the same bill', () => {
    assert.deepEqual(q('2023-12-31', 'pregnant', 4000), [3400, 600]);
    assert.deepEqual(q('2024-01-01', 'pregnant', 4000), [3500, 500]);
  });
  it('rounds the minimum share up to the next cent (12.5 % of €10.01 = €1.25125 → €1.26)', () => {
    const r = quoteBenefit({ date: '2024-01-10', group: 'over-63', eligibleCents: 1001 });
    assert.deepEqual([r.minPatientShareCents, r.benefitCents, r.patientShareCents], [126, 875, 126]);
  });
  it('an odd-cent adult bill never gives the patient less than half (€0.01 → €0.00 benefit)', () => {
    assert.deepEqual(q('2024-01-10', 'adult', 1), [0, 1]);
    assert.deepEqual(q('2024-01-10', 'adult', 3), [1, 2]);
  });
  it('a zero bill is zero', () => {
    assert.deepEqual(q('2024-01-10', 'adult', 0), [0, 0]);
  });
  it('refuses a requested benefit that pushes the share below the minimum', () => {
    const quote = quoteBenefit({ date: '2024-03-01', group: 'adult', eligibleCents: 5000 });
    refuses(() => checkRequestedBenefit(quote, 2600, 5000), 'benefit', /below the minimum €25.00/);
    assert.doesNotThrow(() => checkRequestedBenefit(quote, 2500, 5000));
    assert.doesNotThrow(() => checkRequestedBenefit(quote, 1000, 5000));
  });
});

describe('benefit quote: the yearly balance', () => {
  it('a year of adult visits in 2024 draws the €60 down and then stops', () => {
    let used = 0;
    const visits: [number, [number, number]][] = [
      [5000, [2500, 2500]], // €50 → €25 benefit
      [3000, [1500, 1500]], // €30 → €15
      [10000, [2000, 8000]], // €100 → only €20 left
      [4000, [0, 4000]], // balance exhausted
    ];
    for (const [amount, want] of visits) {
      const r = quoteBenefit({ date: '2024-09-01', group: 'adult', eligibleCents: amount, usedCents: used });
      assert.deepEqual([r.benefitCents, r.patientShareCents], want, `after €${used / 100} used`);
      assert.equal(r.balanceAfterCents, 6000 - used - r.benefitCents);
      used += r.benefitCents;
    }
    assert.equal(used, 6000);
  });
  it('counts benefit used at other clinics (used €30 of €60 → €30 left)', () => {
    assert.deepEqual(q('2024-03-01', 'adult', 12000, 3000), [3000, 9000]);
  });
  it('used more than the yearly amount (after a group change) leaves nothing, not a negative benefit', () => {
    assert.deepEqual(q('2024-03-01', 'adult', 12000, 10500), [0, 12000]);
  });
  it('children have no ceiling', () => {
    const r = quoteBenefit({ date: '2024-03-01', group: 'child', eligibleCents: 250000, usedCents: 999999 });
    assert.deepEqual([r.benefitCents, r.patientShareCents, r.yearlyCents], [250000, 0, null]);
  });
});

describe('benefit quote: dates and groups', () => {
  it('registered unemployed got the adult benefit before 2022 and the higher one from 2022', () => {
    assert.deepEqual(q('2021-12-31', 'unemployed', 12000), [4000, 8000]);
    assert.match(
      quoteBenefit({ date: '2021-12-31', group: 'unemployed', eligibleCents: 1 }).rule.id,
      /2018-01-01\/adult$/,
    );
    assert.deepEqual(q('2022-01-01', 'unemployed', 12000), [8500, 3500]);
  });
  it('the second half of 2017 uses the first row (adult €30)', () => {
    assert.deepEqual(q('2017-07-01', 'adult', 12000), [3000, 9000]);
  });
  it('names the rule it used', () => {
    const r = quoteBenefit({ date: '2024-03-01', group: 'adult', eligibleCents: 12000 });
    assert.equal(r.rule.id, 'ee-dental-2024-01-01/adult');
    assert.match(r.rule.description, /from 2024-01-01.*€60\.00 a year.*at least 50 %/);
    assert.match(
      quoteBenefit({ date: '2024-03-01', group: 'pensioner', eligibleCents: 1 }).rule.description,
      /12\.5 %/,
    );
  });
  it('refuses a bill dated before any rule', () => {
    refuses(() => q('2017-06-30', 'adult', 12000), 'date', /no dental benefit rule is in force on 2017-06-30/);
    refuses(() => q('2010-01-01', 'child', 12000), 'date', /children's free care/);
  });
  it('refuses a date that is not a calendar day', () => {
    refuses(() => q('2023-02-29', 'adult', 100), 'date', /not a calendar date/);
    refuses(() => q('1.3.2024', 'adult', 100), 'date', /not a calendar date/);
  });
  it('refuses amounts that are not whole non-negative cents', () => {
    refuses(() => q('2024-03-01', 'adult', 12.5), 'amount', /whole number of cents/);
    refuses(() => q('2024-03-01', 'adult', -100), 'amount', /negative/);
    refuses(() => q('2024-03-01', 'adult', 100, -1), 'used', /negative/);
  });
});

describe('visit fee and prosthesis benefit', () => {
  it('caps the visit fee at €5 and exempts pregnant women, not children', () => {
    assert.equal(checkVisitFee('2024-03-01', 'adult', 500).feeCents, 500);
    refuses(() => checkVisitFee('2024-03-01', 'adult', 501), 'visitFee', /at most €5\.00/);
    refuses(() => checkVisitFee('2018-03-01', 'pregnant', 100), 'visitFee', /pregnant/);
    assert.equal(checkVisitFee('2018-03-01', 'child', 500).feeCents, 500);
    assert.equal(checkVisitFee('2018-03-01', 'pregnant', 0).feeCents, 0);
    refuses(() => checkVisitFee('2016-03-01', 'adult', 0), 'date', /no visit fee rule/);
  });
  it('pays €260 per three years from the completion that opened the period', () => {
    const first = quoteProsthesis({
      completedOn: '2021-04-10',
      group: 'pensioner',
      costCents: 40000,
      periodStartedOn: null,
      usedInPeriodCents: 0,
    });
    assert.deepEqual([first.benefitCents, first.patientShareCents, first.periodEndsOn], [26000, 14000, '2024-04-10']);
    const inside = quoteProsthesis({
      completedOn: '2024-04-09',
      group: 'over-63',
      costCents: 30000,
      periodStartedOn: '2021-04-10',
      usedInPeriodCents: 20000,
    });
    assert.deepEqual(
      [inside.benefitCents, inside.patientShareCents, inside.periodStartedOn],
      [6000, 24000, '2021-04-10'],
    );
    const next = quoteProsthesis({
      completedOn: '2024-04-10',
      group: 'reduced-work-ability',
      costCents: 30000,
      periodStartedOn: '2021-04-10',
      usedInPeriodCents: 26000,
    });
    assert.deepEqual([next.benefitCents, next.periodStartedOn], [26000, '2024-04-10']);
  });
  it('refuses the prosthesis benefit to groups without it', () => {
    refuses(
      () =>
        quoteProsthesis({
          completedOn: '2024-04-10',
          group: 'adult',
          costCents: 1,
          periodStartedOn: null,
          usedInPeriodCents: 0,
        }),
      'group',
      /not adult/,
    );
  });
});

describe('prosthesis benefit left from the history of earlier prostheses', () => {
  it('counts the period from the first completion and opens a new one after three years', () => {
    assert.equal(prosthesisLeft('2024-05-01', 'pensioner', []).leftCents, 26000);
    const history = [
      { date: '2022-01-10', benefitCents: 20000 },
      { date: '2023-06-01', benefitCents: 5000 },
    ];
    assert.deepEqual(prosthesisLeft('2024-05-01', 'pensioner', history), {
      leftCents: 1000,
      periodStartedOn: '2022-01-10',
      ruleId: 'ee-prosthesis-2017-07-01',
    });
    assert.equal(prosthesisLeft('2025-01-10', 'over-63', history).leftCents, 26000);
    // A credit note given back in the period restores it.
    assert.equal(
      prosthesisLeft('2024-05-01', 'pensioner', [...history, { date: '2022-01-10', benefitCents: -20000 }]).leftCents,
      21000,
    );
  });
  it('is refused to groups without it', () => {
    refuses(() => prosthesisLeft('2024-05-01', 'pregnant', []), 'group', /not pregnant/);
  });
});
