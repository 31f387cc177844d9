import { bigserial, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { classify } from '../../platform/data-categories';
import { clinics } from '../clinics/clinics.schema';

export const consentActions = ['given', 'withdrawn', 'objected', 'objection_withdrawn'] as const;
export type ConsentAction = (typeof consentActions)[number];
export const consentChannels = ['web', 'portal', 'link', 'paper', 'email', 'on_site', 'phone'] as const;
export type ConsentChannel = (typeof consentChannels)[number];

/**
 * The consent ledger: every consent given or withdrawn, and every objection to a legitimate-
 * interest purpose, as an event. Append-only (a trigger refuses UPDATE and DELETE); the current
 * state of a person and purpose is the latest event.
 */
export const consentEvents = pgTable(
  'consent_events',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    patientId: uuid('patient_id').notNull(),
    /** The key of the register purpose, e.g. newsletter. */
    purposeKey: text('purpose_key').notNull(),
    action: text('action', { enum: consentActions }).notNull(),
    channel: text('channel', { enum: consentChannels }).notNull(),
    /** The published notice version the person was shown (null when none was published yet). */
    noticeVersion: integer('notice_version'),
    /** The representative who acted for a minor or a person under guardianship. */
    representativeId: uuid('representative_id'),
    /** The staff member who recorded it; null when the person acted themselves (portal, link). */
    recordedBy: uuid('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** Order of recording: a consent and its withdrawal in the same instant still have an order. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('consent_events_patient_idx').on(t.clinicId, t.patientId, t.purposeKey, t.recordedAt),
    index('consent_events_purpose_idx').on(t.clinicId, t.purposeKey, t.recordedAt),
  ],
);

export const consentEventsColumns = classify(consentEvents, {
  clinicId: null,
  id: null,
  patientId: null,
  purposeKey: 'consent',
  action: 'consent',
  channel: 'consent',
  noticeVersion: 'consent',
  representativeId: 'representation',
  recordedBy: 'access_log',
  recordedAt: 'consent',
  seq: null,
  note: 'consent',
});
