/**
 * A module's SQL names only its own tables. dependency-cruiser sees tables imported from another
 * module's schema; this test sees the other way in: a table name written in SQL text. Which module
 * owns a table is read from the schema files themselves; the few cross-cutting repositories are
 * listed with their reasons in scripts/cross-module-data.cjs. No database.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { getTableName, isTable } from 'drizzle-orm';

const root = process.cwd();
const modulesDir = join(root, 'src/modules');
const exceptions: Record<string, string> = createRequire(import.meta.url)(join(root, 'scripts/cross-module-data.cjs'));

/** Table name → owning module, from every `src/modules/<m>/*.schema.ts`. */
async function tableOwners(): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  for (const m of readdirSync(modulesDir)) {
    for (const f of readdirSync(join(modulesDir, m)).filter((n) => n.endsWith('.schema.ts'))) {
      const mod: Record<string, unknown> = await import(join(modulesDir, m, f));
      for (const v of Object.values(mod)) if (isTable(v)) owners.set(getTableName(v), m);
    }
  }
  return owners;
}

/** Table names that follow a SQL keyword in `text` and belong to a module other than `module`. */
export function foreignTablesInSql(text: string, module: string, owners: Map<string, string>): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/\b(?:from|join|into|update|table)\s+"?([a-z_][a-z0-9_]*)"?/gi)) {
    const owner = owners.get(m[1]!.toLowerCase());
    if (owner && owner !== module) found.add(`${m[1]} (${owner})`);
  }
  return [...found];
}

describe('table ownership', () => {
  test('no repository names another module’s table in SQL, except the listed cross-cutting ones', async () => {
    const owners = await tableOwners();
    assert.ok(owners.get('patients') === 'patients' && owners.get('queue_entries') === 'queue', 'owners read');
    const offences: string[] = [];
    for (const m of readdirSync(modulesDir)) {
      for (const f of readdirSync(join(modulesDir, m)).filter((n) => /\.(repository|reads|service)\.ts$/.test(n))) {
        const path = `src/modules/${m}/${f}`;
        if (path in exceptions) continue;
        const foreign = foreignTablesInSql(readFileSync(join(root, path), 'utf8'), m, owners);
        if (foreign.length) offences.push(`${path}: ${foreign.join(', ')}`);
      }
    }
    assert.deepEqual(offences, []);
  });

  test('a planted query on another module’s table is found, and the module’s own is not', async () => {
    const owners = await tableOwners();
    const text = 'sql`select p.id from patients p join queue_entries q on q.patient_id = p.id`';
    assert.deepEqual(foreignTablesInSql(text, 'billing', owners), ['patients (patients)', 'queue_entries (queue)']);
    assert.deepEqual(foreignTablesInSql(text, 'queue', owners), ['patients (patients)']);
  });

  test('every listed exception exists and says why', () => {
    for (const [path, why] of Object.entries(exceptions)) {
      assert.ok(readFileSync(join(root, path), 'utf8').length > 0, path);
      assert.ok(why.length > 40, `${path}: give the reason`);
    }
  });
});
