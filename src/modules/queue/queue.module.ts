import { systemContext } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { FieldCipher } from '../../platform/crypto';
import { newId } from '../../platform/crypto';
import type { Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { cancelPending } from '../../platform/jobs/outbox';
import { type DemoClinic, defineModule } from '../../platform/module';
import { isWorkingDay } from '../../rules/holidays';
import { addDays, isoWeekday, localDate, zonedInstant } from '../../rules/zoned-time';
import type { ClinicLookup } from '../clinics/clinics.service';
import type { MessagingService } from '../messaging/messaging.service';
import type { ReminderBasis } from '../messaging/reminder-basis';
import type { PatientReads } from '../patients/patients.reads';
import { createQueueReadService } from './queue.read';
import { queueRoutes } from './queue.routes';
import { createQueueService, type QueueService } from './queue.service';
import { createResourcesService, type ResourcesService } from './resources.service';
import { createSlotsService } from './slots.service';

export interface QueueModuleDeps {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
  audit: AuditService;
  /** Notices and reminders of a booked visit, and the delivery list the queue's routes show. */
  messaging: MessagingService;
  /** The patient asked for reminders: recorded as consent where the register says consent is the basis. */
  reminderBasis: Pick<ReminderBasis, 'chosen'>;
  clinics: ClinicLookup;
  patients: Pick<PatientReads, 'forVisit' | 'names' | 'isAssigned' | 'assignCare' | 'caredFor'>;
}

/**
 * The treatment queue: professionals, places, services and hours (resources), free times (slots),
 * the queue itself and its read views. Bookings (booking module) and messages (messaging module)
 * build on it.
 */
export const queueModule = defineModule({
  name: 'queue',
  create(deps: QueueModuleDeps) {
    const { db, clock, cipher, audit, messaging, clinics } = deps;
    const slots = createSlotsService({ db, clock, clinics });
    const resources = createResourcesService({ db, clock, audit, clinics });
    const queue = createQueueService({
      db,
      clock,
      cipher,
      audit,
      slots,
      notifier: messaging.notifier,
      reminderChosen: deps.reminderBasis.chosen,
      patients: deps.patients,
    });
    const read = createQueueReadService({ db, clock, cipher, audit, patients: deps.patients });
    return {
      services: { slots, resources, queue, read },
      routes: queueRoutes({ resources, slots, queue, read, messaging }),
      seedDemo: (clinic: DemoClinic) => seedDemoQueue({ db, clock, audit, resources, queue }, clinic),
    };
  },
});

/**
 * The demo clinic's day: a location, two dentists linked to their staff accounts, three services,
 * working hours and a few visits in the coming days, so the calendar is not empty on a fresh install.
 */
async function seedDemoQueue(
  s: { db: Db; clock: Clock; audit: AuditService; resources: ResourcesService; queue: QueueService },
  { clinicId, staff, patientIds }: DemoClinic,
): Promise<void> {
  const repo = s.resources.repo;
  const { db, clock } = s;
  const now = clock.now();
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
    s.audit.append(tx, systemContext(clinicId, 'cli'), [
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
  const someone = patientIds.slice(0, 6);
  let day = localDate(now, 'Europe/Tallinn');
  for (let i = 0; i < someone.length; i++) {
    do day = addDays(day, 1);
    while (!isWorkingDay('EE', day) || isoWeekday(day) > 4);
    const entry = await s.queue
      .register(ctx, {
        patientId: someone[i]!,
        serviceId: serviceIds[i % 3]!,
        channel: i % 2 ? 'phone' : 'on_site',
        professionalId: proIds[i % 2]!,
        startsAt: zonedInstant(day, (11 + (i % 3)) * 60, 'Europe/Tallinn').toISOString(),
        complaint: 'kontroll',
        reminderChannel: 'none',
      })
      // A time the rules refuse (e.g. a holiday the calendar knows) leaves that day empty; a failure stops the seed.
      .catch((err) => {
        if (err instanceof AppError && err.status < 500) return null;
        throw err;
      });
    // Invented people get no e-mail, even where SMTP is configured.
    if (entry) await cancelPending(db, clinicId, 'queue_entry', entry.id, ['visit_notice', 'reminder']);
  }
}
