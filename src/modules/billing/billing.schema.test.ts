import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { ClassifiedTable } from '../../platform/data-categories';
import * as documents from './billing.schema';
import * as charges from './billing-charges.schema';

// Billing's tables live in two schema files: what a visit is charged, and the documents and money.
const schema = { ...charges, ...documents };

const classified = Object.entries(schema)
  .filter(([k]) => k.endsWith('Columns'))
  .map(([, v]) => v as ClassifiedTable);
const tables = (Object.values(schema) as unknown[]).filter(
  (v): v is PgTable => typeof v === 'object' && v !== null && Symbol.for('drizzle:IsDrizzleTable') in v,
);

describe('billing schema', () => {
  it('classifies every column of every table', () => {
    assert.equal(classified.length, tables.length, 'one classify(...) per table');
    for (const table of tables) {
      const c = classified.find((x) => x.table === table);
      assert.ok(c, `${getTableConfig(table).name} is not classified`);
      for (const col of Object.values(getTableColumns(table))) {
        assert.ok(col.name in c.columns, `${c.tableName}.${col.name} has no data category`);
      }
    }
  });

  it('leads every primary key and index with clinic_id', () => {
    for (const table of tables) {
      const cfg = getTableConfig(table);
      for (const pk of cfg.primaryKeys) assert.equal(pk.columns[0]!.name, 'clinic_id', `${cfg.name} primary key`);
      for (const idx of cfg.indexes) {
        const first = idx.config.columns[0] as { name?: string };
        assert.equal(first.name, 'clinic_id', `${cfg.name} index ${idx.config.name}`);
      }
      assert.ok(cfg.primaryKeys.length === 1, `${cfg.name} has a composite primary key starting with clinic_id`);
    }
  });
});
