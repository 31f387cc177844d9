import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, lte, sql } from 'drizzle-orm';
import type { AccessContext } from '../access';
import { staffUsers } from '../auth/auth.schema';
import type { Clock } from '../clock';
import type { Db, DbOrTx, Tx } from '../db';
import { AppError } from '../errors';
import { auditChainHeads, auditEvents } from './audit.schema';

/** The genesis link of every clinic's chain. */
const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  patientRef?: string | null;
  /** Why the data was touched, in the register's words: care, booking, billing, dsr, audit_review, … */
  purpose: string;
  role?: string | null;
  reason?: string | null;
  breakGlass?: boolean;
  outcome?: 'allowed' | 'denied' | 'error';
  details?: Record<string, unknown> | null;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  clinics: number;
  firstBroken?: { clinicId: string; seq: number; problem: string };
}

export interface AccessHistoryRow {
  at: Date;
  staffName: string | null;
  role: string | null;
  action: string;
  entityType: string;
  purpose: string;
  reason: string | null;
  breakGlass: boolean;
  outcome: string;
}

export interface AuditServiceDeps {
  clock: Clock;
  /** Off only for the benchmark that measures what auditing costs; refused in production by config. */
  enabled: boolean;
}

export type AuditService = ReturnType<typeof createAuditService>;

export function createAuditService({ clock, enabled }: AuditServiceDeps) {
  /**
   * Appends events in the caller's transaction: if the access rolls back, so does its record.
   * One round trip: the database function `audit_append` (migration 0007) locks the clinic's
   * chain head, links each event with sha256(prev_hash || canonical row) and moves the head.
   */
  async function append(tx: DbOrTx, ctx: AccessContext, entries: AuditEntry[]): Promise<void> {
    if (!enabled || entries.length === 0) return;
    const at = clock.now().toISOString();
    const events = entries.map((e) => ({
      at,
      actorId: ctx.user?.id ?? null,
      actorRole: e.role ?? (ctx.user ? ctx.user.roles.join(',') : ctx.channel),
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId ?? null,
      patientRef: e.patientRef ?? null,
      purpose: e.purpose,
      reason: e.reason ?? null,
      breakGlass: e.breakGlass ?? false,
      outcome: e.outcome ?? 'allowed',
      requestId: ctx.requestId,
      details: e.details ?? null,
    }));
    await tx.execute(sql`select audit_append(${ctx.clinicId}::uuid, ${JSON.stringify(events)}::jsonb)`);
  }

  /** A refused access is recorded in a transaction of its own: the refused work rolled back. */
  async function appendRefusal(db: Db, ctx: AccessContext, entry: AuditEntry): Promise<void> {
    await db.transaction((tx) => append(tx, ctx, [{ ...entry, outcome: 'denied' }]));
  }

  /**
   * Runs `fn` in a transaction; if it fails with an access refusal, the refusal is recorded in a
   * transaction of its own once the first has rolled back. (Nesting would deadlock on PGlite's
   * single connection, and a refusal recorded inside would vanish with the rollback.)
   */
  async function transaction<T>(db: Db, ctx: AccessContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await db.transaction(fn);
    } catch (err) {
      const refusal = (err as AppError).refusal;
      if (err instanceof AppError && refusal) await appendRefusal(db, ctx, refusal);
      throw err;
    }
  }

  /**
   * Walks every clinic's chain and names the first broken link. The canonical text of each row
   * is rendered from its current contents by `audit_canonical`; the hash is recomputed here.
   */
  async function verify(db: Db, onProgress?: (checked: number) => void): Promise<VerifyResult> {
    const heads = await db.select().from(auditChainHeads).orderBy(asc(auditChainHeads.clinicId));
    let checked = 0;
    const page = 5000;
    for (const head of heads) {
      // Events removed by the retention rule end in an anchor; the kept chain goes on from it.
      let prev = head.archivedSeq > 0 ? head.archivedHash : GENESIS_HASH;
      let expectedSeq = head.archivedSeq + 1;
      const broken = (seq: number, problem: string): VerifyResult => ({
        ok: false,
        checked,
        clinics: heads.length,
        firstBroken: { clinicId: head.clinicId, seq, problem },
      });
      for (;;) {
        const result = await db.execute(
          sql`select e.seq::text as seq, e.prev_hash, e.hash, audit_canonical(e) as canonical from audit_events e where e.clinic_id = ${head.clinicId} and e.seq >= ${expectedSeq} order by e.seq limit ${page}`,
        );
        const rows = (
          result as unknown as { rows: { seq: string; prev_hash: string; hash: string; canonical: string }[] }
        ).rows;
        for (const row of rows) {
          const seq = Number(row.seq);
          if (seq !== expectedSeq) return broken(expectedSeq, `event ${expectedSeq} is missing (next is ${seq})`);
          if (row.prev_hash !== prev) return broken(seq, 'prev_hash does not match the hash of the event before it');
          if (
            createHash('sha256')
              .update(prev + row.canonical, 'utf8')
              .digest('hex') !== row.hash
          )
            return broken(seq, 'contents do not match the stored hash (the row was changed)');
          prev = row.hash;
          expectedSeq += 1;
          checked += 1;
        }
        onProgress?.(checked);
        if (rows.length < page) break;
      }
      if (head.seq !== expectedSeq - 1 || head.hash !== prev) {
        return broken(
          expectedSeq,
          `the chain ends at ${expectedSeq - 1} but its head says ${head.seq} (events were removed from the end)`,
        );
      }
    }
    return { ok: true, checked, clinics: heads.length };
  }

  /**
   * Removes events older than `before` (the retention period of access logs) from the start of a
   * clinic's chain, leaving an anchor — the hash of the last removed event — so that what is kept
   * still verifies. The removal itself is recorded as a new event.
   */
  async function archiveBefore(
    db: Db,
    clinicId: string,
    before: Date,
  ): Promise<{ removed: number; anchorSeq: number }> {
    return db.transaction(async (tx) => {
      const [head] = await tx
        .select()
        .from(auditChainHeads)
        .where(eq(auditChainHeads.clinicId, clinicId))
        .for('update');
      if (!head) return { removed: 0, anchorSeq: 0 };
      // Only a contiguous start of the chain can go: stop at the first event that is still young.
      const [firstKept] = await tx
        .select({ seq: auditEvents.seq })
        .from(auditEvents)
        .where(and(eq(auditEvents.clinicId, clinicId), gte(auditEvents.at, before)))
        .orderBy(asc(auditEvents.seq))
        .limit(1);
      const lastRemoved = (firstKept ? firstKept.seq : head.seq + 1) - 1;
      if (lastRemoved <= head.archivedSeq) return { removed: 0, anchorSeq: head.archivedSeq };
      const [anchor] = await tx
        .select({ hash: auditEvents.hash })
        .from(auditEvents)
        .where(and(eq(auditEvents.clinicId, clinicId), eq(auditEvents.seq, lastRemoved)));
      await tx
        .update(auditChainHeads)
        .set({ archivedSeq: lastRemoved, archivedHash: anchor!.hash, archivedAt: clock.now() })
        .where(eq(auditChainHeads.clinicId, clinicId));
      await tx.execute(sql`select set_config('hoidja.retention', 'on', true)`);
      const removed = await tx
        .delete(auditEvents)
        .where(
          and(
            eq(auditEvents.clinicId, clinicId),
            lte(auditEvents.seq, lastRemoved),
            gt(auditEvents.seq, head.archivedSeq),
          ),
        )
        .returning({ seq: auditEvents.seq });
      await tx.execute(sql`select set_config('hoidja.retention', 'off', true)`);
      await append(tx, { clinicId, user: null, requestId: null, channel: 'worker' }, [
        {
          action: 'retention.audit_archive',
          entityType: 'audit_events',
          purpose: 'retention',
          details: { removed: removed.length, upToSeq: lastRemoved, before: before.toISOString() },
        },
      ]);
      return { removed: removed.length, anchorSeq: lastRemoved };
    });
  }

  /** "Who looked at my data": staff name and role, when, what and why. */
  async function patientAccessHistory(
    db: DbOrTx,
    clinicId: string,
    patientId: string,
    limit = 200,
  ): Promise<AccessHistoryRow[]> {
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
      .leftJoin(staffUsers, and(eq(staffUsers.clinicId, auditEvents.clinicId), eq(staffUsers.id, auditEvents.actorId)))
      .where(and(eq(auditEvents.clinicId, clinicId), eq(auditEvents.patientRef, patientId)))
      .orderBy(desc(auditEvents.at), desc(auditEvents.seq))
      .limit(limit);
  }

  return { append, appendRefusal, transaction, verify, archiveBefore, patientAccessHistory, enabled };
}
