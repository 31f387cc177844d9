import { and, asc, desc, eq, gt, gte, lte, sql } from 'drizzle-orm';
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

/** The only code that touches SQL for the audit log and its chain heads. */
export function createAuditRepository() {
  return {
    /** One round trip: locks the clinic's chain head, links each event and moves the head. */
    async append(tx: DbOrTx, clinicId: string, events: AuditEventInput[]) {
      await tx.execute(sql`select audit_append(${clinicId}::uuid, ${JSON.stringify(events)}::jsonb)`);
    },

    heads(db: DbOrTx) {
      return db.select().from(auditChainHeads).orderBy(asc(auditChainHeads.clinicId));
    },

    /** A page of a chain from `fromSeq`, each event with its canonical text (rendered by `audit_canonical`). */
    async chainPage(db: DbOrTx, clinicId: string, fromSeq: number, limit: number) {
      const result = await db.execute(
        sql`select e.seq::text as seq, e.prev_hash, e.hash, audit_canonical(e) as canonical from audit_events e where e.clinic_id = ${clinicId} and e.seq >= ${fromSeq} order by e.seq limit ${limit}`,
      );
      return (result as unknown as { rows: { seq: string; prev_hash: string; hash: string; canonical: string }[] })
        .rows;
    },

    async lockHead(tx: DbOrTx, clinicId: string) {
      const [head] = await tx
        .select()
        .from(auditChainHeads)
        .where(eq(auditChainHeads.clinicId, clinicId))
        .for('update');
      return head;
    },

    /** The first event at or after `at`: the start of what must be kept. */
    async firstSeqSince(tx: DbOrTx, clinicId: string, at: Date): Promise<number | undefined> {
      const [row] = await tx
        .select({ seq: auditEvents.seq })
        .from(auditEvents)
        .where(and(eq(auditEvents.clinicId, clinicId), gte(auditEvents.at, at)))
        .orderBy(asc(auditEvents.seq))
        .limit(1);
      return row?.seq;
    },

    async hashOf(tx: DbOrTx, clinicId: string, seq: number): Promise<string | undefined> {
      const [row] = await tx
        .select({ hash: auditEvents.hash })
        .from(auditEvents)
        .where(and(eq(auditEvents.clinicId, clinicId), eq(auditEvents.seq, seq)));
      return row?.hash;
    },

    /**
     * Moves the anchor to `upToSeq` and removes the events after the old anchor up to it. The
     * append-only trigger lets the removal through only under `hoidja.retention = 'on'`, set for
     * this statement alone.
     */
    async archive(
      tx: DbOrTx,
      clinicId: string,
      range: { afterSeq: number; upToSeq: number; anchorHash: string; at: Date },
    ): Promise<number> {
      await tx
        .update(auditChainHeads)
        .set({ archivedSeq: range.upToSeq, archivedHash: range.anchorHash, archivedAt: range.at })
        .where(eq(auditChainHeads.clinicId, clinicId));
      await tx.execute(sql`select set_config('hoidja.retention', 'on', true)`);
      const removed = await tx
        .delete(auditEvents)
        .where(
          and(
            eq(auditEvents.clinicId, clinicId),
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
