import { eq } from 'drizzle-orm';
import { systemContext } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import { staffUsers } from '../../platform/auth/auth.schema';
import type { Clock } from '../../platform/clock';
import type { Config } from '../../platform/config';
import type { FieldCipher } from '../../platform/crypto';
import { newId } from '../../platform/crypto';
import type { Db } from '../../platform/db';
import type { App } from '../../platform/http/server';
import { cancelPending } from '../../platform/jobs/outbox';
import { createOutboxWorker, type JobHandler } from '../../platform/jobs/worker';
import type { Logger } from '../../platform/logger';
import { createMailer, type Mailer } from '../../platform/mail';
import { createSmsSender, type SmsSender } from '../../platform/sms';
import { isWorkingDay } from '../../rules/holidays';
import { addDays, isoWeekday, localDate, zonedInstant } from '../../rules/zoned-time';
import { bookingRoutes } from '../booking/booking.routes';
import { createBookingService } from '../booking/booking.service';
import type { ClinicLookup } from '../clinics/clinics.service';
import { createMessagingService } from '../messaging/messaging.service';
import type { ReminderBasis } from '../messaging/reminder-basis';
import { patients } from '../patients/patients.schema';
import type { PatientsService } from '../patients/patients.service';
import { createQueueReadService } from './queue.read';
import { queueRoutes } from './queue.routes';
import { createQueueService } from './queue.service';
import { createResourcesService } from './resources.service';
import { createSlotsService } from './slots.service';

export interface QueueModuleDeps {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
  audit: AuditService;
  config: Config;
  patients: PatientsService;
  clinics: ClinicLookup;
  logger?: Logger;
  /** The legal basis of reminders: the register's purpose "reminders" and the consent ledger. */
  reminderBasis: ReminderBasis;
  /** Tests and the benchmark may hand in their own adapters; otherwise they come from the config. */
  mailer?: Mailer;
  sms?: SmsSender;
  /** Outbox jobs of other modules that the same worker handles (e.g. the privacy-notice letters). */
  moreJobHandlers?: Record<string, JobHandler>;
}

/**
 * The treatment queue, bookings, notices and reminders wired together: one call from app.ts.
 * The outbox worker starts when the server starts listening (`hoidja serve`), never under
 * `app.inject` in tests, which drive it themselves; `hoidja worker` runs it alone.
 */
export function createQueueModule(deps: QueueModuleDeps) {
  const { db, clock, cipher, audit, config, clinics } = deps;
  const mailer = deps.mailer ?? createMailer(config, deps.logger);
  const sms = deps.sms ?? createSmsSender(config, deps.logger);
  const slots = createSlotsService({ db, clock, clinics });
  const messaging = createMessagingService({ db, clock, audit, mailer, sms, clinics, basis: deps.reminderBasis });
  const resources = createResourcesService({ db, clock, audit });
  const queue = createQueueService({
    db,
    clock,
    cipher,
    audit,
    slots,
    notifier: messaging.notifier,
    reminderChosen: deps.reminderBasis.chosen,
  });
  const read = createQueueReadService({ db, clock, cipher, audit });
  const booking = createBookingService({ db, clock, cipher, audit, slots, queue, patients: deps.patients, clinics });
  const worker = createOutboxWorker({
    db,
    clock,
    handlers: { ...deps.moreJobHandlers, ...messaging.handlers },
    logger: deps.logger,
  });

  async function routes(app: App) {
    await app.register(queueRoutes({ resources, slots, queue, read, messaging }));
    await app.register(bookingRoutes(booking));
    if (config.WORKER === 'on') {
      app.addHook('onListen', async () => worker.start());
      app.addHook('onClose', async () => {
        await worker.stop();
        mailer.close();
      });
    }
  }

  return { mailer, sms, slots, messaging, resources, queue, read, booking, worker, routes };
}
export type QueueModule = ReturnType<typeof createQueueModule>;

/** The services app.ts composes, as far as the queue's demo seed needs them. */
export type HostServices = Pick<QueueModuleDeps, 'db' | 'clock' | 'cipher' | 'audit' | 'config' | 'patients'>;

/**
 * The demo clinic's day: a location, two dentists linked to their staff accounts, three services,
 * working hours and a few visits in the coming days, so the calendar is not empty on a fresh install.
 */
export async function seedDemoQueue(services: HostServices & { queue: QueueModule }, clinicId: string): Promise<void> {
  const q = services.queue;
  const repo = q.resources.repo;
  const { db, clock } = services;
  const now = clock.now();
  const staff = await db
    .select({ id: staffUsers.id, email: staffUsers.email, roles: staffUsers.roles, fullName: staffUsers.fullName })
    .from(staffUsers)
    .where(eq(staffUsers.clinicId, clinicId));
  const byEmail = (prefix: string) => staff.find((u) => u.email.startsWith(prefix));
  const locationId = newId();
  await repo.insertLocation(db, {
    clinicId,
    id: locationId,
    name: 'Tartu mnt 1',
    street: 'Tartu mnt 1',
    city: 'Tallinn',
    postalCode: '10115',
    country: 'EE',
    phone: '+3726000000',
    email: 'info@demo.hoidja.ee',
  });
  const pros = [
    {
      first: 'Peeter',
      last: 'Tamm',
      code: 'D01234',
      staff: byEmail('dr.tamm'),
      days: [1, 2, 3, 4, 5],
      start: '09:00',
      end: '17:00',
    },
    {
      first: 'Liis',
      last: 'Saar',
      code: 'D05678',
      staff: byEmail('dr.saar'),
      days: [1, 2, 3, 4],
      start: '10:00',
      end: '18:00',
    },
  ];
  const proIds: string[] = [];
  for (const p of pros) {
    const id = newId();
    proIds.push(id);
    await repo.insertProfessional(db, {
      clinicId,
      id,
      staffUserId: p.staff?.id ?? null,
      firstName: p.first,
      lastName: p.last,
      kind: 'dentist',
      registrationCode: p.code,
      specialities: ['hambaravi'],
      createdAt: now,
    });
    for (const weekday of p.days)
      await repo.insertSchedule(db, {
        clinicId,
        id: newId(),
        professionalId: id,
        weekday,
        startTime: p.start,
        endTime: p.end,
        locationId,
      });
  }
  const serviceIds: string[] = [];
  for (const [name, names, minutes] of [
    [
      'Hambaravi konsultatsioon',
      {
        et: 'Hambaravi konsultatsioon',
        lv: 'Zobārsta konsultācija',
        en: 'Dental check-up',
        ru: 'Консультация стоматолога',
      },
      30,
    ],
    [
      'Hammaste professionaalne puhastus',
      {
        et: 'Hammaste professionaalne puhastus',
        lv: 'Profesionālā zobu tīrīšana',
        en: 'Professional cleaning',
        ru: 'Профессиональная чистка зубов',
      },
      60,
    ],
    [
      'Plommi paigaldus',
      { et: 'Plommi paigaldus', lv: 'Plombes ielikšana', en: 'Filling', ru: 'Установка пломбы' },
      45,
    ],
  ] as const) {
    const id = newId();
    serviceIds.push(id);
    await repo.insertService(db, { clinicId, id, name, names, durationMinutes: minutes });
  }
  await db.transaction((tx) =>
    services.audit.append(tx, systemContext(clinicId, 'cli'), [
      auditEntry({ action: 'queue.demo_seed', entityType: 'clinic', entityId: clinicId, purpose: 'administration' }),
    ]),
  );
  // A few visits on the coming working days, booked the way reception books them.
  const reception = byEmail('registratuur');
  if (!reception) return;
  const ctx = {
    clinicId,
    user: { id: reception.id, fullName: reception.fullName, roles: reception.roles },
    requestId: null,
    channel: 'cli' as const,
  };
  const someone = await db.select({ id: patients.id }).from(patients).where(eq(patients.clinicId, clinicId)).limit(6);
  let day = localDate(now, 'Europe/Tallinn');
  for (let i = 0; i < someone.length; i++) {
    do day = addDays(day, 1);
    while (!isWorkingDay('EE', day) || isoWeekday(day) > 4);
    const entry = await q.queue
      .register(ctx, {
        patientId: someone[i]!.id,
        serviceId: serviceIds[i % 3]!,
        channel: i % 2 ? 'phone' : 'on_site',
        professionalId: proIds[i % 2]!,
        startsAt: zonedInstant(day, (11 + (i % 3)) * 60, 'Europe/Tallinn').toISOString(),
        complaint: 'kontroll',
        reminderChannel: 'none',
      })
      .catch(() => null);
    // Invented people get no e-mail, even where SMTP is configured.
    if (entry) await cancelPending(db, clinicId, 'queue_entry', entry.id, ['visit_notice', 'reminder']);
  }
}
