import { systemContext } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Db, DbOrTx } from '../../platform/db';
import { enqueue, type OutboxJob } from '../../platform/jobs/outbox';
import type { JobHandler, JobHandlers, JobOutcome } from '../../platform/jobs/worker';
import type { Mailer } from '../../platform/mail';
import type { SmsSender } from '../../platform/sms';
import { addDays, localDate, zonedInstant } from '../../rules/zoned-time';
import type { ClinicsService } from '../clinics/clinics.service';
import { type RequestEnd, requestEndMessage } from './booking.messages';
import { type BookingRequestRow, createBookingRepository } from './booking.repository';

/** An open request lapses once overdue and either its wished time has passed or this many days went by. */
export const REQUEST_LAPSES_AFTER_DAYS = 14;

export interface BookingJobsDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  mailer: Mailer;
  sms: SmsSender;
  clinics: Pick<ClinicsService, 'byId' | 'all'>;
}

/** Queues the message telling the person that their request ended without a visit; once per request. */
export async function queueRequestEnd(tx: DbOrTx, r: BookingRequestRow, end: RequestEnd, now: Date) {
  await enqueue(
    tx,
    {
      clinicId: r.clinicId,
      kind: 'booking_request.ended',
      runAt: now,
      dedupeKey: `booking_request:${r.id}:${end}`,
      payload: { requestId: r.id, end },
      subjectType: 'booking_request',
      subjectId: r.id,
      patientId: r.patientId,
    },
    now,
  );
}

/**
 * Every request ends: declined and lapsed requests are told to the person (e-mail, else SMS) in the
 * language they wrote in, and once a night per clinic the requests nobody answered lapse.
 */
export function createBookingJobs(deps: BookingJobsDeps) {
  const { db, clock, audit } = deps;
  const repo = createBookingRepository();

  /** Closes the clinic's lapsed requests and queues their messages; returns how many lapsed. */
  async function expire(clinicId: string): Promise<number> {
    const now = clock.now();
    const cutoff = new Date(now.getTime() - REQUEST_LAPSES_AFTER_DAYS * 86_400_000);
    return db.transaction(async (tx) => {
      const rows = await repo.lapsed(tx, clinicId, now, cutoff);
      for (const r of rows) {
        await repo.updateRequest(tx, clinicId, r.id, { status: 'expired', answeredAt: now });
        await queueRequestEnd(tx, r, 'expired', now);
      }
      if (rows.length)
        await audit.append(
          tx,
          systemContext(clinicId),
          rows.map((r) =>
            auditEntry({
              action: 'booking_request.expire',
              entityType: 'booking_request',
              entityId: r.id,
              purpose: 'booking',
            }),
          ),
        );
      return rows.length;
    });
  }

  const nightly: JobHandler = async (job) => {
    const { timeZone: zone } = await deps.clinics.byId(job.clinicId);
    const lapsed = await expire(job.clinicId);
    const tomorrow = addDays(localDate(clock.now(), zone), 1);
    await db.transaction((tx) =>
      enqueue(
        tx,
        {
          clinicId: job.clinicId,
          kind: 'booking_request.expire',
          runAt: zonedInstant(tomorrow, 6 * 60, zone),
          dedupeKey: `booking_expire:${tomorrow}`,
        },
        clock.now(),
      ),
    );
    return { status: 'sent', result: { lapsed } };
  };

  async function ended(job: OutboxJob): Promise<JobOutcome> {
    const end = String(job.payload.end) as RequestEnd;
    const r = await repo.request(db, job.clinicId, String(job.payload.requestId));
    if (!r) return { status: 'skipped', reason: 'the request is gone' };
    if (!r.email && !r.mobile) return { status: 'skipped', reason: 'no e-mail address or mobile' };
    const clinic = await deps.clinics.byId(job.clinicId);
    const contacts = [clinic.contacts.phone, clinic.contacts.email].filter(Boolean).join(', ') || null;
    const m = requestEndMessage(r.language, end, {
      clinic: clinic.name,
      firstName: r.firstName,
      message: r.answerNote,
      contacts,
    });
    const channel = r.email ? 'email' : 'sms';
    await db.transaction((tx) =>
      audit.append(tx, systemContext(job.clinicId), [
        auditEntry({
          action: 'booking_request.send',
          entityType: 'booking_request',
          entityId: r.id,
          patientRef: r.patientId,
          purpose: 'booking',
          details: { end, channel, job: job.id },
        }),
      ]),
    );
    if (r.email) {
      const receipt = await deps.mailer.send({ to: r.email, subject: m.subject, text: m.text });
      return { status: 'sent', result: { channel, messageId: receipt.messageId } };
    }
    const receipt = await deps.sms.send({ to: r.mobile!, text: m.sms });
    return { status: 'sent', result: { channel, ...receipt } };
  }

  /** Makes sure every clinic has tonight's run queued; called when a worker starts. */
  async function schedule(): Promise<void> {
    const all = await deps.clinics.all();
    const now = clock.now();
    await db.transaction(async (tx) => {
      for (const c of all)
        await enqueue(
          tx,
          {
            clinicId: c.id,
            kind: 'booking_request.expire',
            runAt: now,
            dedupeKey: `booking_expire:${localDate(now, c.timeZone)}`,
          },
          now,
        );
    });
  }

  const handlers: JobHandlers = { 'booking_request.ended': ended, 'booking_request.expire': nightly };
  return { expire, schedule, handlers };
}
