import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { classify } from '../../platform/data-categories';
import { clinics } from '../clinics/clinics.schema';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * One-time sign-in links of the patient portal, sent by e-mail or SMS. Only a SHA-256 of the token
 * is kept; a link is valid for 15 minutes and used at most once. `email_hash` (SHA-256 of clinic and
 * address: the e-mail address, or `sms:` and the mobile number) lets the sender count recent links
 * per address without keeping the address again. `patient_id` is the person signing in as
 * themselves (null for a representative who is not a patient); `representative_ids` the
 * representations registered with the same address, which the session may act through.
 */
export const portalLoginLinks = pgTable(
  'portal_login_links',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: text('id').notNull(),
    patientId: uuid('patient_id'),
    representativeIds: uuid('representative_ids').array().notNull().default(sql`'{}'::uuid[]`),
    emailHash: text('email_hash').notNull(),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('portal_login_links_email_idx').on(t.clinicId, t.emailHash, t.createdAt),
  ],
);

/**
 * A portal session: the cookie holds a random token, this table its SHA-256. `patient_id` is the
 * patient whose data the session acts on: the person themselves (`self_patient_id`), or one they
 * represent through `representative_id`, one of the representations the sign-in opened.
 */
export const portalSessions = pgTable(
  'portal_sessions',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: text('id').notNull(),
    patientId: uuid('patient_id').notNull(),
    selfPatientId: uuid('self_patient_id'),
    representativeId: uuid('representative_id'),
    representativeIds: uuid('representative_ids').array().notNull().default(sql`'{}'::uuid[]`),
    csrfToken: text('csrf_token').notNull(),
    createdAt: ts('created_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    endedAt: ts('ended_at'),
    endReason: text('end_reason', {
      enum: ['logout', 'idle', 'expired', 'patient_inactive', 'representation_ended'],
    }),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('portal_sessions_patient_idx').on(t.clinicId, t.patientId),
  ],
);

export const portalLoginLinksColumns = classify(portalLoginLinks, {
  clinicId: null,
  id: 'online_identifier',
  patientId: null,
  representativeIds: 'representation',
  emailHash: 'contact',
  createdAt: 'access_log',
  expiresAt: null,
  usedAt: 'access_log',
});

export const portalSessionsColumns = classify(portalSessions, {
  clinicId: null,
  id: 'online_identifier',
  patientId: null,
  selfPatientId: null,
  representativeId: 'representation',
  representativeIds: 'representation',
  csrfToken: 'online_identifier',
  createdAt: 'access_log',
  lastSeenAt: 'access_log',
  expiresAt: null,
  endedAt: 'access_log',
  endReason: 'access_log',
});
