import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { newId } from '../crypto';
import type { DbOrTx } from '../db';
import type { JobKind } from './job-kinds';
import { outboxJobs } from './jobs.schema';

/**
 * The only SQL of the outbox: the platform's own table, which every module writes to through
 * `enqueue`/`cancelPending` and the worker claims from (so it sits with the platform's database
 * code, not in a module's repository). Enqueue runs in the caller's transaction, so a rolled-back
 * change sends nothing.
 */
export type OutboxJob = typeof outboxJobs.$inferSelect;

export interface EnqueueInput {
  clinicId: string;
  kind: JobKind;
  runAt: Date;
  dedupeKey?: string | null;
  payload?: Record<string, unknown>;
  payloadEnc?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  patientId?: string | null;
  maxAttempts?: number;
}

/** Returns the new job's id, or null when a job with the same dedupe key already exists. */
export async function enqueue(tx: DbOrTx, input: EnqueueInput, now: Date): Promise<string | null> {
  const id = newId();
  const rows = await tx
    .insert(outboxJobs)
    .values({
      clinicId: input.clinicId,
      id,
      kind: input.kind,
      dedupeKey: input.dedupeKey ?? null,
      payload: input.payload ?? {},
      payloadEnc: input.payloadEnc ?? null,
      subjectType: input.subjectType ?? null,
      subjectId: input.subjectId ?? null,
      patientId: input.patientId ?? null,
      runAt: input.runAt,
      maxAttempts: input.maxAttempts ?? 8,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: outboxJobs.id });
  return rows[0]?.id ?? null;
}

/**
 * Claims up to `limit` due jobs: queued ones whose time has come, and `sending` ones whose
 * worker's lease ran out (it died). SKIP LOCKED lets several workers claim side by side.
 */
export async function claim(
  tx: DbOrTx,
  opts: { workerId: string; now: Date; leaseMs: number; limit: number; kinds: JobKind[] },
): Promise<OutboxJob[]> {
  const until = new Date(opts.now.getTime() + opts.leaseMs);
  const kinds = sql.join(
    opts.kinds.map((k) => sql`${k}`),
    sql`, `,
  );
  const result = await tx.execute(sql`
    update outbox_jobs j set status = 'sending', locked_by = ${opts.workerId}, locked_until = ${until.toISOString()}::timestamptz,
      attempts = j.attempts + 1
    from (
      select clinic_id, id from outbox_jobs
      where kind in (${kinds}) and (
        (status = 'queued' and run_at <= ${opts.now.toISOString()}::timestamptz)
        or (status = 'sending' and locked_until < ${opts.now.toISOString()}::timestamptz))
      order by run_at
      limit ${opts.limit}
      for update skip locked
    ) due
    where j.clinic_id = due.clinic_id and j.id = due.id
    returning j.clinic_id, j.id`);
  const keys = (result as unknown as { rows: { clinic_id: string; id: string }[] }).rows;
  if (keys.length === 0) return [];
  const rows = await tx
    .select()
    .from(outboxJobs)
    .where(
      inArray(
        outboxJobs.id,
        keys.map((k) => k.id),
      ),
    );
  return rows.filter((r) => r.lockedBy === opts.workerId);
}

const mine = (job: OutboxJob, workerId: string) =>
  and(
    eq(outboxJobs.clinicId, job.clinicId),
    eq(outboxJobs.id, job.id),
    eq(outboxJobs.lockedBy, workerId),
    eq(outboxJobs.status, 'sending'),
  );

/** Finishes a job; a worker whose lease was taken over changes nothing (returns false). */
export async function finish(
  tx: DbOrTx,
  job: OutboxJob,
  workerId: string,
  now: Date,
  outcome: { status: 'sent' | 'failed' | 'skipped' | 'cancelled'; result?: Record<string, unknown>; error?: string },
): Promise<boolean> {
  const rows = await tx
    .update(outboxJobs)
    .set({
      status: outcome.status,
      result: outcome.result ?? null,
      lastError: outcome.error ?? null,
      finishedAt: now,
      lockedBy: null,
      lockedUntil: null,
    })
    .where(mine(job, workerId))
    .returning({ id: outboxJobs.id });
  return rows.length > 0;
}

/** Back to the queue for a later try; `countAttempt: false` for a deferral (outside sending hours). */
export async function retryLater(
  tx: DbOrTx,
  job: OutboxJob,
  workerId: string,
  runAt: Date,
  error: string | null,
  countAttempt = true,
): Promise<boolean> {
  const rows = await tx
    .update(outboxJobs)
    .set({
      status: 'queued',
      runAt,
      lastError: error,
      lockedBy: null,
      lockedUntil: null,
      attempts: countAttempt ? job.attempts : Math.max(job.attempts - 1, 0),
    })
    .where(mine(job, workerId))
    .returning({ id: outboxJobs.id });
  return rows.length > 0;
}

/** Cancels what has not gone out yet (a visit moved or cancelled). */
export async function cancelPending(
  tx: DbOrTx,
  clinicId: string,
  subjectType: string,
  subjectId: string,
  kinds: JobKind[],
): Promise<number> {
  const rows = await tx
    .update(outboxJobs)
    .set({ status: 'cancelled', lockedBy: null, lockedUntil: null })
    .where(
      and(
        eq(outboxJobs.clinicId, clinicId),
        eq(outboxJobs.subjectType, subjectType),
        eq(outboxJobs.subjectId, subjectId),
        eq(outboxJobs.status, 'queued'),
        inArray(outboxJobs.kind, kinds),
      ),
    )
    .returning({ id: outboxJobs.id });
  return rows.length;
}

export async function jobsFor(
  tx: DbOrTx,
  clinicId: string,
  subjectType: string,
  subjectId: string,
): Promise<OutboxJob[]> {
  return tx
    .select()
    .from(outboxJobs)
    .where(
      and(
        eq(outboxJobs.clinicId, clinicId),
        eq(outboxJobs.subjectType, subjectType),
        eq(outboxJobs.subjectId, subjectId),
      ),
    )
    .orderBy(desc(outboxJobs.createdAt));
}

/** What staff must see: failed messages and those being retried after an error. */
export async function troubled(tx: DbOrTx, clinicId: string, limit = 100): Promise<OutboxJob[]> {
  return tx
    .select()
    .from(outboxJobs)
    .where(
      and(
        eq(outboxJobs.clinicId, clinicId),
        sql`(${outboxJobs.status} = 'failed' or (${outboxJobs.status} = 'queued' and ${outboxJobs.lastError} is not null))`,
      ),
    )
    .orderBy(desc(outboxJobs.createdAt))
    .limit(limit);
}

/** Retry delay after the n-th failed attempt: 30 s, 1 min, 2 min … capped at 1 h, with jitter. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000 * 2 ** Math.max(attempt - 1, 0), 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}
