import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { classify } from '../../platform/data-categories';
import { clinics } from '../clinics/clinics.schema';
import type { ReportLine, RetentionPlan } from './retention.rules';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const holdKinds = ['incident', 'dispute', 'authority_request'] as const;
export type HoldKind = (typeof holdKinds)[number];

/**
 * Legal holds: while one is in force (not released, its end not passed) no retention run and no
 * erasure removes what it covers — one patient's data, one retention target, or everything.
 */
export const retentionHolds = pgTable(
  'retention_holds',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    kind: text('kind', { enum: holdKinds }).notNull(),
    reason: text('reason').notNull(),
    /** Who answers for the hold (a name or role, e.g. "DPO Mari Maasikas"). */
    owner: text('owner').notNull(),
    /** The patient it covers; null: every patient. */
    patientId: uuid('patient_id'),
    /** The retention target it covers (e.g. "accounting"); null: every target. */
    target: text('target'),
    /** One camera recording it keeps (an incident on tape); null: not a single recording. */
    recordingId: uuid('recording_id'),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    /** Last day in force; null until released. */
    endsOn: date('ends_on', { mode: 'string' }),
    releasedAt: ts('released_at'),
    releasedBy: uuid('released_by'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('retention_holds_patient_idx').on(t.clinicId, t.patientId),
  ],
);

export const retentionHoldsColumns = classify(retentionHolds, {
  clinicId: null,
  id: null,
  kind: 'access_log',
  reason: 'access_log',
  owner: 'access_log',
  patientId: null,
  target: null,
  recordingId: null,
  startsOn: 'access_log',
  endsOn: 'access_log',
  releasedAt: 'access_log',
  releasedBy: 'access_log',
  createdBy: 'access_log',
  createdAt: 'access_log',
});

/**
 * One retention run per clinic: its plan when it began, and its report, counted per target in
 * the same transaction as each batch, so a run killed half-way resumes from the same counts.
 * Counts and rule names only, never personal data.
 */
export const retentionRuns = pgTable(
  'retention_runs',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    /** The clinic's date the cut-offs are computed from (a resumed run keeps it). */
    runDate: date('run_date', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['running', 'done'] }).notNull(),
    /** 'cli', 'worker', 'web'. */
    trigger: text('trigger').notNull(),
    plan: jsonb('plan').$type<RetentionPlan>().notNull(),
    report: jsonb('report').$type<ReportLine[]>().notNull(),
    batches: integer('batches').notNull().default(0),
    startedAt: ts('started_at').notNull(),
    finishedAt: ts('finished_at'),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] }), index('retention_runs_status_idx').on(t.clinicId, t.status)],
);

export const retentionRunsColumns = classify(retentionRuns, {
  clinicId: null,
  id: null,
  runDate: null,
  status: null,
  trigger: null,
  plan: null,
  report: null,
  batches: null,
  startedAt: null,
  finishedAt: null,
});
