import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createClinic, createTestApp, eeCode, login, patientBody, type TestApp, type TestClinic } from '../harness';

/** Accounting documents leave the database when their retention rule says so, and only then. */
let t: TestApp;
let c: TestClinic;
const setClock = (iso: string) => (t.clock as unknown as { set(d: string): void }).set(iso);
const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => t.database.raw.query<T>(sql, params);

before(async () => {
  t = await createTestApp({ start: '2017-09-01T08:00:00Z' });
  c = await createClinic(t, 'retention');
});
after(() => t.close());

async function invoiceOn(date: string, code: string) {
  setClock(`${date}T08:00:00Z`);
  // Sessions do not outlive the jumps of the clock: log in afresh for each visit.
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
  const inv = await rec.post('/api/billing/invoices', { visitId: v.body.visitId });
  assert.equal(inv.status, 201, JSON.stringify(inv.body));
  const paid = await rec.post(`/api/billing/invoices/${inv.body.id}/payments`, { method: 'cash', amount: '1.00' });
  assert.equal(paid.status, 201, JSON.stringify(paid.body));
  return inv.body.id as string;
}

test('the daily retention job removes invoices past their seven years, with their lines and payments, and records it', async () => {
  const acc = await login(t.app, c.slug, c.staff.accountant.email);
  const price = await acc.post('/api/billing/price-list', {
    validFrom: '2017-07-01',
    code: 'FILL',
    price: '60.00',
    benefitEligible: true,
    names: { et: 'Plomb', lv: 'Plomba', en: 'Filling', ru: 'Пломба' },
  });
  assert.equal(price.status, 201, JSON.stringify(price.body));
  const old = await invoiceOn('2017-09-01', eeCode('4800101000'));
  const recent = await invoiceOn('2024-03-04', eeCode('4800202000'));
  const [o] = await q<{ retain_until: string }>(`select retain_until::text from invoices where id = $1`, [old]);
  assert.equal(o!.retain_until, '2024-12-31', 'Estonian rule: the end of the year plus seven years');

  // By hand the documents cannot go: the immutability trigger refuses.
  await assert.rejects(q(`delete from invoices where id = $1`, [old]), /immutable/);

  setClock('2025-01-02T08:00:00Z');
  await t.services.retention.schedule();
  await t.services.worker.drain();
  assert.equal((await q(`select 1 from invoices where id = $1`, [old])).length, 0, 'the 2017 invoice is gone');
  assert.equal((await q(`select 1 from invoice_lines where invoice_id = $1`, [old])).length, 0);
  assert.equal((await q(`select 1 from payments where invoice_id = $1`, [old])).length, 0);
  assert.equal((await q(`select 1 from invoices where id = $1`, [recent])).length, 1, 'the 2024 invoice stays');
  const [event] = await q<{ details: { rows: number; rule: string } }>(
    `select details from audit_events where clinic_id = $1 and action = 'retention.delete' and entity_type = 'accounting'`,
    [c.id],
  );
  assert.equal(event!.details.rows, 1);
  assert.match(event!.details.rule, /Raamatupidamise seadus/);
  const [next] = await q<{ run_at: Date }>(
    `select run_at from outbox_jobs where clinic_id = $1 and kind = 'retention.daily' and dedupe_key = 'retention:2025-01-03'`,
    [c.id],
  );
  assert.ok(next, 'tomorrow is scheduled');
  assert.equal((await t.services.audit.verify(t.database.db)).ok, true);
});

test('access logs older than five years leave the chain behind an anchor; the rest still verifies and stays append-only', async () => {
  const [head] = await q<{ archived_seq: string; seq: string }>(
    `select archived_seq::text, seq::text from audit_chain_heads where clinic_id = $1`,
    [c.id],
  );
  assert.ok(Number(head!.archived_seq) > 0, 'the 2017-2019 events were archived by the daily run in 2025');
  const old = await q(`select 1 from audit_events where clinic_id = $1 and at < '2020-01-02'`, [c.id]);
  assert.equal(old.length, 0);
  const [archived] = await q<{ details: { removed: number } }>(
    `select details from audit_events where clinic_id = $1 and action = 'retention.audit_archive'`,
    [c.id],
  );
  assert.ok(archived!.details.removed > 0);
  const verified = await t.services.audit.verify(t.database.db);
  assert.equal(verified.ok, true, JSON.stringify(verified));
  // Even the retention switch cannot remove an event that is still within its period.
  await assert.rejects(
    q(
      `do $$ begin perform set_config('hoidja.retention', 'on', true); delete from audit_events where clinic_id = '${c.id}' and seq = ${Number(head!.seq)}; end $$`,
    ),
    /append-only/,
  );
  // Tampering with the kept part is still caught.
  const [kept] = await q<{ seq: string }>(
    `select seq::text from audit_events where clinic_id = $1 order by seq limit 1`,
    [c.id],
  );
  await t.admin('alter table audit_events disable trigger audit_events_append_only');
  await t.admin(`update audit_events set purpose = 'x' where clinic_id = $1 and seq = $2`, [c.id, kept!.seq]);
  await t.admin('alter table audit_events enable trigger audit_events_append_only');
  const broken = await t.services.audit.verify(t.database.db);
  assert.equal(broken.ok, false);
  assert.equal(broken.firstBroken!.seq, Number(kept!.seq));
});
