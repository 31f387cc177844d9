import type { SQL } from 'drizzle-orm';
import type { AccessContext } from '../access';
import type { Clock } from '../clock';
import type { Db, DbOrTx, Tx } from '../db';
import { AppError } from '../errors';
import { type Checkpoint, type CheckpointSigner, createCheckpointStore } from './audit.checkpoints';
import { type AuditEntry, auditEntry } from './audit.entry';
import { type AccessHistoryRow, createAuditRepository } from './audit.repository';
import { type VerifyResult, verifyChain } from './audit.verify';

export type { AccessHistoryRow } from './audit.repository';
export type { VerifyResult } from './audit.verify';

export interface AuditServiceDeps {
  clock: Clock;
  /** Off only for the benchmark that measures what auditing costs; refused in production by config. */
  enabled: boolean;
  /** Signs checkpoints (AUDIT_SIGNING_KEY), or only verifies them (AUDIT_VERIFY_KEY). */
  signer?: CheckpointSigner | null;
  /** Checks checkpoints against a published public key instead of the signer's own (AUDIT_VERIFY_KEY). */
  verifier?: CheckpointSigner;
  /** Where signed checkpoints are kept, outside the database. */
  checkpointDir?: string | null;
}

export type AuditService = ReturnType<typeof createAuditService>;

export function createAuditService({ clock, enabled, ...deps }: AuditServiceDeps) {
  const repo = createAuditRepository();
  const signer = deps.signer ?? null;
  const store = deps.checkpointDir ? createCheckpointStore(deps.checkpointDir) : null;
  // What this process signed last per clinic: a quiet clinic gets no new checkpoint every few minutes.
  const lastSigned = new Map<string, string>();

  /**
   * Appends events in the caller's transaction: if the access rolls back, so does its record.
   * One round trip: the database function `audit_append` (migration 0013) locks the head of
   * this connection's lane of the clinic's chain, links each event with sha256(prev_hash || canonical row) and moves the head.
   */
  async function append(tx: DbOrTx, ctx: AccessContext, entries: readonly AuditEntry[]): Promise<void> {
    if (!enabled || entries.length === 0) return;
    await repo.append(tx, ctx.clinicId, events(ctx, entries));
  }

  /**
   * The same append as an SQL expression, for a read that records itself in the statement that
   * reads (one round trip, atomic without a transaction): the repository evaluates it once per row
   * found, so nothing is recorded when nothing was read. Null when auditing is off.
   */
  function appendInline(ctx: AccessContext, entries: readonly AuditEntry[]): SQL | null {
    return enabled && entries.length > 0 ? repo.appendCall(ctx.clinicId, events(ctx, entries)) : null;
  }

  /**
   * The same append for a statement prepared once (drizzle builds no query per read): `call` has the
   * placeholders `auditClinic` and `auditEvents`, and `values` fill them for this read. Null when
   * auditing is off.
   */
  function appendInlinePrepared(
    ctx: AccessContext,
    entries: readonly AuditEntry[],
  ): { call: SQL; values: { auditClinic: string; auditEvents: string } } | null {
    if (!enabled || entries.length === 0) return null;
    return {
      call: repo.placeholderCall,
      values: { auditClinic: ctx.clinicId, auditEvents: JSON.stringify(events(ctx, entries)) },
    };
  }

  function events(ctx: AccessContext, entries: readonly AuditEntry[]) {
    const at = clock.now().toISOString();
    return entries.map((e) => ({
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
   * Walks every lane of every clinic's chain, checks archive anchors against recorded retention
   * runs and the chain against the newest signed checkpoint of each clinic (audit.verify.ts).
   * `extraCheckpoints`: checkpoint files kept elsewhere (a copy, a mailed one) to check as well.
   */
  async function verify(
    db: Db,
    opts: { onProgress?: (checked: number) => void; extraCheckpoints?: string[] } = {},
  ): Promise<VerifyResult> {
    const { checkpoints, unreadable } = store
      ? store.readAll(opts.extraCheckpoints)
      : { checkpoints: [], unreadable: 0 };
    return verifyChain(db, repo, {
      signer: deps.verifier ?? signer,
      checkpoints,
      unreadable,
      onProgress: opts.onProgress,
    });
  }

  /**
   * Signs the head of every lane of every clinic and appends it to the checkpoint files. Run by the
   * server every few minutes, and by `hoidja audit checkpoint`.
   */
  async function checkpoint(db: Db, opts: { onlyChanged?: boolean } = {}): Promise<Checkpoint[]> {
    if (!signer || !store) throw new Error('audit checkpoints need AUDIT_SIGNING_KEY and a checkpoint directory');
    const heads = await repo.heads(db);
    const at = clock.now().toISOString();
    const byClinic = new Map<string, Checkpoint['lanes']>();
    for (const h of heads) {
      byClinic.set(h.clinicId, [
        ...(byClinic.get(h.clinicId) ?? []),
        { lane: h.lane, seq: h.seq, hash: h.hash, newestAt: h.newestAt?.toISOString() ?? null },
      ]);
    }
    const written: Checkpoint[] = [];
    for (const [clinicId, lanes] of byClinic) {
      const state = JSON.stringify(lanes);
      if (opts.onlyChanged && lastSigned.get(clinicId) === state) continue;
      lastSigned.set(clinicId, state);
      const signed = signer.sign({ v: 1, clinicId, at, lanes });
      store.append(signed);
      written.push(signed);
    }
    return written;
  }

  /**
   * Removes events older than `before` (the retention period of access logs) from the start of
   * each of a clinic's lanes, leaving an anchor — the hash of the last removed event — so that what
   * is kept still verifies. The run itself is recorded as a new event naming every anchor, which
   * `audit verify` requires of each anchor.
   */
  async function archiveBefore(
    db: Db,
    clinicId: string,
    before: Date,
  ): Promise<{ removed: number; anchors: { lane: number; upToSeq: number }[] }> {
    return db.transaction(async (tx) => {
      const lanes = await repo.lockLanes(tx, clinicId);
      let removed = 0;
      const anchors: { lane: number; upToSeq: number; anchorHash: string }[] = [];
      for (const head of lanes) {
        let anchor = head.archivedSeq > 0 ? { seq: head.archivedSeq, hash: head.archivedHash } : null;
        const end = await repo.archivableEnd(tx, clinicId, head.lane, head.archivedSeq, before);
        if (end) {
          removed += await repo.archive(tx, clinicId, {
            lane: head.lane,
            afterSeq: head.archivedSeq,
            upToSeq: end.seq,
            anchorHash: end.hash,
            at: clock.now(),
          });
          anchor = end;
        }
        if (anchor) anchors.push({ lane: head.lane, upToSeq: anchor.seq, anchorHash: anchor.hash });
      }
      if (removed === 0) return { removed, anchors };
      await append(tx, { clinicId, user: null, requestId: null, channel: 'worker' }, [
        auditEntry({
          action: 'retention.audit_archive',
          entityType: 'audit_events',
          purpose: 'retention',
          details: { removed, before: before.toISOString(), lanes: anchors },
        }),
      ]);
      return { removed, anchors: anchors.map(({ lane, upToSeq }) => ({ lane, upToSeq })) };
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

  return {
    append,
    appendInline,
    appendInlinePrepared,
    appendRefusal,
    transaction,
    verify,
    checkpoint,
    archiveBefore,
    patientAccessHistory,
    enabled,
    publicKey: signer?.publicKey ?? null,
  };
}
