import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { parseRegister } from '../../src/modules/register/register.import';
import { type Agent, createClinic, createTestApp, type TestApp, type TestClinic } from '../harness';

/**
 * Registers stored before the four recipient roles said `third_party`: the migration rewrites the
 * registers in force, and immutable published versions are read through the same mapping.
 */
let t: TestApp;
let c: TestClinic;
let dpo: Agent;
const rows = <T>(q: string, p: unknown[] = []) => t.database.raw.query<T>(q, p);

// The demo register as the old format stored it: every recipient that was not a processor was a "third party".
const current = parseRegister(readFileSync('presets/demo.yaml', 'utf8'), 'demo.yaml');
const old = JSON.parse(JSON.stringify(current));
for (const r of old.recipients) if (r.role !== 'processor') r.role = 'third_party';
const roles = (doc: { recipients: { key: string; role: string }[] }) => doc.recipients.map((r) => [r.key, r.role]);

/** The hand-written data migration of this branch's migration file (its number is the merge's). */
function migrationStatement(): string {
  const file = readdirSync('drizzle').find((f) => f.endsWith('_onboarding_profile_cookies.sql'));
  assert.ok(file, 'the migration file');
  const sql = readFileSync(`drizzle/${file}`, 'utf8');
  const stmt = sql.split('--> statement-breakpoint').find((s) => s.includes("'third_party'"));
  assert.ok(stmt, 'the third_party statement');
  return stmt;
}

before(async () => {
  t = await createTestApp();
  c = await createClinic(t, 'vana');
  dpo = await c.as('dpo');
});
after(() => t?.close());

describe('registers in the old format', () => {
  test('the migration gives each old third party its role: public bodies public_authority, the rest independent_controller', async () => {
    assert.ok(old.recipients.filter((r: { role: string }) => r.role === 'third_party').length >= 6);
    await rows(
      "insert into processing_registers (clinic_id, document, revision, updated_at) values ($1, $2::jsonb, 3, '2025-06-01T10:00:00Z')",
      [c.id, JSON.stringify(old)],
    );
    // A second clinic's new-format register is left exactly as it was.
    const other = await createClinic(t, 'uus');
    const otherDpo = await other.as('dpo');
    assert.equal(
      (await otherDpo.post('/api/register/import', { text: readFileSync('presets/demo.yaml', 'utf8') })).status,
      200,
    );
    const [untouched] = await rows<{ document: unknown }>(
      'select document from processing_registers where clinic_id = $1',
      [other.id],
    );

    await rows(migrationStatement());

    const [row] = await rows<{ document: typeof current; revision: number }>(
      'select document, revision from processing_registers where clinic_id = $1',
      [c.id],
    );
    // The demo's kinds decide: the e-health system, the fund and the authority are public bodies.
    assert.deepEqual(roles(row!.document), roles(current), 'each recipient in its place with its role');
    assert.ok(roles(current).some(([, role]) => role === 'public_authority'));
    assert.ok(roles(current).some(([, role]) => role === 'independent_controller'));
    assert.equal(row!.revision, 3, 'a data migration is no edit: the revision stays');
    const [after] = await rows<{ document: unknown }>(
      'select document from processing_registers where clinic_id = $1',
      [other.id],
    );
    assert.deepEqual(after!.document, untouched!.document);

    // The register loads, exports and previews again.
    const cur = await dpo.get('/api/register');
    assert.equal(cur.status, 200, JSON.stringify(cur.body));
    assert.equal((await dpo.get('/api/register/preview?lang=ru')).status, 200);
    assert.equal((await dpo.get('/api/register/export')).status, 200);
  });

  test('an old row not yet migrated and an immutable published version in the old format still load', async () => {
    const late = await createClinic(t, 'hiline');
    const lateDpo = await late.as('dpo');
    await rows(
      "insert into processing_registers (clinic_id, document, revision, updated_at) values ($1, $2::jsonb, 1, '2025-06-01T10:00:00Z')",
      [late.id, JSON.stringify(old)],
    );
    await rows(
      "insert into notice_versions (clinic_id, version, published_at, document, notices) values ($1, 1, '2025-06-02T10:00:00Z', $2::jsonb, '{}'::jsonb)",
      [late.id, JSON.stringify(old)],
    );
    const cur = await lateDpo.get('/api/register');
    assert.equal(cur.status, 200, JSON.stringify(cur.body));
    assert.deepEqual(roles(cur.body.document), roles(current));
    // Publishing the register in force stores it in today's format beside the old version.
    assert.equal((await lateDpo.post('/api/register/publish', {})).status, 201);
    const diff = await lateDpo.get('/api/register/diff?from=1&to=2');
    assert.equal(diff.status, 200, JSON.stringify(diff.body));
    assert.deepEqual(
      diff.body.changes.filter((ch: { section: string }) => ch.section === 'recipients'),
      [],
      'the old third parties read as their roles today: no change between the versions',
    );
    const [v2] = await rows<{ document: typeof current }>(
      'select document from notice_versions where clinic_id = $1 and version = 2',
      [late.id],
    );
    assert.ok(!JSON.stringify(v2!.document).includes('third_party'));
  });
});
