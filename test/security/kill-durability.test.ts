/**
 * Issue 12's kill -9 trials, kept: `hoidja serve` under write load is killed with SIGKILL and
 * started again; every write it had answered (201) is in the database, and `hoidja audit verify`
 * finds the chain intact. Once per database (PGlite on disk, PostgreSQL), two kills each.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openDatabase } from '../../src/platform/db';
import { freshDatabase, patientBody, testDbKind } from '../harness';
import { hoidja, signIn, startServe } from './serve-process';

const PASSWORD = 'demo admin password';
const WRITERS = 4;
/** Answered writes to wait for before the kill (the writers keep going until it lands). */
const BEFORE_KILL = 25;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let drop: () => Promise<void> = async () => undefined;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hoidja-kill-'));
  env = {
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    WORKER: 'off',
    HOIDJA_ADMIN_PASSWORD: PASSWORD,
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
  const demo = hoidja(env, 'demo', '--patients', '0');
  assert.equal(demo.code, 0, demo.stderr);
});
after(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await drop();
});

/** Patients registered through the server until it dies; the ids of those it answered 201. */
async function writeUntilKilled(base: string, round: number, kill: () => Promise<void>): Promise<string[]> {
  const session = await signIn(base, 'demo', 'admin@demo.hoidja.ee', PASSWORD);
  const answered: string[] = [];
  let killing: Promise<void> | null = null;
  const writer = async (w: number) => {
    for (let i = 0; ; i++) {
      const n = `${round}-${w}-${i}`;
      const body = patientBody({
        lastName: `Kill ${n}`,
        identity: {
          kind: 'document',
          documentType: 'passport',
          documentNumber: `K${n}`,
          documentCountry: 'FI',
          birthDate: '1980-01-01',
        },
      });
      let r: { status: number; body: any };
      try {
        r = await session.request('POST', '/api/patients', body);
      } catch {
        return; // the connection died with the server: this write was never answered
      }
      assert.equal(r.status, 201, JSON.stringify(r.body));
      answered.push(r.body.patient.id);
      if (answered.length >= BEFORE_KILL && !killing) killing = kill();
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
  await killing;
  return answered;
}

async function countOf(ids: string[]): Promise<number> {
  const db = env.DATABASE_URL
    ? await openDatabase({ url: env.DATABASE_URL })
    : await openDatabase({ dataDir: join(dataDir, 'pglite') });
  try {
    const [row] = await db.raw.query<{ n: number }>(
      'select count(*)::int as n from patients where id = any($1::uuid[])',
      [ids],
    );
    return row!.n;
  } finally {
    await db.close();
  }
}

test('kill -9 under write load: every answered write survives the restart and the audit chain is intact', async () => {
  const answered: string[] = [];
  for (const round of [1, 2]) {
    const server = await startServe(env);
    answered.push(...(await writeUntilKilled(server.base, round, () => server.kill('SIGKILL'))));
    assert.equal(server.child.signalCode, 'SIGKILL');
  }
  assert.ok(answered.length >= 2 * BEFORE_KILL, `answered: ${answered.length}`);
  // Started again after the last kill: it recovers and answers.
  const again = await startServe(env);
  try {
    const session = await signIn(again.base, 'demo', 'admin@demo.hoidja.ee', PASSWORD);
    const one = await session.request('GET', `/api/patients/${answered.at(-1)}`);
    assert.equal(one.status, 200, JSON.stringify(one.body));
  } finally {
    await again.kill('SIGTERM');
  }
  assert.equal(await countOf(answered), answered.length, 'every answered write is in the database');
  const verify = hoidja(env, 'audit', 'verify');
  assert.equal(verify.code, 0, `${verify.stdout}\n${verify.stderr}`);
  assert.match(verify.stdout, /intact/);
});
