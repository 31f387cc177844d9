import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { classify } from '../../platform/data-categories';
import { clinics } from '../clinics/clinics.schema';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const queueStatuses = ['waiting', 'booked', 'arrived', 'done', 'cancelled', 'no_show', 'removed'] as const;
export type QueueStatus = (typeof queueStatuses)[number];
export const queueChannels = ['on_site', 'phone', 'email', 'website'] as const;
export type QueueChannel = (typeof queueChannels)[number];

/**
 * An entry of the treatment queue ("ravijärjekord") with what the Estonian queue regulation asks
 * to keep: the patient (name and ID code or birth date through patient_id), the contacts used,
 * the service and indication, the professional, the location, the planned time, the registration
 * date and channel, the referral or the complaint. Indication and complaint are health data and
 * stored encrypted. Emergency help given outside the queue is an entry with `emergency` set.
 */
export const queueEntries = pgTable(
  'queue_entries',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    patientId: uuid('patient_id').notNull(),
    contactMobile: text('contact_mobile'),
    contactEmail: text('contact_email'),
    language: text('language', { enum: ['et', 'lv', 'en', 'ru'] }).notNull(),
    serviceId: uuid('service_id').notNull(),
    indicationEnc: text('indication_enc'),
    complaintEnc: text('complaint_enc'),
    referralProfessional: text('referral_professional'),
    referralInstitution: text('referral_institution'),
    professionalId: uuid('professional_id'),
    locationId: uuid('location_id'),
    roomId: uuid('room_id'),
    startsAt: ts('starts_at'),
    endsAt: ts('ends_at'),
    registeredAt: ts('registered_at').notNull(),
    channel: text('channel', { enum: queueChannels }).notNull(),
    status: text('status', { enum: queueStatuses }).notNull(),
    emergency: boolean('emergency').notNull().default(false),
    /** The patient's choice of reminder: SMS only when they gave a mobile and wanted it. */
    reminderChannel: text('reminder_channel', { enum: ['sms', 'email', 'none'] })
      .notNull()
      .default('none'),
    bookingRequestId: uuid('booking_request_id'),
    registeredBy: uuid('registered_by'),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('queue_entries_professional_time_idx').on(t.clinicId, t.professionalId, t.startsAt),
    index('queue_entries_patient_idx').on(t.clinicId, t.patientId),
    index('queue_entries_status_idx').on(t.clinicId, t.status, t.startsAt),
    // A backstop under the per-professional lock: two live visits never start at the same minute.
    uniqueIndex('queue_entries_no_double_start_uq')
      .on(t.clinicId, t.professionalId, t.startsAt)
      .where(
        sql`${t.status} in ('booked', 'arrived', 'done') and ${t.professionalId} is not null and ${t.startsAt} is not null`,
      ),
  ],
);

/** Every change or removal: when, what, why, who, and whether (and how) the patient was told. */
export const queueEntryChanges = pgTable(
  'queue_entry_changes',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    entryId: uuid('entry_id').notNull(),
    at: ts('at').notNull(),
    byUserId: uuid('by_user_id'),
    byChannel: text('by_channel').notNull(),
    action: text('action', {
      enum: [
        'registered',
        'booked',
        'moved',
        'cancelled',
        'no_show',
        'arrived',
        'done',
        'removed',
        'changed',
        'emergency',
        'notice_printed',
      ],
    }).notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    previousStartsAt: ts('previous_starts_at'),
    newStartsAt: ts('new_starts_at'),
    previousProfessionalId: uuid('previous_professional_id'),
    newProfessionalId: uuid('new_professional_id'),
    reason: text('reason'),
    patientInformed: boolean('patient_informed').notNull().default(false),
    informedHow: text('informed_how'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('queue_entry_changes_entry_idx').on(t.clinicId, t.entryId, t.at),
  ],
);

export const queueEntriesColumns = classify(queueEntries, {
  clinicId: null,
  id: null,
  patientId: null,
  contactMobile: 'contact',
  contactEmail: 'contact',
  language: 'demographic',
  serviceId: 'health',
  indicationEnc: 'health',
  complaintEnc: 'health',
  referralProfessional: 'health',
  referralInstitution: 'health',
  professionalId: 'health',
  locationId: null,
  roomId: null,
  startsAt: 'health',
  endsAt: 'health',
  registeredAt: 'health',
  channel: null,
  status: 'health',
  emergency: 'health',
  reminderChannel: 'consent',
  bookingRequestId: null,
  registeredBy: 'access_log',
  version: null,
  updatedAt: null,
});
export const queueEntryChangesColumns = classify(queueEntryChanges, {
  clinicId: null,
  id: null,
  entryId: null,
  at: 'health',
  byUserId: 'access_log',
  byChannel: null,
  action: 'health',
  fromStatus: 'health',
  toStatus: 'health',
  previousStartsAt: 'health',
  newStartsAt: 'health',
  previousProfessionalId: 'health',
  newProfessionalId: 'health',
  reason: 'health',
  patientInformed: 'communication',
  informedHow: 'communication',
});
