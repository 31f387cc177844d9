import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { classify } from '../../platform/data-categories';
import { clinics } from '../clinics/clinics.schema';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Who treats: doctors, dentists, hygienists, therapists. A professional with a staff account
 * (`staff_user_id`) gets need-to-know of the patients booked with them (care_assignments).
 */
export const professionals = pgTable(
  'professionals',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    staffUserId: uuid('staff_user_id'),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    kind: text('kind', { enum: ['doctor', 'dentist', 'hygienist', 'therapist', 'nurse', 'other'] }).notNull(),
    /** Terviseameti registreerimiskood (e.g. D01234) or the Latvian registry number. */
    registrationCode: text('registration_code'),
    specialities: text('specialities').array().notNull().default([]),
    workPhone: text('work_phone'),
    workEmail: text('work_email'),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] }), index('professionals_staff_idx').on(t.clinicId, t.staffUserId)],
);

export const locations = pgTable(
  'locations',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    street: text('street').notNull(),
    city: text('city').notNull(),
    postalCode: text('postal_code').notNull(),
    country: text('country', { enum: ['EE', 'LV'] }).notNull(),
    phone: text('phone'),
    email: text('email'),
    active: boolean('active').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] })],
);

export const rooms = pgTable(
  'rooms',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    locationId: uuid('location_id').notNull(),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] })],
);

export type LocalizedName = Partial<Record<'et' | 'lv' | 'en' | 'ru', string>>;

/** What can be booked and for how long ("hambaravi konsultatsioon, 30 min"). */
export const visitServices = pgTable(
  'visit_services',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    code: text('code'),
    name: text('name').notNull(),
    names: jsonb('names').$type<LocalizedName>().notNull().default({}),
    durationMinutes: integer('duration_minutes').notNull(),
    /** Who provides it; empty means every active professional. */
    professionalIds: uuid('professional_ids').array().notNull().default([]),
    publicBooking: boolean('public_booking').notNull().default(true),
    active: boolean('active').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] })],
);

/** Weekly working hours of a professional ("arstide töögraafik"), on the clinic's wall clock. */
export const workSchedules = pgTable(
  'work_schedules',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    professionalId: uuid('professional_id').notNull(),
    weekday: integer('weekday').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    locationId: uuid('location_id'),
    roomId: uuid('room_id'),
    validFrom: date('valid_from', { mode: 'string' }),
    validUntil: date('valid_until', { mode: 'string' }),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('work_schedules_professional_idx').on(t.clinicId, t.professionalId),
  ],
);

/** Leave, closed days and extra hours; `professional_id` null closes the whole clinic. */
export const scheduleExceptions = pgTable(
  'schedule_exceptions',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    professionalId: uuid('professional_id'),
    kind: text('kind', { enum: ['leave', 'closed', 'extra'] }).notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    until: date('until', { mode: 'string' }),
    startTime: text('start_time'),
    endTime: text('end_time'),
    locationId: uuid('location_id'),
    note: text('note'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] }), index('schedule_exceptions_date_idx').on(t.clinicId, t.date)],
);

/** The clinic's queue settings: reminders, sending hours, templates, public booking. */
export const queueSettings = pgTable('queue_settings', {
  clinicId: uuid('clinic_id')
    .primaryKey()
    .references(() => clinics.id),
  reminderDaysBefore: integer('reminder_days_before').notNull().default(2),
  sendingFrom: text('sending_from').notNull().default('09:00'),
  sendingUntil: text('sending_until').notNull().default('20:00'),
  /** Per-language SMS template; placeholders {clinic} {date} {time} {professional} {service} {phone} {optOut}. */
  reminderTemplates: jsonb('reminder_templates').$type<LocalizedName>().notNull().default({}),
  cancelInstructions: jsonb('cancel_instructions').$type<LocalizedName>().notNull().default({}),
  publicBooking: boolean('public_booking').notNull().default(true),
  slotStepMinutes: integer('slot_step_minutes').notNull().default(15),
  minNoticeMinutes: integer('min_notice_minutes').notNull().default(60),
});

export const professionalsColumns = classify(professionals, {
  clinicId: null,
  id: null,
  staffUserId: null,
  firstName: 'name',
  lastName: 'name',
  kind: 'employment',
  registrationCode: 'employment',
  specialities: 'employment',
  workPhone: 'contact',
  workEmail: 'contact',
  active: null,
  createdAt: null,
});
export const locationsColumns = classify(locations, {
  clinicId: null,
  id: null,
  name: null,
  street: null,
  city: null,
  postalCode: null,
  country: null,
  phone: null,
  email: null,
  active: null,
});
export const roomsColumns = classify(rooms, { clinicId: null, id: null, locationId: null, name: null, active: null });
export const visitServicesColumns = classify(visitServices, {
  clinicId: null,
  id: null,
  code: null,
  name: null,
  names: null,
  durationMinutes: null,
  professionalIds: null,
  publicBooking: null,
  active: null,
});
export const workSchedulesColumns = classify(workSchedules, {
  clinicId: null,
  id: null,
  professionalId: null,
  weekday: 'employment',
  startTime: 'employment',
  endTime: 'employment',
  locationId: null,
  roomId: null,
  validFrom: null,
  validUntil: null,
});
// Leave is about an employee; its note may say why, so it is employment data.
export const scheduleExceptionsColumns = classify(scheduleExceptions, {
  clinicId: null,
  id: null,
  professionalId: null,
  kind: 'employment',
  date: 'employment',
  until: 'employment',
  startTime: 'employment',
  endTime: 'employment',
  locationId: null,
  note: 'employment',
  createdAt: null,
});
export const queueSettingsColumns = classify(queueSettings, {
  clinicId: null,
  reminderDaysBefore: null,
  sendingFrom: null,
  sendingUntil: null,
  reminderTemplates: null,
  cancelInstructions: null,
  publicBooking: null,
  slotStepMinutes: null,
  minNoticeMinutes: null,
});
