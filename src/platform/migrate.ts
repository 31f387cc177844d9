import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database } from './db';

export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

interface Journal {
  entries: { idx: number; tag: string }[];
}

export function latestMigrationTag(): string {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as Journal;
  return journal.entries[journal.entries.length - 1]!.tag;
}

/**
 * Applies the committed migrations. On PostgreSQL an advisory lock keeps several instances
 * starting at once from migrating twice.
 */
export async function runMigrations(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  const client = await database.pool!.connect();
  try {
    await client.query('select pg_advisory_lock(7262001)');
    await migratePg(drizzlePg(client), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock(7262001)').catch(() => undefined);
    client.release();
  }
}

/** What /health reports: how many migrations the database has and the newest one the code knows. */
export async function migrationStatus(database: Database): Promise<{ applied: number; latest: string }> {
  const rows = await database.raw
    .query<{ n: string | number }>('select count(*) as n from drizzle.__drizzle_migrations')
    .catch(() => [{ n: 0 }]);
  return { applied: Number(rows[0]?.n ?? 0), latest: latestMigrationTag() };
}
