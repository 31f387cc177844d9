import { type AccessContext, hasRole, systemContext } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import { newId } from '../../platform/crypto';
import type { Db } from '../../platform/db';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import { enqueue } from '../../platform/jobs/outbox';
import type { JobHandler, JobOutcome } from '../../platform/jobs/worker';
import type { Mailer } from '../../platform/mail';
import type { SmsSender } from '../../platform/sms';
import { addDays, localDate } from '../../rules/zoned-time';
import type { ClinicLookup } from '../clinics/clinics.service';
import type { ConsentReads } from '../consents/consents.reads';
import type { ConsentsService } from '../consents/consents.service';
import type { PatientReads } from '../patients/patients.reads';
import type { QueueReads } from '../queue/queue.reads';
import { smsCapableMobile } from '../queue/queue.service';
import { intervalInput, inviteInput } from './recalls.input';
import { createRecallsRepository } from './recalls.repository';
import { addMonths, langOf, recallWording } from './recalls.wording';

/**
 * Recall takes its legal basis from the register's purpose "reminders" (in the demo register:
 * legitimate interest, so an objection in the ledger stops it; on consent, only a consent lets it go).
 * A clinic whose register in force has no such purpose sends no invitation.
 */
export const RECALL_PURPOSE = 'reminders';
/** Months after a visit when no interval is set for its service. */
export const DEFAULT_RECALL_MONTHS = 6;
/** How far ahead the list looks: patients due within this many days are shown. */
const LOOK_AHEAD_DAYS = 30;

export interface RecallsDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  mailer: Mailer;
  sms: SmsSender;
  clinics: Pick<ClinicLookup, 'byId'>;
  consentReads: Pick<ConsentReads, 'decision' | 'basisOf'>;
  consents: Pick<ConsentsService, 'withdrawUrl'>;
  patientReads: Pick<PatientReads, 'forVisit' | 'names'>;
  queueReads: Pick<QueueReads, 'lastDoneVisits' | 'patientsWithBooking' | 'services' | 'service'>;
}

export type RecallsService = ReturnType<typeof createRecallsService>;

/** Patients due for a check-up, the list reception works from, and invitations re-checked when they go. */
export function createRecallsService(deps: RecallsDeps) {
  const { db, clock, audit } = deps;
  const repo = createRecallsRepository();

  function requireDesk(ctx: AccessContext) {
    if (!hasRole(ctx, 'receptionist', 'admin')) throw new ForbiddenError('your role does not send recall invitations');
  }

  /** The services with their recall interval (months; 0 = no recall). */
  async function intervals(ctx: AccessContext) {
    requireDesk(ctx);
    const [services, set] = await Promise.all([
      deps.queueReads.services(db, ctx.clinicId),
      repo.intervals(db, ctx.clinicId),
    ]);
    const months = new Map(set.map((r) => [r.serviceId, r.months]));
    return services
      .filter((s) => s.active)
      .map((s) => ({
        serviceId: s.id,
        name: s.name,
        names: s.names,
        months: months.get(s.id) ?? DEFAULT_RECALL_MONTHS,
      }));
  }

  async function setInterval(ctx: AccessContext, serviceId: string, raw: unknown) {
    if (!hasRole(ctx, 'admin')) throw new ForbiddenError('only an administrator sets recall intervals');
    const { months } = parseInput(intervalInput, raw);
    if (!(await deps.queueReads.service(db, ctx.clinicId, serviceId))) throw new NotFoundError('no such service');
    await audit.transaction(db, ctx, async (tx) => {
      await repo.setInterval(tx, {
        clinicId: ctx.clinicId,
        serviceId,
        months,
        updatedBy: ctx.user?.id ?? null,
        updatedAt: clock.now(),
      });
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'recall.settings',
          entityType: 'visit_service',
          entityId: serviceId,
          purpose: 'administration',
          details: { months },
        }),
      ]);
    });
    return { serviceId, months };
  }

  /** Who is due (or soon due) for a check-up, and whether and how each may be invited now. */
  async function due(ctx: AccessContext) {
    requireDesk(ctx);
    const now = clock.now();
    const clinic = (await deps.clinics.byId(ctx.clinicId))!;
    const today = localDate(now, clinic.timeZone);
    const horizon = addDays(today, LOOK_AHEAD_DAYS);
    const [visits, booked, services, set, invitations] = await Promise.all([
      deps.queueReads.lastDoneVisits(db, ctx.clinicId),
      deps.queueReads.patientsWithBooking(db, ctx.clinicId, now),
      deps.queueReads.services(db, ctx.clinicId),
      repo.intervals(db, ctx.clinicId),
      repo.invitations(db, ctx.clinicId),
    ]);
    const months = new Map(set.map((r) => [r.serviceId, r.months]));
    const serviceOf = new Map(services.map((s) => [s.id, s]));
    const rows = visits.flatMap((v) => {
      const m = months.get(v.serviceId) ?? DEFAULT_RECALL_MONTHS;
      if (m <= 0 || booked.has(v.patientId)) return [];
      const dueOn = addMonths(localDate(v.at, clinic.timeZone), m);
      return dueOn <= horizon ? [{ ...v, dueOn }] : [];
    });
    // The ledger is asked first: it reads the register outside this request's transaction (PGlite has one connection).
    const decisions = new Map<string, Awaited<ReturnType<RecallsDeps['consentReads']['decision']>>>();
    for (const r of rows)
      if (!decisions.has(r.patientId))
        decisions.set(r.patientId, await deps.consentReads.decision(ctx.clinicId, r.patientId, RECALL_PURPOSE));
    return audit.transaction(db, ctx, async (tx) => {
      const names = new Map(
        (
          await deps.patientReads.names(
            tx,
            ctx.clinicId,
            rows.map((r) => r.patientId),
          )
        ).map((p) => [p.id, p]),
      );
      const items = [];
      for (const r of rows) {
        const p = await deps.patientReads.forVisit(tx, ctx.clinicId, r.patientId);
        if (!p || p.archivedAt) continue;
        const decision = decisions.get(r.patientId)!;
        const last = invitations.find(
          (i) => i.patientId === r.patientId && i.serviceId === r.serviceId && i.createdAt >= r.at,
        );
        const s = serviceOf.get(r.serviceId);
        const n = names.get(r.patientId);
        items.push({
          patientId: r.patientId,
          name: n ? `${n.firstName} ${n.lastName}` : '',
          serviceId: r.serviceId,
          serviceName: s?.name ?? '',
          serviceNames: s?.names ?? {},
          lastVisitAt: r.at,
          dueOn: r.dueOn,
          allowed: decision.allowed,
          refusal: decision.refusal,
          sms: !!smsCapableMobile(p.mobile, clinic.country),
          email: !!p.email,
          invitation: last
            ? { id: last.id, status: last.status, channel: last.channel, at: last.createdAt, reason: last.reason }
            : null,
        });
      }
      items.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.name.localeCompare(b.name));
      if (items.length)
        await audit.append(
          tx,
          ctx,
          items.map((i) =>
            auditEntry({ action: 'recall.list', entityType: 'patient', patientRef: i.patientId, purpose: 'reminders' }),
          ),
        );
      return items;
    });
  }

  /** Reception asks for an invitation: checked now, and again by the outbox when it goes. */
  async function invite(ctx: AccessContext, raw: unknown) {
    requireDesk(ctx);
    const input = parseInput(inviteInput, raw);
    const visit = (await deps.queueReads.lastDoneVisits(db, ctx.clinicId)).find(
      (v) => v.patientId === input.patientId && v.serviceId === input.serviceId,
    );
    if (!visit) throw new ValidationError('patientId', 'the patient has had no visit of this service to recall from');
    const decision = await deps.consentReads.decision(ctx.clinicId, input.patientId, RECALL_PURPOSE);
    if (!decision.allowed)
      throw new ValidationError('patientId', refusalText(decision.refusal), { refusal: decision.refusal });
    const clinic = (await deps.clinics.byId(ctx.clinicId))!;
    const p = await deps.patientReads.forVisit(db, ctx.clinicId, input.patientId);
    if (input.channel === 'sms' && !smsCapableMobile(p?.mobile ?? null, clinic.country))
      throw new ValidationError('channel', 'the patient has no mobile number that can receive SMS');
    if (input.channel === 'email' && !p?.email)
      throw new ValidationError('channel', 'the patient has no e-mail address');
    const now = clock.now();
    const row = {
      clinicId: ctx.clinicId,
      id: newId(),
      patientId: input.patientId,
      serviceId: input.serviceId,
      lastVisitAt: visit.at,
      channel: input.channel,
      status: 'queued' as const,
      reason: null,
      consentEventId: null,
      createdBy: ctx.user?.id ?? null,
      createdAt: now,
      sentAt: null,
    };
    await audit.transaction(db, ctx, async (tx) => {
      await repo.insertInvitation(tx, row);
      await enqueue(
        tx,
        {
          clinicId: ctx.clinicId,
          kind: 'recall.invitation',
          runAt: now,
          dedupeKey: `recall:${row.id}`,
          payload: { invitationId: row.id },
          subjectType: 'recall_invitation',
          subjectId: row.id,
          patientId: row.patientId,
        },
        now,
      );
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'recall.invite',
          entityType: 'recall_invitation',
          entityId: row.id,
          patientRef: row.patientId,
          purpose: 'reminders',
          details: { channel: row.channel },
        }),
      ]);
    });
    return row;
  }

  /** The outbox sends an invitation only if the register and the ledger still allow it now. */
  const send: JobHandler = async (job): Promise<JobOutcome> => {
    const inv = await repo.invitation(db, job.clinicId, String(job.payload.invitationId));
    if (inv?.status !== 'queued') return { status: 'skipped', reason: 'the invitation is no longer waiting' };
    const skip = async (reason: string, eventId: string | null = null): Promise<JobOutcome> => {
      await repo.finishInvitation(db, inv.clinicId, inv.id, {
        status: 'skipped',
        reason,
        consentEventId: eventId,
        sentAt: null,
      });
      return { status: 'skipped', reason };
    };
    const decision = await deps.consentReads.decision(inv.clinicId, inv.patientId, RECALL_PURPOSE);
    if (!decision.allowed) return skip(refusalText(decision.refusal), decision.eventId);
    const { p, clinic } = await db.transaction(async (tx) => {
      const read = {
        p: await deps.patientReads.forVisit(tx, inv.clinicId, inv.patientId),
        clinic: (await deps.clinics.byId(inv.clinicId, tx))!,
      };
      await audit.append(tx, systemContext(inv.clinicId), [
        auditEntry({
          action: 'recall.send',
          entityType: 'recall_invitation',
          entityId: inv.id,
          patientRef: inv.patientId,
          purpose: 'reminders',
          details: { job: job.id, channel: inv.channel },
        }),
      ]);
      return read;
    });
    if (!p) return skip('no such patient');
    const lang = langOf(p.preferredLanguage);
    const optOutUrl = deps.consents.withdrawUrl(inv.clinicId, inv.patientId, RECALL_PURPOSE);
    const text = recallWording[lang].text({
      clinic: clinic.name,
      firstName: p.firstName,
      phone: clinic.contacts.phone ?? '',
      optOutUrl,
    });
    let result: Record<string, unknown>;
    if (inv.channel === 'sms') {
      const to = smsCapableMobile(p.mobile, clinic.country);
      if (!to) return skip('no valid mobile number');
      result = { channel: 'sms', ...(await deps.sms.send({ to, text })) };
    } else {
      if (!p.email) return skip('no e-mail address');
      const receipt = await deps.mailer.send({
        to: p.email,
        subject: recallWording[lang].subject(clinic.name),
        text,
        headers: { 'List-Unsubscribe': `<${optOutUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      });
      result = { channel: 'email', messageId: receipt.messageId };
    }
    await repo.finishInvitation(db, inv.clinicId, inv.id, {
      status: 'sent',
      reason: null,
      consentEventId: decision.eventId,
      sentAt: clock.now(),
    });
    return { status: 'sent', result };
  };

  return { intervals, setInterval, due, invite, handlers: { 'recall.invitation': send } };
}

/** The ledger's no in words for the desk (and the invitation's record). */
export function refusalText(refusal: string | null): string {
  switch (refusal) {
    case 'no_purpose':
      return 'the processing register in force has no purpose for this message';
    case 'restricted':
      return 'processing of the patient’s data is restricted';
    case 'objected':
      return 'the patient objected';
    case 'withdrawn':
      return 'the patient withdrew the consent';
    case 'no_consent':
      return 'the patient has not consented';
    default:
      return 'the patient is not an active patient of the clinic';
  }
}
