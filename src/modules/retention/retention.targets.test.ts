import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSchemaTables } from '../register/register.catalogue';
import { keptTables, retentionTargets } from './retention.targets';

describe('every table that holds personal data has a retention path', () => {
  it('each personal-data table is removed by a target or kept on purpose with a reason', async () => {
    const tables = await loadSchemaTables(process.cwd());
    const covered = new Set([...retentionTargets.flatMap((t) => t.tables), ...Object.keys(keptTables)]);
    const personal = tables.filter((t) => Object.values(t.classified).some((c) => c !== null));
    assert.ok(personal.length > 20, 'the schema was read');
    const missing = personal.map((t) => `${t.tableName} (${t.file})`).filter((n) => !covered.has(n.split(' ')[0]!));
    assert.deepEqual(
      missing,
      [],
      'add the table to a target in retention.targets.ts (or to keptTables, with the reason)',
    );
  });

  it('names no table that does not exist (a renamed table would leave its rows behind)', async () => {
    const names = new Set((await loadSchemaTables(process.cwd())).map((t) => t.tableName));
    for (const t of [...retentionTargets.flatMap((x) => x.tables), ...Object.keys(keptTables)])
      assert.ok(names.has(t), `${t} is not a table`);
  });
});
