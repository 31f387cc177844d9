import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { clinics } from '../../modules/clinics/clinics.schema';
import { classify } from '../data-categories';
import type { JobKind } from './job-kinds';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The outbox: messages and jobs written in the same transaction as the change that causes them,
 * then claimed by a worker with FOR UPDATE SKIP LOCKED. A claim is a lease: a worker that dies
 * leaves the row `sending` with an expired lease and another worker takes it up again.
 * `dedupe_key` makes "never twice" a constraint (one reminder per visit time).
 */
export const outboxJobs = pgTable(
  'outbox_jobs',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    kind: text('kind').$type<JobKind>().notNull(),
    dedupeKey: text('dedupe_key'),
    /** What the handler needs; recipients and texts are encrypted inside it (payload_enc). */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    payloadEnc: text('payload_enc'),
    /** The queue entry, request or patient the message is about (for the staff's delivery list). */
    subjectType: text('subject_type'),
    subjectId: uuid('subject_id'),
    patientId: uuid('patient_id'),
    status: text('status', { enum: ['queued', 'sending', 'sent', 'failed', 'cancelled', 'skipped'] })
      .notNull()
      .default('queued'),
    runAt: ts('run_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    lockedBy: text('locked_by'),
    lockedUntil: ts('locked_until'),
    lastError: text('last_error'),
    result: jsonb('result').$type<Record<string, unknown>>(),
    createdAt: ts('created_at').notNull(),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('outbox_jobs_dedupe_uq').on(t.clinicId, t.dedupeKey).where(sql`${t.dedupeKey} is not null`),
    index('outbox_jobs_due_idx').on(t.clinicId, t.status, t.runAt),
    index('outbox_jobs_subject_idx').on(t.clinicId, t.subjectType, t.subjectId),
  ],
);

export const outboxJobsColumns = classify(outboxJobs, {
  clinicId: null,
  id: null,
  kind: null,
  dedupeKey: null,
  payload: null,
  payloadEnc: 'communication',
  subjectType: null,
  subjectId: null,
  patientId: null,
  status: 'communication',
  runAt: 'communication',
  attempts: null,
  maxAttempts: null,
  lockedBy: null,
  lockedUntil: null,
  lastError: 'communication',
  result: 'communication',
  createdAt: null,
  finishedAt: null,
});
