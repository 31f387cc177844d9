import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { login } from '../harness';
import { addPatient, type QueueWorld, queueWorld, visit } from './queue.fixtures';

/**
 * A pseudonymised research export under the demo register's "research" purpose (based on consent):
 * only the patient who consented is in it, under a pseudonym stable within the project and new in
 * another, with identifiers in the complaint masked; the export is recorded as a disclosure.
 */
let w: QueueWorld;
const ids: Record<string, string> = {};

async function consent(patientId: string, action: string, at: string) {
  await w.t.database.raw.query(
    `insert into consent_events (clinic_id, id, patient_id, purpose_key, action, channel, recorded_at) values ($1, $2, $3, 'research', $4, 'paper', $5)`,
    [w.clinic.id, randomUUID(), patientId, action, at],
  );
}

before(async () => {
  w = await queueWorld('research');
  for (const [k, n] of [
    ['yes', 81],
    ['none', 82],
    ['withdrew', 83],
  ] as const) {
    ids[k] = await addPatient(w, n, { firstName: 'Liisa', lastName: `Uurija${n}` });
    const e = await w.rec.post(
      '/api/queue/entries',
      visit(w, {
        patientId: ids[k],
        startsAt: `2026-12-22T${n - 70}:00:00+02:00`,
        complaint: `Liisa Uurija${n} valu 46 hambas, tel 5123 4567`,
      }),
    );
    assert.equal(e.status, 201, JSON.stringify(e.body));
  }
  await consent(ids.yes!, 'given', '2026-12-14T08:00:00Z');
  await consent(ids.withdrew!, 'given', '2026-12-14T08:00:00Z');
  await consent(ids.withdrew!, 'withdrawn', '2026-12-14T09:00:00Z');
});
after(() => w.close());

test('only the consenting patient, pseudonymised and masked, recorded as a disclosure', async () => {
  const dpo = await login(w.t.app, w.clinic.slug, w.clinic.staff.dpo.email);
  const r = await dpo.post('/api/research/exports', { project: 'caries-2027', recipient: 'Tartu Ülikool' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.basis, 'consent');
  assert.equal(r.body.patients, 1);
  const [row] = r.body.rows;
  assert.equal(row.ageBand, '1980');
  assert.equal(row.month, '2026-12');
  assert.match(row.complaints[0], /valu 46 hambas/);
  const text = JSON.stringify(r.body);
  for (const gone of ['Liisa', 'Uurija', '5123', ids.yes!]) assert.ok(!text.includes(gone), `${gone} in the export`);

  const again = await dpo.post('/api/research/exports', { project: 'caries-2027', recipient: 'Tartu Ülikool' });
  assert.equal(again.body.rows[0].pseudonym, row.pseudonym, 'stable within the project');
  const other = await dpo.post('/api/research/exports', { project: 'teaching-2027', recipient: 'course' });
  assert.notEqual(other.body.rows[0].pseudonym, row.pseudonym, 'new in another project');

  const bad = await dpo.post('/api/research/exports', { project: 'x-1', purposeKey: 'nothing', recipient: 'u' });
  assert.equal(bad.status, 400);
  const rec = await login(w.t.app, w.clinic.slug, w.clinic.staff.receptionist.email);
  assert.equal((await rec.post('/api/research/exports', { project: 'p-1', recipient: 'uni' })).status, 403);
  const [d] = await w.t.database.raw.query<{ details: { patients: number; recipient: string } }>(
    `select details from audit_events where clinic_id = $1 and action = 'disclosure' and entity_type = 'research_export' order by seq limit 1`,
    [w.clinic.id],
  );
  assert.equal(d!.details.patients, 1);
  assert.equal(d!.details.recipient, 'Tartu Ülikool');
});
