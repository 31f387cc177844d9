import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { compactIban, ibanProblem, printedIban } from './iban';

describe('IBAN', () => {
  it('accepts real Estonian and Latvian account numbers, written with or without spaces', () => {
    // The example accounts of the Estonian and Latvian banks' own IBAN pages.
    assert.equal(ibanProblem('EE382200221020145685'), null);
    assert.equal(ibanProblem('ee38 2200 2210 2014 5685'), null);
    assert.equal(ibanProblem('LV80BANK0000435195001'), null);
    assert.equal(printedIban('EE382200221020145685'), 'EE38 2200 2210 2014 5685');
  });
  it('refuses wrong lengths, shapes and check digits with the reason', () => {
    assert.match(ibanProblem('EE38220022102014568')!, /20 characters/);
    assert.match(ibanProblem('LV80BANK000043519500')!, /21 characters/);
    assert.match(ibanProblem('1234')!, /two letters/);
    assert.match(ibanProblem('EE382200221020145686')!, /mistyped/);
  });
  it('catches any single mistyped digit of a valid account', () => {
    const valid = 'EE382200221020145685';
    fc.assert(
      fc.property(fc.integer({ min: 4, max: valid.length - 1 }), fc.integer({ min: 1, max: 9 }), (i, delta) => {
        const d = (Number(valid[i]) + delta) % 10;
        const typo = valid.slice(0, i) + String(d) + valid.slice(i + 1);
        assert.notEqual(ibanProblem(typo), null, typo);
      }),
    );
    assert.equal(compactIban(' ee38 2200 '), 'EE382200');
  });
});
