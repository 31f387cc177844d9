import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createRetentionRepository } from '../../src/modules/retention/retention.repository';
import { addPatient, count, type QueueWorld, queueWorld, START, visit } from './queue.fixtures';

/**
 * Recall and newsletters (issue 15 part 6). The demo register: "reminders" on legitimate interest
 * (an objection stops an invitation), "newsletter" on consent (only a consent in force lets one go).
 * The clock stands on Monday 14 December 2026; visits done in June are due for a check-up now.
 */
let w: QueueWorld;
let tonis: string; // the world's patient: consents to everything
let objector: string;
let late: string; // objects after the invitation was asked for
let far: string; // visited in November: not due yet
before(async () => {
  w = await queueWorld('recall');
  objector = await addPatient(w, 21);
  late = await addPatient(w, 22);
  far = await addPatient(w, 23);
  tonis = w.patientId;
  let minute = 0;
  for (const [p, day] of [
    [tonis, '2026-06-08'],
    [objector, '2026-06-09'],
    [late, '2026-06-10'],
    [far, '2026-11-10'],
  ] as const) {
    const r = await w.rec.post(
      '/api/queue/entries',
      visit(w, { patientId: p, startsAt: `2026-12-22T1${++minute}:00:00+02:00` }),
    );
    assert.equal(r.status, 201, JSON.stringify(r.body));
    // The visit took place: done on its day (set past the desk: the queue does not let time run backwards).
    await w.t.database.raw.query(
      `update queue_entries set status = 'done', starts_at = $2, ends_at = $2::timestamptz + interval '30 minutes' where id = $1`,
      [r.body.entry.id, `${day}T07:00:00Z`],
    );
  }
  const objected = await w.rec.post(`/api/patients/${objector}/consents`, {
    purposeKey: 'reminders',
    action: 'objected',
    channel: 'phone',
  });
  assert.equal(objected.status, 201, JSON.stringify(objected.body));
  await w.worker.drain();
});
after(() => w.close());

type Due = {
  patientId: string;
  allowed: boolean;
  refusal: string | null;
  dueOn: string;
  sms: boolean;
  invitation: { status: string; reason: string | null } | null;
};
const due = async () => {
  const r = await w.rec.get('/api/recalls/due');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.items as Due[];
};

describe('recall', () => {
  test('lists who is due six months after the last visit, with whether each may be invited', async () => {
    const items = await due();
    const ids = items.map((i) => i.patientId);
    assert.deepEqual(ids, [tonis, objector, late]);
    assert.ok(!ids.includes(far), 'a visit in November is not due before May');
    const t = items[0]!;
    assert.equal(t.dueOn, '2026-12-08');
    assert.equal(t.allowed, true);
    assert.equal(t.sms, true);
    const o = items.find((i) => i.patientId === objector)!;
    assert.equal(o.allowed, false);
    assert.equal(o.refusal, 'objected');
    assert.equal(
      await count(
        w.t,
        "select count(*)::text as n from audit_events where action = 'recall.list' and patient_ref = $1",
        [objector],
      ),
      1,
    );
  });

  test('an invitation goes by SMS to the patient who did not object, with the one-click opt-out', async () => {
    const r = await w.rec.post('/api/recalls/invitations', {
      patientId: tonis,
      serviceId: w.serviceId,
      channel: 'sms',
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.status, 'queued');
    const before = w.sms.received.length;
    await w.worker.drain();
    assert.equal(w.sms.received.length, before + 1);
    const sms = w.sms.received.at(-1)!;
    assert.equal(sms.to, '+37251234567');
    assert.match(sms.text, /Tere, Tõnis!.*kontrollvisiidiks/);
    assert.match(sms.text, /https:\/\/hoidja\.example\/consents\/withdraw\?token=/);
    assert.doesNotMatch(sms.text, /Hambaravi|konsultatsioon/, 'no service named: it says something of health');
    const row = (await due()).find((i) => i.patientId === tonis)!;
    assert.equal(row.invitation?.status, 'sent');
  });

  test('is refused for the patient who objected, and never sent', async () => {
    const before = w.sms.received.length;
    const r = await w.rec.post('/api/recalls/invitations', {
      patientId: objector,
      serviceId: w.serviceId,
      channel: 'sms',
    });
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.field, 'patientId');
    assert.match(r.body.reason, /objected/);
    await w.worker.drain();
    assert.equal(w.sms.received.length, before);
    assert.equal(
      await count(w.t, 'select count(*)::text as n from recall_invitations where patient_id = $1', [objector]),
      0,
    );
  });

  test('is decided again when it goes: an objection made after it was asked for stops it', async () => {
    const r = await w.rec.post('/api/recalls/invitations', {
      patientId: late,
      serviceId: w.serviceId,
      channel: 'email',
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const o = await w.rec.post(`/api/patients/${late}/consents`, {
      purposeKey: 'reminders',
      action: 'objected',
      channel: 'phone',
    });
    assert.equal(o.status, 201);
    const mails = w.smtp.received.length;
    await w.worker.drain();
    assert.equal(w.smtp.received.length, mails, 'no e-mail after the objection');
    const row = (await due()).find((i) => i.patientId === late)!;
    assert.equal(row.invitation?.status, 'skipped');
    assert.match(row.invitation!.reason!, /objected/);
  });

  test('bad input and the wrong roles are refused', async () => {
    const bad = async (body: Record<string, unknown>, field: string) => {
      const r = await w.rec.post('/api/recalls/invitations', body);
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.field, field);
    };
    await bad({ patientId: tonis, serviceId: w.serviceId, channel: 'fax' }, 'channel');
    await bad({ patientId: 'nobody', serviceId: w.serviceId, channel: 'sms' }, 'patientId');
    await bad({ patientId: far, serviceId: w.serviceId, channel: 'sms', extra: 1 }, 'body');
    const noVisit = await addPatient(w, 24);
    await bad({ patientId: noVisit, serviceId: w.serviceId, channel: 'sms' }, 'patientId');
    const doctor = await w.clinic.as('doctor');
    assert.equal((await doctor.get('/api/recalls/due')).status, 403);
    const accountant = await w.clinic.as('accountant');
    assert.equal(
      (await accountant.post('/api/recalls/invitations', { patientId: tonis, serviceId: w.serviceId, channel: 'sms' }))
        .status,
      403,
    );
    assert.equal((await w.rec.request('PUT', `/api/recalls/intervals/${w.serviceId}`, { months: 3 })).status, 403);
  });

  test('an interval per service: twelve months moves the June visits out of the list, 0 stops recall', async () => {
    const admin = await w.clinic.as('admin');
    const set = (months: unknown) => admin.request('PUT', `/api/recalls/intervals/${w.serviceId}`, { months });
    assert.equal((await set(-1)).status, 400);
    assert.equal((await set(1.5)).status, 400);
    assert.equal((await set(12)).status, 200);
    assert.deepEqual(await due(), []);
    assert.equal((await set(4)).status, 200);
    const ids = (await due()).map((i) => i.patientId);
    assert.ok(ids.includes(far) === false && ids.includes(tonis), 'four months: June is due, November not yet');
    assert.equal((await set(0)).status, 200);
    assert.deepEqual(await due(), []);
    assert.equal((await set(6)).status, 200);
    const intervals = (await w.rec.get('/api/recalls/intervals')).body.items;
    assert.deepEqual(
      intervals.map((i: { months: number }) => i.months),
      [6],
    );
  });
});

describe('newsletter', () => {
  let admin: Awaited<ReturnType<QueueWorld['clinic']['as']>>;
  let withdrew: string;
  const consent = async (p: string, action: 'given' | 'withdrawn') => {
    const r = await w.rec.post(`/api/patients/${p}/consents`, { purposeKey: 'newsletter', action, channel: 'on_site' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id as string | undefined;
  };
  const send = async (subject: string) => {
    const r = await admin.post('/api/campaigns', {
      channel: 'email',
      subject,
      body: 'Detsembris on suuhügieeni protseduur 20% soodsam.',
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id as string;
  };
  before(async () => {
    admin = await w.clinic.as('admin');
    withdrew = objector;
    await consent(tonis, 'given');
    await consent(late, 'given');
    await consent(withdrew, 'given');
  });

  test('goes only to those whose consent is in the ledger: one who withdrew a minute before is skipped', async () => {
    await consent(withdrew, 'withdrawn');
    w.clock.advance(60_000);
    const mails = w.smtp.received.length;
    const id = await send('Detsembri pakkumine');
    await w.worker.drain();
    const got = w.smtp.received.slice(mails);
    assert.deepEqual(got.map((m) => m.to[0]).sort(), ['patsient22@example.ee', 'tonis.oun@example.ee']);
    const m = got.find((x) => x.to[0] === 'tonis.oun@example.ee')!;
    assert.equal(m.subject, 'Detsembri pakkumine');
    assert.match(m.text, /20% soodsam/);
    assert.match(m.text, /uudiskirja.*https:\/\/hoidja\.example\/consents\/withdraw\?token=/s);
    assert.match(String(m.headers['list-unsubscribe']), /consents\/withdraw\?token=/);
    // Recorded: who got it and on which consent event.
    const dpo = await w.clinic.as('dpo');
    const detail = await dpo.get(`/api/campaigns/${id}`);
    assert.equal(detail.status, 200, JSON.stringify(detail.body));
    const sent = detail.body.messages as { patientId: string; status: string; consentEventId: string }[];
    assert.deepEqual(sent.map((x) => x.patientId).sort(), [tonis, late].sort());
    const [ev] = await w.t.database.raw.query<{ id: string }>(
      "select id from consent_events where patient_id = $1 and purpose_key = 'newsletter' and action = 'given'",
      [tonis],
    );
    assert.equal(sent.find((x) => x.patientId === tonis)!.consentEventId, ev!.id);
    const list = (await dpo.get('/api/campaigns')).body.items;
    assert.equal(list[0].sent, 2);
  });

  test('the one-click link withdraws at once, and a message already queued is then skipped', async () => {
    const mails = w.smtp.received.length;
    const id = await send('Jaanuari pakkumine');
    await w.worker.drain(1); // the fan-out: one message queued per consenting person
    const m = w.smtp.received.filter((x) => x.to[0] === 'tonis.oun@example.ee').at(-1)!; // the last newsletter he got
    const link = /https:\/\/hoidja\.example(\/consents\/withdraw\?token=\S+)/.exec(m.text)![1]!;
    const token = decodeURIComponent(link.split('token=')[1]!);
    const click = await w.t.app.inject({ method: 'POST', url: link, payload: { token } });
    assert.equal(click.statusCode, 200, click.body);
    await w.worker.drain();
    const got = w.smtp.received.slice(mails);
    assert.deepEqual(
      got.map((x) => x.to[0]),
      ['patsient22@example.ee'],
      'the person who clicked in the last message got no more',
    );
    const detail = (await admin.get(`/api/campaigns/${id}`)).body;
    const skipped = detail.messages.find((x: { patientId: string }) => x.patientId === tonis);
    assert.equal(skipped.status, 'skipped');
    assert.match(skipped.reason, /withdrew/);
  });

  test('only an administrator sends; the DPO reads; bad input is refused', async () => {
    const body = { channel: 'email', subject: 'S', body: 'A sentence long enough.' };
    assert.equal((await w.rec.post('/api/campaigns', body)).status, 403);
    assert.equal((await (await w.clinic.as('dpo')).post('/api/campaigns', body)).status, 403);
    assert.equal((await w.rec.get('/api/campaigns')).status, 403);
    const bad = async (b: Record<string, unknown>, field: string) => {
      const r = await admin.post('/api/campaigns', b);
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.field, field);
    };
    await bad({ ...body, channel: 'letter' }, 'channel');
    await bad({ ...body, subject: '  ' }, 'subject');
    await bad({ ...body, body: 'short' }, 'body');
    assert.equal((await admin.get('/api/campaigns/00000000-0000-4000-8000-000000000000')).status, 404);
  });

  test('a clinic without a newsletter purpose in its register cannot send one', async () => {
    const bare = await queueWorld('nonews', null);
    try {
      const r = await (await bare.clinic.as('admin')).post('/api/campaigns', {
        channel: 'sms',
        subject: 'Pakkumine',
        body: 'Detsembris on kõik soodsam.',
      });
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.field, 'purposeKey');
    } finally {
      await bare.close();
    }
  });
});

describe('retention', () => {
  test('a patient record removed by the retention engine takes its invitations and newsletter messages along', async () => {
    const n = (table: string) => count(w.t, `select count(*)::text as n from ${table} where patient_id = $1`, [tonis]);
    assert.ok((await n('recall_invitations')) > 0 && (await n('campaign_messages')) > 0);
    const repo = createRetentionRepository();
    await w.t.database.db.transaction(async (tx) => {
      await repo.allowDeletes(tx);
      await repo.remove(tx, 'patient_record', w.clinic.id, [tonis]);
    });
    assert.equal(await n('consent_events'), 0);
    assert.equal(await n('recall_invitations'), 0);
    assert.equal(await n('campaign_messages'), 0);
    assert.equal(await count(w.t, 'select count(*)::text as n from patients where id = $1', [tonis]), 0);
  });
});

void START;
