import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Services } from '../../src/app';
import { fixedClock } from '../../src/platform/clock';
import { type FakeSmsApi, startFakeSmsApi } from '../fakes/sms-api';
import { type FakeSmtp, startFakeSmtp } from '../fakes/smtp';
import { type Agent, createClinic, createTestApp, patientBody, type TestApp, type TestClinic } from '../harness';

/**
 * A clinic with a dentist working Monday to Friday 09:00–17:00 at Ravi 7, a 30-minute check-up,
 * a patient, a real SMTP server and the fake SMS API on loopback. The clock starts on
 * Monday 14 December 2026, 10:00 in Tallinn, and only moves when a test moves it.
 */
export interface QueueWorld {
  t: TestApp;
  clinic: TestClinic;
  clock: ReturnType<typeof fixedClock>;
  smtp: FakeSmtp;
  sms: FakeSmsApi;
  worker: Services['worker'];
  messaging: Services['messaging'];
  rec: Agent;
  serviceId: string;
  professionalId: string;
  secondProfessionalId: string;
  locationId: string;
  patientId: string;
  close(): Promise<void>;
}

export const START = '2026-12-14T08:00:00Z';

/**
 * `registerPreset`: the processing register the clinic publishes (presets/*.yaml). Its purpose
 * "reminders" gives reminders their legal basis: legitimate interest in demo, consent in
 * parodontalia; null publishes none.
 */
export async function queueWorld(slug = 'parodont', registerPreset: string | null = 'demo'): Promise<QueueWorld> {
  const smtp = await startFakeSmtp();
  const sms = await startFakeSmsApi();
  const clock = fixedClock(START);
  const t = await createTestApp({
    clock,
    config: {
      SMTP_URL: smtp.url,
      SMS_API_URL: sms.url,
      SMS_API_USER: sms.username,
      SMS_API_PASSWORD: sms.password,
      SMS_SENDER: 'Parodont',
      PUBLIC_URL: 'https://hoidja.example',
    },
  });
  const clinic = await createClinic(t, slug);
  const admin = await clinic.as('admin');
  const created = async (url: string, body: unknown) => {
    const r = await admin.post(url, body);
    assert.equal(r.status, 201, `${url}: ${JSON.stringify(r.body)}`);
    return r.body.id as string;
  };
  const locationId = await created('/api/queue/locations', {
    name: 'Ravi 7',
    street: 'Ravi 7',
    city: 'Tallinn',
    postalCode: '10134',
    country: 'EE',
    phone: '+3726000001',
    email: `info@${slug}.example`,
  });
  const professionalId = await created('/api/queue/professionals', {
    firstName: 'Mari',
    lastName: 'Kask',
    kind: 'dentist',
    registrationCode: 'D01234',
    specialities: ['hambaravi'],
    staffUserId: clinic.staff.doctor.id,
  });
  const secondProfessionalId = await created('/api/queue/professionals', {
    firstName: 'Jüri',
    lastName: 'Lepp',
    kind: 'dentist',
    registrationCode: 'D04321',
    staffUserId: clinic.staff.doctor2.id,
  });
  const serviceId = await created('/api/queue/services', {
    name: 'Hambaravi konsultatsioon',
    names: { en: 'Dental check-up', lv: 'Zobārsta konsultācija', ru: 'Консультация стоматолога' },
    durationMinutes: 30,
  });
  for (const pro of [professionalId, secondProfessionalId]) {
    for (const weekday of [1, 2, 3, 4, 5])
      await created('/api/queue/schedules', { professionalId: pro, weekday, start: '09:00', end: '17:00', locationId });
  }
  if (registerPreset) await publishRegister(await clinic.as('dpo'), registerPreset);
  const rec = await clinic.as('receptionist');
  const p = await rec.post(
    '/api/patients',
    patientBody({ firstName: 'Tõnis', lastName: 'Õun', mobile: '+372 5123 4567', email: 'tonis.oun@example.ee' }),
  );
  assert.equal(p.status, 201, JSON.stringify(p.body));
  return {
    t,
    clinic,
    clock,
    smtp,
    sms,
    worker: t.services.worker,
    messaging: t.services.messaging,
    rec,
    serviceId,
    professionalId,
    secondProfessionalId,
    locationId,
    patientId: p.body.patient.id,
    close: async () => {
      await t.close();
      await smtp.close();
      await sms.close();
    },
  };
}

/** A booking body for the world's patient; override what a test cares about. */
export function visit(w: QueueWorld, overrides: Record<string, unknown> = {}) {
  return {
    patientId: w.patientId,
    serviceId: w.serviceId,
    channel: 'phone',
    professionalId: w.professionalId,
    startsAt: '2026-12-22T10:00:00+02:00',
    complaint: 'valu alumises hambas',
    reminderChannel: 'sms',
    ...overrides,
  };
}

export const count = async (t: TestApp, sql: string, params: unknown[] = []) =>
  Number((await t.database.raw.query<{ n: string }>(sql, params))[0]!.n);

/** A valid Estonian ID code for a woman born in 1980 with serial `n` (check digit computed). */
export function estonianCode(n: number): string {
  const base = `4800101${String(n).padStart(3, '0')}`;
  const d = [...base].map(Number);
  const sum = (w: number[]) => w.reduce((s, x, i) => s + x * d[i]!, 0) % 11;
  let c = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 1]);
  if (c === 10) c = sum([3, 4, 5, 6, 7, 8, 9, 1, 2, 3]);
  if (c === 10) c = 0;
  return `${base}${c}`;
}

/** Registers another patient; returns their id. */
export async function addPatient(w: QueueWorld, n: number, overrides: Record<string, unknown> = {}): Promise<string> {
  const r = await w.rec.post(
    '/api/patients',
    patientBody({
      firstName: 'Katrin',
      lastName: `Patsient${n}`,
      identity: { kind: 'national', country: 'EE', code: estonianCode(n) },
      mobile: `+372 5${String(10000000 + n).slice(1)}`,
      email: `patsient${n}@example.ee`,
      ...overrides,
    }),
  );
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.patient.id;
}

/** Imports a register preset and publishes it as the clinic's register in force. */
export async function publishRegister(dpo: Agent, preset: string) {
  const imported = await dpo.post('/api/register/import', {
    text: readFileSync(`presets/${preset}.yaml`, 'utf8'),
    file: `${preset}.yaml`,
  });
  assert.equal(imported.status, 200, JSON.stringify(imported.body));
  const published = await dpo.post('/api/register/publish', { summary: 'in force' });
  assert.equal(published.status, 201, JSON.stringify(published.body));
}
