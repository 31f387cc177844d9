import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { createFieldCipher } from '../../src/platform/crypto';
import { login } from '../harness';
import { addPatient, estonianCode, type QueueWorld, queueWorld, visit } from './queue.fixtures';

/**
 * A register whose health rules end in "anonymise": past both periods the record stays for
 * statistics (age band, sex, town, service, month) with every identifier gone — including those
 * planted in every free-text field (health notes, complaint, indication, cancellation reason).
 */
let w: QueueWorld;
let patientId: string;
const code = estonianCode(77);
const planted = ['Kadri', 'Mägi', code, '5123 9988', 'kadri.magi@example.ee', 'Toomas', 'Vaher', '39001010008'];

before(async () => {
  w = await queueWorld('anon');
  const dpo = await login(w.t.app, w.clinic.slug, w.clinic.staff.dpo.email);
  const text = readFileSync('presets/demo.yaml', 'utf8')
    .replace('slug: demo', 'slug: anon')
    .replace(/(period: \{ years: 30 \}\n\s+from: service_date\n\s+end: )delete/, '$1anonymise')
    .replace(/(period: \{ years: 110 \}\n\s+from: birth_date\n\s+end: )delete/, '$1anonymise');
  assert.match(text, /end: anonymise[\s\S]*end: anonymise/);
  const imp = await dpo.post('/api/register/import', { text });
  assert.equal(imp.status, 200, JSON.stringify(imp.body));
  patientId = await addPatient(w, 77, {
    firstName: 'Kadri',
    lastName: 'Mägi',
    mobile: '+372 5123 9988',
    email: 'kadri.magi@example.ee',
    address: { street: 'Rüütli 5', city: 'Tartu', postalCode: '51007', country: 'EE' },
  });
  await w.rec.post(`/api/patients/${patientId}/care-team`, { staffUserId: w.clinic.staff.doctor.id });
  const doc = await login(w.t.app, w.clinic.slug, w.clinic.staff.doctor.email);
  const notes = await doc.patch(`/api/patients/${patientId}`, {
    version: 1,
    healthNotes: `Kadri Mägi (isikukood ${code}) allergia penitsilliinile; ema Toomas Vaher tel 5123 9988`,
  });
  assert.equal(notes.status, 200, JSON.stringify(notes.body));
  const e = await w.rec.post(
    '/api/queue/entries',
    visit(w, {
      patientId,
      startsAt: '2026-12-22T10:00:00+02:00',
      complaint: 'Kadri Mägi valu 36 hambas, kirjutas kadri.magi@example.ee',
      indication: `kontroll, saatis Toomas Vaher 39001010008`,
    }),
  );
  assert.equal(e.status, 201, JSON.stringify(e.body));
  const cancel = await w.rec.post(`/api/queue/entries/${e.body.entry.id}/cancel`, {
    reason: 'Mägi helistas numbrilt 5123 9988',
    by: 'patient',
    patientInformed: true,
  });
  assert.equal(cancel.status, 200, JSON.stringify(cancel.body));
});
after(() => w.close());

test('past its periods the record is anonymised: statistics stay, every planted identifier is gone', async () => {
  w.clock.set('2091-02-01T09:00:00Z');
  const dpo = await login(w.t.app, w.clinic.slug, w.clinic.staff.dpo.email);
  const plan = await dpo.get('/api/retention/plan');
  const line = plan.body.lines.find((l: { target: string }) => l.target === 'patient_record');
  assert.equal(line.end, 'anonymise');
  assert.ok(line.count >= 1);
  const run = await dpo.post('/api/retention/runs');
  assert.equal(run.status, 201, JSON.stringify(run.body));
  const rep = run.body.report.find((l: { target: string }) => l.target === 'patient_record');
  assert.equal(rep.anonymised, line.count, 'the report agrees with the plan');
  assert.equal(rep.deleted, 0);

  const q = (sql: string) => w.t.database.raw.query<Record<string, unknown>>(sql, [w.clinic.id, patientId]);
  const [p] = await q(`select *, birth_date::text as band from patients where clinic_id = $1 and id = $2`);
  assert.ok(p, 'the record stays for statistics');
  assert.equal(p!.band, '1980-01-01', 'age band');
  assert.equal(p!.sex, 'female');
  assert.equal(p!.address_city, 'Tartu');
  const [entry] = await q(
    `select *, to_char(starts_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as month from queue_entries where clinic_id = $1 and patient_id = $2`,
  );
  assert.match(String(entry!.month), /^2026-1[12]-(01|30) /, 'dates to the month');
  assert.ok(entry!.service_id, 'the service stays');

  const cfg = w.t.config;
  const cipher = createFieldCipher(cfg.FIELD_ENCRYPTION_KEYS, cfg.FIELD_ENCRYPTION_ACTIVE_KEY, cfg.SEARCH_HASH_KEY);
  const texts = [
    cipher.decrypt(p!.health_notes_enc as string),
    cipher.decrypt(entry!.complaint_enc as string),
    cipher.decrypt(entry!.indication_enc as string),
  ];
  assert.match(texts[0]!, /allergia penitsilliinile/, 'the clinical words stay');
  const changes = await q(
    `select reason from queue_entry_changes where clinic_id = $1 and entry_id in (select id from queue_entries where clinic_id = $1 and patient_id = $2)`,
  );
  const everything = JSON.stringify([p, entry, changes, texts]).toLowerCase();
  for (const id of planted) assert.ok(!everything.includes(id.toLowerCase()), `${id} is still there`);
  for (const table of ['patient_versions', 'consent_events', 'portal_sessions']) {
    assert.equal((await q(`select 1 from ${table} where clinic_id = $1 and patient_id = $2`)).length, 0, table);
  }
  // An anonymised record is not picked again.
  const again = await dpo.post('/api/retention/runs');
  assert.equal(again.body.report.find((l: { target: string }) => l.target === 'patient_record').anonymised, 0);
});
