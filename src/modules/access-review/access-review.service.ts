import { z } from 'zod';
import { type AccessContext, hasRole } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { ForbiddenError } from '../../platform/errors';
import { isoDate, parseInput } from '../../platform/input';
import { addDays, localDate, zonedInstant } from '../../rules/zoned-time';
import type { ClinicsService } from '../clinics/clinics.service';
import { createAccessReviewRepository, type RawFinding } from './access-review.repository';

export const reviewQuery = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    /** A doctor opening at least this many patients they do not treat in a day. */
    untreated: z.coerce.number().int().min(1).max(1000).default(5),
    bulk: z.coerce.number().int().min(1).max(100_000).default(50),
  })
  .strict();
export const markInput = z
  .object({
    key: z.string().min(1).max(300),
    outcome: z.enum(['justified', 'breach_opened', 'instructed']),
    note: z.string().trim().min(3).max(2000),
  })
  .strict();

const explain: Record<RawFinding['kind'], (f: RawFinding) => string> = {
  break_glass: (f) => `${f.count} break-the-glass access(es); reasons given: ${f.detail ?? '—'}`,
  untreated_patients: (f) => `opened ${f.count} patients they are not assigned to treat`,
  bulk_read: (f) => `read the data of ${f.count} different patients in one day`,
  outside_hours: (f) => `${f.count} access(es) to patient data outside the clinic's hours or on a Sunday`,
  same_surname: (f) => `opened ${f.count} patient(s) with the same surname as their own`,
};

/**
 * The DPO's review of unusual access, from the audit log: break-the-glass, a staff member opening
 * many patients they do not treat, bulk reads, access outside hours (07–20 on the clinic's clock,
 * not Sundays), patients sharing the staff member's surname. Each finding is explained and can be
 * marked reviewed (justified, breach opened, staff instructed). Reading it is itself audited.
 */
export function createAccessReviewService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  clinics: Pick<ClinicsService, 'byId'>;
}) {
  const { db, clock, audit } = deps;
  const repo = createAccessReviewRepository();

  async function findings(ctx: AccessContext, query: unknown = {}) {
    if (!hasRole(ctx, 'dpo')) throw new ForbiddenError('the access review is for the data protection officer');
    const { from, to, items } = await collect(ctx.clinicId, query);
    await db.transaction((tx) =>
      audit.append(tx, ctx, [
        auditEntry({
          action: 'access_review.read',
          entityType: 'audit_events',
          purpose: 'data_protection',
          details: { from, to, findings: items.length },
        }),
      ]),
    );
    return { from, to, items };
  }

  /** The findings of a period with their marks (the caller audits the reading). */
  async function collect(clinicId: string, query: unknown = {}) {
    const ctx = { clinicId };
    const q = parseInput(reviewQuery, query);
    const { timeZone: zone } = await deps.clinics.byId(ctx.clinicId);
    const today = localDate(clock.now(), zone);
    const to = q.to ?? today;
    const from = q.from ?? addDays(to, -7);
    const raw = await repo.findings(db, ctx.clinicId, {
      from: zonedInstant(from, 0, zone),
      to: zonedInstant(addDays(to, 1), 0, zone),
      zone,
      openHour: 7,
      closeHour: 20,
      untreatedThreshold: q.untreated,
      bulkThreshold: q.bulk,
    });
    const marks = new Map((await repo.marks(db, ctx.clinicId)).map((m) => [m.findingKey, m]));
    const items = raw.map((f) => {
      const key = `${f.kind}:${f.actor_id}:${f.day}`;
      const m = marks.get(key);
      return {
        key,
        kind: f.kind,
        staffUserId: f.actor_id,
        staffName: f.actor_name,
        day: f.day,
        count: Number(f.count),
        explanation: explain[f.kind](f),
        reviewed: m ? { outcome: m.outcome, note: m.note, at: m.reviewedAt } : null,
      };
    });
    return { from, to, items };
  }

  async function markReviewed(ctx: AccessContext, input: unknown) {
    if (!hasRole(ctx, 'dpo')) throw new ForbiddenError('the access review is for the data protection officer');
    const m = parseInput(markInput, input);
    return audit.transaction(db, ctx, async (tx) => {
      await repo.mark(tx, {
        clinicId: ctx.clinicId,
        findingKey: m.key,
        outcome: m.outcome,
        note: m.note,
        reviewedBy: ctx.user?.id ?? null,
        reviewedAt: clock.now(),
      });
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'access_review.mark',
          entityType: 'access_finding',
          entityId: null,
          purpose: 'data_protection',
          details: { key: m.key, outcome: m.outcome },
        }),
      ]);
      return { key: m.key, outcome: m.outcome };
    });
  }

  return { findings, collect, markReviewed };
}
export type AccessReviewService = ReturnType<typeof createAccessReviewService>;
