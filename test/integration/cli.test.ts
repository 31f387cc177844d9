import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '../../src/platform/db';
import { freshDatabase, testDbKind } from '../harness';

const root = process.cwd();
let dataDir: string;
let env: NodeJS.ProcessEnv;
let drop: () => Promise<void> = async () => undefined;

function hoidja(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], {
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hoidja-cli-'));
  env = {
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    HOIDJA_ADMIN_PASSWORD: 'demo admin password',
  };
  delete env.DATABASE_URL;
  delete env.DATABASE_OWNER_URL;
  if (testDbKind === 'postgres') {
    const fresh = await freshDatabase();
    await fresh.database.close();
    env.DATABASE_URL = fresh.url;
    env.DATABASE_OWNER_URL = fresh.ownerUrl;
    drop = fresh.drop;
  }
});
after(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await drop();
});

describe('hoidja id-code check', () => {
  test('prints the derived facts and exits 0, or the reason and exits 2', () => {
    const ok = hoidja('id-code', 'check', '37605030299');
    assert.equal(ok.code, 0);
    assert.deepEqual(JSON.parse(ok.stdout), { valid: true, country: 'EE', birthDate: '1976-05-03', sex: 'male' });
    const lv = hoidja('id-code', 'check', '161175-19997', '--country', 'LV');
    assert.equal(lv.code, 0);
    assert.equal(JSON.parse(lv.stdout).birthDate, '1975-11-16');
    const bad = hoidja('id-code', 'check', '38102290106');
    assert.equal(bad.code, 2);
    assert.deepEqual(JSON.parse(bad.stdout), { valid: false, reason: 'the birth date in the code does not exist' });
    const country = hoidja('id-code', 'check', '37605030299', '--country', 'FI');
    assert.equal(country.code, 2);
    assert.equal(country.stderr.trim().split('\n').length, 1);
  });
});

describe('demo, users and the audit chain', () => {
  test('demo creates the clinic and synthetic patients with a progress bar', () => {
    const r = hoidja('demo', '--patients', '1500');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /added 1500 synthetic patients to demo/);
    assert.match(r.stderr, /patients \[/);
    const bad = hoidja('demo', '--patients', 'lots');
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr.trim(), 'hoidja: --patients must be a whole number from 0 to 1000000');
  });

  test('user add validates roles and prints a generated password once', () => {
    const r = hoidja(
      'user',
      'add',
      '--clinic',
      'demo',
      '--email',
      'new.doctor@demo.hoidja.ee',
      '--name',
      'Dr. Uus',
      '--roles',
      'doctor',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /password: \S{5}-\S{5}-\S{5}-\S{5}/);
    const bad = hoidja(
      'user',
      'add',
      '--clinic',
      'demo',
      '--email',
      'x@demo.hoidja.ee',
      '--name',
      'X',
      '--roles',
      'janitor',
    );
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown role "janitor"/);
    const dup = hoidja(
      'user',
      'add',
      '--clinic',
      'demo',
      '--email',
      'new.doctor@demo.hoidja.ee',
      '--name',
      'Dr. Uus',
      '--roles',
      'doctor',
    );
    assert.equal(dup.code, 2);
    assert.match(dup.stderr, /already exists/);
  });

  test('audit verify passes, then names a hand-edited row', async () => {
    const ok = hoidja('audit', 'verify');
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /audit chain intact: \d+ events checked/);
    const db = env.DATABASE_OWNER_URL
      ? await openDatabase({ url: env.DATABASE_OWNER_URL })
      : await openDatabase({ dataDir: join(dataDir, 'pglite') });
    const [row] = await db.raw.query<{ clinic_id: string; seq: string }>(
      `select clinic_id, seq::text from audit_events order by seq limit 1 offset 2`,
    );
    await db.raw.query('alter table audit_events disable trigger audit_events_append_only');
    await db.raw.query(`update audit_events set purpose = 'edited by hand' where clinic_id = $1 and seq = $2`, [
      row!.clinic_id,
      row!.seq,
    ]);
    await db.raw.query('alter table audit_events enable trigger audit_events_append_only');
    await db.close();
    const broken = hoidja('audit', 'verify');
    assert.equal(broken.code, 1);
    assert.match(
      broken.stdout,
      new RegExp(`BROKEN at clinic ${row!.clinic_id} event ${row!.seq}: contents do not match`),
    );
  });
});

describe('backup and restore of the embedded database', {
  skip: testDbKind !== 'pglite' && 'the embedded database only',
}, () => {
  test('a backup taken while the server runs restores into an empty data directory with every patient', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const server = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'serve'], {
      env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (d) => {
          out += d;
          if (out.includes('Hoidja is running')) resolve();
        });
        server.on('exit', (c) => reject(new Error(`server exited ${c}`)));
        setTimeout(() => reject(new Error('server did not start')), 60_000);
      });
      const busy = hoidja('migrate');
      assert.equal(busy.code, 2);
      assert.match(busy.stderr, /in use by hoidja serve \(pid \d+\); stop it first/);
      const more = hoidja('demo', '--patients', '10');
      assert.equal(more.code, 0, more.stderr);
      assert.match(more.stdout, /through the running server/);
      const file = join(dataDir, 'snapshot.tar.gz');
      const b = hoidja('backup', file);
      assert.equal(b.code, 0, b.stderr);
      const verified = hoidja('audit', 'verify');
      assert.equal(verified.code, 1, 'asked through the server too (the chain was edited above)');
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    const target = mkdtempSync(join(tmpdir(), 'hoidja-restore-'));
    const restored = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'restore', join(dataDir, 'snapshot.tar.gz')],
      { env: { ...env, DATA_DIR: target }, encoding: 'utf8' },
    );
    assert.equal(restored.status, 0, restored.stderr);
    assert.match(restored.stdout, /restored into .*: 1550 patients/);
    const again = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'restore', join(dataDir, 'snapshot.tar.gz')],
      { env: { ...env, DATA_DIR: target }, encoding: 'utf8' },
    );
    assert.equal(again.status, 2);
    assert.match(again.stderr, /not empty/);
    rmSync(target, { recursive: true, force: true });
  });
});
