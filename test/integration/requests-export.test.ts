import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
// The independent validator: the npm package `fhir` checks resources against the R4 structure definitions.
import { Fhir } from 'fhir';
import { fixedClock } from '../../src/platform/clock';
import { createClinic, createTestApp, eeCode, patientBody, type TestApp, type TestClinic } from '../harness';

const clock = fixedClock('2026-03-10T10:00:00Z');
let t: TestApp;
let a: TestClinic;
let mari: string;
let requestId: string;

before(async () => {
  t = await createTestApp({ clock });
  a = await createClinic(t, 'export');
  const rec = await a.as('receptionist');
  mari = (await rec.post('/api/patients', patientBody())).body.patient.id;
  const child = await rec.post(
    '/api/patients',
    patientBody({ firstName: 'Laps', identity: { kind: 'national', country: 'EE', code: eeCode('5150303000') } }),
  );
  await rec.post(`/api/patients/${mari}/representatives`, {
    kind: 'authorised_person',
    firstName: 'Jüri',
    lastName: 'Tamm',
    identity: { kind: 'national', country: 'EE', code: '37605030299' },
    basis: 'notarised power of attorney',
    authorityFrom: '2025-01-01',
    authorityUntil: '2027-01-01',
  });
  assert.ok(child.body.patient.id);
  const dpo = await a.as('dpo');
  await dpo.post(`/api/patients/${mari}/disclosures`, {
    recipientKind: 'police',
    recipientName: 'Politsei- ja Piirivalveamet',
    legalBasis: 'Kriminaalmenetluse seadustik § 215',
    categories: ['name', 'contact'],
    requestReference: 'PPA 1-7/2026-9',
  });
  const r = await rec.post('/api/requests', {
    patientId: mari,
    kind: 'access',
    channel: 'letter',
    receivedOn: '2026-03-02',
    identityCheck: 'id_document',
    identityNote: 'ID card seen at the desk',
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  requestId = r.body.id;
});
after(() => t.close());

test('the FHIR R4 Bundle passes the independent validator and names the isikukood with HL7 Estonia’s system', async () => {
  const dpo = await a.as('dpo');
  const r = await dpo.get(`/api/requests/${requestId}/export?format=fhir`);
  assert.equal(r.status, 200, JSON.stringify(r.body).slice(0, 500));
  assert.match(String(r.headers['content-type']), /application\/fhir\+json/);
  const bundle = typeof r.body === 'string' ? JSON.parse(r.body) : r.body;
  const result = new Fhir().validate(bundle);
  const errors = result.messages.filter((m) => m.severity === 'error');
  assert.deepEqual(errors, [], JSON.stringify(errors.slice(0, 5)));
  assert.equal(result.valid, true);
  const types = new Set(bundle.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType));
  for (const type of ['Patient', 'RelatedPerson', 'AuditEvent', 'Communication']) assert.ok(types.has(type), type);
  const patient = bundle.entry.find(
    (e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Patient',
  ).resource;
  assert.deepEqual(patient.identifier, [{ system: 'https://fhir.ee/sid/pid/est/ni', value: '46805280103' }]);
  assert.equal(patient.id, mari);
  // Only Mari's data: the child registered in the same clinic is not in it.
  assert.ok(!JSON.stringify(bundle).includes('Laps'));
});

test('the CSV holds every table’s rows about the person, decrypted, without secrets', async () => {
  const dpo = await a.as('dpo');
  const r = await dpo.get(`/api/requests/${requestId}/export?format=csv`);
  assert.equal(r.status, 200);
  const csv = String(r.body);
  assert.match(csv, /^table,row,column,value\r\n/);
  assert.match(csv, /\r\npatients,1,first_name,Mari\r\n/);
  assert.match(csv, /\r\npatients,1,id_code,46805280103\r\n/, 'encrypted columns are decrypted');
  assert.match(csv, /\r\ndisclosures,1,recipient_name,Politsei- ja Piirivalveamet\r\n/);
  assert.match(csv, /\r\nrights_requests,1,kind,access\r\n/);
  assert.match(csv, /\r\npatient_representatives,1,first_name,Jüri\r\n/);
  assert.doesNotMatch(csv, /_hash,|_enc,/, 'no search hashes nor ciphertext');
});

test('the PDF is the Art. 15 answer in the person’s language, and the copy is recorded', async () => {
  const dpo = await a.as('dpo');
  const r = await dpo.request('GET', `/api/requests/${requestId}/export?format=pdf`);
  assert.equal(r.status, 200);
  assert.match(String(r.headers['content-type']), /application\/pdf/);
  assert.ok(String(r.body).startsWith('%PDF'));
  const events = await t.database.raw.query<{ details: { format: string } }>(
    `select details from audit_events where action = 'rights_request.export' and patient_ref = $1`,
    [mari],
  );
  assert.deepEqual(events.map((e) => e.details.format).sort(), ['csv', 'fhir', 'pdf']);
});

test('bad input: an unknown format, a request of another kind, a role that may not', async () => {
  const dpo = await a.as('dpo');
  const bad = await dpo.get(`/api/requests/${requestId}/export?format=docx`);
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field ?? 'format', 'format');
  const rec = await a.as('receptionist');
  assert.equal((await rec.get(`/api/requests/${requestId}/export?format=csv`)).status, 403);
  const erase = await rec.post('/api/requests', {
    patientId: mari,
    kind: 'rectification',
    channel: 'desk',
    receivedOn: '2026-03-09',
    identityCheck: 'id_document',
  });
  assert.equal((await dpo.get(`/api/requests/${erase.body.id}/export?format=csv`)).status, 409);
});
