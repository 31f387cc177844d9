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

/** Cookies and similar technologies a visitor may allow; strictly necessary ones need no consent. */
export const optionalCookieCategories = ['preferences', 'statistics', 'marketing'] as const;
export type OptionalCookieCategory = (typeof optionalCookieCategories)[number];

/**
 * A website visitor's cookie choices (ePrivacy Art. 5(3)): who is no patient and is known only by
 * the pseudonymous id the clinic's website keeps in the visitor's browser. Append-only like the
 * patients' ledger; the choice in force is the latest event per category.
 */
export const visitorConsentEvents = pgTable(
  'visitor_consent_events',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    /** The pseudonymous id of the visitor's browser, never a name or an address. */
    visitorId: text('visitor_id').notNull(),
    category: text('category', { enum: optionalCookieCategories }).notNull(),
    action: text('action', { enum: ['given', 'withdrawn'] }).notNull(),
    /** The published notice version the visitor was shown (null when none was published yet). */
    noticeVersion: integer('notice_version'),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('visitor_consent_events_visitor_idx').on(t.clinicId, t.visitorId, t.category, t.recordedAt),
  ],
);

export const visitorConsentEventsColumns = classify(visitorConsentEvents, {
  clinicId: null,
  id: null,
  visitorId: 'online_identifier',
  category: 'consent',
  action: 'consent',
  noticeVersion: 'consent',
  recordedAt: 'consent',
  seq: null,
});
