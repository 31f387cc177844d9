import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkEstonianCode } from '../../rules/id-codes';
import { decideGroup, isChildOn, isOver63On } from './billing.groups';

describe('benefit group of a patient on the day of a bill', () => {
  it('derives over-63 from the birth date in the ID code', () => {
    const id = checkEstonianCode('36805280109', '2026-12-01'); // born 1968-05-28
    assert.ok(id.valid && id.birthDate === '1968-05-28');
    const birth = id.valid ? id.birthDate! : '';
    assert.equal(isOver63On(birth, '2031-05-27'), false);
    assert.equal(isOver63On(birth, '2031-05-28'), true);
    assert.equal(decideGroup({ date: '2031-05-27', birthDate: birth, evidence: [] }).group, 'adult');
    const d = decideGroup({ date: '2031-05-28', birthDate: birth, evidence: [] });
    assert.equal(d.group, 'over-63');
    assert.match(d.reason, /aged 63 \(derived from birth date\)/);
  });

  it('children under 19 are children; the extra year only when the need was found before 19', () => {
    assert.equal(isChildOn('2005-06-01', '2024-05-31'), true);
    assert.equal(isChildOn('2005-06-01', '2024-06-01'), false);
    assert.equal(isChildOn('2005-06-01', '2024-06-01', true), true);
    assert.equal(isChildOn('2005-06-01', '2025-05-31', true), true);
    assert.equal(isChildOn('2005-06-01', '2025-06-01', true), false);
    assert.equal(
      decideGroup({ date: '2024-07-01', birthDate: '2005-06-01', evidence: [], needFoundBeforeAdulthood: true }).group,
      'child',
    );
    assert.equal(decideGroup({ date: '2024-07-01', birthDate: '2005-06-01', evidence: [] }).group, 'adult');
  });

  it('uses evidence only while it is valid', () => {
    const evidence = [{ group: 'pensioner' as const, validFrom: '2023-01-01', validTo: '2023-12-31' }];
    assert.equal(decideGroup({ date: '2023-12-31', birthDate: '1970-01-01', evidence }).group, 'pensioner');
    assert.equal(decideGroup({ date: '2024-01-01', birthDate: '1970-01-01', evidence }).group, 'adult');
  });

  it('picks the group with the best benefit, preferring the one free of the visit fee', () => {
    const d = decideGroup({
      date: '2024-03-01',
      birthDate: '1985-01-01',
      evidence: [
        { group: 'reduced-work-ability', validFrom: '2020-01-01', validTo: null },
        { group: 'pregnant', validFrom: '2024-01-15', validTo: '2024-09-30' },
      ],
    });
    assert.equal(d.group, 'pregnant');
    assert.deepEqual(d.applicable, ['pregnant', 'reduced-work-ability', 'adult']);
  });

  it('registered unemployment lifts the benefit only from 2022', () => {
    const evidence = [{ group: 'unemployed' as const, validFrom: '2021-01-01', validTo: null }];
    // Before 2022 the unemployed tier equals adult: either group gives the same money.
    const d2021 = decideGroup({ date: '2021-06-01', birthDate: '1980-01-01', evidence });
    assert.ok(['adult', 'unemployed'].includes(d2021.group));
    assert.equal(decideGroup({ date: '2022-06-01', birthDate: '1980-01-01', evidence }).group, 'unemployed');
  });

  it('without a birth date, only evidence counts', () => {
    assert.equal(decideGroup({ date: '2024-03-01', birthDate: null, evidence: [] }).group, 'adult');
  });

  it('refuses a date before any rule', () => {
    assert.throws(() => decideGroup({ date: '2016-01-01', birthDate: '1950-01-01', evidence: [] }), /date: no/);
  });
});
