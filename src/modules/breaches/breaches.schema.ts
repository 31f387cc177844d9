import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { classify } from '../../platform/data-categories';
import { clinics } from '../clinics/clinics.schema';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The breach register (GDPR Art. 33(5)): every personal-data breach with its facts, effects and
 * remedies, the 72-hour clock to the supervisory authority, and the decision on informing the
 * people affected (Art. 34).
 */
export const breaches = pgTable(
  'breaches',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    discoveredAt: ts('discovered_at').notNull(),
    nature: text('nature').notNull(),
    /** Register data categories concerned (catalogue keys). */
    categories: jsonb('categories').$type<string[]>().notNull(),
    approxPeople: integer('approx_people').notNull(),
    approxRecords: integer('approx_records').notNull(),
    consequences: text('consequences').notNull(),
    measures: text('measures').notNull(),
    authorityNotifiedAt: ts('authority_notified_at'),
    /** Why the authority was told after 72 hours (Art. 33(1)). */
    lateReason: text('late_reason'),
    /** Art. 34: inform the people (yes), not needed (no, with the reason), or not decided. */
    informPeople: text('inform_people', { enum: ['undecided', 'yes', 'no'] })
      .notNull()
      .default('undecided'),
    informReason: text('inform_reason'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] })],
);

export const breachesColumns = classify(breaches, {
  clinicId: null,
  id: null,
  discoveredAt: 'access_log',
  nature: 'access_log',
  categories: null,
  approxPeople: null,
  approxRecords: null,
  consequences: 'access_log',
  measures: 'access_log',
  authorityNotifiedAt: null,
  lateReason: 'access_log',
  informPeople: null,
  informReason: 'access_log',
  createdBy: 'access_log',
  createdAt: null,
});

/** The patients a breach affected, as found from the audit log (or added by hand). */
export const breachAffected = pgTable(
  'breach_affected',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    breachId: uuid('breach_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    /** How it was found: "audit: user X between T1 and T2". */
    foundBy: text('found_by').notNull(),
    addedAt: ts('added_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.breachId, t.patientId] }),
    index('breach_affected_patient_idx').on(t.clinicId, t.patientId),
  ],
);

export const breachAffectedColumns = classify(breachAffected, {
  clinicId: null,
  breachId: null,
  patientId: null,
  foundBy: 'access_log',
  addedAt: null,
});
