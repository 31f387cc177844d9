import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

/** `hoidja register …` and `hoidja notice …` as real processes on a fresh embedded database. */
const dataDir = mkdtempSync(join(tmpdir(), 'hoidja-register-cli-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

function hoidja(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'development', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL; // the embedded database, whatever the test run uses
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('register and notice commands', () => {
  it('prints the demo notice in Latvian on a fresh install', () => {
    const r = hoidja('notice', '--clinic', 'demo', '--lang', 'lv', '--format', 'md');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^# Paziņojums par personas datu apstrādi/);
    assert.match(r.stdout, /Datu valsts inspekcija|Andmekaitse Inspektsioon/);
  });

  it('imports, refuses a bad file with its line and exit code 2, exports, publishes and writes a PDF', () => {
    const demo = hoidja('demo');
    assert.equal(demo.status, 0, demo.stderr);
    const bad = join(dataDir, 'bad.yaml');
    const text = readFileSync('presets/parodontalia.yaml', 'utf8').replace('legalBasis: [a]', 'legalBasis: [consent]');
    writeFileSync(bad, text);
    const refused = hoidja('register', 'import', bad, '--clinic', 'demo');
    assert.equal(refused.status, 2);
    const line = text.split('\n').findIndex((l) => l.includes('legalBasis: [consent]')) + 1;
    assert.match(refused.stderr, new RegExp(`bad\\.yaml:${line}:\\d+: unknown legal basis "consent"`));
    const ok = hoidja('register', 'import', 'presets/parodontalia.yaml', '--clinic', 'demo');
    assert.equal(ok.status, 0, ok.stderr);
    const exported = hoidja('register', 'export', '--clinic', 'demo', '--format', 'json');
    assert.equal(JSON.parse(exported.stdout).controllers[0].name, 'Parodontalia OÜ');
    const published = hoidja('register', 'publish', '--clinic', 'demo');
    assert.match(published.stdout, /version 2/);
    const pdf = join(dataDir, 'notice.pdf');
    const written = hoidja('notice', '--clinic', 'demo', '--lang', 'ru', '--format', 'pdf', '--out', pdf);
    assert.equal(written.status, 0, written.stderr);
    assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');
    const html = hoidja('notice', '--clinic', 'demo', '--lang', 'et', '--format', 'html');
    assert.match(html.stdout, /Versioon 2, avaldatud/);
  });
});
