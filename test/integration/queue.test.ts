import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { login, patientBody } from '../harness';
import { count, type QueueWorld, queueWorld, START, visit } from './queue.fixtures';

let w: QueueWorld;
before(async () => {
  w = await queueWorld();
});
after(() => w.close());

const entries = () => count(w.t, 'select count(*)::text as n from queue_entries');

describe('free times', () => {
  test('follow working hours, the service duration and the step', async () => {
    const r = await w.rec.get(
      `/api/queue/slots?serviceId=${w.serviceId}&from=2026-12-21&to=2026-12-21&professionalId=${w.professionalId}`,
    );
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.slots.length, 31); // 09:00 … 16:30 every 15 minutes
    assert.equal(r.body.slots[0].start, '2026-12-21T07:00:00.000Z');
  });
  test('close on Christmas Eve and over the holidays', async () => {
    const r = await w.rec.get(`/api/queue/slots?serviceId=${w.serviceId}&from=2026-12-24&to=2026-12-27`);
    assert.equal(r.body.slots.length, 0);
  });
  test('honour leave', async () => {
    const admin = await w.clinic.as('admin');
    const leave = await admin.post('/api/queue/exceptions', {
      professionalId: w.secondProfessionalId,
      kind: 'leave',
      date: '2026-12-28',
      until: '2026-12-30',
      note: 'puhkus',
    });
    assert.equal(leave.status, 201, JSON.stringify(leave.body));
    const r = await w.rec.get(
      `/api/queue/slots?serviceId=${w.serviceId}&from=2026-12-28&to=2026-12-30&professionalId=${w.secondProfessionalId}`,
    );
    assert.equal(r.body.slots.length, 0);
  });
});

describe('professionals and services', () => {
  test('a professional who leaves gets no new visits; only an administrator changes them', async () => {
    const admin = await w.clinic.as('admin');
    const extra = await admin.post('/api/queue/professionals', {
      firstName: 'Anu',
      lastName: 'Saar',
      kind: 'hygienist',
      specialities: ['suuhügieen'],
    });
    assert.equal(extra.status, 201);
    assert.equal((await w.rec.patch(`/api/queue/professionals/${extra.body.id}`, { active: false })).status, 403);
    const off = await admin.patch(`/api/queue/professionals/${extra.body.id}`, { active: false });
    assert.equal(off.status, 200, JSON.stringify(off.body));
    const bad = await admin.post('/api/queue/professionals', { firstName: 'X', lastName: 'Y', kind: 'wizard' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'kind');
    const r = await w.rec.post(
      '/api/queue/entries',
      visit(w, { professionalId: extra.body.id, startsAt: '2026-12-22T12:00:00+02:00' }),
    );
    assert.equal(r.status, 400);
    assert.equal(r.body.field, 'professionalId');
  });
});

describe('registering into the queue', () => {
  test('books a time, keeps the queue fields and gives the doctor need-to-know', async () => {
    const doctor = await w.clinic.as('doctor');
    assert.equal((await doctor.get(`/api/patients/${w.patientId}`)).status, 403, 'not yet the doctor’s patient');
    const r = await w.rec.post('/api/queue/entries', visit(w, { indication: 'kontroll', referral: undefined }));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const e = r.body.entry;
    assert.equal(e.status, 'booked');
    assert.equal(e.endsAt, '2026-12-22T08:30:00.000Z');
    assert.equal(e.locationId, w.locationId);
    assert.equal(e.contactMobile, '+37251234567');
    assert.equal(e.channel, 'phone');
    const got = await w.rec.get(`/api/queue/entries/${e.id}`);
    assert.equal(got.body.entry.patient.idCode, '46805280103');
    assert.equal(got.body.entry.complaint, 'valu alumises hambas');
    assert.equal(got.body.changes[0].action, 'registered');
    assert.equal(
      (await doctor.get(`/api/patients/${w.patientId}`)).status,
      200,
      'booked with the doctor: need-to-know',
    );
    const audit = await count(
      w.t,
      "select count(*)::text as n from audit_events where action = 'queue_entry.create' and patient_ref = $1",
      [w.patientId],
    );
    assert.equal(audit, 1);
  });

  test('puts a patient in the queue without a time, and books later', async () => {
    const r = await w.rec.post(
      '/api/queue/entries',
      visit(w, {
        professionalId: undefined,
        startsAt: undefined,
        referral: { professional: 'dr Tamm', institution: 'Perearstikeskus' },
        complaint: undefined,
      }),
    );
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.entry.status, 'waiting');
    const b = await w.rec.post(`/api/queue/entries/${r.body.entry.id}/book`, {
      professionalId: w.secondProfessionalId,
      startsAt: '2026-12-23T11:00:00+02:00',
      patientInformed: true,
      informedHow: 'telefon',
    });
    assert.equal(b.status, 200, JSON.stringify(b.body));
    assert.equal(b.body.entry.status, 'booked');
  });

  const bad: [string, Record<string, unknown>, number, string, RegExp][] = [
    ['outside working hours', { startsAt: '2026-12-22T18:00:00+02:00' }, 400, 'startsAt', /working hours/],
    ['in the past', { startsAt: '2026-12-14T09:00:00+02:00' }, 400, 'startsAt', /past/],
    ['on a public holiday', { startsAt: '2026-12-24T10:00:00+02:00' }, 400, 'startsAt', /jõululaupäev/],
    ['an unknown service', { serviceId: '00000000-0000-4000-8000-000000000000' }, 400, 'serviceId', /unknown service/],
    ['a slot already taken', { startsAt: '2026-12-22T10:15:00+02:00' }, 409, 'startsAt', /taken/],
    ['a malformed mobile number', { contactMobile: '12' }, 400, 'contactMobile', /mobile/],
    [
      'SMS wanted without a mobile',
      { contactMobile: undefined, reminderChannel: 'sms', patientId: 'NOPHONE' },
      400,
      'reminderChannel',
      /mobile/,
    ],
    ['no complaint and no referral', { complaint: undefined }, 400, 'complaint', /complaint/],
    ['a time without a zone', { startsAt: '2026-12-22T10:00' }, 400, 'startsAt', /zone/],
  ];
  for (const [name, override, status, field, reason] of bad) {
    test(`refuses ${name}, booking nothing`, async () => {
      if (override.patientId === 'NOPHONE') {
        const p = await w.rec.post(
          '/api/patients',
          patientBody({
            firstName: 'Ilma',
            lastName: 'Telefonita',
            identity: { kind: 'national', country: 'EE', code: '37605030299' },
            mobile: null,
          }),
        );
        assert.equal(p.status, 201, JSON.stringify(p.body));
        override.patientId = p.body.patient.id;
      }
      const before = await entries();
      const r = await w.rec.post('/api/queue/entries', visit(w, override));
      assert.equal(r.status, status, JSON.stringify(r.body));
      assert.equal(r.body.field, field);
      assert.match(r.body.message, reason);
      assert.equal(await entries(), before);
    });
  }

  test('an accountant cannot keep the queue', async () => {
    const acc = await w.clinic.as('accountant');
    assert.equal(
      (await acc.post('/api/queue/entries', visit(w, { startsAt: '2026-12-22T14:00:00+02:00' }))).status,
      403,
    );
    assert.equal((await acc.get('/api/queue/entries')).status, 403);
  });
});

describe('changes to a booking', () => {
  let id: string;
  before(async () => {
    const r = await w.rec.post('/api/queue/entries', visit(w, { startsAt: '2026-12-21T12:00:00+02:00' }));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    id = r.body.entry.id;
  });

  test('a move keeps when, why, who and whether the patient was told', async () => {
    const noReason = await w.rec.post(`/api/queue/entries/${id}/move`, {
      startsAt: '2026-12-21T13:00:00+02:00',
      by: 'patient',
      patientInformed: true,
    });
    assert.equal(noReason.status, 400);
    assert.equal(noReason.body.field, 'reason');
    const r = await w.rec.post(`/api/queue/entries/${id}/move`, {
      startsAt: '2026-12-21T13:00:00+02:00',
      reason: 'arst haigestus',
      by: 'clinic',
      patientInformed: true,
      informedHow: 'SMS',
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const { body } = await w.rec.get(`/api/queue/entries/${id}`);
    const moved = body.changes.find((c: { action: string }) => c.action === 'moved');
    assert.equal(moved.previousStartsAt, '2026-12-21T10:00:00.000Z');
    assert.equal(moved.newStartsAt, '2026-12-21T11:00:00.000Z');
    assert.equal(moved.reason, 'clinic: arst haigestus');
    assert.equal(moved.patientInformed, true);
    assert.equal(moved.byUserId, w.clinic.staff.receptionist.id);
    // The old time is free again.
    const again = await w.rec.post('/api/queue/entries', visit(w, { startsAt: '2026-12-21T12:00:00+02:00' }));
    assert.equal(again.status, 201, JSON.stringify(again.body));
  });

  test('no-show only after the visit began; arrived and done follow', async () => {
    const early = await w.rec.post(`/api/queue/entries/${id}/no-show`, {});
    assert.equal(early.status, 400);
    assert.equal(early.body.error, 'visit_not_due');
    const tooSoon = await w.rec.post(`/api/queue/entries/${id}/arrived`, {});
    assert.equal(tooSoon.status, 400, 'not on the days before the visit');
    assert.equal(tooSoon.body.error, 'visit_not_due');
    w.clock.set('2026-12-21T08:00:00Z'); // the visit's day (a new session: the old one went idle)
    const desk = await login(w.t.app, w.clinic.slug, w.clinic.staff.receptionist.email);
    assert.equal((await desk.post(`/api/queue/entries/${id}/arrived`, {})).body.entry.status, 'arrived');
    assert.equal((await desk.post(`/api/queue/entries/${id}/done`, {})).body.entry.status, 'done');
    w.clock.set(START);
    const late = await w.rec.post(`/api/queue/entries/${id}/cancel`, {
      reason: 'patsient loobus',
      by: 'patient',
      patientInformed: true,
    });
    assert.equal(late.status, 409);
  });

  test('cancel and remove record the reason; the list filters by status', async () => {
    const a = await w.rec.post('/api/queue/entries', visit(w, { startsAt: '2026-12-21T15:00:00+02:00' }));
    const c = await w.rec.post(`/api/queue/entries/${a.body.entry.id}/cancel`, {
      reason: 'patsient helistas',
      by: 'patient',
      patientInformed: true,
    });
    assert.equal(c.body.entry.status, 'cancelled');
    const b = await w.rec.post('/api/queue/entries', visit(w, { startsAt: undefined, professionalId: undefined }));
    const r = await w.rec.post(`/api/queue/entries/${b.body.entry.id}/remove`, {
      reason: 'ravi pole enam vajalik',
      patientInformed: false,
    });
    assert.equal(r.body.entry.status, 'removed');
    const list = await w.rec.get('/api/queue/entries?status=cancelled');
    assert.ok(list.body.items.every((i: { status: string }) => i.status === 'cancelled'));
    assert.ok(list.body.items.some((i: { id: string }) => i.id === a.body.entry.id));
  });

  test('a change of what was registered keeps the reason and the fields, not their values', async () => {
    const a = await w.rec.post('/api/queue/entries', visit(w, { startsAt: '2026-12-23T15:00:00+02:00' }));
    const id = a.body.entry.id;
    const noReason = await w.rec.patch(`/api/queue/entries/${id}`, { indication: 'röntgen', patientInformed: false });
    assert.equal(noReason.status, 400);
    const r = await w.rec.patch(`/api/queue/entries/${id}`, {
      indication: 'röntgen',
      referral: { professional: 'dr Tamm', institution: 'Perearstikeskus' },
      reason: 'saatekiri saabus',
      patientInformed: false,
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const { body } = await w.rec.get(`/api/queue/entries/${id}`);
    assert.equal(body.entry.indication, 'röntgen');
    assert.deepEqual(body.entry.referral, { professional: 'dr Tamm', institution: 'Perearstikeskus' });
    const changed = body.changes.find((c: { action: string }) => c.action === 'changed');
    assert.equal(changed.reason, 'saatekiri saabus [indication, referral]');
    assert.doesNotMatch(JSON.stringify(changed), /röntgen/);
    const bad = await w.rec.patch(`/api/queue/entries/${id}`, {
      contactMobile: '12',
      reason: 'uus number',
      patientInformed: true,
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'contactMobile');
  });

  test('emergency help is recorded outside the queue', async () => {
    const r = await w.rec.post('/api/queue/emergency', {
      patientId: w.patientId,
      serviceId: w.serviceId,
      professionalId: w.professionalId,
      complaint: 'trauma, murdunud hammas',
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.entry.emergency, true);
  });

  test('waits per service', async () => {
    const r = await w.rec.get('/api/queue/reports/waits?from=2026-12-01T00:00:00Z&to=2027-01-31T00:00:00Z');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const s = r.body.services.find((x: { serviceId: string }) => x.serviceId === w.serviceId);
    assert.ok(s.visits >= 3);
    assert.ok(s.medianDays > 6 && s.medianDays < 10, JSON.stringify(s));
  });
});

describe('no double booking', () => {
  test('of many parallel requests for one time exactly one wins', async () => {
    const n = 16;
    const results = await Promise.all(
      Array.from({ length: n }, () =>
        w.rec.post('/api/queue/entries', visit(w, { startsAt: '2026-12-29T09:00:00+02:00', reminderChannel: 'none' })),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    assert.equal(statuses.filter((s) => s === 201).length, 1, JSON.stringify(statuses));
    assert.equal(statuses.filter((s) => s === 409).length, n - 1);
    const held = await count(
      w.t,
      "select count(*)::text as n from queue_entries where professional_id = $1 and starts_at = '2026-12-29T07:00:00Z' and status in ('booked','arrived','done')",
      [w.professionalId],
    );
    assert.equal(held, 1);
  });

  test('overlapping times starting at different minutes are refused too', async () => {
    const times = [
      '2026-12-29T11:00:00+02:00',
      '2026-12-29T11:10:00+02:00',
      '2026-12-29T11:20:00+02:00',
      '2026-12-29T10:45:00+02:00',
    ];
    const results = await Promise.all(
      times.map((startsAt) => w.rec.post('/api/queue/entries', visit(w, { startsAt, reminderChannel: 'none' }))),
    );
    const overlaps = await count(
      w.t,
      `select count(*)::text as n from queue_entries a join queue_entries b
      on a.clinic_id = b.clinic_id and a.professional_id = b.professional_id and a.id < b.id
      and a.starts_at < b.ends_at and b.starts_at < a.ends_at
      where a.status in ('booked','arrived','done') and b.status in ('booked','arrived','done') and not a.emergency and not b.emergency`,
    );
    assert.equal(overlaps, 0);
    assert.ok(results.filter((r) => r.status === 201).length >= 1);
  });
});
