import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseRegister, RegisterImportError } from '../register/register.import';
import { resolveTargets } from './retention.rules';

const demo = readFileSync('presets/demo.yaml', 'utf8');

describe('the legal minimum is a floor the register cannot go below', () => {
  it('the import refuses a rule shorter than the law, at its file:line:column, naming the law', () => {
    const text = demo.replace(
      /(category: billing\n(?:.*\n)*?\s+period: )\{ years: 7 \}/,
      (_m, head: string) => `${head}{ years: 3 }`,
    );
    assert.notEqual(text, demo);
    const line = text.split('\n').findIndex((l) => l.includes('{ years: 3 }')) + 1;
    assert.throws(
      () => parseRegister(text, 'demo.yaml'),
      (e: unknown) => {
        assert.ok(e instanceof RegisterImportError);
        assert.equal(e.issues[0]!.line, line);
        assert.ok(e.issues[0]!.column > 1);
        assert.match(
          e.message,
          new RegExp(`^demo\\.yaml:${line}:\\d+: .*3 years is shorter than the legal minimum of 7 years`),
        );
        assert.match(e.message, /Raamatupidamise seadus § 12/);
        return true;
      },
    );
  });

  it('every shipped preset still imports', () => {
    for (const p of ['demo', 'kliinik32', 'sensus', 'parodontalia'])
      parseRegister(readFileSync(`presets/${p}.yaml`, 'utf8'), `${p}.yaml`);
  });

  it('the engine raises a short period to the minimum even where no import checked it', () => {
    const reg = parseRegister(demo);
    reg.retention.find((r) => r.category === 'health' && r.from === 'service_date')!.period = { years: 10 };
    const health = resolveTargets(reg, 'EE', '2060-06-01').find((r) => r.target.key === 'patient_record')!;
    const service = health.rules.find((r) => r.from === 'service_date')!;
    assert.equal(service.period, '30 years');
    assert.equal(service.cutoff, '2030-06-01');
    assert.match(service.floor!, /Tervishoiuteenuste korraldamise seadus/);
  });
});
