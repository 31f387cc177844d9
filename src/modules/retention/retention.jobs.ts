import { systemContext } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { enqueue } from '../../platform/jobs/outbox';
import type { JobHandler } from '../../platform/jobs/worker';
import { minimumsOn } from '../../rules/retention-minimums';
import { addDays, localDate, zonedInstant } from '../../rules/zoned-time';
import type { ClinicsService } from '../clinics/clinics.service';
import { createRetentionRepository } from './retention.repository';

/**
 * Retention enforced by the system, not by hand: once a day per clinic the outbox worker removes
 * accounting documents whose retention date (set from the dated rule when they were issued) has
 * passed and access logs older than their rule, and leaves a record of what it did in the audit log. The immutability triggers let a
 * delete through only inside this transaction (`hoidja.retention = 'on'`).
 */
export interface RetentionDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  clinics: Pick<ClinicsService, 'byId' | 'all'>;
}

export function createRetentionJobs(deps: RetentionDeps) {
  const { db, clock, audit } = deps;
  const repo = createRetentionRepository();

  /** Deletes invoices (with their lines, shares, payments and debt notices) kept past `retainUntil < today`. */
  async function purgeAccounting(clinicId: string, today: string): Promise<{ invoices: number }> {
    return db.transaction(async (tx) => {
      await repo.allowDeletes(tx);
      const ids = await repo.invoicesRetainedBefore(tx, clinicId, today);
      if (ids.length === 0) return { invoices: 0 };
      await repo.deleteInvoices(tx, clinicId, ids);
      await audit.append(tx, systemContext(clinicId), [
        auditEntry({
          action: 'retention.delete',
          entityType: 'invoice',
          purpose: 'retention',
          details: {
            invoices: ids.length,
            retainedUntilBefore: today,
            rule: 'accounting documents (src/rules/accounting-retention.ts)',
          },
        }),
      ]);
      return { invoices: ids.length };
    });
  }

  async function clinicOf(clinicId: string) {
    const c = await deps.clinics.byId(clinicId);
    return { timeZone: c.timeZone, country: c.country };
  }

  /**
   * Access logs older than the country's rule leave the chain behind an anchor (see
   * AuditService.archiveBefore). Without a rule for the country nothing is removed.
   */
  async function archiveAccessLogs(clinicId: string, country: 'EE' | 'LV', today: string, zone: string) {
    const rule = minimumsOn(country, today).find((m) => m.catalogue === 'access_log');
    if (!rule) return { removed: 0 };
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    const cutoffDay = new Date(Date.UTC(y - rule.years, m - 1, d)).toISOString().slice(0, 10);
    return audit.archiveBefore(db, clinicId, zonedInstant(cutoffDay, 0, zone));
  }

  /** Today's run, then the next one at 02:00 on the clinic's clock tomorrow (one job per clinic and day). */
  const daily: JobHandler = async (job) => {
    const { timeZone: zone, country } = await clinicOf(job.clinicId);
    const today = localDate(clock.now(), zone);
    const result = {
      ...(await purgeAccounting(job.clinicId, today)),
      accessLogsRemoved: (await archiveAccessLogs(job.clinicId, country, today, zone)).removed,
    };
    const tomorrow = addDays(today, 1);
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
    return { status: 'sent', result };
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

  return {
    purgeAccounting,
    archiveAccessLogs,
    schedule,
    handlers: { 'retention.daily': daily },
  };
}
