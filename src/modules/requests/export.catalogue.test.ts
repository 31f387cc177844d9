import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSchemaTables } from '../register/register.catalogue';
import { exportTables, notAboutThePatient } from './export.catalogue';

test('every table holding personal data is in the export, or said not to be about the patient', async () => {
  const tables = await loadSchemaTables(process.cwd());
  const personal = tables.filter((t) => Object.values(t.classified).some((c) => c !== null));
  const missing = personal
    .map((t) => t.tableName)
    .filter((name) => !(name in exportTables) && !(name in notAboutThePatient));
  assert.deepEqual(missing, [], `tables with personal data the access export does not reach: ${missing.join(', ')}`);
  // Each reach names real columns, so a renamed column fails here rather than in a patient's export.
  const byName = new Map(tables.map((t) => [t.tableName, t]));
  for (const [name, reach] of Object.entries(exportTables)) {
    const t = byName.get(name);
    assert.ok(t, `${name} is not a table`);
    assert.ok(t.columns.includes(reach.column), `${name}.${reach.column}`);
    if ('parent' in reach) assert.ok(byName.get(reach.parent)?.columns.includes(reach.parentColumn));
  }
});
