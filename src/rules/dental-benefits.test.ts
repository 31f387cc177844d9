import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  benefitGroups,
  childrenCareRules,
  derivedGroupRules,
  type Effective,
  isIsoDate,
  NoRuleError,
  prosthesisRules,
  ruleOn,
  visitFeeRules,
  yearlyBenefitRules,
  yearlyBenefitTier,
} from './dental-benefits';

const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);

function assertContiguous(name: string, table: readonly Effective[]) {
  const ids = new Set<string>();
  table.forEach((row, i) => {
    assert.ok(isIsoDate(row.from), `${name} ${row.id}: from`);
    assert.ok(row.to === null || (isIsoDate(row.to) && row.from <= row.to), `${name} ${row.id}: to`);
    assert.ok(!ids.has(row.id), `${name}: duplicate id ${row.id}`);
    ids.add(row.id);
    const next = table[i + 1];
    if (next)
      assert.equal(
        next.from,
        dayAfter(row.to ?? 'open'),
        `${name}: ${next.id} must start the day after ${row.id} ends`,
      );
    else assert.equal(row.to, null, `${name}: the last row stays open`);
  });
}

describe('dental benefit rule tables', () => {
  it('are contiguous, ordered, with unique ids and an open last row', () => {
    assertContiguous('yearly', yearlyBenefitRules);
    assertContiguous('visit fee', visitFeeRules);
    assertContiguous('children', childrenCareRules);
    assertContiguous('prosthesis', prosthesisRules);
    assertContiguous('derived', derivedGroupRules);
  });

  it('put every adult group in exactly one tier of every row', () => {
    for (const row of yearlyBenefitRules) {
      for (const g of benefitGroups.filter((g) => g !== 'child')) {
        const tiers = row.tiers.filter((t) => t.groups.includes(g));
        assert.equal(tiers.length, 1, `${row.id}: ${g} is in ${tiers.length} tiers`);
      }
      for (const t of row.tiers) {
        assert.ok(Number.isSafeInteger(t.yearlyCents) && t.yearlyCents > 0);
        assert.ok(t.minPatientShareBp > 0 && t.minPatientShareBp < 10000);
      }
    }
  });

  it('hold the amounts of DESIGN.md on each date', () => {
    const cases: [string, string, number, number][] = [
      ['2017-07-01', 'adult', 3000, 5000],
      ['2017-12-31', 'pensioner', 8500, 1500],
      ['2018-01-01', 'adult', 4000, 5000],
      ['2023-12-31', 'adult', 4000, 5000],
      ['2023-12-31', 'over-63', 8500, 1500],
      ['2024-01-01', 'adult', 6000, 5000],
      ['2024-01-01', 'mother-of-infant', 10500, 1250],
      ['2021-12-31', 'unemployed', 4000, 5000],
      ['2022-01-01', 'unemployed', 8500, 1500],
    ];
    for (const [date, group, yearly, bp] of cases) {
      const { tier } = yearlyBenefitTier(date, group as never);
      assert.deepEqual([tier.yearlyCents, tier.minPatientShareBp], [yearly, bp], `${group} on ${date}`);
    }
  });

  it('refuse a date before any rule', () => {
    assert.throws(() => ruleOn(yearlyBenefitRules, '2017-06-30', 'dental benefit'), NoRuleError);
    assert.throws(() => yearlyBenefitTier('1999-01-01', 'adult'), /no dental benefit rule is in force on 1999-01-01/);
  });

  it('know the other rule values', () => {
    assert.equal(ruleOn(visitFeeRules, '2024-03-01', 'v').maxCents, 500);
    assert.deepEqual([...ruleOn(visitFeeRules, '2024-03-01', 'v').exemptGroups], ['pregnant']);
    const p = ruleOn(prosthesisRules, '2019-05-05', 'p');
    assert.deepEqual([p.amountCents, p.periodYears], [26000, 3]);
    assert.deepEqual([...p.groups].sort(), ['over-63', 'pensioner', 'reduced-work-ability']);
    assert.equal(ruleOn(childrenCareRules, '2020-01-01', 'c').freeUnderAge, 19);
  });

  it('check calendar dates', () => {
    assert.ok(isIsoDate('2024-02-29'));
    assert.ok(!isIsoDate('2023-02-29'));
    assert.ok(!isIsoDate('2024-3-1'));
    assert.ok(!isIsoDate('01.03.2024'));
  });
});
