import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { login } from '../harness';
import { addPatient, count, type QueueWorld, queueWorld, START, visit } from './queue.fixtures';

let w: QueueWorld;
before(async () => {
  w = await queueWorld('kalender');
});
after(() => w.close());

async function book(overrides: Record<string, unknown>) {
  const r = await w.rec.post('/api/queue/entries', visit(w, { reminderChannel: 'none', ...overrides }));
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.entry.id as string;
}
const jobs = (id: string, kind: string) =>
  count(w.t, `select count(*)::text as n from outbox_jobs where subject_id = $1 and kind = $2`, [id, kind]);

describe('the appointment book', () => {
  test('shows working hours, holidays and absences per professional and day', async () => {
    const admin = await w.clinic.as('admin');
    const leave = await admin.post('/api/queue/exceptions', {
      professionalId: w.secondProfessionalId,
      kind: 'leave',
      date: '2026-12-22',
      start: '12:00',
      end: '14:00',
    });
    assert.equal(leave.status, 201, JSON.stringify(leave.body));
    const r = await w.rec.get('/api/queue/book?from=2026-12-21&to=2026-12-27');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(
      r.body.days.map((d: { holiday: string | null }) => d.holiday),
      [null, null, null, 'jõululaupäev', 'esimene jõulupüha', 'teine jõulupüha', null],
    );
    const second = r.body.professionals.find(
      (p: { professionalId: string }) => p.professionalId === w.secondProfessionalId,
    );
    assert.deepEqual(second.days[0].hours, [{ start: '09:00', end: '17:00', locationId: w.locationId }]);
    assert.deepEqual(
      second.days[1].hours.map((h: { start: string; end: string }) => `${h.start}-${h.end}`),
      ['09:00-12:00', '14:00-17:00'],
    );
    assert.deepEqual(second.days[1].absences, [{ kind: 'leave', start: '12:00', end: '14:00' }]);
    assert.deepEqual(second.days[3].hours, [], 'Christmas Eve is closed');
  });

  test('refuses a backwards or too long range, and roles that do not keep the queue', async () => {
    assert.equal((await w.rec.get('/api/queue/book?from=2026-12-21&to=2026-12-20')).status, 400);
    assert.equal((await w.rec.get('/api/queue/book?from=2026-12-01&to=2027-02-20')).status, 400);
    assert.equal((await w.rec.get('/api/queue/book?from=21.12.2026&to=2026-12-22')).status, 400);
    const acc = await w.clinic.as('accountant');
    assert.equal((await acc.get('/api/queue/book?from=2026-12-21&to=2026-12-22')).status, 403);
  });
});

describe('marks only when the visit is due', () => {
  test('arrived and done from the visit’s day on, no-show once it began', async () => {
    const id = await book({ startsAt: '2026-12-15T10:00:00+02:00' });
    for (const mark of ['arrived', 'done', 'no-show']) {
      const r = await w.rec.post(`/api/queue/entries/${id}/${mark}`, {});
      assert.equal(r.status, 400, `${mark}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error, 'visit_not_due');
      assert.equal(r.body.field, 'status');
    }
    w.clock.set('2026-12-15T07:30:00Z'); // 09:30 on the visit's day
    try {
      const desk = await login(w.t.app, w.clinic.slug, w.clinic.staff.receptionist.email);
      assert.equal((await desk.post(`/api/queue/entries/${id}/no-show`, {})).body.error, 'visit_not_due');
      const arrived = await desk.post(`/api/queue/entries/${id}/arrived`, {});
      assert.equal(arrived.status, 200, JSON.stringify(arrived.body));
      assert.equal(arrived.body.entry.status, 'arrived');
    } finally {
      w.clock.set(START);
    }
  });
});

describe('rooms', () => {
  let roomId: string;
  before(async () => {
    const admin = await w.clinic.as('admin');
    const r = await admin.post('/api/queue/rooms', { locationId: w.locationId, name: 'Kabinet 1' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    roomId = r.body.id;
  });

  test('one room is never booked twice at once, even by two desks at the same moment', async () => {
    const other = await addPatient(w, 31);
    const desk2 = await login(w.t.app, w.clinic.slug, w.clinic.staff.admin.email);
    const results = await Promise.all([
      w.rec.post(
        '/api/queue/entries',
        visit(w, { startsAt: '2026-12-16T10:00:00+02:00', roomId, reminderChannel: 'none' }),
      ),
      desk2.post(
        '/api/queue/entries',
        visit(w, {
          patientId: other,
          professionalId: w.secondProfessionalId,
          startsAt: '2026-12-16T10:15:00+02:00',
          roomId,
          reminderChannel: 'none',
        }),
      ),
    ]);
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [201, 409], JSON.stringify(results.map((r) => r.body)));
    const refused = results.find((r) => r.status === 409)!;
    assert.equal(refused.body.error, 'room_taken');
    assert.equal(refused.body.field, 'roomId');
    assert.equal(
      await count(w.t, `select count(*)::text as n from queue_entries where room_id = $1 and status = 'booked'`, [
        roomId,
      ]),
      1,
    );
    // Right after the visit that won the room, the room is free again (booked with the professional
    // whose request was refused, who is free then whichever desk won).
    const firstWon = results[0]!.status === 201;
    await book({
      patientId: other,
      professionalId: firstWon ? w.secondProfessionalId : w.professionalId,
      startsAt: firstWon ? '2026-12-16T10:30:00+02:00' : '2026-12-16T10:45:00+02:00',
      roomId,
    });
  });

  test('a move into a taken room is refused; an unknown room is a 400', async () => {
    const a = await book({ startsAt: '2026-12-17T10:00:00+02:00', roomId });
    const b = await book({ professionalId: w.secondProfessionalId, startsAt: '2026-12-17T12:00:00+02:00' });
    const into = await w.rec.post(`/api/queue/entries/${b}/move`, {
      startsAt: '2026-12-17T10:00:00+02:00',
      roomId,
      reason: 'kabinet vaba',
      by: 'patient',
      patientInformed: true,
    });
    assert.equal(into.status, 409, JSON.stringify(into.body));
    assert.equal(into.body.error, 'room_taken');
    const unknown = await book({ startsAt: '2026-12-17T13:00:00+02:00' }).catch(() => null);
    assert.ok(unknown);
    const bad = await w.rec.post(
      '/api/queue/entries',
      visit(w, { startsAt: '2026-12-17T14:00:00+02:00', roomId: '00000000-0000-4000-8000-000000000000' }),
    );
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'roomId');
    assert.ok(a);
  });
});

describe('the clinic moves or cancels: the patient is told', () => {
  test('a move by the clinic sends the old and the new time in the patient’s language', async () => {
    const id = await book({ startsAt: '2026-12-18T10:00:00+02:00' });
    const noBy = await w.rec.post(`/api/queue/entries/${id}/move`, {
      startsAt: '2026-12-18T11:00:00+02:00',
      reason: 'arst haigestus',
      patientInformed: false,
    });
    assert.equal(noBy.status, 400);
    assert.equal(noBy.body.field, 'by');
    const mv = await w.rec.post(`/api/queue/entries/${id}/move`, {
      startsAt: '2026-12-18T11:00:00+02:00',
      reason: 'arst haigestus',
      by: 'clinic',
      patientInformed: false,
    });
    assert.equal(mv.status, 200, JSON.stringify(mv.body));
    assert.equal(await jobs(id, 'visit_moved'), 1);
    const before = w.smtp.received.length;
    await w.worker.drain();
    const moved = w.smtp.received.slice(before).find((m) => /nüüd/.test(m.subject));
    assert.ok(moved, 'the move letter');
    assert.match(moved!.subject, /vastuvõtt on nüüd 18\.12\.2026 kell 11:00/);
    assert.match(moved!.text, /18\.12\.2026 kell 10:00 asemel on uus aeg 18\.12\.2026 kell 11:00/);
    // Moved at the patient's own wish: nothing more to tell.
    await w.rec.post(`/api/queue/entries/${id}/move`, {
      startsAt: '2026-12-18T12:00:00+02:00',
      reason: 'patsiendi soov',
      by: 'patient',
      patientInformed: true,
    });
    assert.equal(await jobs(id, 'visit_moved'), 1);
  });

  test('a patient without e-mail gets the cancellation by SMS', async () => {
    const p = await addPatient(w, 32, { email: null, preferredLanguage: 'ru', mobile: '+372 5555 0032' });
    const id = await book({ patientId: p, startsAt: '2026-12-18T14:00:00+02:00' });
    const r = await w.rec.post(`/api/queue/entries/${id}/cancel`, {
      reason: 'arst haigestus',
      by: 'clinic',
      patientInformed: false,
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    await w.worker.drain();
    const sms = w.sms.received.find((m) => m.to === '+37255550032');
    assert.ok(sms, JSON.stringify(w.sms.received));
    assert.match(sms!.text, /пришлось отменить ваш приём 18\.12\.2026 в 14:00/);
  });
});

describe('absences over booked visits', () => {
  test('are refused with the visits until confirmed; then the visits are answered', async () => {
    const admin = await w.clinic.as('admin');
    const id = await book({ startsAt: '2026-12-28T10:00:00+02:00' });
    const exceptions = () =>
      count(w.t, `select count(*)::text as n from schedule_exceptions where date = '2026-12-28'`);
    const leave = { professionalId: w.professionalId, kind: 'leave', date: '2026-12-28', until: '2026-12-29' };
    const check = await w.rec.post('/api/queue/exceptions/check', leave);
    assert.equal(check.status, 200, JSON.stringify(check.body));
    assert.deepEqual(
      check.body.affected.map((v: { id: string }) => v.id),
      [id],
    );
    assert.equal((await w.rec.post('/api/queue/exceptions/check', { ...leave, kind: 'holiday' })).status, 400);
    const refused = await w.rec.post('/api/queue/exceptions', leave);
    assert.equal(refused.status, 409, JSON.stringify(refused.body));
    assert.equal(refused.body.error, 'visits_affected');
    assert.deepEqual(
      refused.body.visits.map((v: { id: string }) => v.id),
      [id],
    );
    assert.equal(await exceptions(), 0, 'nothing recorded');
    // Hours that miss the visit, or another professional's leave, touch nothing.
    const afternoon = await admin.post('/api/queue/exceptions', {
      ...leave,
      until: undefined,
      start: '14:00',
      end: '16:00',
    });
    assert.equal(afternoon.status, 201, JSON.stringify(afternoon.body));
    assert.deepEqual(afternoon.body.affected, []);
    const confirmed = await w.rec.post('/api/queue/exceptions', { ...leave, confirm: true });
    assert.equal(confirmed.status, 201, JSON.stringify(confirmed.body));
    assert.deepEqual(
      confirmed.body.affected.map((v: { id: string; startsAt: string }) => [v.id, v.startsAt]),
      [[id, '2026-12-28T08:00:00.000Z']],
    );
    assert.equal(await exceptions(), 2);
    // A whole-clinic closure finds every professional's visits.
    const other = await book({ professionalId: w.secondProfessionalId, startsAt: '2026-12-30T09:00:00+02:00' });
    const closed = await admin.post('/api/queue/exceptions', {
      professionalId: null,
      kind: 'closed',
      date: '2026-12-30',
    });
    assert.equal(closed.status, 409);
    assert.deepEqual(
      closed.body.visits.map((v: { id: string }) => v.id),
      [other],
    );
    const doctor = await w.clinic.as('doctor');
    assert.equal((await doctor.post('/api/queue/exceptions', { ...leave, confirm: true })).status, 403);
  });
});

describe('the written notice', () => {
  test('can be sent again (audited, a new message each time) and printing is recorded', async () => {
    const id = await book({ startsAt: '2026-12-21T15:00:00+02:00' });
    await w.worker.drain();
    const before = w.smtp.received.length;
    for (let i = 0; i < 2; i++) {
      const r = await w.rec.post(`/api/queue/entries/${id}/notice/resend`, { reason: 'patsient ei leidnud kirja' });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
    assert.equal(await jobs(id, 'visit_notice'), 3);
    await w.worker.drain();
    assert.equal(w.smtp.received.length, before + 2);
    assert.equal(
      await count(
        w.t,
        `select count(*)::text as n from audit_events where action = 'visit_notice.resend' and entity_id = $1`,
        [id],
      ),
      2,
    );
    const messages = await w.rec.get(`/api/queue/entries/${id}/messages`);
    assert.equal(
      messages.body.items.filter(
        (m: { kind: string; status: string }) => m.kind === 'visit_notice' && m.status === 'sent',
      ).length,
      3,
    );
    const pdf = await w.rec.get(`/api/queue/entries/${id}/notice.pdf`);
    assert.equal(pdf.status, 200);
    const { body } = await w.rec.get(`/api/queue/entries/${id}`);
    const printed = body.changes.find((c: { action: string }) => c.action === 'notice_printed');
    assert.ok(printed, 'printing is recorded on the visit');
    assert.equal(printed.informedHow, 'printed notice');
  });

  test('is not resent without an e-mail, for a cancelled visit, or by an accountant', async () => {
    const p = await addPatient(w, 33, { email: null });
    const noMail = await book({ patientId: p, startsAt: '2026-12-22T15:00:00+02:00' });
    assert.equal((await w.rec.post(`/api/queue/entries/${noMail}/notice/resend`, { to: 'x@example.org' })).status, 400);
    const r = await w.rec.post(`/api/queue/entries/${noMail}/notice/resend`, {});
    assert.equal(r.status, 400);
    assert.equal(r.body.field, 'contactEmail');
    const gone = await book({ startsAt: '2026-12-22T16:00:00+02:00' });
    await w.rec.post(`/api/queue/entries/${gone}/cancel`, {
      reason: 'patsient loobus',
      by: 'patient',
      patientInformed: true,
    });
    assert.equal((await w.rec.post(`/api/queue/entries/${gone}/notice/resend`, {})).status, 409);
    const acc = await w.clinic.as('accountant');
    assert.equal((await acc.post(`/api/queue/entries/${gone}/notice/resend`, {})).status, 403);
    assert.equal(
      (await w.rec.post('/api/queue/entries/00000000-0000-4000-8000-000000000000/notice/resend', {})).status,
      404,
    );
  });
});
