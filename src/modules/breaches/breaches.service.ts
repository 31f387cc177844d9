import { randomUUID } from 'node:crypto';
import { type AccessContext, hasRole } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import { enqueue } from '../../platform/jobs/outbox';
import { supervisoryAuthorities } from '../../rules/supervisory-authorities';
import type { ClinicsService } from '../clinics/clinics.service';
import { affectedQuery, type BreachInput, breachInput, informInput, notifyInput } from './breaches.input';
import { breachNotificationPdf } from './breaches.pdf';
import { createBreachesRepository } from './breaches.repository';

/** GDPR Art. 33(1): the authority is told within 72 hours of becoming aware. */
const DEADLINE_HOURS = 72;

export interface BreachesDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  clinics: Pick<ClinicsService, 'byId'>;
}

/**
 * The breach register of the DPO: record a breach, see the 72-hour clock, find the patients it
 * affected from the audit log, record the notification (with the reason when late) and the
 * decision on informing the people, and print the notification for the authority.
 */
export function createBreachesService(deps: BreachesDeps) {
  const { db, clock, audit } = deps;
  const repo = createBreachesRepository();
  const dpoOnly = (ctx: AccessContext) => {
    if (!hasRole(ctx, 'dpo', 'admin')) throw new ForbiddenError('the breach register is for the DPO or administrator');
  };

  function withClock<T extends { discoveredAt: Date; authorityNotifiedAt: Date | null }>(b: T) {
    const deadline = new Date(b.discoveredAt.getTime() + DEADLINE_HOURS * 3600_000);
    const ref = b.authorityNotifiedAt ?? clock.now();
    const minutesLeft = Math.round((deadline.getTime() - ref.getTime()) / 60_000);
    return { ...b, deadline, minutesLeft, late: minutesLeft < 0 };
  }

  async function report(ctx: AccessContext, input: BreachInput) {
    dpoOnly(ctx);
    const b = parseInput(breachInput, input);
    const discoveredAt = new Date(b.discoveredAt);
    if (discoveredAt > clock.now()) throw new ValidationError('discoveredAt', 'the discovery cannot be in the future');
    const id = randomUUID();
    return audit.transaction(db, ctx, async (tx) => {
      await repo.insert(tx, {
        clinicId: ctx.clinicId,
        id,
        ...b,
        discoveredAt,
        createdBy: ctx.user?.id ?? null,
        createdAt: clock.now(),
      });
      await audit.append(tx, ctx, [
        auditEntry({ action: 'breach.report', entityType: 'breach', entityId: id, purpose: 'data_protection' }),
      ]);
      return withClock((await repo.byId(tx, ctx.clinicId, id))!);
    });
  }

  async function list(ctx: AccessContext) {
    dpoOnly(ctx);
    return (await repo.list(db, ctx.clinicId)).map(withClock);
  }

  async function get(ctx: AccessContext, id: string) {
    dpoOnly(ctx);
    const b = await repo.byId(db, ctx.clinicId, id);
    if (!b) throw new NotFoundError('no such breach');
    const letters = new Map((await repo.letters(db, ctx.clinicId, id)).map((l) => [l.patientId, l.status]));
    const affected = (await repo.affected(db, ctx.clinicId, id)).map((a) => ({
      ...a,
      letter: letters.get(a.patientId) ?? null,
    }));
    return { ...withClock(b), affected };
  }

  /** Everyone whose data `actorId` opened between two instants joins the affected patients. */
  async function findAffected(ctx: AccessContext, id: string, input: { actorId: string; from: string; to: string }) {
    dpoOnly(ctx);
    const q = parseInput(affectedQuery, input);
    return audit.transaction(db, ctx, async (tx) => {
      const b = await repo.byId(tx, ctx.clinicId, id);
      if (!b) throw new NotFoundError('no such breach');
      const ids = await repo.patientsOpenedBy(tx, ctx.clinicId, q.actorId, new Date(q.from), new Date(q.to));
      await repo.addAffected(
        tx,
        ctx.clinicId,
        id,
        ids,
        `audit: user ${q.actorId} from ${q.from} to ${q.to}`,
        clock.now(),
      );
      const all = await repo.affected(tx, ctx.clinicId, id);
      if (all.length > b.approxPeople) await repo.update(tx, ctx.clinicId, id, { approxPeople: all.length });
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'breach.affected',
          entityType: 'breach',
          entityId: id,
          purpose: 'data_protection',
          details: { found: ids.length, total: all.length },
        }),
      ]);
      return { found: ids.length, total: all.length };
    });
  }

  async function notifyAuthority(ctx: AccessContext, id: string, input: { at: string; lateReason?: string }) {
    dpoOnly(ctx);
    const n = parseInput(notifyInput, input);
    return audit.transaction(db, ctx, async (tx) => {
      const b = await repo.byId(tx, ctx.clinicId, id);
      if (!b) throw new NotFoundError('no such breach');
      const at = new Date(n.at);
      if (at < b.discoveredAt) throw new ValidationError('at', 'the notification cannot precede the discovery');
      if (withClock({ ...b, authorityNotifiedAt: at }).late && !n.lateReason)
        throw new ValidationError(
          'lateReason',
          'more than 72 hours after discovery: give the reason for the delay (Art. 33(1))',
        );
      await repo.update(tx, ctx.clinicId, id, { authorityNotifiedAt: at, lateReason: n.lateReason ?? null });
      await audit.append(tx, ctx, [
        auditEntry({ action: 'breach.notify', entityType: 'breach', entityId: id, purpose: 'data_protection' }),
      ]);
      return withClock((await repo.byId(tx, ctx.clinicId, id))!);
    });
  }

  async function decideInforming(ctx: AccessContext, id: string, input: { decision: 'yes' | 'no'; reason: string }) {
    dpoOnly(ctx);
    const d = parseInput(informInput, input);
    return audit.transaction(db, ctx, async (tx) => {
      if (!(await repo.byId(tx, ctx.clinicId, id))) throw new NotFoundError('no such breach');
      await repo.update(tx, ctx.clinicId, id, { informPeople: d.decision, informReason: d.reason });
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'breach.inform_decision',
          entityType: 'breach',
          entityId: id,
          purpose: 'data_protection',
          details: { decision: d.decision },
        }),
      ]);
      return withClock((await repo.byId(tx, ctx.clinicId, id))!);
    });
  }

  /**
   * Tells every affected person (Art. 34) once the DPO decided they are told: one letter each
   * through the outbox, in the person's language, never twice (one dedupe key per breach and
   * person); people found later get theirs when this is done again.
   */
  async function informPeople(ctx: AccessContext, id: string) {
    dpoOnly(ctx);
    return audit.transaction(db, ctx, async (tx) => {
      const b = await repo.byId(tx, ctx.clinicId, id);
      if (!b) throw new NotFoundError('no such breach');
      if (b.informPeople !== 'yes')
        throw new ConflictError('decide first that the people are told (with the reasons)', {
          informPeople: b.informPeople,
        });
      const now = clock.now();
      let queued = 0;
      const affected = await repo.affected(tx, ctx.clinicId, id);
      for (const a of affected) {
        const job = await enqueue(
          tx,
          {
            clinicId: ctx.clinicId,
            kind: 'breach.letter',
            runAt: now,
            dedupeKey: `breach:${id}:${a.patientId}`,
            payload: { breachId: id },
            subjectType: 'breach',
            subjectId: id,
            patientId: a.patientId,
          },
          now,
        );
        if (job) queued += 1;
      }
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'breach.inform_people',
          entityType: 'breach',
          entityId: id,
          purpose: 'data_protection',
          details: { queued, affected: affected.length },
        }),
      ]);
      return { queued, affected: affected.length };
    });
  }

  async function authorityPdf(ctx: AccessContext, id: string, lang: 'et' | 'lv' | 'en') {
    const b = await get(ctx, id);
    const clinic = await deps.clinics.byId(ctx.clinicId);
    const contact = clinic.dataProtectionContact as { email?: string; phone?: string; name?: string };
    return breachNotificationPdf({
      lang,
      authority: supervisoryAuthorities[clinic.country as 'EE' | 'LV'],
      clinic: {
        name: clinic.name,
        contact: [contact.name, contact.email, contact.phone].filter(Boolean).join(', ') || '—',
      },
      timeZone: clinic.timeZone,
      breach: b,
    });
  }

  return { report, list, get, findAffected, notifyAuthority, decideInforming, informPeople, authorityPdf };
}

export type BreachesService = ReturnType<typeof createBreachesService>;
