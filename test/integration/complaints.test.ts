import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fixedClock } from '../../src/platform/clock';
import { createClinic, createTestApp, patientBody, type TestApp, type TestClinic } from '../harness';

const clock = fixedClock('2026-03-10T10:00:00Z');
let t: TestApp;
let a: TestClinic;
let mari: string;

before(async () => {
  t = await createTestApp({ clock });
  a = await createClinic(t, 'complaints');
  mari = (await (await a.as('receptionist')).post('/api/patients', patientBody())).body.patient.id;
});
after(() => t.close());

const complaint = (over: Record<string, unknown> = {}) => ({
  patientId: mari,
  channel: 'email',
  receivedOn: '2026-03-09',
  complainantName: 'Mari Tamm',
  contactEmail: 'mari.tamm@example.org',
  circumstances: 'Visit of 2 March: I waited 70 minutes past my booked time without a word from anyone.',
  claim: 'An explanation and that it does not happen again.',
  feedbackWanted: true,
  feedbackChannel: 'email',
  ...over,
});
const count = async () =>
  Number((await t.database.raw.query<{ n: string }>('select count(*)::text as n from complaints'))[0]!.n);

test('a complaint from intake to archived answer, with its clocks', async () => {
  const rec = await a.as('receptionist');
  const dpo = await a.as('dpo');
  const c = await rec.post('/api/complaints', complaint());
  assert.equal(c.status, 201, JSON.stringify(c.body));
  assert.equal(c.body.reviewBy, '2026-04-08', 'reviewed within 30 days');
  assert.equal(c.body.resolveBy, '2026-05-09', 'resolved within two months');
  assert.equal(c.body.language, 'et');
  const id = c.body.id;
  assert.equal(
    (await dpo.post(`/api/complaints/${id}/assign`, { staffUserId: a.staff.admin.id })).body.status,
    'in_review',
  );
  const admin = await a.as('admin');
  const prog = await admin.post(`/api/complaints/${id}/progress`, {
    note: 'Asked the doctor and the desk what happened.',
  });
  assert.equal(prog.status, 200, JSON.stringify(prog.body));
  const ext = await dpo.post(`/api/complaints/${id}/extend`, {
    resolveBy: '2026-06-09',
    reasons: 'The doctor concerned is on leave until May; we need her account.',
  });
  assert.equal(ext.status, 200, JSON.stringify(ext.body));
  assert.equal(ext.body.effectiveResolveBy, '2026-06-09');
  const ans = await admin.post(`/api/complaints/${id}/answer`, {
    answer: 'We apologise: the schedule overran and nobody told you. Reception now tells waiting patients.',
  });
  assert.equal(ans.status, 200, JSON.stringify(ans.body));
  assert.equal(ans.body.status, 'answered');
  assert.deepEqual(
    ans.body.outsideBodies.map((b: { name: string; key: string }) => `${b.key}:${b.name}`),
    ['health_board:Terviseamet', 'insurance_fund:Tervisekassa', 'data_protection:Andmekaitse Inspektsioon'],
  );
  const arch = await dpo.post(`/api/complaints/${id}/archive`);
  assert.equal(arch.status, 200);
  assert.deepEqual(
    arch.body.timeline.map((s: { kind: string }) => s.kind),
    ['received', 'assigned', 'progress_notice', 'extended', 'answered', 'archived'],
  );
  const archive = await dpo.get('/api/complaints?status=archived');
  assert.equal(archive.body.items[0].answer.startsWith('We apologise'), true);
  const stats = await dpo.get('/api/complaints/stats?year=2026');
  assert.deepEqual(stats.body, { year: 2026, byKind: [{ kind: 'complaint', received: 1, answered: 1, late: 0 }] });
});

test('bad input: no claim, no contacts, feedback by e-mail without an address, a too long extension; nothing changed', async () => {
  const rec = await a.as('receptionist');
  const before = await count();
  for (const [over, field] of [
    [{ claim: undefined }, 'claim'],
    [{ claim: ' ' }, 'claim'],
    [{ contactEmail: undefined, feedbackChannel: 'phone' }, 'contacts'],
    [{ contactEmail: undefined, contactPhone: '+37255512345' }, 'contactEmail'],
    [{ feedbackChannel: 'none' }, 'feedbackChannel'],
    [{ receivedOn: '2026-03-11' }, 'receivedOn'],
  ] as const) {
    const r = await rec.post('/api/complaints', complaint(over));
    assert.equal(r.status, 400, JSON.stringify(over));
    assert.equal(r.body.field, field, JSON.stringify(r.body));
  }
  assert.equal(await count(), before);
  const c = await rec.post('/api/complaints', complaint());
  const dpo = await a.as('dpo');
  const long = await dpo.post(`/api/complaints/${c.body.id}/extend`, {
    resolveBy: '2026-07-10',
    reasons: 'Many people to hear.',
  });
  assert.equal(long.status, 400);
  assert.equal(long.body.field, 'resolveBy');
  assert.equal((await dpo.get(`/api/complaints/${c.body.id}`)).body.extendedResolveBy, null);
  assert.equal(
    (await rec.post(`/api/complaints/${c.body.id}/answer`, { answer: 'Sorry.' })).status,
    403,
    'not assigned',
  );
  assert.equal((await dpo.post(`/api/complaints/${c.body.id}/archive`)).status, 409, 'unanswered is not archived');
});
