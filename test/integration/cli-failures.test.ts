import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '../../src/platform/db';
import { freshDatabase, testDbKind } from '../harness';

/**
 * The CLI's one error format: bad input exits 2 with one line, any other failure exits 1 with
 * one line, and a database failure is never reported as a missing clinic.
 */
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

async function onDatabase(statement: string) {
  const db = env.DATABASE_OWNER_URL
    ? await openDatabase({ url: env.DATABASE_OWNER_URL })
    : await openDatabase({ dataDir: join(dataDir, 'pglite') });
  try {
    await db.raw.query(statement);
  } finally {
    await db.close();
  }
}

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hoidja-cli-failures-'));
  env = { ...process.env, NODE_ENV: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  delete env.DATABASE_OWNER_URL;
  if (testDbKind === 'postgres') {
    const fresh = await freshDatabase();
    await fresh.database.close();
    env.DATABASE_URL = fresh.url;
    env.DATABASE_OWNER_URL = fresh.ownerUrl;
    drop = fresh.drop;
  }
  const migrated = hoidja('migrate');
  assert.equal(migrated.code, 0, migrated.stderr);
});
after(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await drop();
});

describe('hoidja commands that name a clinic', () => {
  test('a clinic that does not exist is bad input: exit 2, one line', () => {
    for (const args of [
      ['register', 'export', '--clinic', 'nowhere'],
      ['user', 'add', '--clinic', 'nowhere', '--email', 'a@b.example', '--name', 'A', '--roles', 'doctor'],
    ]) {
      const r = hoidja(...args);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stderr.trim().split('\n').length, 1);
      assert.match(r.stderr, /^hoidja: no clinic nowhere/);
    }
  });

  test('a failing clinic lookup is a failure (exit 1), never "no clinic"', async () => {
    // The clinics table loses the column the lookup needs: the query itself fails.
    await onDatabase('alter table clinics rename column slug to slug_gone');
    try {
      for (const args of [
        ['register', 'export', '--clinic', 'demo'],
        ['notice', '--clinic', 'demo', '--lang', 'et'],
        ['user', 'add', '--clinic', 'demo', '--email', 'a@b.example', '--name', 'A', '--roles', 'doctor'],
        ['demo'],
      ]) {
        const r = hoidja(...args);
        assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
        assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
        assert.match(r.stderr, /^hoidja: /);
        assert.doesNotMatch(r.stderr, /no clinic/);
      }
    } finally {
      await onDatabase('alter table clinics rename column slug_gone to slug');
    }
  });
});
