import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { systemContext } from '../../src/platform/access';
import {
  type Agent,
  createClinic,
  createTestApp,
  eeCode,
  login,
  patientBody,
  type TestApp,
  type TestClinic,
} from '../harness';

/**
 * The retention engine driven by the demo clinic's register: invoices after 7 years from the end of
 * their year, the patient record once 30 years from the last service and 110 years from birth have
 * both passed (invoices first), sessions and answered requests after their purpose; plan and report
 * agree; a hold stops deletion until released; a run stopped half-way resumes to the same end.
 */
let t: TestApp;
let c: TestClinic;
const setClock = (iso: string) => (t.clock as unknown as { set(d: string): void }).set(iso);
const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => t.database.raw.query<T>(sql, params);
const ids: Record<string, string> = {};

before(async () => {
  t = await createTestApp({ start: '2017-09-01T08:00:00Z' });
  c = await createClinic(t, 'reten');
  await t.services.register.importText(
    systemContext(c.id, 'cli'),
    readFileSync('presets/demo.yaml', 'utf8').replace('slug: demo', 'slug: reten'),
    'demo.yaml',
  );
  const acc = await login(t.app, c.slug, c.staff.accountant.email);
  const price = await acc.post('/api/billing/price-list', {
    validFrom: '2017-07-01',
    code: 'FILL',
    price: '60.00',
    benefitEligible: true,
    names: { et: 'Plomb', lv: 'Plomba', en: 'Filling', ru: 'Пломба' },
  });
  assert.equal(price.status, 201, JSON.stringify(price.body));
  // Three patients born in 1980 treated in 2017 (one with an invoice); one more treated in 2070.
  ids.old = await patientWithVisit('2017-09-01', eeCode('3800101000'), true);
  ids.held = await patientWithVisit('2017-09-02', eeCode('3800202000'), false);
  ids.third = await patientWithVisit('2017-09-03', eeCode('3800303000'), false);
  ids.recent = await patientWithVisit('2070-03-04', eeCode('3800404000'), false);
});
after(() => t.close());

async function patientWithVisit(date: string, code: string, invoice: boolean) {
  setClock(`${date}T08:00:00Z`);
  const [rec, doc] = [
    await login(t.app, c.slug, c.staff.receptionist.email),
    await login(t.app, c.slug, c.staff.doctor.email),
  ];
  const p = await rec.post('/api/patients', patientBody({ identity: { kind: 'national', country: 'EE', code } }));
  assert.equal(p.status, 201, JSON.stringify(p.body));
  await rec.post(`/api/patients/${p.body.patient.id}/care-team`, { staffUserId: c.staff.doctor.id });
  const v = await doc.post('/api/billing/visits/services', {
    patientId: p.body.patient.id,
    visitDate: date,
    services: [{ code: 'FILL' }],
  });
  assert.equal(v.status, 201, JSON.stringify(v.body));
  if (invoice) {
    const inv = await rec.post('/api/billing/invoices', { visitId: v.body.visitId });
    assert.equal(inv.status, 201, JSON.stringify(inv.body));
  }
  return p.body.patient.id as string;
}

const exists = async (table: string, col: string, id: string) =>
  (await q(`select 1 from ${table} where clinic_id = $1 and ${col} = $2`, [c.id, id])).length > 0;

let dpo: Agent;

test('a hold needs a reason and an owner; only the DPO or administrator places one', async () => {
  setClock('2092-01-02T09:00:00Z');
  dpo = await login(t.app, c.slug, c.staff.dpo.email);
  const bad = await dpo.post('/api/retention/holds', {
    kind: 'dispute',
    reason: ' ',
    owner: 'DPO',
    patientId: ids.held,
  });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, 'reason');
  const noOwner = await dpo.post('/api/retention/holds', {
    kind: 'dispute',
    reason: 'court case 2-91/123',
    patientId: ids.held,
  });
  assert.equal(noOwner.status, 400);
  assert.equal(noOwner.body.field, 'owner');
  const rec = await login(t.app, c.slug, c.staff.receptionist.email);
  const refused = await rec.post('/api/retention/holds', { kind: 'dispute', reason: 'x y z', owner: 'me' });
  assert.equal(refused.status, 403);
  const h = await dpo.post('/api/retention/holds', {
    kind: 'dispute',
    reason: 'court case 2-91/123 about the 2017 treatment',
    owner: 'DPO Mari Maasikas',
    patientId: ids.held,
  });
  assert.equal(h.status, 201, JSON.stringify(h.body));
  ids.hold = h.body.id;
  assert.equal((await rec.get('/api/retention/plan')).status, 403);
});

test('the plan lists by target and rule what would go; the run does exactly that and reports it', async () => {
  const plan = await dpo.get('/api/retention/plan');
  assert.equal(plan.status, 200, JSON.stringify(plan.body));
  const line = (k: string) => plan.body.lines.find((l: { target: string }) => l.target === k);
  assert.equal(line('accounting').count, 1);
  assert.equal(line('accounting').oldest, '2017-09-01');
  assert.equal(line('patient_record').count, 2, 'the old patient and the third; the held one is counted as held');
  assert.equal(line('patient_record').held, 1);
  assert.match(
    line('patient_record')
      .rules.map((r: { rule: string }) => r.rule)
      .join(';'),
    /health: outpatient/,
  );
  assert.ok(line('staff_sessions').count > 0, 'the sessions of 2017 have ended long ago');

  const run = await dpo.post('/api/retention/runs');
  assert.equal(run.status, 201, JSON.stringify(run.body));
  assert.equal(run.body.status, 'done');
  for (const l of run.body.report) {
    if (l.target === 'access_log') continue;
    const planned = run.body.plan.lines.find((p: { target: string }) => p.target === l.target).count;
    assert.equal(l.deleted, planned, `${l.target}: the report agrees with the plan`);
  }
  assert.equal(await exists('patients', 'id', ids.old), false, 'the 2017 patient is gone');
  assert.equal(await exists('rendered_services', 'patient_id', ids.old), false);
  assert.equal(await exists('invoices', 'patient_id', ids.old), false, 'its invoice went first');
  assert.equal(await exists('patients', 'id', ids.third), false);
  assert.equal(await exists('patients', 'id', ids.held), true, 'the hold kept the held patient');
  assert.equal(await exists('rendered_services', 'patient_id', ids.held), true, 'with all of its record');
  assert.equal(await exists('patients', 'id', ids.recent), true, 'treated in 2070: kept for 30 years');
  // No personal data in the report.
  assert.doesNotMatch(JSON.stringify(run.body), /Tamm|Mari|3800/);
  const events = await q<{ n: string }>(
    `select count(*)::text as n from audit_events where clinic_id = $1 and action = 'retention.delete'`,
    [c.id],
  );
  assert.ok(Number(events[0]!.n) >= 3);
  assert.equal((await t.services.audit.verify(t.database.db)).ok, true);
});

test('a second run the same day removes nothing (idempotent); a released hold lets the next run delete', async () => {
  const again = await dpo.post('/api/retention/runs');
  assert.equal(again.status, 201);
  for (const l of again.body.report) if (l.target !== 'access_log') assert.equal(l.deleted, 0, l.target);
  const rel = await dpo.post(`/api/retention/holds/${ids.hold}/release`);
  assert.equal(rel.status, 200, JSON.stringify(rel.body));
  assert.ok(rel.body.releasedAt);
  assert.equal((await dpo.post(`/api/retention/holds/${ids.hold}/release`)).status, 409);
  const after = await dpo.post('/api/retention/runs');
  assert.equal(after.body.report.find((l: { target: string }) => l.target === 'patient_record').deleted, 1);
  assert.equal(await exists('patients', 'id', ids.held), false);
});

test('a run stopped after its first batch resumes from its counts to the same end state', async () => {
  // Twelve more sessions and finished jobs expire.
  await q(
    `insert into outbox_jobs (clinic_id, id, kind, status, run_at, attempts, created_at, finished_at, dedupe_key)
     select $1, gen_random_uuid(), 'reminder', 'sent', '2080-01-01', 1, '2080-01-01', '2080-01-01', 'old-' || g from generate_series(1, 12) g`,
    [c.id],
  );
  const stop = new Error('stopped');
  await assert.rejects(
    t.services.retention.run(systemContext(c.id, 'cli'), {
      batchSize: 5,
      onProgress: (p) => {
        if (p.target === 'outbox') throw stop;
      },
    }),
    /stopped/,
  );
  const [running] = await q<{ report: { target: string; deleted: number }[] }>(
    `select report from retention_runs where clinic_id = $1 and status = 'running'`,
    [c.id],
  );
  assert.equal(running!.report.find((l) => l.target === 'outbox')!.deleted, 5, 'one batch done and counted');
  const resumed = await t.services.retention.run(systemContext(c.id, 'cli'), { batchSize: 5 });
  assert.equal(resumed.resumed, true);
  assert.equal(resumed.report.find((l) => l.target === 'outbox')!.deleted, 12);
  assert.equal(
    (await q(`select 1 from outbox_jobs where clinic_id = $1 and dedupe_key like 'old-%'`, [c.id])).length,
    0,
  );
  assert.equal((await q(`select 1 from retention_runs where clinic_id = $1 and status = 'running'`, [c.id])).length, 0);
});

test('erasure plan for the rights helper: kept under the law, held by a hold, or erasable now', async () => {
  const plan = await dpo.get(`/api/retention/patients/${ids.recent}/erasure`);
  assert.equal(plan.status, 200, JSON.stringify(plan.body));
  const part = (k: string) => plan.body.parts.find((p: { target: string }) => p.target === k);
  assert.equal(part('patient_record').status, 'kept');
  assert.equal(part('patient_record').until, '2100-03-04');
  assert.match(part('patient_record').rule, /määrus nr 56|korraldamise/);
  assert.equal(part('portal_access').status, 'erasable');
  const refused = await dpo.post(`/api/retention/patients/${ids.recent}/erasure`, {
    targets: ['patient_record'],
    requestRef: 'REQ-1',
  });
  assert.equal(refused.status, 409);
  assert.equal(await exists('patients', 'id', ids.recent), true);
  const ok = await dpo.post(`/api/retention/patients/${ids.recent}/erasure`, {
    targets: ['portal_access', 'booking_requests'],
    requestRef: 'REQ-1',
  });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  const h = await dpo.post('/api/retention/holds', {
    kind: 'authority_request',
    reason: 'Andmekaitse Inspektsioon inquiry 2.1-3/92',
    owner: 'DPO',
    patientId: ids.recent,
  });
  assert.equal(h.status, 201);
  const held = await dpo.get(`/api/retention/patients/${ids.recent}/erasure`);
  assert.equal(held.body.parts.find((p: { target: string }) => p.target === 'portal_access').status, 'held');
});
