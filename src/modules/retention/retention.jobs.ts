import { systemContext } from '../../platform/access';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { enqueue } from '../../platform/jobs/outbox';
import type { JobHandler } from '../../platform/jobs/worker';
import { addDays, localDate, zonedInstant } from '../../rules/zoned-time';
import type { ClinicsService } from '../clinics/clinics.service';
import type { RetentionService } from './retention.service';

/**
 * Retention enforced by the system, not by hand: once a night per clinic the outbox worker runs
 * the retention engine (every target the register governs, access logs included) and queues the
 * next night's run at 02:00 on the clinic's clock.
 */
export function createRetentionJobs(deps: {
  db: Db;
  clock: Clock;
  clinics: Pick<ClinicsService, 'byId' | 'all'>;
  retention: Pick<RetentionService, 'run'>;
}) {
  const { db, clock } = deps;

  const daily: JobHandler = async (job) => {
    const { timeZone: zone } = await deps.clinics.byId(job.clinicId);
    const r = await deps.retention.run(systemContext(job.clinicId), { trigger: 'worker' });
    const tomorrow = addDays(localDate(clock.now(), zone), 1);
    await db.transaction((tx) =>
      enqueue(
        tx,
        {
          clinicId: job.clinicId,
          kind: 'retention.daily',
          runAt: zonedInstant(tomorrow, 120, zone),
          dedupeKey: `retention:${tomorrow}`,
        },
        clock.now(),
      ),
    );
    return {
      status: 'sent',
      result: {
        run: r.id,
        counts: Object.fromEntries(r.report.map((l) => [l.target, l.deleted + l.archived + l.anonymised])),
      },
    };
  };

  /** Makes sure every clinic has today's run queued; called when a worker starts. */
  async function schedule(): Promise<void> {
    const all = await deps.clinics.all();
    const now = clock.now();
    await db.transaction(async (tx) => {
      for (const c of all) {
        await enqueue(
          tx,
          { clinicId: c.id, kind: 'retention.daily', runAt: now, dedupeKey: `retention:${localDate(now, c.timeZone)}` },
          now,
        );
      }
    });
  }

  return { schedule, handlers: { 'retention.daily': daily } };
}
