import { and, asc, desc, eq, gt, lte, type SQL, sql } from 'drizzle-orm';
import { staffUsers } from '../auth/auth.schema';
import type { DbOrTx } from '../db';
import { auditChainHeads, auditEvents } from './audit.schema';

/** An event as `audit_append` takes it (migration 0007): the database links it into the chain. */
interface AuditEventInput {
  at: string;
  actorId: string | null;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string | null;
  patientRef: string | null;
  purpose: string;
  reason: string | null;
  breakGlass: boolean;
  outcome: 'allowed' | 'denied' | 'error';
  requestId: string | null;
  details: Record<string, unknown> | null;
}

interface RawHead {
  clinic_id: string;
  lane: number | string;
  seq: string;
  hash: string;
  archived_seq: string;
  archived_hash: string;
  country: 'EE' | 'LV';
  newest_at: string | Date | null;
}

/** One lane of a clinic's chain as `audit verify` reads it. */
export interface LaneHeadRow {
  clinicId: string;
  lane: number;
  seq: number;
  hash: string;
  archivedSeq: number;
  archivedHash: string;
  country: 'EE' | 'LV';
  newestAt: Date | null;
}

/** An event of a lane as `audit verify` walks it. */
export interface ChainRow {
  seq: string;
  prev_hash: string;
  hash: string;
  at: string | Date;
  action: string;
  details: Record<string, unknown> | null;
  canonical: string;
}

export interface AccessHistoryRow {
  at: Date;
  staffName: string | null;
  role: string | null;
  /** A stored word: older events may carry words the vocabulary no longer uses. */
  action: string;
  entityType: string;
  purpose: string;
  reason: string | null;
  breakGlass: boolean;
  outcome: string;
}

const appendCall = (clinicId: string, events: AuditEventInput[]): SQL =>
  sql`audit_append(${clinicId}::uuid, ${JSON.stringify(events)}::jsonb)`;

/** The only code that touches SQL for the audit log and its chain heads. */
export function createAuditRepository() {
  return {
    /** One round trip: locks the head of this connection's lane, links each event and moves the head. */
    async append(tx: DbOrTx, clinicId: string, events: AuditEventInput[]) {
      await tx.execute(sql`select ${appendCall(clinicId, events)}`);
    },

    /** The append as an expression, for a read that records itself in its own statement. */
    appendCall,

    /** The same with placeholders (`auditClinic`, `auditEvents`), for a statement prepared once. */
    placeholderCall: sql`audit_append(${sql.placeholder('auditClinic')}::uuid, ${sql.placeholder('auditEvents')}::jsonb)`,

    /** Every lane of every clinic's chain, with the clinic's country and the time of the lane's newest event. */
    async heads(db: DbOrTx): Promise<LaneHeadRow[]> {
      const result = await db.execute(sql`
        select h.clinic_id, h.lane, h.seq::text as seq, h.hash, h.archived_seq::text as archived_seq, h.archived_hash,
               c.country, e.at as newest_at
        from audit_chain_heads h
        join clinics c on c.id = h.clinic_id
        left join audit_events e on e.clinic_id = h.clinic_id and e.seq = h.seq
        order by h.clinic_id, h.lane`);
      return (result as unknown as { rows: RawHead[] }).rows.map((r) => ({
        clinicId: r.clinic_id,
        lane: Number(r.lane),
        seq: Number(r.seq),
        hash: r.hash,
        archivedSeq: Number(r.archived_seq),
        archivedHash: r.archived_hash,
        country: r.country,
        newestAt: r.newest_at ? new Date(r.newest_at) : null,
      }));
    },

    /** The clinics of this database: a checkpoint of another database's clinic is not checked here. */
    async clinicIds(db: DbOrTx): Promise<Set<string>> {
      const result = await db.execute(sql`select id from clinics`);
      return new Set((result as unknown as { rows: { id: string }[] }).rows.map((r) => r.id));
    },

    /** A page of one lane after `afterSeq`, each event with its canonical text (rendered by `audit_canonical`). */
    async lanePage(db: DbOrTx, clinicId: string, lane: number, afterSeq: number, limit: number) {
      const result = await db.execute(
        sql`select e.seq::text as seq, e.prev_hash, e.hash, e.at, e.action, e.details, audit_canonical(e) as canonical
            from audit_events e
            where e.clinic_id = ${clinicId} and e.lane = ${lane} and e.seq > ${afterSeq}
            order by e.seq limit ${limit}`,
      );
      return (result as unknown as { rows: ChainRow[] }).rows;
    },

    /** The clinic's lanes, locked: one archive run at a time, and no append to a lane while it moves. */
    async lockLanes(tx: DbOrTx, clinicId: string) {
      return tx
        .select()
        .from(auditChainHeads)
        .where(eq(auditChainHeads.clinicId, clinicId))
        .orderBy(asc(auditChainHeads.lane))
        .for('update');
    },

    /**
     * The last event of a lane's contiguous start that happened before `before` (only a start of a
     * chain can go: it stops at the first event that is still young), or nothing when none can go.
     */
    async archivableEnd(
      tx: DbOrTx,
      clinicId: string,
      lane: number,
      afterSeq: number,
      before: Date,
    ): Promise<{ seq: number; hash: string } | undefined> {
      const result = await tx.execute(sql`
        select e.seq::text as seq, e.hash from audit_events e
        where e.clinic_id = ${clinicId} and e.lane = ${lane} and e.seq > ${afterSeq}
          -- Never past what the append-only trigger allows on the database's own clock (migration 0013).
          and e.at < (select now() - make_interval(years => case c.country when 'EE' then 5 end)
                      from clinics c where c.id = ${clinicId})
          and e.seq < coalesce((select min(y.seq) from audit_events y
                                where y.clinic_id = ${clinicId} and y.lane = ${lane} and y.at >= ${before.toISOString()}::timestamptz),
                               9223372036854775807)
        order by e.seq desc limit 1`);
      const row = (result as unknown as { rows: { seq: string; hash: string }[] }).rows[0];
      return row ? { seq: Number(row.seq), hash: row.hash } : undefined;
    },

    /**
     * Moves a lane's anchor to `upToSeq` and removes the events after the old anchor up to it. The
     * append-only trigger lets the removal through only under `hoidja.retention = 'on'`, only behind
     * the anchor and only for events older than the country's rule (migration 0013).
     */
    async archive(
      tx: DbOrTx,
      clinicId: string,
      range: { lane: number; afterSeq: number; upToSeq: number; anchorHash: string; at: Date },
    ): Promise<number> {
      await tx
        .update(auditChainHeads)
        .set({ archivedSeq: range.upToSeq, archivedHash: range.anchorHash, archivedAt: range.at })
        .where(and(eq(auditChainHeads.clinicId, clinicId), eq(auditChainHeads.lane, range.lane)));
      await tx.execute(sql`select set_config('hoidja.retention', 'on', true)`);
      const removed = await tx
        .delete(auditEvents)
        .where(
          and(
            eq(auditEvents.clinicId, clinicId),
            eq(auditEvents.lane, range.lane),
            lte(auditEvents.seq, range.upToSeq),
            gt(auditEvents.seq, range.afterSeq),
          ),
        )
        .returning({ seq: auditEvents.seq });
      await tx.execute(sql`select set_config('hoidja.retention', 'off', true)`);
      return removed.length;
    },

    /** "Who looked at my data": staff name and role, when, what and why. */
    patientAccessHistory(db: DbOrTx, clinicId: string, patientId: string, limit: number): Promise<AccessHistoryRow[]> {
      return db
        .select({
          at: auditEvents.at,
          staffName: staffUsers.fullName,
          role: auditEvents.actorRole,
          action: auditEvents.action,
          entityType: auditEvents.entityType,
          purpose: auditEvents.purpose,
          reason: auditEvents.reason,
          breakGlass: auditEvents.breakGlass,
          outcome: auditEvents.outcome,
        })
        .from(auditEvents)
        .leftJoin(
          staffUsers,
          and(eq(staffUsers.clinicId, auditEvents.clinicId), eq(staffUsers.id, auditEvents.actorId)),
        )
        .where(and(eq(auditEvents.clinicId, clinicId), eq(auditEvents.patientRef, patientId)))
        .orderBy(desc(auditEvents.at), desc(auditEvents.seq))
        .limit(limit);
    },
  };
}
