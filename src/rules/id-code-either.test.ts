import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkEitherIdCode } from './id-code-either';

const today = '2026-12-02';

test('either country’s code at either clinic, the checked one first', () => {
  const lvAtEe = checkEitherIdCode('161175-19997', 'EE', today);
  assert.deepEqual([lvAtEe.valid, lvAtEe.country], [true, 'LV']);
  const eeAtLv = checkEitherIdCode('37605030299', 'LV', today);
  assert.deepEqual([eeAtLv.valid, eeAtLv.country], [true, 'EE'], 'not mistaken for a new-format Latvian code');
  const oldLvNoHyphen = checkEitherIdCode('16117519997', 'EE', today);
  assert.deepEqual([oldLvNoHyphen.valid, oldLvNoHyphen.country], [true, 'LV']);
  const newLv = checkEitherIdCode('321234-56789', 'EE', today);
  assert.deepEqual([newLv.valid, newLv.country, newLv.valid && newLv.birthDate], [true, 'LV', null]);
});

test('a code neither country accepts is refused with the clinic country’s reason', () => {
  // Not a valid Estonian code; without its hyphen it is not taken as an unverifiable new Latvian one.
  const bad = checkEitherIdCode('36805280108', 'EE', today);
  assert.deepEqual([bad.valid, !bad.valid && bad.reason], [false, 'wrong check digit']);
  const badLv = checkEitherIdCode('161175-19998', 'LV', today);
  assert.deepEqual([badLv.valid, badLv.country], [false, 'LV']);
  assert.equal(checkEitherIdCode('12', 'LV', today).valid, false);
});
