import { type AccessContext, hasRole, systemContext } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { AuditAction } from '../../platform/audit/audit.vocabulary';
import type { Clock } from '../../platform/clock';
import { newId } from '../../platform/crypto';
import type { Db, DbOrTx } from '../../platform/db';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import { cancelPending, enqueue, jobsFor, type OutboxJob, troubled } from '../../platform/jobs/outbox';
import type { JobHandler, JobOutcome } from '../../platform/jobs/worker';
import type { Mailer } from '../../platform/mail';
import type { SmsSender } from '../../platform/sms';
import { addDays, localDate, parseHhMm, wallClock, zonedInstant } from '../../rules/zoned-time';
import type { ClinicLookup } from '../clinics/clinics.service';
import type { PatientReads } from '../patients/patients.reads';
import type { QueueEntryRow, QueueReads, QueueSettingsRow } from '../queue/queue.reads';
import type { VisitNotifier } from '../queue/queue.service';
import { smsCapableMobile } from '../queue/queue.service';
import type { ReminderBasis } from './reminder-basis';
import { localDateTime, type NoticeData, noticeMail, noticePdf, reminderText } from './visit-notice';
import { type Lang, wording } from './wording';

export interface MessagingDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  mailer: Mailer;
  sms: SmsSender;
  /** The clinic's name, zone and contacts, from the one clinic cache. */
  clinics: Pick<ClinicLookup, 'byId'>;
  /** The legal basis of reminders from the processing register, and the opt-out link that goes with it. */
  basis: ReminderBasis;
  /** The visit, its patient, professional, place and service, and the clinic's sending settings. */
  queueReads: Pick<QueueReads, 'entry' | 'location' | 'professional' | 'service' | 'settings'>;
  /** The visit's patient (contact, language, restriction) and whether a doctor is on their care team. */
  patientReads: Pick<PatientReads, 'forVisit' | 'isAssigned'>;
}

/** The first instant within the clinic's sending hours at or after `now`. */
export function nextSendingTime(
  now: Date,
  s: Pick<QueueSettingsRow, 'sendingFrom' | 'sendingUntil'>,
  timeZone: string,
): Date {
  const w = wallClock(now, timeZone);
  const from = parseHhMm(s.sendingFrom),
    until = parseHhMm(s.sendingUntil);
  if (w.minutes >= from && w.minutes < until) return now;
  const day = w.minutes < from ? w.date : addDays(w.date, 1);
  return zonedInstant(day, from, timeZone);
}

/** N days before the visit, at the start of the sending hours; null when that is already past. */
export function reminderTime(startsAt: Date, s: QueueSettingsRow, timeZone: string, now: Date): Date | null {
  const day = addDays(localDate(startsAt, timeZone), -s.reminderDaysBefore);
  const at = zonedInstant(day, parseHhMm(s.sendingFrom), timeZone);
  if (at.getTime() < now.getTime() || at.getTime() >= startsAt.getTime()) return null;
  return at;
}

export type MessagingService = ReturnType<typeof createMessagingService>;

export function createMessagingService(deps: MessagingDeps) {
  const { db, clock, audit, mailer, sms } = deps;
  const reads = deps.queueReads;

  const optOutUrl = (clinicId: string, patientId: string) => deps.basis.optOutUrl(clinicId, patientId);
  const clinicOf = (tx: DbOrTx, clinicId: string) => deps.clinics.byId(clinicId, tx);

  /** Everything the notice says, read at the moment it is sent or printed. */
  async function noticeData(tx: DbOrTx, e: QueueEntryRow): Promise<NoticeData> {
    const [clinic, patient, pro, settings] = await Promise.all([
      clinicOf(tx, e.clinicId),
      deps.patientReads.forVisit(tx, e.clinicId, e.patientId),
      e.professionalId ? reads.professional(tx, e.clinicId, e.professionalId) : undefined,
      reads.settings(tx, e.clinicId),
    ]);
    const location = e.locationId ? await reads.location(tx, e.clinicId, e.locationId) : undefined;
    const addr = location ?? clinic!.addresses[0];
    const lang = (e.language ?? 'et') as Lang;
    return {
      lang,
      clinicName: clinic!.name,
      patientName: `${patient!.firstName} ${patient!.lastName}`,
      startsAt: e.startsAt!,
      timeZone: clinic!.timeZone,
      professionalName: pro ? `${pro.firstName} ${pro.lastName}` : '',
      address: addr ? `${addr.street}, ${addr.postalCode ? `${addr.postalCode} ` : ''}${addr.city}` : '',
      phone: location?.phone ?? clinic!.contacts.phone ?? '',
      email: location?.email ?? clinic!.contacts.email ?? '',
      cancelText: settings.cancelInstructions[lang],
    };
  }

  const notifier: VisitNotifier = {
    async planned(tx, e) {
      if (!e.startsAt) return;
      const now = clock.now();
      const at = e.startsAt.toISOString();
      const subject = { subjectType: 'queue_entry', subjectId: e.id, patientId: e.patientId };
      if (e.contactEmail) {
        await enqueue(
          tx,
          {
            clinicId: e.clinicId,
            kind: 'visit_notice',
            runAt: now,
            dedupeKey: `notice:${e.id}:${at}`,
            payload: { entryId: e.id, startsAt: at },
            ...subject,
          },
          now,
        );
      }
      if (e.reminderChannel === 'none') return;
      const clinic = await clinicOf(tx, e.clinicId);
      const runAt = reminderTime(e.startsAt, await reads.settings(tx, e.clinicId), clinic!.timeZone, now);
      if (!runAt) return; // booked too close to the visit: the notice is the reminder
      await enqueue(
        tx,
        {
          clinicId: e.clinicId,
          kind: 'reminder',
          runAt,
          dedupeKey: `reminder:${e.id}:${at}`,
          payload: { entryId: e.id, startsAt: at, channel: e.reminderChannel },
          ...subject,
        },
        now,
      );
    },
    async withdrawn(tx, e) {
      await cancelPending(tx, e.clinicId, 'queue_entry', e.id, ['visit_notice', 'reminder']);
    },
    async cancelledByClinic(tx, e) {
      if (!(e.contactEmail || e.contactMobile) || !e.startsAt) return;
      const now = clock.now();
      await enqueue(
        tx,
        {
          clinicId: e.clinicId,
          kind: 'visit_cancelled',
          runAt: now,
          dedupeKey: `cancelled:${e.id}:${e.startsAt.toISOString()}`,
          payload: { entryId: e.id, startsAt: e.startsAt.toISOString() },
          subjectType: 'queue_entry',
          subjectId: e.id,
          patientId: e.patientId,
        },
        now,
      );
    },
    async movedByClinic(tx, e, previousStartsAt) {
      if (!(e.contactEmail || e.contactMobile) || !e.startsAt) return;
      const now = clock.now();
      const at = e.startsAt.toISOString();
      await enqueue(
        tx,
        {
          clinicId: e.clinicId,
          kind: 'visit_moved',
          runAt: now,
          dedupeKey: `moved:${e.id}:${previousStartsAt.toISOString()}:${at}`,
          payload: { entryId: e.id, startsAt: at, previousStartsAt: previousStartsAt.toISOString() },
          subjectType: 'queue_entry',
          subjectId: e.id,
          patientId: e.patientId,
        },
        now,
      );
    },
  };

  /** The entry if it still stands at the time the message was made for. */
  async function stillPlanned(job: OutboxJob): Promise<QueueEntryRow | null> {
    const e = await reads.entry(db, job.clinicId, String(job.payload.entryId));
    if (e?.status !== 'booked' || e.startsAt?.toISOString() !== job.payload.startsAt) return null;
    return e;
  }

  /** What a message needs about the patient, read and written to the audit log in one transaction. */
  function readAudited<T>(job: OutboxJob, action: AuditAction, read: (tx: DbOrTx) => Promise<T>): Promise<T> {
    return db.transaction(async (tx) => {
      const value = await read(tx);
      await audit.append(tx, systemContext(job.clinicId), [
        auditEntry({
          action,
          entityType: 'queue_entry',
          entityId: String(job.payload.entryId),
          patientRef: job.patientId,
          purpose: 'care',
          details: { job: job.id },
        }),
      ]);
      return value;
    });
  }

  const sendNotice: JobHandler = async (job): Promise<JobOutcome> => {
    const e = await stillPlanned(job);
    if (!e?.contactEmail) return { status: 'skipped', reason: 'the visit is no longer planned at this time' };
    const data = await readAudited(job, 'visit_notice.send', (tx) => noticeData(tx, e));
    const mail = noticeMail(data);
    const pdf = await noticePdf(data);
    const receipt = await mailer.send({
      to: e.contactEmail,
      ...mail,
      attachments: [{ filename: 'teatis.pdf', content: pdf, contentType: 'application/pdf' }],
    });
    return { status: 'sent', result: { channel: 'email', messageId: receipt.messageId } };
  };

  /** A short letter by e-mail, or by SMS when the patient gave no e-mail: the clinic's change reaches them. */
  async function tell(e: QueueEntryRow, subject: string, text: string, clinicName: string): Promise<JobOutcome> {
    if (e.contactEmail) {
      const receipt = await mailer.send({ to: e.contactEmail, subject, text: `${text}\n\n${clinicName}` });
      return { status: 'sent', result: { channel: 'email', messageId: receipt.messageId } };
    }
    const clinic = await clinicOf(db, e.clinicId);
    const to = smsCapableMobile(e.contactMobile, clinic.country);
    if (!to) return { status: 'skipped', reason: 'no e-mail address or mobile number' };
    const receipt = await sms.send({ to, text: `${clinicName}: ${text}` });
    return { status: 'sent', result: { channel: 'sms', ...receipt } };
  }

  const sendCancellation: JobHandler = async (job): Promise<JobOutcome> => {
    const e = await reads.entry(db, job.clinicId, String(job.payload.entryId));
    if (e?.status !== 'cancelled') return { status: 'skipped', reason: 'the visit is no longer cancelled' };
    const data = await readAudited(job, 'visit_cancelled.send', (tx) =>
      noticeData(tx, { ...e, startsAt: new Date(String(job.payload.startsAt)) }),
    );
    const { date, time } = localDateTime(data.startsAt, data.timeZone);
    const w = wording[data.lang];
    return tell(
      e,
      w.cancelledSubject(data.clinicName, date, time),
      w.cancelledText(data.patientName, date, time, data.phone),
      data.clinicName,
    );
  };

  const sendMoved: JobHandler = async (job): Promise<JobOutcome> => {
    const e = await stillPlanned(job);
    if (!e) return { status: 'skipped', reason: 'the visit is no longer planned at this time' };
    const data = await readAudited(job, 'visit_moved.send', (tx) => noticeData(tx, e));
    const w = wording[data.lang];
    const was = localDateTime(new Date(String(job.payload.previousStartsAt)), data.timeZone);
    const now = localDateTime(data.startsAt, data.timeZone);
    return tell(
      e,
      w.movedSubject(data.clinicName, now.date, now.time),
      w.movedText(data.patientName, `${was.date} ${w.at} ${was.time}`, `${now.date} ${w.at} ${now.time}`, data.phone),
      data.clinicName,
    );
  };

  const sendReminder: JobHandler = async (job): Promise<JobOutcome> => {
    const e = await stillPlanned(job);
    if (!e) return { status: 'skipped', reason: 'the visit is no longer planned at this time' };
    const { patient, clinic, settings, pro, service } = await readAudited(job, 'reminder.send', async (tx) => ({
      patient: await deps.patientReads.forVisit(tx, e.clinicId, e.patientId),
      clinic: await clinicOf(tx, e.clinicId),
      settings: await reads.settings(tx, e.clinicId),
      pro: e.professionalId ? await reads.professional(tx, e.clinicId, e.professionalId) : undefined,
      service: await reads.service(tx, e.clinicId, e.serviceId),
    }));
    if (!patient || patient.processingRestricted)
      return { status: 'skipped', reason: 'processing of the patient’s data is restricted' };
    const refused = await deps.basis.refusal(e.clinicId, e.patientId);
    if (refused) return { status: 'skipped', reason: refused };
    const now = clock.now();
    const next = nextSendingTime(now, settings, clinic.timeZone);
    if (next.getTime() >= e.startsAt!.getTime())
      return { status: 'skipped', reason: 'no sending hours left before the visit' };
    if (next.getTime() > now.getTime()) return { status: 'defer', until: next, reason: 'outside sending hours' };
    const lang = e.language as Lang;
    const text = reminderText(lang, settings.reminderTemplates[lang], {
      clinic: clinic.name,
      startsAt: e.startsAt!,
      timeZone: clinic.timeZone,
      phone: clinic.contacts.phone ?? '',
      professional: pro ? `${pro.firstName} ${pro.lastName}` : '',
      service: service?.names[lang] ?? service?.name ?? '',
      optOutUrl: optOutUrl(e.clinicId, e.patientId),
    });
    if (job.payload.channel === 'sms') {
      const to = smsCapableMobile(e.contactMobile, clinic.country);
      if (!to) return { status: 'skipped', reason: 'no valid mobile number' };
      const receipt = await sms.send({ to, text });
      return { status: 'sent', result: { channel: 'sms', ...receipt } };
    }
    if (!e.contactEmail) return { status: 'skipped', reason: 'no e-mail address' };
    const receipt = await mailer.send({
      to: e.contactEmail,
      subject: wording[lang].reminderSubject(clinic.name),
      text,
      headers: {
        'List-Unsubscribe': `<${optOutUrl(e.clinicId, e.patientId)}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
    return { status: 'sent', result: { channel: 'email', messageId: receipt.messageId } };
  };

  function requireQueueStaff(ctx: AccessContext) {
    if (!hasRole(ctx, 'receptionist', 'admin', 'doctor'))
      throw new ForbiddenError('your role does not see patient messages');
  }

  const deliveryView = (j: OutboxJob) => ({
    id: j.id,
    kind: j.kind,
    status: j.status,
    attempts: j.attempts,
    runAt: j.runAt.toISOString(),
    lastError: j.lastError,
    finishedAt: j.finishedAt?.toISOString() ?? null,
    channel: (j.result?.channel ?? j.payload.channel ?? 'email') as string,
    subjectType: j.subjectType,
    subjectId: j.subjectId,
  });

  return {
    notifier,
    handlers: {
      visit_notice: sendNotice,
      reminder: sendReminder,
      visit_cancelled: sendCancellation,
      visit_moved: sendMoved,
    } as Record<string, JobHandler>,
    optOutUrl,

    /** The notice as a PDF, to print at the desk. */
    async noticePdf(ctx: AccessContext, entryId: string): Promise<{ pdf: Buffer; filename: string }> {
      requireQueueStaff(ctx);
      return db.transaction(async (tx) => {
        const e = await reads.entry(tx, ctx.clinicId, entryId);
        if (!e?.startsAt) throw new NotFoundError('no planned visit with this id');
        if (
          !hasRole(ctx, 'receptionist', 'admin') &&
          !(await deps.patientReads.isAssigned(tx, ctx.clinicId, e.patientId, ctx.user!.id))
        ) {
          throw new ForbiddenError('this patient is not yours');
        }
        const pdf = await noticePdf(await noticeData(tx, e));
        await audit.append(tx, ctx, [
          auditEntry({
            action: 'visit_notice.print',
            entityType: 'queue_entry',
            entityId: e.id,
            patientRef: e.patientId,
            purpose: 'care',
          }),
        ]);
        return { pdf, filename: `teatis-${localDate(e.startsAt, 'Europe/Tallinn')}.pdf` };
      });
    },

    /**
     * Sends the written notice again (the patient lost it, or the first one failed): a new message
     * with its own dedupe key, recorded in the audit log.
     */
    async resendNotice(ctx: AccessContext, entryId: string, reason?: string): Promise<void> {
      requireQueueStaff(ctx);
      await audit.transaction(db, ctx, async (tx) => {
        const e = await reads.entry(tx, ctx.clinicId, entryId);
        if (!e) throw new NotFoundError('no such queue entry');
        if (
          !hasRole(ctx, 'receptionist', 'admin') &&
          !(await deps.patientReads.isAssigned(tx, ctx.clinicId, e.patientId, ctx.user!.id))
        ) {
          throw new ForbiddenError('this patient is not yours');
        }
        if (e.status !== 'booked' || !e.startsAt)
          throw new ConflictError('only a booked visit has a notice to send', { field: 'status', reason: e.status });
        if (!e.contactEmail)
          throw new ValidationError('contactEmail', 'the patient has no e-mail address: print the notice instead');
        const now = clock.now();
        const at = e.startsAt.toISOString();
        await enqueue(
          tx,
          {
            clinicId: e.clinicId,
            kind: 'visit_notice',
            runAt: now,
            dedupeKey: `notice:${e.id}:${at}:resend:${newId()}`,
            payload: { entryId: e.id, startsAt: at, resend: true },
            subjectType: 'queue_entry',
            subjectId: e.id,
            patientId: e.patientId,
          },
          now,
        );
        await audit.append(tx, ctx, [
          auditEntry({
            action: 'visit_notice.resend',
            entityType: 'queue_entry',
            entityId: e.id,
            patientRef: e.patientId,
            purpose: 'care',
            reason,
          }),
        ]);
      });
    },

    /** Delivery status of the messages about one visit. */
    async deliveries(ctx: AccessContext, entryId: string) {
      requireQueueStaff(ctx);
      return (await jobsFor(db, ctx.clinicId, 'queue_entry', entryId)).map(deliveryView);
    },

    /** Messages that failed or are being retried: reception must see them. */
    async problems(ctx: AccessContext) {
      requireQueueStaff(ctx);
      return (await troubled(db, ctx.clinicId)).map(deliveryView);
    },
  };
}
