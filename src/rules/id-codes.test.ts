import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ageOn, checkEstonianCode, checkLatvianCode, guessIdCountry } from './id-codes';

/** The rules take today from their caller (the application's clock). */
const TODAY = '2026-12-01';

test('valid Estonian codes give birth date and sex', () => {
  assert.deepEqual(checkEstonianCode('37605030299', TODAY), {
    valid: true,
    country: 'EE',
    normalized: '37605030299',
    birthDate: '1976-05-03',
    sex: 'male',
  });
  const a = checkEstonianCode('36805280109', TODAY);
  assert.equal(a.valid && a.birthDate, '1968-05-28');
  // second-stage weights
  const b = checkEstonianCode('46805280103', TODAY);
  assert.ok(b.valid && b.sex === 'female');
});

test('invalid Estonian codes say why', () => {
  assert.deepEqual(checkEstonianCode('36805280108', TODAY), {
    valid: false,
    country: 'EE',
    reason: 'wrong check digit',
  });
  const feb = checkEstonianCode('38102290106', TODAY);
  assert.ok(!feb.valid && /date/.test(feb.reason));
  const century = checkEstonianCode('96805280109', TODAY);
  assert.ok(!century.valid && /century/.test(century.reason));
  assert.ok(!checkEstonianCode('3760503029', TODAY).valid);
  assert.ok(!checkEstonianCode('3760503029x', TODAY).valid);
});

test('every century digit maps to its century', () => {
  // 2000s female born 2004-02-29 (leap year) is a real date; check digit computed by the rule itself
  // (1884, not 1804: nobody born before 1870 is taken; the 2100s are read as on a day in 2200.)
  for (const [g, year] of [
    [1, 1880],
    [3, 1900],
    [5, 2000],
    [7, 2100],
  ] as const) {
    const base = `${g}${String(year + 4).slice(2)}0229001`;
    const r = [...Array(10).keys()].map((c) => checkEstonianCode(base + c, '2200-01-01')).find((x) => x.valid);
    assert.ok(r?.valid && r.birthDate === `${year + 4}-02-29`, `century digit ${g}`);
  }
});

test('Latvian old format', () => {
  const r = checkLatvianCode('161175-19997', TODAY);
  assert.ok(r.valid && r.birthDate === '1975-11-16' && r.normalized === '161175-19997');
  assert.ok(checkLatvianCode('16117519997', TODAY).valid);
  const bad = checkLatvianCode('161175-19998', TODAY);
  assert.ok(!bad.valid && bad.reason === 'wrong check digit');
  const date = checkLatvianCode('310275-19997', TODAY);
  assert.ok(!date.valid && /date/.test(date.reason));
  assert.ok(!checkLatvianCode('161175-39997', TODAY).valid, 'century digit 3 unknown');
});

test('Latvian new format is accepted with a warning and no birth date', () => {
  const r = checkLatvianCode('321234-56789', TODAY);
  assert.ok(r.valid && r.birthDate === null && r.warning);
});

test('country guess and age', () => {
  assert.equal(guessIdCountry('161175-19997', TODAY), 'LV');
  assert.equal(guessIdCountry('37605030299', TODAY), 'EE');
  assert.equal(guessIdCountry('36805280108', TODAY), 'EE', 'an invalid Estonian code is not read as a new Latvian one');
  assert.equal(guessIdCountry('16117519997', TODAY), 'LV');
  assert.equal(ageOn('2000-03-01', '2018-02-28'), 17);
  assert.equal(ageOn('2000-03-01', '2018-03-01'), 18);
});
