import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { enqueue } from '../../src/platform/jobs/outbox';
import { login } from '../harness';
import { count, type QueueWorld, queueWorld, START } from './queue.fixtures';

/**
 * Every booking request ends: confirmed (with the patient found, or registered from a Latvian code,
 * a foreign document or the birth date alone), declined with a message the person receives in their
 * language, or lapsed when nobody answered in time (the person is told too).
 */
let w: QueueWorld;
before(async () => {
  w = await queueWorld('paringud');
});
after(() => w.close());

const send = async (overrides: Record<string, unknown>) => {
  const r = await w.t.app.inject({
    method: 'POST',
    url: '/api/public/clinics/paringud/booking-requests',
    payload: {
      serviceId: w.serviceId,
      firstName: 'Anna',
      lastName: 'Bērziņa',
      email: 'anna@example.lv',
      language: 'lv',
      message: 'Zobs sāp',
      ...overrides,
    },
  });
  return { status: r.statusCode, body: r.json() as any };
};
const at = (start: string) => ({ preferredStart: start, professionalId: w.professionalId });
const status = async (id: string) =>
  (await w.t.database.raw.query<{ status: string }>('select status from booking_requests where id = $1', [id]))[0]!
    .status;

describe('the public page takes both countries’ codes', () => {
  test('a Latvian code at an Estonian clinic is accepted, and reception confirms it as a Latvian patient', async () => {
    const r = await send({ idCode: '161175-19997', ...at('2026-12-22T09:00:00+02:00') });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const inbox = await w.rec.get('/api/booking-requests');
    const item = inbox.body.items.find((i: { id: string }) => i.id === r.body.id);
    assert.equal(item.idCode, '161175-19997');
    assert.equal(item.birthDate, '1975-11-16');
    const ok = await w.rec.post(`/api/booking-requests/${r.body.id}/confirm`, {});
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const p = await w.rec.get(`/api/patients/${ok.body.patientId}`);
    assert.equal(p.status, 200, JSON.stringify(p.body));
    assert.deepEqual([p.body.patient.identity.country, p.body.patient.identity.code], ['LV', '161175-19997']);
    assert.equal(p.body.patient.preferredLanguage, 'lv');
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ['a code valid in neither country', { idCode: '12345678901' }, 'idCode'],
    ['a new-format Latvian code without a birth date', { idCode: '321234-56789' }, 'birthDate'],
    ['a birth date the code contradicts', { idCode: '161175-19997', birthDate: '1975-11-17' }, 'birthDate'],
    ['a birth date in the future', { birthDate: '2099-01-01' }, 'birthDate'],
  ];
  for (const [name, o, field] of bad)
    test(`refuses ${name}`, async () => {
      const before = await count(w.t, 'select count(*)::text as n from booking_requests');
      const r = await send(o);
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.field, field);
      assert.equal(await count(w.t, 'select count(*)::text as n from booking_requests'), before);
    });

  test('a new-format Latvian code with its birth date is accepted', async () => {
    const r = await send({ idCode: '321234-56789', birthDate: '2001-04-04' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const ok = await w.rec.post(`/api/booking-requests/${r.body.id}/confirm`, {
      professionalId: w.professionalId,
      startsAt: '2026-12-22T09:30:00+02:00',
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const p = await w.rec.get(`/api/patients/${ok.body.patientId}`);
    assert.equal(p.body.patient.birthDate, '2001-04-04');
  });
});

describe('a request without a code is confirmed from the same dialog', () => {
  test('by the birth date alone: refused when missing or in the future, then registered', async () => {
    const r = await send({ birthDate: '1990-05-05', firstName: 'Ana', ...at('2026-12-22T10:00:00+02:00') });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const none = await w.rec.post(`/api/booking-requests/${r.body.id}/confirm`, {});
    assert.equal(none.status, 400);
    assert.equal(none.body.field, 'identity');
    const future = await w.rec.post(`/api/booking-requests/${r.body.id}/confirm`, {
      identity: { kind: 'birth_date', birthDate: '2099-01-01' },
    });
    assert.equal(future.status, 400, JSON.stringify(future.body));
    assert.equal(await status(r.body.id), 'new', 'a failed answer leaves the request open');
    const patients = await count(w.t, 'select count(*)::text as n from patients');
    const ok = await w.rec.post(`/api/booking-requests/${r.body.id}/confirm`, {
      identity: { kind: 'birth_date', birthDate: '1990-05-05' },
      firstName: 'Anna',
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(await count(w.t, 'select count(*)::text as n from patients'), patients + 1);
    const p = await w.rec.get(`/api/patients/${ok.body.patientId}`);
    assert.equal(p.status, 200, JSON.stringify(p.body));
    assert.equal(p.body.patient.firstName, 'Anna', 'the name as corrected in the dialog');
    assert.equal(p.body.patient.birthDate, '1990-05-05');
    assert.equal(await status(r.body.id), 'answered');
    const entry = await w.rec.get(`/api/queue/entries/${ok.body.entryId}`);
    assert.equal(entry.body.entry.status, 'booked');
  });

  test('by a foreign document', async () => {
    const r = await send({ birthDate: '1985-02-03', lastName: 'Virtanen', language: 'en' });
    const ok = await w.rec.post(`/api/booking-requests/${r.body.id}/confirm`, {
      identity: {
        kind: 'document',
        documentType: 'passport',
        documentNumber: 'FP1234567',
        documentCountry: 'FI',
        birthDate: '1985-02-03',
      },
      professionalId: w.professionalId,
      startsAt: '2026-12-22T10:30:00+02:00',
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const p = await w.rec.get(`/api/patients/${ok.body.patientId}`);
    assert.equal(p.body.patient.identity.documentCountry, 'FI');
  });

  test('by choosing an existing patient; a doctor cannot answer', async () => {
    const r = await send({ birthDate: '1980-01-01', ...at('2026-12-22T11:00:00+02:00') });
    const doctor = await w.clinic.as('doctor');
    assert.equal(
      (await doctor.post(`/api/booking-requests/${r.body.id}/confirm`, { patientId: w.patientId })).status,
      403,
    );
    const ok = await w.rec.post(`/api/booking-requests/${r.body.id}/confirm`, { patientId: w.patientId });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.patientId, w.patientId);
  });
});

describe('a request that gets no visit still ends, and the person is told', () => {
  test('declined: the message is required and reaches the person in their language', async () => {
    const r = await send({ birthDate: '1970-03-03', email: 'decline@example.lv' });
    const empty = await w.rec.post(`/api/booking-requests/${r.body.id}/decline`, { message: ' ' });
    assert.equal(empty.status, 400);
    assert.equal(empty.body.field, 'message');
    const d = await w.rec.post(`/api/booking-requests/${r.body.id}/decline`, {
      message: 'Šim pakalpojumam nepieciešams nosūtījums.',
    });
    assert.equal(d.status, 200, JSON.stringify(d.body));
    assert.equal(await status(r.body.id), 'declined');
    await w.worker.drain();
    const mail = (await w.smtp.waitFor(1)).find((m) => m.to[0] === 'decline@example.lv');
    assert.ok(mail, 'the person is written to');
    assert.match(mail.subject, /atbilde uz jūsu pieraksta pieprasījumu/);
    assert.match(mail.text, /nevaram apstiprināt/);
    assert.match(mail.text, /nepieciešams nosūtījums/);
    assert.equal((await w.rec.post(`/api/booking-requests/${r.body.id}/decline`, { message: 'vēlreiz' })).status, 409);
  });

  test('declined without an e-mail: the message goes by SMS', async () => {
    const r = await send({ birthDate: '1970-03-03', email: undefined, mobile: '+372 5555 0001', language: 'et' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    await w.rec.post(`/api/booking-requests/${r.body.id}/decline`, { message: 'Helistage meile, palun.' });
    await w.worker.drain();
    const sms = (await w.sms.waitFor(1)).find((m) => m.to === '+37255550001');
    assert.ok(sms, 'an SMS to the mobile');
    assert.match(sms.text, /ei saa teie broneerimissoovi/);
    assert.match(sms.text, /Helistage meile/);
  });

  test('nobody answered: overdue requests whose time passed lapse at night and the person is told', async () => {
    const lapsing = await send({
      birthDate: '1960-06-06',
      email: 'late@example.lv',
      ...at('2026-12-15T09:00:00+02:00'),
    });
    const waiting = await send({
      birthDate: '1960-06-06',
      email: 'wait@example.lv',
      ...at('2026-12-31T09:00:00+02:00'),
    });
    assert.equal(lapsing.status, 201, JSON.stringify(lapsing.body));
    const svc = w.t.services.bookingRequestExpiry;
    try {
      w.clock.set('2026-12-15T12:00:00Z'); // the wished time passed, but the answer is not yet due
      assert.equal(await svc.expire(w.clinic.id), 0);
      w.clock.set('2026-12-17T12:00:00Z'); // now overdue too
      assert.equal(await svc.expire(w.clinic.id), 1);
      assert.equal(await status(lapsing.body.id), 'expired');
      assert.equal(await status(waiting.body.id), 'new', 'a future wished time still waits for reception');
      assert.equal(await svc.expire(w.clinic.id), 0, 'nothing lapses twice');
      await w.worker.drain();
      const mail = (await w.smtp.waitFor(1)).find((m) => m.to[0] === 'late@example.lv');
      assert.ok(mail);
      assert.match(mail.text, /termiņš ir beidzies/);
      const rec = await login(w.t.app, w.clinic.slug, w.clinic.staff.receptionist.email); // the clock moved on
      const late = await rec.post(`/api/booking-requests/${lapsing.body.id}/confirm`, {});
      assert.equal(late.status, 409);
      const all = await rec.get('/api/booking-requests?all=true');
      assert.equal(all.body.items.find((i: { id: string }) => i.id === lapsing.body.id).state, 'expired');
      w.clock.set('2026-12-29T12:00:00Z'); // two weeks on, even a request for a later time lapses
      assert.equal(await svc.expire(w.clinic.id), 1);
      assert.equal(await status(waiting.body.id), 'expired');
    } finally {
      w.clock.set(START);
    }
  });

  test('the nightly run lapses them through the worker and queues the next night', async () => {
    const r = await send({ birthDate: '1961-07-07', email: 'night@example.lv', ...at('2026-12-15T10:00:00+02:00') });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    try {
      w.clock.set('2026-12-17T04:00:00Z');
      await enqueue(
        w.t.database.db,
        {
          clinicId: w.clinic.id,
          kind: 'booking_request.expire',
          runAt: w.clock.now(),
          dedupeKey: 'booking_expire:test',
        },
        w.clock.now(),
      );
      await w.worker.drain();
      assert.equal(await status(r.body.id), 'expired');
      const next = await w.t.database.raw.query<{ run_at: Date }>(
        "select run_at from outbox_jobs where kind = 'booking_request.expire' and dedupe_key = 'booking_expire:2026-12-18'",
      );
      assert.equal(new Date(next[0]!.run_at).toISOString(), '2026-12-18T04:00:00.000Z', '06:00 in Tallinn');
      const mail = (await w.smtp.waitFor(1)).find((m) => m.to[0] === 'night@example.lv');
      assert.ok(mail, 'the person is told');
    } finally {
      w.clock.set(START);
    }
  });
});
