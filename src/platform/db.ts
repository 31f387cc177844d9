import fs, { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';

export type Db = PgDatabase<PgQueryResultHKT>;
/** The transaction handle `db.transaction` gives its callback. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Repositories accept either, so a service decides where the transaction starts. */
export type DbOrTx = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgres';

/** Subscribes to a notification channel; resolves to the function that unsubscribes. */
export type Listen = (
  channel: string,
  onMessage: (payload: string) => void,
  onLost: (err: unknown) => void,
) => Promise<() => Promise<void>>;

/** The bare driver, for migrations, backups and the benchmarks' baseline. */
export interface RawSql {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Database {
  kind: DatabaseKind;
  db: Db;
  raw: RawSql;
  /** The embedded database itself, when there is one (backup needs it). */
  pglite?: PGlite;
  pool?: pg.Pool;
  /** LISTEN on a channel: a connection of its own on PostgreSQL, the embedded database's own on PGlite. */
  listen: Listen;
  close(): Promise<void>;
}

// Keep bigint, numeric and date columns as strings the same way on both drivers.
pg.types.setTypeParser(20, (v) => v); // int8
pg.types.setTypeParser(1700, (v) => v); // numeric

export interface OpenDatabaseOptions {
  url?: string;
  /** A directory for the embedded database; omitted means in memory. */
  dataDir?: string;
  poolSize?: number;
  /** Start the embedded database from a tarball made by dumpDataDir (tests' migrated template, restore). */
  loadDataDir?: Blob;
}

export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    // A failed idle client must not crash the process; the next query reports the problem.
    pool.on('error', () => undefined);
    const db = drizzlePg(pool) as unknown as Db;
    return {
      kind: 'postgres',
      db,
      pool,
      raw: { query: async (sql, params) => (await pool.query(sql, params as unknown[])).rows },
      listen: async (channel, onMessage, onLost) => {
        const client = new pg.Client({ connectionString: opts.url });
        client.on('error', onLost);
        client.on('notification', (m) => {
          if (m.channel === channel) onMessage(m.payload ?? '');
        });
        await client.connect();
        await client.query(`listen ${pg.escapeIdentifier(channel)}`);
        return async () => {
          client.removeAllListeners('error');
          client.on('error', () => undefined);
          await client.end().catch(() => undefined);
        };
      },
      close: () => pool.end(),
    };
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const pglite = new PGlite({
    loadDataDir: opts.loadDataDir,
    ...(opts.dataDir ? { fs: new DurableNodeFS(opts.dataDir), startParams: durableStartParams() } : {}),
  });
  await pglite.waitReady;
  const db = drizzlePglite(pglite) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite,
    raw: { query: async (sql, params) => (await pglite.query(sql, params as unknown[])).rows as never[] },
    listen: async (channel, onMessage) => pglite.listen(channel, onMessage),
    close: () => pglite.close(),
  };
}

/** A unique-constraint violation (23505), as the driver raised it or wrapped by drizzle. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  for (let e = err as { code?: string; constraint?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505')
      return !constraint || e.constraint === constraint || String((e as Error).message).includes(constraint);
  }
  return false;
}

/**
 * A foreign-key violation (23503): a row names a record that is not there or is another clinic's
 * (the composite keys and same-clinic triggers of migrations 0016/0018). The column, when known.
 */
export function foreignKeyViolation(err: unknown): { column: string | null } | null {
  for (
    let e = err as { code?: string; column?: string; detail?: string; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (e.code === '23503') {
      const fromDetail = /Key \(clinic_id, (\w+)\)/.exec(e.detail ?? '')?.[1];
      return { column: e.column ?? fromDetail ?? null };
    }
  }
  return null;
}

/**
 * PGlite on disk, made durable (issue 12, finding 9). Out of the box it is not: it starts
 * PostgreSQL with `-F` (fsync = off), and its Node file system (Emscripten's NODEFS) has no fsync
 * of its own, so even with fsync on PostgreSQL's calls would do nothing and a commit would sit in
 * the operating system's cache. Its `relaxedDurability` option does not help on Node: it only
 * decides whether a query waits for PGlite's own sync to storage, a no-op for NODEFS.
 * Here PostgreSQL runs with fsync on and syncs its WAL with fsync(), and every fsync a file of
 * the data directory gets becomes Node's fsyncSync on the real file: a commit is answered after
 * its WAL is on the disk, and a checkpoint syncs the data files before the WAL behind it is reused.
 */
class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: Parameters<NodeFS['init']>[1]) {
    const r = await super.init(pg, opts);
    const preRun = r.emscriptenOpts.preRun ?? [];
    r.emscriptenOpts.preRun = [
      ...(Array.isArray(preRun) ? preRun : [preRun]),
      (mod: unknown) => {
        const nodefs = (mod as { NODEFS: EmscriptenNodeFs }).NODEFS;
        nodefs.stream_ops.fsync = (stream) => nodefs.tryFSOperation(() => fs.fsyncSync(stream.nfd));
      },
    ];
    return r;
  }
}

interface EmscriptenNodeFs {
  stream_ops: { fsync?: (stream: { nfd: number }) => void };
  tryFSOperation<T>(f: () => T): T;
}

/** PGlite's own start parameters without `-F` (fsync off), and the WAL synced through fsync(). */
function durableStartParams(): string[] {
  return [...PGlite.defaultStartParams.filter((p) => p !== '-F'), '-c', 'fsync=on', '-c', 'wal_sync_method=fsync'];
}
