import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../clock';
import type { Db } from '../db';
import { safeError } from '../errors';
import type { Logger } from '../logger';
import type { JobKind } from './job-kinds';
import { backoffMs, claim, finish, type OutboxJob, retryLater } from './outbox';

/**
 * The outbox worker. It runs inside `hoidja serve` and alone as `hoidja worker`; several may run
 * against one PostgreSQL. Each job is claimed under a lease, handled outside any transaction
 * (a provider call must not hold locks), then finished only if the lease is still this worker's.
 */
export type JobOutcome =
  | { status: 'sent'; result?: Record<string, unknown> }
  | { status: 'skipped'; reason: string }
  /** Not now (e.g. outside the clinic's sending hours): back to the queue without counting an attempt. */
  | { status: 'defer'; until: Date; reason: string };

export type JobHandler = (job: OutboxJob) => Promise<JobOutcome>;

/** A module's handlers, keyed by the job kinds it owns; app.ts merges every module's into the one worker. */
export type JobHandlers = Partial<Record<JobKind, JobHandler>>;

/** A handler throws this (or any error with `retryable: false`) for a failure that retrying cannot fix. */
export interface MaybeRetryable {
  retryable?: boolean;
}

export interface WorkerDeps {
  db: Db;
  clock: Clock;
  logger?: Logger;
  handlers: JobHandlers;
  workerId?: string;
  /** How long a claim is held; longer than the slowest provider timeout. */
  leaseMs?: number;
  batchSize?: number;
  pollMs?: number;
}

export interface OutboxWorker {
  readonly workerId: string;
  /** Claims and handles one batch; resolves to the number of jobs handled. */
  runOnce(): Promise<number>;
  /** Runs batches until there is nothing due. */
  drain(maxBatches?: number): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export function createOutboxWorker(deps: WorkerDeps): OutboxWorker {
  const workerId = deps.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const leaseMs = deps.leaseMs ?? 120_000;
  const batchSize = deps.batchSize ?? 10;
  const pollMs = deps.pollMs ?? 2_000;
  const kinds = Object.keys(deps.handlers) as JobKind[];
  const log = deps.logger;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = true;

  async function handle(job: OutboxJob): Promise<void> {
    const handler = deps.handlers[job.kind]!;
    let outcome: JobOutcome;
    try {
      outcome = await handler(job);
    } catch (err) {
      // What is kept and logged of a failure is its summary: a query error's message carries the
      // query's values (names, ID codes), and a provider's error object may carry the message itself.
      const safe = safeError(err);
      const message = safe.message.slice(0, 500);
      const failure = { name: safe.name, code: safe.code };
      const retryable = (err as MaybeRetryable).retryable !== false;
      const now = deps.clock.now();
      if (retryable && job.attempts < job.maxAttempts) {
        const at = new Date(now.getTime() + backoffMs(job.attempts));
        await retryLater(deps.db, job, workerId, at, message);
        log?.warn(
          { job: job.id, kind: job.kind, attempt: job.attempts, retryAt: at.toISOString(), failure },
          'outbox job failed; will retry',
        );
      } else {
        await finish(deps.db, job, workerId, now, { status: 'failed', error: message });
        log?.error({ job: job.id, kind: job.kind, attempt: job.attempts, failure }, 'outbox job failed for good');
      }
      return;
    }
    const now = deps.clock.now();
    if (outcome.status === 'defer') {
      await retryLater(deps.db, job, workerId, outcome.until, null, false);
    } else if (outcome.status === 'skipped') {
      await finish(deps.db, job, workerId, now, { status: 'skipped', error: outcome.reason });
    } else {
      const ok = await finish(deps.db, job, workerId, now, { status: 'sent', result: outcome.result });
      if (!ok) log?.warn({ job: job.id }, 'outbox job finished after its lease was taken over');
    }
  }

  async function runOnce(): Promise<number> {
    if (kinds.length === 0) return 0;
    const jobs = await deps.db.transaction((tx) =>
      claim(tx, { workerId, now: deps.clock.now(), leaseMs, limit: batchSize, kinds }),
    );
    for (const job of jobs) await handle(job);
    return jobs.length;
  }

  async function drain(maxBatches = 100): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const n = await runOnce();
      total += n;
      if (n === 0) break;
    }
    return total;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = drain(10)
        .catch((err) => {
          const { name, code, message } = safeError(err);
          log?.error({ failure: { name, code, message: message.slice(0, 500) } }, 'outbox worker round failed');
        })
        .finally(() => {
          running = null;
          schedule();
        });
    }, pollMs);
    timer.unref?.();
  }

  return {
    workerId,
    runOnce,
    drain,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      // Let the round in progress finish, but never hold a shutdown for long: an unfinished
      // claim simply runs out its lease and is taken up again.
      let wait: NodeJS.Timeout | undefined;
      await Promise.race([
        running,
        new Promise((r) => {
          wait = setTimeout(r, 15_000);
          wait.unref?.();
        }),
      ]);
      clearTimeout(wait);
    },
  };
}
