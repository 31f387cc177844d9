import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fixedClock } from '../../src/platform/clock';
import { type Agent, createClinic, createTestApp, patientBody, type TestApp, type TestClinic } from '../harness';

// 10 March 2026, noon in Tallinn.
const clock = fixedClock('2026-03-10T10:00:00Z');
let t: TestApp;
let a: TestClinic;
let dpo: Agent;
let rec: Agent;
let mari: string;

before(async () => {
  t = await createTestApp({ clock });
  a = await createClinic(t, 'erasure');
  rec = await a.as('receptionist');
  dpo = await a.as('dpo');
  mari = (await rec.post('/api/patients', patientBody({ preferredLanguage: 'et' }))).body.patient.id;
});
after(() => t.close());

const erasureLetter = async (patientId = mari) => {
  const r = await rec.post('/api/requests', {
    patientId,
    kind: 'erasure',
    channel: 'letter',
    receivedOn: '2026-03-05',
    identityCheck: 'digital_signature',
    details: 'Palun kustutage kõik minu andmed.',
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id as string;
};
const count = async (table: string, patientId = mari) =>
  Number(
    (
      await t.database.raw.query<{ n: string }>(`select count(*)::text as n from ${table} where patient_id = $1`, [
        patientId,
      ])
    )[0]!.n,
  );
/** A portal sign-in link: a row of the person's that the erasure may remove. */
async function portalLink(email = 'mari.tamm@example.org') {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/portal/login-link',
    payload: { clinic: a.slug, email, lang: 'et' },
  });
  assert.equal(r.statusCode, 202, r.body);
  // The link is made after the answer (which never says whether the address is known): wait for it.
  for (let i = 0; i < 100 && (await count('portal_login_links')) === 0; i++)
    await new Promise((done) => setTimeout(done, 50));
}

test('the plan of an erasure request: the health record kept under the law until a date, contacts erasable', async () => {
  const id = await erasureLetter();
  const plan = await dpo.get(`/api/requests/${id}/erasure-plan`);
  assert.equal(plan.status, 200, JSON.stringify(plan.body));
  const part = (k: string) => plan.body.parts.find((p: { target: string }) => p.target === k);
  assert.equal(part('patient_record').status, 'kept');
  assert.match(part('patient_record').until, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(part('patient_record').until > '2026-03-10');
  assert.ok(part('patient_record').rule.length > 5);
  assert.equal(part('portal_access').status, 'erasable');
  assert.equal(part('accounting'), undefined, 'no invoices: nothing to say about them');
  // the receptionist registers requests but does not decide erasure
  assert.equal((await rec.get(`/api/requests/${id}/erasure-plan`)).status, 403);
});

test('an erasure partly refused: contacts erased through the retention engine, the record kept with its rule and end', async () => {
  await portalLink();
  assert.ok((await count('portal_login_links')) >= 1);
  const id = await erasureLetter();
  const plan = (await dpo.get(`/api/requests/${id}/erasure-plan`)).body;
  const kept = plan.parts.find((p: { target: string }) => p.target === 'patient_record');

  const r = await dpo.post(`/api/requests/${id}/erasure`, {
    targets: ['booking_requests', 'portal_access'],
    note: 'Küsimuste korral helistage meile.',
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.status, 'answered');
  assert.equal(await count('portal_login_links'), 0, 'the sign-in links are gone');
  assert.equal(await count('rights_requests'), 2, 'the request itself is kept as proof');
  const step = r.body.timeline.at(-1);
  assert.equal(step.kind, 'erasure_decided');
  assert.deepEqual(step.data.erased, ['booking_requests', 'portal_access']);
  assert.deepEqual(step.data.kept, [{ target: 'patient_record', until: kept.until, rule: kept.rule }]);
  assert.ok(step.data.erasedRows.portal_access >= 1);
  // the answer, in the person's language (Estonian), names the rule and the day it ends, and the authority
  const until = kept.until.split('-').reverse().join('.');
  assert.match(r.body.answer, /Kustutasime:/);
  assert.ok(r.body.answer.includes(`kuni ${until}`), r.body.answer);
  assert.match(r.body.answer, /peame seaduse järgi säilitama/);
  assert.ok(r.body.answer.includes(kept.rule.split(': ').at(-1)), 'the law that keeps it');
  assert.match(r.body.answer, /Andmekaitse Inspektsioon/);
  assert.match(r.body.answer, /helistage meile/);
  const audit = await t.database.raw.query<{ action: string }>(
    `select action from audit_events where clinic_id = $1 and action in ('retention.erase', 'rights_request.answer')`,
    [a.id],
  );
  assert.deepEqual(audit.map((x) => x.action).sort(), ['retention.erase', 'rights_request.answer']);
  // a closed request is decided once
  const again = await dpo.post(`/api/requests/${id}/erasure`, { targets: ['portal_access'] });
  assert.equal(again.status, 409);
});

test('nothing erasable asked for: refused for the legal retention duty, with the authority to complain to', async () => {
  const id = await erasureLetter();
  const r = await dpo.post(`/api/requests/${id}/erasure`, { targets: [] });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.status, 'refused');
  assert.equal(r.body.refusalReason, 'legal_retention_duty');
  assert.match(r.body.complaintAuthority.name, /Andmekaitse Inspektsioon/);
  assert.match(r.body.answer, /Praegu ei saa me ühtegi/);
});

test('bad input: a record under a retention duty, data under a legal hold, the wrong kind, an unknown category', async () => {
  await portalLink();
  const id = await erasureLetter();
  const before = await count('portal_login_links');
  const kept = await dpo.post(`/api/requests/${id}/erasure`, { targets: ['patient_record', 'portal_access'] });
  assert.equal(kept.status, 400, JSON.stringify(kept.body));
  assert.equal(kept.body.field, 'targets');
  assert.match(kept.body.reason, /patient_record is kept until \d{4}-\d{2}-\d{2} under .+: it cannot be erased/);
  assert.equal(await count('portal_login_links'), before, 'nothing erased');
  const hold = await dpo.post('/api/retention/holds', {
    kind: 'authority_request',
    reason: 'Andmekaitse Inspektsiooni päring 2.1-3/26',
    owner: 'DPO',
    patientId: mari,
    target: 'portal_access',
  });
  assert.equal(hold.status, 201, JSON.stringify(hold.body));
  const held = await dpo.post(`/api/requests/${id}/erasure`, { targets: ['portal_access'] });
  assert.equal(held.status, 400);
  assert.equal(held.body.field, 'targets');
  assert.match(held.body.reason, /legal hold: Andmekaitse Inspektsiooni päring/);
  assert.equal(await count('portal_login_links'), before, 'nothing erased');
  const open = await dpo.get(`/api/requests/${id}`);
  assert.equal(open.body.status, 'open', 'the request is still open');
  assert.equal(open.body.timeline.length, 2, 'no step recorded');

  const unknown = await dpo.post(`/api/requests/${id}/erasure`, { targets: ['audit_log'] });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.body.field, 'targets.0');
  const access = await rec.post('/api/requests', {
    patientId: mari,
    kind: 'access',
    channel: 'desk',
    receivedOn: '2026-03-09',
    identityCheck: 'id_document',
  });
  assert.equal((await dpo.post(`/api/requests/${access.body.id}/erasure`, { targets: [] })).status, 409);
  assert.equal((await rec.post(`/api/requests/${id}/erasure`, { targets: [] })).status, 403);
});
