import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
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
  const pglite = new PGlite({ dataDir: opts.dataDir, loadDataDir: opts.loadDataDir });
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
