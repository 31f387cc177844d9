import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createClinic, login } from '../harness';
import { count, type QueueWorld, queueWorld, START } from './queue.fixtures';

let w: QueueWorld;
before(async () => {
  w = await queueWorld('avalik');
});
after(() => w.close());

const pub = async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
  const r = await w.t.app.inject({ method, url, payload: payload as never });
  return { status: r.statusCode, body: r.json() as any };
};
const request = (overrides: Record<string, unknown> = {}) => ({
  serviceId: w.serviceId,
  firstName: 'Liis',
  lastName: 'Mets',
  idCode: '37605030299',
  mobile: '5555 1234',
  email: 'liis.mets@example.ee',
  language: 'et',
  message: 'Igemed veritsevad',
  wantsSmsReminder: true,
  ...overrides,
});

describe('public booking page (no login)', () => {
  test('shows services and free times', async () => {
    const info = await pub('GET', '/api/public/clinics/avalik/booking');
    assert.equal(info.status, 200, JSON.stringify(info.body));
    assert.equal(info.body.services[0].id, w.serviceId);
    assert.equal(info.body.professionals.length, 2);
    const slots = await pub(
      'GET',
      `/api/public/clinics/avalik/slots?serviceId=${w.serviceId}&from=2026-12-21&to=2026-12-21`,
    );
    assert.equal(slots.status, 200);
    assert.equal(slots.body.slots.length, 62);
    assert.equal((await pub('GET', '/api/public/clinics/no-such/booking')).status, 404);
  });

  const bad: [string, Record<string, unknown>, number, string][] = [
    ['no contacts', { mobile: undefined, email: undefined, wantsSmsReminder: false }, 400, 'mobile'],
    ['a malformed mobile', { mobile: '12' }, 400, 'mobile'],
    ['an unknown service', { serviceId: '00000000-0000-4000-8000-000000000000' }, 400, 'serviceId'],
    ['neither ID code nor birth date', { idCode: undefined }, 400, 'birthDate'],
    ['a wrong ID code', { idCode: '36805280108' }, 400, 'idCode'],
    ['SMS wanted without a mobile', { mobile: undefined }, 400, 'wantsSmsReminder'],
    ['no description', { message: '' }, 400, 'message'],
  ];
  for (const [name, o, status, field] of bad) {
    test(`refuses ${name}`, async () => {
      const before = await count(w.t, 'select count(*)::text as n from booking_requests');
      const r = await pub('POST', '/api/public/clinics/avalik/booking-requests', request(o));
      assert.equal(r.status, status, JSON.stringify(r.body));
      assert.equal(r.body.field, field);
      assert.equal(await count(w.t, 'select count(*)::text as n from booking_requests'), before);
    });
  }
});

describe('reception answers within two working days', () => {
  let requestId: string;
  test('a Monday request is due by the end of Wednesday', async () => {
    const r = await pub(
      'POST',
      '/api/public/clinics/avalik/booking-requests',
      request({ preferredStart: '2026-12-21T09:00:00+02:00', professionalId: w.professionalId }),
    );
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.dueDate, '2026-12-16');
    requestId = r.body.id;
    const inbox = await w.rec.get('/api/booking-requests');
    const item = inbox.body.items.find((i: { id: string }) => i.id === requestId);
    assert.equal(item.state, 'open');
    assert.equal(item.idCode, '37605030299');
    assert.equal(item.message, 'Igemed veritsevad');
  });

  test('a Friday request before Christmas is due on Tuesday', async () => {
    w.clock.set('2026-12-18T14:00:00Z');
    const r = await pub(
      'POST',
      '/api/public/clinics/avalik/booking-requests',
      request({ idCode: undefined, birthDate: '1990-05-05', email: undefined, wantsSmsReminder: false }),
    );
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.dueDate, '2026-12-22');
    w.clock.set(START);
  });

  test('the inbox shows what is due today and what is overdue', async () => {
    try {
      w.clock.set('2026-12-16T08:00:00Z');
      const doctor = await login(w.t.app, w.clinic.slug, w.clinic.staff.doctor.email);
      assert.equal((await doctor.get('/api/booking-requests')).status, 403);
      const today = await (await login(w.t.app, w.clinic.slug, w.clinic.staff.admin.email)).get(
        '/api/booking-requests',
      );
      assert.equal(today.status, 200, JSON.stringify(today.body));
      assert.equal(today.body.dueToday, 1);
      assert.equal(today.body.overdue, 0);
      w.clock.set('2026-12-16T22:00:00Z'); // midnight in Tallinn: the Monday request is late
      const late = await (await login(w.t.app, w.clinic.slug, w.clinic.staff.admin.email)).get('/api/booking-requests');
      assert.equal(late.body.overdue, 1);
      assert.equal(late.body.items[0].state, 'overdue');
    } finally {
      w.clock.set(START);
    }
  });

  test('confirming books the visit, registers the patient and e-mails the notice', async () => {
    const r = await w.rec.post(`/api/booking-requests/${requestId}/confirm`, {});
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.startsAt, '2026-12-21T07:00:00.000Z');
    const entry = await w.rec.get(`/api/queue/entries/${r.body.entryId}`);
    assert.equal(entry.body.entry.status, 'booked');
    assert.equal(entry.body.entry.channel, 'website');
    assert.equal(entry.body.entry.reminderChannel, 'sms');
    assert.equal(entry.body.entry.bookingRequestId, requestId);
    assert.equal(entry.body.entry.patient.idCode, '37605030299');
    await w.worker.drain();
    const mails = await w.smtp.waitFor(1);
    assert.ok(
      mails.some((m) => m.to[0] === 'liis.mets@example.ee' && /vastuvõtt 21\.12\.2026 kell 09:00/.test(m.subject)),
    );
    const again = await w.rec.post(`/api/booking-requests/${requestId}/confirm`, {});
    assert.equal(again.status, 409);
    const inbox = await w.rec.get('/api/booking-requests');
    assert.ok(!inbox.body.items.some((i: { id: string }) => i.id === requestId));
  });

  test('a taken time cannot be requested, and a request can be declined', async () => {
    const taken = await pub(
      'POST',
      '/api/public/clinics/avalik/booking-requests',
      request({ preferredStart: '2026-12-21T09:00:00+02:00', professionalId: w.professionalId }),
    );
    assert.equal(taken.status, 409, JSON.stringify(taken.body));
    const r = await pub('POST', '/api/public/clinics/avalik/booking-requests', request({ idCode: '46805280103' }));
    const d = await w.rec.post(`/api/booking-requests/${r.body.id}/decline`, {
      message: 'Helistasime, loobusite ajast.',
    });
    assert.equal(d.status, 200, JSON.stringify(d.body));
  });

  test('a returning patient is found by the ID code instead of registered twice', async () => {
    const r = await pub(
      'POST',
      '/api/public/clinics/avalik/booking-requests',
      request({ preferredStart: '2026-12-30T11:00:00+02:00', professionalId: w.professionalId }),
    );
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const before = await count(w.t, 'select count(*)::text as n from patients');
    const ok = await w.rec.post(`/api/booking-requests/${r.body.id}/confirm`, {});
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(await count(w.t, 'select count(*)::text as n from patients'), before);
  });

  test('a request without an ID code needs the patient chosen before it is confirmed', async () => {
    const inbox = await w.rec.get('/api/booking-requests');
    const noCode = inbox.body.items.find((i: { idCode: string | null }) => i.idCode === null);
    const r = await w.rec.post(`/api/booking-requests/${noCode.id}/confirm`, {
      professionalId: w.professionalId,
      startsAt: '2026-12-21T10:00:00+02:00',
    });
    assert.equal(r.status, 400);
    assert.equal(r.body.field, 'identity');
    const still = await w.rec.get('/api/booking-requests');
    assert.ok(
      still.body.items.some((i: { id: string }) => i.id === noCode.id),
      'the failed answer leaves the request open',
    );
    const ok = await w.rec.post(`/api/booking-requests/${noCode.id}/confirm`, {
      patientId: w.patientId,
      professionalId: w.professionalId,
      startsAt: '2026-12-21T10:00:00+02:00',
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
  });
});

describe('a Latvian clinic', () => {
  test('counts Easter Monday: a request on Maundy Thursday is due on Wednesday', async () => {
    const lv = await createClinic(w.t, 'riga-zobi', 'LV');
    const admin = await login(w.t.app, lv.slug, lv.staff.admin.email);
    const svc = await admin.post('/api/queue/services', { name: 'Zobārsta konsultācija', durationMinutes: 30 });
    assert.equal(svc.status, 201, JSON.stringify(svc.body));
    try {
      w.clock.set('2026-04-02T09:00:00Z');
      const r = await pub(
        'POST',
        '/api/public/clinics/riga-zobi/booking-requests',
        request({ serviceId: svc.body.id, idCode: '161175-19997', mobile: '+371 2000 0000', language: 'lv' }),
      );
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.dueDate, '2026-04-08');
      // The public form is throttled per address: a script cannot fill the inbox.
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++)
        statuses.push(
          (
            await pub(
              'POST',
              '/api/public/clinics/riga-zobi/booking-requests',
              request({ serviceId: svc.body.id, idCode: '161175-19997', mobile: '+371 2000 0000', language: 'lv' }),
            )
          ).status,
        );
      assert.equal(statuses.filter((x) => x === 201).length, 19);
      assert.equal(statuses.at(-1), 429);
    } finally {
      w.clock.set(START);
    }
  });
});
