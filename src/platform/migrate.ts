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

function journalLength(): number {
  return (JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as Journal).entries.length;
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
  // Up to date already (e.g. the owner migrated, and this is the application's role, which may not
  // create schemas): nothing to do, and nothing that needs the owner's rights.
  const status = await migrationStatus(database);
  if (status.applied >= journalLength()) return;
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

/**
 * What the application's role may do once the owner has migrated: read and write rows, use the
 * sequences, call the functions (audit_append). No ownership, so no ALTER TABLE, no DISABLE TRIGGER,
 * no DROP. The audit log's own trigger still refuses UPDATE, TRUNCATE and any DELETE but retention's
 * (it explains itself, where a missing privilege would not). Run after every migration, so new tables are covered.
 */
export async function grantApplicationRole(owner: Database, role: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`configuration: unusual database role name "${role}"`);
  for (const statement of [
    `grant usage on schema public to ${role}`,
    `grant select, insert, update, delete on all tables in schema public to ${role}`,
    // Only so the log's trigger answers an attempt with its own words; it refuses every TRUNCATE.
    `grant truncate on audit_events to ${role}`,
    `grant usage, select on all sequences in schema public to ${role}`,
    `grant execute on all functions in schema public to ${role}`,
    `grant usage on schema drizzle to ${role}`,
    `grant select on all tables in schema drizzle to ${role}`,
  ])
    await owner.raw.query(statement);
}
