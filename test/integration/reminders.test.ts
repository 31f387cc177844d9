import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addPatient as addPatientNow, count, type QueueWorld, queueWorld, START, visit } from './queue.fixtures';

let w: QueueWorld;
before(async () => {
  w = await queueWorld('remind');
});
after(() => w.close());

/** Staff sessions expire when the clock jumps days ahead: desk work happens back at the start time. */
async function atDesk<T>(fn: () => Promise<T>): Promise<T> {
  const saved = w.clock.now();
  w.clock.set(START);
  try {
    return await fn();
  } finally {
    w.clock.set(saved);
  }
}
const addPatient = (w2: QueueWorld, n: number) => atDesk(() => addPatientNow(w2, n));
async function book(patientId: string, startsAt: string, extra: Record<string, unknown> = {}) {
  const r = await atDesk(() => w.rec.post('/api/queue/entries', visit(w, { patientId, startsAt, ...extra })));
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.entry.id as string;
}
const messages = async (id: string) =>
  (await atDesk(() => w.rec.get(`/api/queue/entries/${id}/messages`))).body.items as {
    kind: string;
    status: string;
    lastError: string | null;
    attempts: number;
  }[];

describe('written notice', () => {
  test('is e-mailed in the patient’s language with the PDF, and printable at the desk', async () => {
    const id = await book(w.patientId, '2026-12-22T10:00:00+02:00');
    await w.worker.drain();
    const [mail] = await w.smtp.waitFor(1);
    assert.deepEqual(mail!.to, ['tonis.oun@example.ee']);
    assert.equal(mail!.subject, 'Clinic remind: vastuvõtt 22.12.2026 kell 10:00');
    assert.match(mail!.text, /Tõnis Õun/);
    assert.match(mail!.text, /Arst: Mari Kask/);
    assert.match(mail!.text, /Ravi 7, 10134 Tallinn/);
    assert.match(mail!.text, /\+3726000001/);
    assert.match(mail!.text, /tühistamine/i);
    assert.doesNotMatch(mail!.text, /valu/, 'no complaint in the notice');
    assert.equal(mail!.attachments[0]!.contentType, 'application/pdf');
    assert.equal(mail!.attachments[0]!.content.subarray(0, 5).toString(), '%PDF-');
    const pdf = await w.t.app.inject({
      method: 'GET',
      url: `/api/queue/entries/${id}/notice.pdf`,
      headers: { cookie: `hoidja_session=${await sessionCookie()}` },
    });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const m = await messages(id);
    assert.equal(m.find((x) => x.kind === 'visit_notice')!.status, 'sent');
    assert.equal(m.find((x) => x.kind === 'reminder')!.status, 'queued');
  });
});

async function sessionCookie() {
  const r = await w.t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: {
      clinic: w.clinic.slug,
      email: w.clinic.staff.receptionist.email,
      password: 'correct horse battery staple',
    },
  });
  return r.cookies.find((c) => c.name === 'hoidja_session')!.value;
}

describe('SMS reminder', () => {
  test('goes two days before at the start of sending hours, once, without health details', async () => {
    w.clock.set('2026-12-20T06:30:00Z'); // 08:30 in Tallinn: not yet
    await w.worker.drain();
    assert.equal(w.sms.received.length, 0);
    w.clock.set('2026-12-20T07:00:00Z'); // 09:00
    await w.worker.drain();
    assert.equal(w.sms.received.length, 1);
    const sms = w.sms.received[0]!;
    assert.equal(sms.to, '+37251234567');
    assert.equal(sms.sender, 'Parodont');
    assert.match(sms.text, /22\.12\.2026 kell 10:00/);
    assert.match(sms.text, /https:\/\/hoidja\.example\/consents\/withdraw\?token=/);
    assert.doesNotMatch(sms.text, /Hambaravi|valu|Kask/, 'no service, complaint or doctor unless the template says so');
    await w.worker.drain();
    w.clock.advance(3600_000);
    await w.worker.drain();
    assert.equal(w.sms.received.length, 1, 'never twice');
  });

  test('waits for the sending hours', async () => {
    const p = await addPatient(w, 11);
    await book(p, '2026-12-23T10:00:00+02:00');
    w.clock.set('2026-12-21T19:00:00Z'); // 21:00: reminder due since 09:00 but outside hours now
    const before = w.sms.received.length;
    await w.worker.drain();
    assert.equal(w.sms.received.length, before);
    w.clock.set('2026-12-22T07:00:00Z'); // next morning, still before the visit
    await w.worker.drain();
    assert.equal(w.sms.received.length, before + 1);
  });

  test('is never sent under a restriction of processing', async () => {
    w.clock.set('2026-12-14T08:00:00Z');
    const p = await addPatient(w, 12);
    const id = await book(p, '2026-12-28T10:00:00+02:00');
    await w.t.database.raw.query('update patients set processing_restricted = true where id = $1', [p]);
    w.clock.set('2026-12-26T07:00:00Z');
    const before = w.sms.received.length;
    await w.worker.drain();
    assert.equal(w.sms.received.length, before);
    const r = (await messages(id)).find((x) => x.kind === 'reminder')!;
    assert.equal(r.status, 'skipped');
    assert.match(r.lastError!, /restricted/);
  });

  test('after a provider error stays queued, is visible to staff, and is retried with backoff', async () => {
    w.clock.set('2026-12-14T08:00:00Z');
    const p = await addPatient(w, 13);
    const id = await book(p, '2026-12-29T11:00:00+02:00');
    w.clock.set('2026-12-27T07:00:00Z');
    w.sms.failNext(1, 'error500');
    const before = w.sms.received.length;
    await w.worker.drain();
    assert.equal(w.sms.received.length, before);
    const r = (await messages(id)).find((x) => x.kind === 'reminder')!;
    assert.equal(r.status, 'queued');
    assert.equal(r.attempts, 1);
    assert.match(r.lastError!, /500/);
    const problems = await atDesk(() => w.rec.get('/api/queue/message-problems'));
    assert.ok(problems.body.items.some((x: { subjectId: string }) => x.subjectId === id));
    await w.worker.drain();
    assert.equal(w.sms.received.length, before, 'not before the backoff');
    w.clock.advance(5 * 60_000);
    await w.worker.drain();
    assert.equal(w.sms.received.length, before + 1);
    assert.equal((await messages(id)).find((x) => x.kind === 'reminder')!.status, 'sent');
  });

  test('a moved visit gets one reminder, for the new time', async () => {
    w.clock.set('2026-12-14T08:00:00Z');
    const p = await addPatient(w, 14);
    const id = await book(p, '2026-12-30T12:00:00+02:00');
    const mv = await atDesk(() =>
      w.rec.post(`/api/queue/entries/${id}/move`, {
        startsAt: '2026-12-30T14:00:00+02:00',
        reason: 'patsiendi soov',
        by: 'patient',
        patientInformed: true,
      }),
    );
    assert.equal(mv.status, 200, JSON.stringify(mv.body));
    const jobs = await messages(id);
    assert.equal(jobs.filter((j) => j.kind === 'reminder' && j.status === 'queued').length, 1);
    assert.equal(jobs.filter((j) => j.kind === 'reminder' && j.status === 'cancelled').length, 1);
    w.clock.set('2026-12-28T07:00:00Z');
    const before = w.sms.received.filter((s) => s.to === '+37250000014').length;
    await w.worker.drain();
    const mine = w.sms.received.filter((s) => s.to === '+37250000014');
    assert.equal(mine.length, before + 1);
    assert.match(mine.at(-1)!.text, /14:00/);
  });

  test('the opt-out link records an objection and stops further reminders', async () => {
    w.clock.set('2026-12-14T08:00:00Z');
    const p = await addPatient(w, 15);
    const id = await book(p, '2026-12-31T10:00:00+02:00', { reminderChannel: 'email' });
    const link = new URL(w.messaging.optOutUrl(w.clinic.id, p));
    const token = link.searchParams.get('token')!;
    const page = await w.t.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
    assert.equal(page.statusCode, 200);
    const click = await w.t.app.inject({
      method: 'POST',
      url: '/consents/withdraw',
      payload: `token=${encodeURIComponent(token)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.ok(click.statusCode < 400, click.body);
    w.clock.set('2026-12-29T07:00:00Z');
    await w.worker.drain();
    const r = (await messages(id)).find((x) => x.kind === 'reminder')!;
    assert.equal(r.status, 'skipped');
    assert.match(r.lastError!, /objected/);
    assert.equal(
      await count(
        w.t,
        "select count(*)::text as n from consent_events where purpose_key = 'reminders' and action = 'objected'",
      ),
      1,
    );
  });

  test('by e-mail when the patient chose e-mail, with an unsubscribe header', async () => {
    w.clock.set('2026-12-14T08:00:00Z');
    const p = await addPatient(w, 16);
    await book(p, '2027-01-05T10:00:00+02:00', { reminderChannel: 'email' });
    w.clock.set('2027-01-03T07:00:00Z');
    const smsBefore = w.sms.received.length;
    await w.worker.drain();
    const mail = w.smtp.received.find((m) => m.to[0] === 'patsient16@example.ee' && /meeldetuletus/.test(m.subject));
    assert.ok(mail, 'reminder e-mail');
    assert.match(mail!.text, /05\.01\.2027 kell 10:00/);
    assert.match(mail!.headers['list-unsubscribe']!, /consents\/withdraw\?token=/);
    assert.equal(w.sms.received.length, smsBefore);
  });
});

describe('the legal basis comes from the register', () => {
  test('on consent: choosing SMS at the desk is the consent; a withdrawal stops the reminder', async () => {
    const v = await queueWorld('consent-clinic', 'parodontalia');
    try {
      const a = await v.rec.post('/api/queue/entries', visit(v, { startsAt: '2026-12-22T10:00:00+02:00' }));
      assert.equal(a.status, 201, JSON.stringify(a.body));
      const ledger = await v.rec.get(`/api/patients/${v.patientId}/consents`);
      const reminders = ledger.body.items.find((x: { purposeKey: string }) => x.purposeKey === 'reminders');
      assert.equal(reminders.state, 'given');
      assert.equal(reminders.channel, 'phone');
      v.clock.set('2026-12-20T07:00:00Z');
      await v.worker.drain();
      assert.equal(v.sms.received.length, 1);
      v.clock.set(START);
      const p2 = await addPatientNow(v, 21);
      const b = await v.rec.post(
        '/api/queue/entries',
        visit(v, { patientId: p2, startsAt: '2026-12-23T10:00:00+02:00' }),
      );
      assert.equal(b.status, 201);
      v.clock.advance(60_000); // the ledger orders by time: the withdrawal comes after the consent
      const w2 = await v.rec.post(`/api/patients/${p2}/consents`, {
        purposeKey: 'reminders',
        action: 'withdrawn',
        channel: 'phone',
      });
      assert.equal(w2.status, 201, JSON.stringify(w2.body));
      v.clock.set('2026-12-21T07:00:00Z');
      await v.worker.drain();
      assert.equal(v.sms.received.length, 1, 'no reminder after the withdrawal');
    } finally {
      await v.close();
    }
  });

  test('without a purpose "reminders" in the register in force, no reminder is sent', async () => {
    const v = await queueWorld('no-register', null);
    try {
      const a = await v.rec.post('/api/queue/entries', visit(v, { startsAt: '2026-12-22T10:00:00+02:00' }));
      assert.equal(a.status, 201, JSON.stringify(a.body));
      v.clock.set('2026-12-20T07:00:00Z');
      await v.worker.drain();
      assert.equal(v.sms.received.length, 0);
      v.clock.set(START);
      const m = await v.rec.get(`/api/queue/entries/${a.body.entry.id}/messages`);
      const r = m.body.items.find((x: { kind: string }) => x.kind === 'reminder');
      assert.equal(r.status, 'skipped');
      assert.match(r.lastError, /no purpose "reminders"/);
    } finally {
      await v.close();
    }
  });
});

describe('cancellation by the clinic', () => {
  test('is told to the patient in writing; a cancellation by the patient is not', async () => {
    w.clock.set(START);
    const p = await addPatient(w, 17);
    const a = await book(p, '2027-01-06T10:00:00+02:00', { reminderChannel: 'none' });
    const b = await book(p, '2027-01-06T12:00:00+02:00', { reminderChannel: 'none' });
    await w.worker.drain();
    const r1 = await atDesk(() =>
      w.rec.post(`/api/queue/entries/${a}/cancel`, {
        reason: 'arst haigestus',
        by: 'clinic',
        patientInformed: true,
        informedHow: 'e-kiri',
      }),
    );
    assert.equal(r1.status, 200, JSON.stringify(r1.body));
    const r2 = await atDesk(() =>
      w.rec.post(`/api/queue/entries/${b}/cancel`, {
        reason: 'patsient helistas',
        by: 'patient',
        patientInformed: true,
      }),
    );
    assert.equal(r2.status, 200);
    await w.worker.drain();
    const cancelled = w.smtp.received.filter(
      (m) => m.to[0] === 'patsient17@example.ee' && /tühistatud/.test(m.subject),
    );
    assert.equal(cancelled.length, 1);
    assert.match(cancelled[0]!.subject, /06\.01\.2027 kell 10:00/);
    assert.match(cancelled[0]!.text, /\+3726000001/);
  });
});
