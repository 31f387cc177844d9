import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { AccessContext } from '../access';
import type { Clock } from '../clock';
import type { Db, DbOrTx, Tx } from '../db';
import { AppError } from '../errors';
import { staffUsers } from '../auth/auth.schema';
import { auditChainHeads, auditEvents } from './audit.schema';
import { GENESIS_HASH, linkHash, type ChainedFields } from './audit.chain';

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
   * The upsert on the chain head locks it, so concurrent appends of one clinic queue up in order.
   */
  async function append(tx: DbOrTx, ctx: AccessContext, entries: AuditEntry[]): Promise<void> {
    if (!enabled || entries.length === 0) return;
    const head = await tx
      .insert(auditChainHeads)
      .values({ clinicId: ctx.clinicId, seq: 0, hash: GENESIS_HASH })
      .onConflictDoUpdate({ target: auditChainHeads.clinicId, set: { seq: sql`${auditChainHeads.seq}` } })
      .returning({ seq: auditChainHeads.seq, hash: auditChainHeads.hash });
    let { seq, hash } = head[0]!;
    const at = clock.now();
    const rows = entries.map((e) => {
      seq += 1;
      const fields: ChainedFields = {
        clinicId: ctx.clinicId, seq, at, actorId: ctx.user?.id ?? null,
        actorRole: e.role ?? (ctx.user ? ctx.user.roles.join(',') : ctx.channel),
        action: e.action, entityType: e.entityType, entityId: e.entityId ?? null, patientRef: e.patientRef ?? null,
        purpose: e.purpose, reason: e.reason ?? null, breakGlass: e.breakGlass ?? false, outcome: e.outcome ?? 'allowed',
        requestId: ctx.requestId, details: e.details ?? null,
      };
      const prevHash = hash;
      hash = linkHash(prevHash, fields);
      return { ...fields, prevHash, hash };
    });
    await tx.insert(auditEvents).values(rows);
    await tx.update(auditChainHeads).set({ seq, hash }).where(eq(auditChainHeads.clinicId, ctx.clinicId));
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

  /** Walks every clinic's chain and names the first broken link. */
  async function verify(db: Db, onProgress?: (checked: number) => void): Promise<VerifyResult> {
    const heads = await db.select().from(auditChainHeads).orderBy(asc(auditChainHeads.clinicId));
    let checked = 0;
    for (const head of heads) {
      let prev = GENESIS_HASH;
      let expectedSeq = 1;
      for (;;) {
        const page = await db
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.clinicId, head.clinicId), gt(auditEvents.seq, expectedSeq - 1)))
          .orderBy(asc(auditEvents.seq))
          .limit(5000);
        for (const row of page) {
          const broken = (problem: string): VerifyResult => ({
            ok: false, checked, clinics: heads.length, firstBroken: { clinicId: row.clinicId, seq: row.seq, problem },
          });
          if (row.seq !== expectedSeq) {
            return { ok: false, checked, clinics: heads.length, firstBroken: { clinicId: head.clinicId, seq: expectedSeq, problem: `event ${expectedSeq} is missing (next is ${row.seq})` } };
          }
          if (row.prevHash !== prev) return broken('prev_hash does not match the hash of the event before it');
          if (linkHash(prev, row) !== row.hash) return broken('contents do not match the stored hash (the row was changed)');
          prev = row.hash;
          expectedSeq += 1;
          checked += 1;
        }
        onProgress?.(checked);
        if (page.length < 5000) break;
      }
      if (head.seq !== expectedSeq - 1 || head.hash !== prev) {
        return {
          ok: false, checked, clinics: heads.length,
          firstBroken: { clinicId: head.clinicId, seq: expectedSeq, problem: `the chain ends at ${expectedSeq - 1} but its head says ${head.seq} (events were removed from the end)` },
        };
      }
    }
    return { ok: true, checked, clinics: heads.length };
  }

  /** "Who looked at my data": staff name and role, when, what and why. */
  async function patientAccessHistory(db: DbOrTx, clinicId: string, patientId: string, limit = 200): Promise<AccessHistoryRow[]> {
    return db
      .select({
        at: auditEvents.at, staffName: staffUsers.fullName, role: auditEvents.actorRole, action: auditEvents.action,
        entityType: auditEvents.entityType, purpose: auditEvents.purpose, reason: auditEvents.reason,
        breakGlass: auditEvents.breakGlass, outcome: auditEvents.outcome,
      })
      .from(auditEvents)
      .leftJoin(staffUsers, and(eq(staffUsers.clinicId, auditEvents.clinicId), eq(staffUsers.id, auditEvents.actorId)))
      .where(and(eq(auditEvents.clinicId, clinicId), eq(auditEvents.patientRef, patientId)))
      .orderBy(desc(auditEvents.at), desc(auditEvents.seq))
      .limit(limit);
  }

  return { append, appendRefusal, transaction, verify, patientAccessHistory, enabled };
}
