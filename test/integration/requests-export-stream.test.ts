import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
// The independent validator: the npm package `fhir` checks resources against the R4 structure definitions.
import { Fhir } from 'fhir';
import { writeExport } from '../../src/modules/requests/export.stream';
import { createRequestsRepository } from '../../src/modules/requests/requests.repository';
import { fixedClock } from '../../src/platform/clock';
import { createFieldCipher } from '../../src/platform/crypto';
import { createClinic, createTestApp, patientBody, type TestApp, type TestClinic, testConfig } from '../harness';

/**
 * The streamed copy (FHIR and CSV): read through a cursor in batches into a temporary file. The
 * same person's copy in batches of 1, 3 and 1000 rows must be the same bytes; the file is gone
 * once read; the Bundle is valid; over HTTP the portal and the staff get the same streamed file.
 */
const clock = fixedClock('2026-03-10T10:00:00Z');
let t: TestApp;
let a: TestClinic;
let mari: string;
const config = testConfig();
const cipher = createFieldCipher(
  config.FIELD_ENCRYPTION_KEYS,
  config.FIELD_ENCRYPTION_ACTIVE_KEY,
  config.SEARCH_HASH_KEY,
);

before(async () => {
  t = await createTestApp({ clock, config: {} });
  a = await createClinic(t, 'stream');
  const rec = await a.as('receptionist');
  mari = (await rec.post('/api/patients', patientBody())).body.patient.id;
  // Each read is an audit event about her: a history longer than the small batches below.
  for (let i = 0; i < 12; i++) assert.equal((await rec.get(`/api/patients/${mari}`)).status, 200);
});
after(async () => {
  await t?.close();
});

async function text(body: Readable): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

async function exportOf(format: 'fhir' | 'csv', batch: number, patientId = mari) {
  const repo = createRequestsRepository();
  const file = await t.database.db.transaction((tx) =>
    writeExport(tx, { clock, cipher, repo }, { id: a.id, name: `Clinic ${a.slug}` }, patientId, format, batch),
  );
  const path = (file.body as unknown as { path: string }).path;
  const body = await text(file.body);
  await new Promise((r) => setTimeout(r, 50));
  return { file, body, path };
}

test('the CSV is the same in batches of 1, 3 and 1000 rows, numbered on across batches', async () => {
  const whole = await exportOf('csv', 1000);
  for (const batch of [1, 3]) assert.equal((await exportOf('csv', batch)).body, whole.body, `batches of ${batch}`);
  assert.equal(whole.file.bytes, Buffer.byteLength(whole.body));
  const auditRows = new Set(
    whole.body
      .split('\r\n')
      .filter((l) => l.startsWith('audit_events,'))
      .map((l) => l.split(',')[1]),
  );
  assert.ok(auditRows.size >= 13, `every audit event, numbered once: ${auditRows.size}`);
  assert.deepEqual(
    [...auditRows].map(Number),
    Array.from({ length: auditRows.size }, (_, i) => i + 1),
  );
  assert.equal(existsSync(whole.path), false, 'the temporary file is gone once read');
});

test('the FHIR Bundle is the same in any batch size, and valid R4', async () => {
  const whole = await exportOf('fhir', 1000);
  assert.equal((await exportOf('fhir', 2)).body, whole.body);
  const bundle = JSON.parse(whole.body);
  assert.equal(bundle.resourceType, 'Bundle');
  assert.equal(bundle.entry[0].resource.resourceType, 'Patient');
  assert.ok(bundle.entry.filter((e: any) => e.resource.resourceType === 'AuditEvent').length >= 13);
  const result = new Fhir().validate(bundle);
  assert.equal(result.valid, true, JSON.stringify(result.messages?.slice(0, 5)));
});

test('no such person: 404-class error, and no file left behind', async () => {
  await assert.rejects(exportOf('csv', 3, '00000000-0000-4000-8000-000000000000'), /no such patient/);
});

test('over HTTP the staff copy arrives whole, as the same bytes', async () => {
  const rec = await a.as('receptionist');
  const r = await rec.post('/api/requests', {
    patientId: mari,
    kind: 'access',
    channel: 'letter',
    receivedOn: '2026-03-09',
    identityCheck: 'digital_signature',
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const dpo = await a.as('dpo');
  const res = await dpo.get(`/api/requests/${r.body.id}/export?format=csv`);
  assert.equal(res.status, 200, String(res.body));
  assert.match(String(res.headers['content-type']), /text\/csv/);
  assert.match(res.body, /^table,row,column,value\r\npatients,1,/);
  const exported = await t.database.raw.query<{ details: { bytes: number } }>(
    `select details from audit_events where action = 'rights_request.export' and entity_id = $1`,
    [r.body.id],
  );
  assert.equal(exported[0]?.details.bytes, Buffer.byteLength(res.body), 'the audit records the size sent');
});
