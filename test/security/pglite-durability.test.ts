/**
 * Finding 9 of issue 12: the embedded database never called fsync, so an answered write could be
 * lost to a power cut though it survived a killed process. PGlite starts PostgreSQL with fsync off
 * and its Node file system drops fsync; openDatabase turns both on. A power cut cannot be staged in
 * a test, so this counts the fsyncs that reach Node for each commit, on the real data directory.
 */
import assert from 'node:assert/strict';
import fs, { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../../src/platform/db';

test('every commit of the embedded database on disk is synced to the disk before it is answered', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hoidja-durable-'));
  const realFsync = fs.fsyncSync;
  const synced: number[] = [];
  fs.fsyncSync = (fd: number) => {
    synced.push(fd);
    realFsync(fd);
  };
  try {
    const db = await openDatabase({ dataDir: dir });
    assert.deepEqual(await db.raw.query('show fsync'), [{ fsync: 'on' }]);
    assert.deepEqual(await db.raw.query('show synchronous_commit'), [{ synchronous_commit: 'on' }]);
    await db.raw.query('create table answered (n int)');
    for (let i = 0; i < 5; i++) {
      const before = synced.length;
      await db.raw.query('insert into answered values ($1)', [i]);
      assert.ok(synced.length > before, `commit ${i} reached the disk before its answer`);
    }
    // A checkpoint syncs the data files too (before the WAL behind it may be reused).
    const before = synced.length;
    await db.raw.query('checkpoint');
    assert.ok(synced.length - before >= 2, `a checkpoint synced ${synced.length - before} files`);
    await db.close();
    const again = await openDatabase({ dataDir: dir });
    assert.deepEqual(await again.raw.query('select count(*)::int as n from answered'), [{ n: 5 }]);
    await again.close();
  } finally {
    fs.fsyncSync = realFsync;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the in-memory database of the tests is left as it was (nothing to sync)', async () => {
  const db = await openDatabase({});
  assert.deepEqual(await db.raw.query('show fsync'), [{ fsync: 'off' }]);
  await db.close();
});
