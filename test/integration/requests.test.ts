import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fixedClock } from '../../src/platform/clock';
import { createClinic, createTestApp, eeCode, login, patientBody, type TestApp, type TestClinic } from '../harness';

// 10 March 2026, noon in Tallinn.
const clock = fixedClock('2026-03-10T10:00:00Z');
let t: TestApp;
let a: TestClinic;
let mari: string;
let child: string;
let parentRep: string;
let endedRep: string;

before(async () => {
  t = await createTestApp({ clock });
  a = await createClinic(t, 'rights');
  const rec = await a.as('receptionist');
  mari = (await rec.post('/api/patients', patientBody())).body.patient.id;
  const c = await rec.post(
    '/api/patients',
    patientBody({ firstName: 'Laps', identity: { kind: 'national', country: 'EE', code: eeCode('5150303000') } }),
  );
  child = c.body.patient.id;
  const parent = {
    kind: 'parent',
    firstName: 'Mari',
    lastName: 'Tamm',
    identity: { kind: 'national', country: 'EE', code: '46805280103' },
    basis: 'birth certificate',
    authorityFrom: '2015-03-03',
    authorityUntil: '2033-03-03',
  };
  parentRep = (await rec.post(`/api/patients/${child}/representatives`, parent)).body.id;
  endedRep = (
    await rec.post(`/api/patients/${child}/representatives`, {
      ...parent,
      kind: 'guardian',
      firstName: 'Endine',
      authorityFrom: '2015-03-03',
      authorityUntil: '2025-12-31',
    })
  ).body.id;
  assert.ok(parentRep && endedRep, 'representatives registered');
});
after(() => t.close());

const letter = (over: Record<string, unknown> = {}) => ({
  patientId: mari,
  kind: 'access',
  channel: 'letter',
  receivedOn: '2026-03-02',
  identityCheck: 'digital_signature',
  identityNote: 'DigiDoc container, signature valid',
  details: 'Palun saatke mulle koopia kõigist minu andmetest.',
  ...over,
});
const countRequests = async () =>
  Number((await t.database.raw.query<{ n: string }>('select count(*)::text as n from rights_requests'))[0]!.n);
const countEvents = async (id: string) =>
  Number(
    (
      await t.database.raw.query<{ n: string }>(
        'select count(*)::text as n from rights_request_events where request_id = $1',
        [id],
      )
    )[0]!.n,
  );

describe('a letter request on its clock', () => {
  test('registered with the date received: due one calendar month later, with a timeline and an audit record', async () => {
    const rec = await a.as('receptionist');
    const r = await rec.post('/api/requests', letter());
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.receivedOn, '2026-03-02');
    assert.equal(r.body.dueOn, '2026-04-02');
    assert.equal(r.body.extendedDueOn, null);
    assert.equal(r.body.extendableUntil, '2026-06-02');
    assert.equal(r.body.clockRule, 'gdpr-art12-3');
    assert.equal(r.body.status, 'open');
    assert.equal(r.body.language, 'et', "the answer goes in the person's language");
    assert.equal(r.body.answerChannel, 'letter', 'and by the channel the request came by');
    assert.deepEqual(
      r.body.timeline.map((s: { kind: string }) => s.kind),
      ['received', 'identity_verified'],
    );
    const audit = await t.database.raw.query<{ action: string; purpose: string; patient_ref: string }>(
      `select action, purpose, patient_ref from audit_events where entity_id = $1`,
      [r.body.id],
    );
    assert.deepEqual(audit, [{ action: 'rights_request.create', purpose: 'data_subject_rights', patient_ref: mari }]);
  });

  test('the last day of a shorter month: received 31 January, due 28 February', async () => {
    const rec = await a.as('receptionist');
    const r = await rec.post('/api/requests', letter({ receivedOn: '2026-01-31' }));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.dueOn, '2026-02-28');
    assert.equal(r.body.overdue, true, 'today is 10 March');
  });

  test('the DPO extends with reasons before the due date, then answers in time', async () => {
    const rec = await a.as('receptionist');
    const dpo = await a.as('dpo');
    const r = await rec.post('/api/requests', letter({ receivedOn: '2026-03-05', kind: 'portability' }));
    const ext = await dpo.post(`/api/requests/${r.body.id}/extend`, {
      months: 2,
      reasons: 'The records span three clinics of the group and twelve years: gathering them takes longer.',
    });
    assert.equal(ext.status, 200, JSON.stringify(ext.body));
    assert.equal(ext.body.dueOn, '2026-04-05');
    assert.equal(ext.body.extendedDueOn, '2026-06-05');
    assert.equal(ext.body.effectiveDueOn, '2026-06-05');
    assert.equal(ext.body.extensionNoticeOn, '2026-03-10');
    const again = await dpo.post(`/api/requests/${r.body.id}/extend`, { months: 1, reasons: 'Still more to gather.' });
    assert.equal(again.status, 400);
    assert.equal(again.body.field, 'months');
    clock.set('2026-05-20T09:00:00Z');
    try {
      // Ten weeks later: a new sign-in (the morning's session has long expired).
      const later = await login(t.app, a.slug, a.staff.dpo.email);
      const ans = await later.post(`/api/requests/${r.body.id}/answer`, {
        answer: 'The export of your data is attached (FHIR, CSV, PDF).',
      });
      assert.equal(ans.status, 200, JSON.stringify(ans.body));
      assert.equal(ans.body.status, 'answered');
      assert.equal(ans.body.closedOn, '2026-05-20');
      assert.equal(ans.body.overdue, false, 'answered before the extended due date');
      assert.deepEqual(
        ans.body.timeline.map((s: { kind: string }) => s.kind),
        ['received', 'identity_verified', 'extended', 'answered'],
      );
      const closed = await later.post(`/api/requests/${r.body.id}/refuse`, {
        legalReason: 'excessive',
        explanation: 'Too late: it is answered.',
      });
      assert.equal(closed.status, 409);
    } finally {
      clock.set('2026-03-10T10:00:00Z');
    }
  });

  test('a refusal states its legal reason and names the authority to complain to', async () => {
    const rec = await a.as('receptionist');
    const dpo = await a.as('dpo');
    const r = await rec.post(
      '/api/requests',
      letter({
        kind: 'erasure',
        identityCheck: 'not_established',
        identityNote: 'unsigned e-mail from an unknown address',
        channel: 'email',
      }),
    );
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual(
      r.body.timeline.map((s: { kind: string }) => s.kind),
      ['received'],
      'no identity step when it was not established',
    );
    const ref = await dpo.post(`/api/requests/${r.body.id}/refuse`, {
      legalReason: 'identity_not_established',
      explanation: 'We could not establish that the e-mail came from you; please sign it digitally or visit us.',
    });
    assert.equal(ref.status, 200, JSON.stringify(ref.body));
    assert.equal(ref.body.status, 'refused');
    assert.equal(ref.body.refusalReason, 'identity_not_established');
    assert.equal(ref.body.complaintAuthority.name, 'Andmekaitse Inspektsioon');
    assert.match(ref.body.complaintAuthority.address, /Tatari 39/);
  });

  test('a representative within their authority asks for the child', async () => {
    const rec = await a.as('receptionist');
    const r = await rec.post(
      '/api/requests',
      letter({ patientId: child, representativeId: parentRep, identityCheck: 'id_document', identityNote: 'ID card' }),
    );
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.representativeId, parentRep);
  });
});

describe('bad input: a clear error with the field and the reason, nothing changed', () => {
  test('an extension after the first due date', async () => {
    const rec = await a.as('receptionist');
    const dpo = await a.as('dpo');
    const r = await rec.post('/api/requests', letter({ receivedOn: '2026-02-01' }));
    assert.equal(r.body.dueOn, '2026-03-01');
    const events = await countEvents(r.body.id);
    const ext = await dpo.post(`/api/requests/${r.body.id}/extend`, { months: 1, reasons: 'Many records to gather.' });
    assert.equal(ext.status, 400);
    assert.equal(ext.body.field, 'noticeSentOn');
    assert.match(ext.body.reason, /2026-03-01/);
    const after = await dpo.get(`/api/requests/${r.body.id}`);
    assert.equal(after.body.extendedDueOn, null);
    assert.equal(await countEvents(r.body.id), events);
  });

  test('an extension longer than two months, or without reasons, or told in the future', async () => {
    const rec = await a.as('receptionist');
    const dpo = await a.as('dpo');
    const r = await rec.post('/api/requests', letter());
    const long = await dpo.post(`/api/requests/${r.body.id}/extend`, { months: 3, reasons: 'Many records to gather.' });
    assert.equal(long.status, 400);
    assert.equal(long.body.field, 'months');
    const noReason = await dpo.post(`/api/requests/${r.body.id}/extend`, { months: 1, reasons: ' ' });
    assert.equal(noReason.status, 400);
    assert.equal(noReason.body.field, 'reasons');
    const future = await dpo.post(`/api/requests/${r.body.id}/extend`, {
      months: 1,
      reasons: 'Many records to gather.',
      noticeSentOn: '2026-03-20',
    });
    assert.equal(future.status, 400);
    assert.equal(future.body.field, 'noticeSentOn');
    assert.equal((await dpo.get(`/api/requests/${r.body.id}`)).body.extendedDueOn, null);
  });

  test('a refusal without a legal reason or an explanation', async () => {
    const rec = await a.as('receptionist');
    const dpo = await a.as('dpo');
    const r = await rec.post('/api/requests', letter());
    const none = await dpo.post(`/api/requests/${r.body.id}/refuse`, { explanation: 'We do not want to.' });
    assert.equal(none.status, 400);
    assert.equal(none.body.field, 'legalReason');
    const bare = await dpo.post(`/api/requests/${r.body.id}/refuse`, { legalReason: 'excessive' });
    assert.equal(bare.status, 400);
    assert.equal(bare.body.field, 'explanation');
    assert.equal((await dpo.get(`/api/requests/${r.body.id}`)).body.status, 'open');
  });

  test('intake: future or pre-GDPR receipt, identity not established without why, objection without purposes', async () => {
    const rec = await a.as('receptionist');
    const before = await countRequests();
    const cases: [Record<string, unknown>, string][] = [
      [{ receivedOn: '2026-03-11' }, 'receivedOn'],
      [{ receivedOn: '2018-05-24' }, 'receivedOn'],
      [{ receivedOn: '2026-02-30' }, 'receivedOn'],
      [{ identityCheck: 'not_established', identityNote: undefined }, 'identityNote'],
      [{ identityCheck: 'portal_login' }, 'identityCheck'],
      [{ kind: 'objection' }, 'purposeKeys'],
      [{ kind: 'forget_me' }, 'kind'],
      [{ channel: 'pigeon' }, 'channel'],
    ];
    for (const [over, field] of cases) {
      const r = await rec.post('/api/requests', letter(over));
      assert.equal(r.status, 400, `${JSON.stringify(over)} → ${JSON.stringify(r.body)}`);
      assert.equal(r.body.field, field, JSON.stringify(over));
      assert.ok(r.body.reason);
    }
    assert.equal(await countRequests(), before);
  });

  test("a representative whose authority has ended, or who is not this patient's", async () => {
    const rec = await a.as('receptionist');
    const before = await countRequests();
    const ended = await rec.post('/api/requests', letter({ patientId: child, representativeId: endedRep }));
    assert.equal(ended.status, 400);
    assert.equal(ended.body.field, 'representativeId');
    assert.match(ended.body.reason, /2025-12-31/);
    const other = await rec.post('/api/requests', letter({ patientId: mari, representativeId: parentRep }));
    assert.equal(other.status, 400);
    assert.equal(other.body.field, 'representativeId');
    assert.equal(await countRequests(), before);
  });

  test('roles: a doctor does not register requests; reception does not decide them', async () => {
    const doc = await a.as('doctor');
    assert.equal((await doc.post('/api/requests', letter())).status, 403);
    const rec = await a.as('receptionist');
    const r = await rec.post('/api/requests', letter());
    const ext = await rec.post(`/api/requests/${r.body.id}/extend`, { months: 1, reasons: 'Many records to gather.' });
    assert.equal(ext.status, 403);
    assert.equal((await rec.get('/api/requests/radar')).status, 403);
  });
});

describe("the DPO's deadline radar", () => {
  test('overdue, due this week and waiting on the person, each request once', async () => {
    const rec = await a.as('receptionist');
    const dpo = await a.as('dpo');
    const soon = await rec.post('/api/requests', letter({ receivedOn: '2026-02-14', kind: 'rectification' }));
    const wait = await rec.post('/api/requests', letter({ receivedOn: '2026-02-12', kind: 'restriction' }));
    const w = await rec.post(`/api/requests/${wait.body.id}/wait`, {
      note: 'Asked which data is wrong (letter sent).',
    });
    assert.equal(w.status, 200, JSON.stringify(w.body));
    const radar = await dpo.get('/api/requests/radar');
    assert.equal(radar.status, 200, JSON.stringify(radar.body));
    assert.equal(radar.body.today, '2026-03-10');
    const ids = (k: string) => radar.body[k].map((x: { id: string }) => x.id);
    assert.ok(ids('dueThisWeek').includes(soon.body.id));
    assert.ok(ids('waitingOnPerson').includes(wait.body.id));
    assert.ok(!ids('overdue').includes(wait.body.id));
    assert.ok(radar.body.overdue.every((x: { effectiveDueOn: string }) => x.effectiveDueOn < '2026-03-10'));
    assert.ok(radar.body.overdue.length >= 2);
    const resumed = await rec.post(`/api/requests/${wait.body.id}/resume`, { note: 'The person answered.' });
    assert.equal(resumed.body.status, 'open');
    const inbox = await rec.get('/api/requests?status=open');
    assert.equal(inbox.status, 200);
    const dues = inbox.body.items.map((x: { dueOn: string }) => x.dueOn);
    assert.deepEqual(dues, [...dues].sort(), 'soonest due first');
  });
});
