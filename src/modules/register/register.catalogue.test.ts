import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { dataCategories } from '../../platform/data-categories';
import {
  loadSchemaTables,
  registerCategoryTables,
  schemaFiles,
  tablesByCategory,
  uncoveredCatalogue,
} from './register.catalogue';
import { parseRegister } from './register.import';

/**
 * The register cannot drift from the database: every column of every table in every
 * `*.schema.ts` is either mapped to a data category or declared not personal (null).
 */
describe('data categories and the schema', async () => {
  const root = process.cwd();
  const tables = await loadSchemaTables(root);

  it('finds the schema files and their tables', () => {
    assert.ok(schemaFiles(root).includes('src/modules/patients/patients.schema.ts'));
    assert.ok(tables.some((t) => t.tableName === 'patients'));
  });

  it('classifies every column of every table', () => {
    const gaps = tables
      .filter((t) => t.unclassified.length > 0)
      .map((t) => `${t.file}: ${t.tableName}.{${t.unclassified.join(', ')}}`);
    assert.deepEqual(
      gaps,
      [],
      `columns without a data category (add them to the table's classify(...)):\n${gaps.join('\n')}`,
    );
  });

  it('uses only categories of the catalogue', () => {
    for (const t of tables) {
      for (const [col, cat] of Object.entries(t.classified)) {
        assert.ok(cat === null || cat in dataCategories, `${t.tableName}.${col}: unknown category ${cat}`);
      }
    }
  });

  it('shows for each category which tables hold it', () => {
    const health = tablesByCategory(tables).find((h) => h.catalogue === 'health')!;
    assert.ok(health.tables.some((t) => t.tableName === 'patients' && t.columns.includes('health_notes_enc')));
  });

  it('the demo register names every category the database holds', () => {
    const reg = parseRegister(readFileSync('presets/demo.yaml', 'utf8'));
    assert.deepEqual(uncoveredCatalogue(reg, tables), []);
    const health = registerCategoryTables(reg, tables).find((c) => c.key === 'health')!;
    assert.ok(health.tables.includes('patients'));
  });
});
