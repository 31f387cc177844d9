import { boolean, date, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { classify } from '../../platform/data-categories';
import { clinics } from '../clinics/clinics.schema';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A written booking request (website, e-mail): reception must answer within 2 working days of
 * the clinic's country, and ends answered (a visit), declined (with a message) or expired (nobody
 * answered in time; the person is told). It holds contacts and may hold a description of the complaint.
 */
export const bookingRequests = pgTable(
  'booking_requests',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    receivedAt: ts('received_at').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    dueAt: ts('due_at').notNull(),
    channel: text('channel', { enum: ['website', 'email'] }).notNull(),
    serviceId: uuid('service_id').notNull(),
    professionalId: uuid('professional_id'),
    preferredStart: ts('preferred_start'),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    birthDate: date('birth_date', { mode: 'string' }),
    idCodeEnc: text('id_code_enc'),
    mobile: text('mobile'),
    email: text('email'),
    language: text('language', { enum: ['et', 'lv', 'en', 'ru'] }).notNull(),
    messageEnc: text('message_enc'),
    wantsSmsReminder: boolean('wants_sms_reminder').notNull().default(false),
    wantsEmailReminder: boolean('wants_email_reminder').notNull().default(false),
    status: text('status', { enum: ['new', 'answered', 'declined', 'expired'] })
      .notNull()
      .default('new'),
    answeredAt: ts('answered_at'),
    answeredBy: uuid('answered_by'),
    answerNote: text('answer_note'),
    queueEntryId: uuid('queue_entry_id'),
    patientId: uuid('patient_id'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('booking_requests_due_idx').on(t.clinicId, t.status, t.dueAt),
  ],
);

export const bookingRequestsColumns = classify(bookingRequests, {
  clinicId: null,
  id: null,
  receivedAt: 'communication',
  dueDate: null,
  dueAt: null,
  channel: null,
  serviceId: 'health',
  professionalId: 'health',
  preferredStart: 'health',
  firstName: 'name',
  lastName: 'name',
  birthDate: 'demographic',
  idCodeEnc: 'national_id',
  mobile: 'contact',
  email: 'contact',
  language: 'demographic',
  messageEnc: 'health',
  wantsSmsReminder: 'consent',
  wantsEmailReminder: 'consent',
  status: null,
  answeredAt: 'communication',
  answeredBy: 'access_log',
  answerNote: 'communication',
  queueEntryId: null,
  patientId: null,
});
