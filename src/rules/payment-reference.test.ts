import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { estonianReference, isEstonianReference } from './payment-reference';

test('the 7-3-1 check digit of known references', () => {
  // The banks' worked example: 123456 → 1234561; and a few counted by hand.
  assert.equal(estonianReference('123456'), '1234561');
  assert.equal(estonianReference('1234'), '12344');
  assert.equal(estonianReference('2026-000123'), '20260001230');
  assert.ok(isEstonianReference('1234561'));
  assert.ok(!isEstonianReference('1234562'));
});

test('every generated reference checks, and any one changed digit is caught', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[1-9]\d{0,18}$/), fc.nat(), fc.integer({ min: 1, max: 9 }), (base, at, delta) => {
      const ref = estonianReference(base);
      assert.ok(isEstonianReference(ref));
      const i = at % ref.length;
      const changed = `${ref.slice(0, i)}${(Number(ref[i]) + delta) % 10}${ref.slice(i + 1)}`;
      if (!changed.startsWith('0')) assert.ok(!isEstonianReference(changed), `${ref} → ${changed}`);
    }),
  );
});

test('a base without digits is refused', () => {
  assert.throws(() => estonianReference('ARVE-'), /1–19 digits/);
});
