import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkEstonianCode } from '../../rules/id-codes';
import { syntheticPatient } from './synthetic';

test('synthetic patients have valid, unique ID codes that agree with their birth date and sex', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 100_000; i++) {
    const p = syntheticPatient(i);
    const r = checkEstonianCode(p.idCode, '2026-12-01');
    assert.ok(r.valid, `${i}: ${p.idCode}`);
    assert.equal(r.birthDate, p.birthDate);
    assert.equal(r.sex, p.sex);
    assert.ok(!seen.has(p.idCode), `duplicate ${p.idCode}`);
    seen.add(p.idCode);
  }
  const years = new Set(Array.from({ length: 40 }, (_, i) => syntheticPatient(i).birthDate.slice(0, 4)));
  assert.ok(years.size > 20, 'the first patients of a demo are of many ages');
});
