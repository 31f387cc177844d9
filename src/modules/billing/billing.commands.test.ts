import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { runBillingQuote } from './billing.commands';

/** Runs `hoidja billing quote …` as a real process, through src/cli/main.ts. */
function hoidja(...args: string[]) {
  const argv = ['--import', 'tsx', 'src/cli/main.ts', ...args];
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8', timeout: 60_000 });
  return {
    status: r.status,
    stdout: r.stdout.trim(),
    json: r.stdout.trim() ? JSON.parse(r.stdout.trim().split('\n').at(-1)!) : null,
  };
}

describe('billing quote command (function)', () => {
  it('prints benefit, patient share and rule', () => {
    const r = runBillingQuote({ date: '2024-03-01', group: 'adult', amount: '120.00', used: '0' });
    assert.equal(r.exitCode, 0);
    const out = JSON.parse(r.stdout);
    assert.deepEqual([out.benefit, out.patientShare], ['60.00', '60.00']);
    assert.match(out.rule, /2024-01-01/);
  });
  it('refuses bad input with one JSON error line and exit 2', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ date: '2024-03-01', group: 'adult', amount: '120.001' }, /more than two decimals/],
      [{ date: '2017-06-30', group: 'adult', amount: '120.00' }, /no dental benefit rule is in force on 2017-06-30/],
      [{ date: '2024-03-01', group: 'retired', amount: '1' }, /unknown group "retired"/],
      [{ group: 'adult', amount: '1' }, /--date is required/],
      [{ date: '2024-03-01', group: 'adult', amount: '1', used: '-5' }, /used: must not be negative/],
    ];
    for (const [opts, message] of cases) {
      const r = runBillingQuote(opts);
      assert.equal(r.exitCode, 2, JSON.stringify(opts));
      assert.ok(!r.stdout.includes('\n'));
      assert.match(JSON.parse(r.stdout).error, message);
    }
  });
});

describe('hoidja billing quote (process)', () => {
  it('prints the issue example and exits 0', () => {
    const r = hoidja('billing', 'quote', '--date', '2024-03-01', '--group', 'adult', '--amount', '120.00');
    assert.equal(r.status, 0, r.stdout);
    assert.equal(r.json.benefit, '60.00');
    assert.equal(r.json.patientShare, '60.00');
    assert.equal(typeof r.json.rule, 'string');
  });
  it('counts --used and the 2018 pensioner rule', () => {
    const r = hoidja(
      'billing',
      'quote',
      '--date',
      '2018-05-15',
      '--group',
      'pensioner',
      '--amount',
      '120.00',
      '--used',
      '50.00',
    );
    assert.equal(r.status, 0, r.stdout);
    assert.deepEqual([r.json.benefit, r.json.patientShare], ['35.00', '85.00']);
  });
  it('exits 2 with {"error"} for a date before any rule, too many decimals and unknown flags', () => {
    for (const args of [
      ['--date', '2010-01-01', '--group', 'adult', '--amount', '10.00'],
      ['--date', '2024-03-01', '--group', 'adult', '--amount', '10.005'],
      ['--date', '2024-03-01', '--group', 'adult', '--amount', '10.00', '--bogus'],
    ]) {
      const r = hoidja('billing', 'quote', ...args);
      assert.equal(r.status, 2, `${args.join(' ')} → ${r.stdout}`);
      assert.equal(typeof r.json.error, 'string');
    }
  });
});
