import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseRegister } from './register.import';
import { retentionWarnings } from './register.retention';

const load = (name: string) => parseRegister(readFileSync(`presets/${name}.yaml`, 'utf8'));

describe('retention against the legal minimums', () => {
  it('the demo, Kliinik 32 and Sensus registers keep what the law requires', () => {
    for (const p of ['demo', 'kliinik32', 'sensus']) assert.deepEqual(retentionWarnings(load(p), '2026-11-22'), [], p);
  });

  it('flags a rule shorter than the law, and a missing one', () => {
    const reg = load('demo');
    reg.retention.find((r) => r.category === 'billing')!.period = { years: 3 };
    const [w] = retentionWarnings(reg, '2026-11-22');
    assert.match(
      w!,
      /accounting source documents: the law \(Raamatupidamise seadus § 12\) requires keeping them at least 7 years/,
    );
    // The periodontal clinic's notice names only 110 years from birth for health data.
    assert.match(retentionWarnings(load('parodontalia'), '2026-11-22').join('\n'), /outpatient treatment documents/);
  });
});
