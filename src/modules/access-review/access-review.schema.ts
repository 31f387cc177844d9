import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { classify } from '../../platform/data-categories';
import { clinics } from '../clinics/clinics.schema';

/** A finding of the access review marked reviewed by the DPO, with what they concluded. */
export const accessReviewMarks = pgTable(
  'access_review_marks',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    /** The finding's stable key: kind, staff member and day (or event). */
    findingKey: text('finding_key').notNull(),
    outcome: text('outcome', { enum: ['justified', 'breach_opened', 'instructed'] }).notNull(),
    note: text('note').notNull(),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.findingKey] })],
);

export const accessReviewMarksColumns = classify(accessReviewMarks, {
  clinicId: null,
  findingKey: null,
  outcome: 'access_log',
  note: 'access_log',
  reviewedBy: 'access_log',
  reviewedAt: 'access_log',
});
