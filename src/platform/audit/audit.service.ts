import { createHash } from 'node:crypto';
import type { AccessContext } from '../access';
import type { Clock } from '../clock';
import type { Db, DbOrTx, Tx } from '../db';
import { AppError } from '../errors';
import { type AuditEntry, auditEntry } from './audit.entry';
import { type AccessHistoryRow, createAuditRepository } from './audit.repository';

export type { AccessHistoryRow } from './audit.repository';

/** The genesis link of every clinic's chain. */
const GENESIS_HASH = '0'.repeat(64);

export interface VerifyResult {
  ok: boolean;
  checked: number;
  clinics: number;
  firstBroken?: { clinicId: string; seq: number; problem: string };
}

export interface AuditServiceDeps {
  clock: Clock;
  /** Off only for the benchmark that measures what auditing costs; refused in production by config. */
  enabled: boolean;
}

export type AuditService = ReturnType<typeof createAuditService>;

export function createAuditService({ clock, enabled }: AuditServiceDeps) {
  const repo = createAuditRepository();

  /**
   * Appends events in the caller's transaction: if the access rolls back, so does its record.
   * One round trip: the database function `audit_append` (migration 0007) locks the clinic's
   * chain head, links each event with sha256(prev_hash || canonical row) and moves the head.
   */
  async function append(tx: DbOrTx, ctx: AccessContext, entries: readonly AuditEntry[]): Promise<void> {
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
    await repo.append(tx, ctx.clinicId, events);
  }

  /** A refused access is recorded in a transaction of its own: the refused work rolled back. */
  async function appendRefusal(db: Db, ctx: AccessContext, entry: AuditEntry): Promise<void> {
    await db.transaction((tx) => append(tx, ctx, [auditEntry({ ...entry, outcome: 'denied' })]));
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
    const heads = await repo.heads(db);
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
        const rows = await repo.chainPage(db, head.clinicId, expectedSeq, page);
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
      const head = await repo.lockHead(tx, clinicId);
      if (!head) return { removed: 0, anchorSeq: 0 };
      // Only a contiguous start of the chain can go: stop at the first event that is still young.
      const firstKept = await repo.firstSeqSince(tx, clinicId, before);
      const lastRemoved = (firstKept ?? head.seq + 1) - 1;
      if (lastRemoved <= head.archivedSeq) return { removed: 0, anchorSeq: head.archivedSeq };
      const anchorHash = (await repo.hashOf(tx, clinicId, lastRemoved))!;
      const removed = await repo.archive(tx, clinicId, {
        afterSeq: head.archivedSeq,
        upToSeq: lastRemoved,
        anchorHash,
        at: clock.now(),
      });
      await append(tx, { clinicId, user: null, requestId: null, channel: 'worker' }, [
        auditEntry({
          action: 'retention.audit_archive',
          entityType: 'audit_events',
          purpose: 'retention',
          details: { removed, upToSeq: lastRemoved, before: before.toISOString() },
        }),
      ]);
      return { removed, anchorSeq: lastRemoved };
    });
  }

  /** "Who looked at my data": staff name and role, when, what and why. */
  async function patientAccessHistory(
    db: DbOrTx,
    clinicId: string,
    patientId: string,
    limit = 200,
  ): Promise<AccessHistoryRow[]> {
    return repo.patientAccessHistory(db, clinicId, patientId, limit);
  }

  return { append, appendRefusal, transaction, verify, archiveBefore, patientAccessHistory, enabled };
}
