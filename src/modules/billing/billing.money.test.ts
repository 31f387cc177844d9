import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../../platform/errors';
import { ceilShare, formatEuros, parseEuros } from './billing.money';

describe('euro amounts', () => {
  it('parses decimal strings to whole cents', () => {
    assert.equal(parseEuros('120.00'), 12000);
    assert.equal(parseEuros('120'), 12000);
    assert.equal(parseEuros('120.5'), 12050);
    assert.equal(parseEuros('0.01'), 1);
    assert.equal(parseEuros('19,99'), 1999); // Estonian and Latvian forms use a comma
    assert.equal(parseEuros(' 7.10 '), 710);
  });
  it('refuses more than two decimals, signs, exponents and words', () => {
    for (const bad of ['12.345', '0.001', '-1.00', '1e3', 'abc', '', '12.', '.5', '1 000', '+5', 'NaN', 'Infinity']) {
      assert.throws(
        () => parseEuros(bad, 'amount'),
        (e: unknown) => e instanceof ValidationError && e.field === 'amount',
        bad,
      );
    }
    assert.throws(() => parseEuros('12.345'), /more than two decimals/);
  });
  it('formats cents back to euros', () => {
    assert.equal(formatEuros(6000), '60.00');
    assert.equal(formatEuros(5), '0.05');
    assert.equal(formatEuros(-1250), '-12.50');
    assert.equal(formatEuros(0), '0.00');
    assert.throws(() => formatEuros(1.5));
  });
  it('rounds a minimum share up in integer arithmetic', () => {
    assert.equal(ceilShare(12000, 5000), 6000);
    assert.equal(ceilShare(1001, 1250), 126);
    assert.equal(ceilShare(1000, 1250), 125);
    assert.equal(ceilShare(3, 5000), 2);
    assert.equal(ceilShare(0, 1500), 0);
  });
});
