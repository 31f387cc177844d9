import {
  bigint,
  boolean,
  index,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { clinics } from '../../modules/clinics/clinics.schema';
import { classify } from '../data-categories';

/**
 * The audit log: append-only and hash-chained per clinic. It holds pseudonymous references
 * (ids), never names or ID codes. A trigger (migration 0001) refuses UPDATE and DELETE.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    /** The chain (lane) of the clinic this event is linked into; see `audit_append`. */
    lane: smallint('lane').notNull().default(0),
    at: timestamp('at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    patientRef: uuid('patient_ref'),
    purpose: text('purpose').notNull(),
    reason: text('reason'),
    breakGlass: boolean('break_glass').notNull().default(false),
    outcome: text('outcome', { enum: ['allowed', 'denied', 'error'] }).notNull(),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, unknown>>(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.seq] }),
    index('audit_events_lane_idx').on(t.clinicId, t.lane, t.seq),
    index('audit_events_patient_idx').on(t.clinicId, t.patientRef, t.at),
    index('audit_events_actor_idx').on(t.clinicId, t.actorId, t.at),
  ],
);

/**
 * The last link of each of a clinic's chains (lanes). Locking a lane's row orders the appends in
 * that lane; each database connection appends to its own lane, so writers of one clinic do not
 * wait for each other.
 */
export const auditChainHeads = pgTable(
  'audit_chain_heads',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    lane: smallint('lane').notNull().default(0),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
    /**
     * Where the kept part of the chain starts: events up to `archivedSeq` were removed by the
     * retention rule (5 years for logs of health-care processing); `archivedHash` is the hash of the
     * last removed event, so `audit verify` checks the rest from there.
     */
    archivedSeq: bigint('archived_seq', { mode: 'number' }).notNull().default(0),
    archivedHash: text('archived_hash')
      .notNull()
      .default('0000000000000000000000000000000000000000000000000000000000000000'),
    archivedAt: timestamp('archived_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.lane] })],
);

export const auditEventsColumns = classify(auditEvents, {
  clinicId: null,
  seq: null,
  lane: null,
  at: 'access_log',
  actorId: 'access_log',
  actorRole: 'access_log',
  action: 'access_log',
  entityType: 'access_log',
  entityId: 'access_log',
  patientRef: 'access_log',
  purpose: 'access_log',
  reason: 'access_log',
  breakGlass: 'access_log',
  outcome: 'access_log',
  requestId: null,
  details: 'access_log',
  prevHash: null,
  hash: null,
});
export const auditChainHeadsColumns = classify(auditChainHeads, {
  clinicId: null,
  lane: null,
  seq: null,
  hash: null,
  archivedSeq: null,
  archivedHash: null,
  archivedAt: null,
});
