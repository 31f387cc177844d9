import { type AccessContext, hasRole, systemContext } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import { type Clock, utcDate } from '../../platform/clock';
import { type FieldCipher, newId } from '../../platform/crypto';
import type { Db } from '../../platform/db';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  ValidationError,
} from '../../platform/errors';
import { normalizeMobile, parseInput, refuseFutureBirthDate } from '../../platform/input';
import { checkEitherIdCode } from '../../rules/id-code-either';
import { guessIdCountry } from '../../rules/id-codes';
import { bookingRequestDeadline, deadlineState } from '../../rules/working-days';
import { localDate } from '../../rules/zoned-time';
import type { ClinicsService } from '../clinics/clinics.service';
import type { createPatientBookingRegistration } from '../patients/patients.booking';
import type { PatientsService } from '../patients/patients.service';
import type { QueueReads } from '../queue/queue.reads';
import type { QueueService } from '../queue/queue.service';
import type { SlotsService } from '../queue/slots.service';
import { confirmInput, declineInput, publicRequestInput } from './booking.input';
import { queueRequestEnd } from './booking.jobs';
import { type BookingRequestRow, createBookingRepository } from './booking.repository';

/**
 * Written booking requests: the public booking page (no login) and requests by e-mail. Each is
 * due within 2 working days of the clinic's country; reception answers by confirming a time
 * (which books the visit and sends the written notice) or declining.
 */

export interface BookingDeps {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
  audit: AuditService;
  slots: SlotsService;
  queue: QueueService;
  patients: Pick<PatientsService, 'search' | 'register'>;
  /** Registers a person known by name and birth date only (the patients module's). */
  patientsByBirthDate: ReturnType<typeof createPatientBookingRegistration>;
  /** The clinic of a public page, by its slug. */
  clinics: Pick<ClinicsService, 'findBySlug'>;
  /** The services, professionals and booking settings the public page offers. */
  queueReads: Pick<QueueReads, 'settings' | 'services' | 'professionals' | 'service'>;
}

export type BookingService = ReturnType<typeof createBookingService>;

/** A public form without login: at most this many requests per address and clinic in the window. */
export const PUBLIC_REQUEST_LIMIT = { max: 20, windowMs: 60 * 60_000 };

/**
 * Written booking requests: the public booking page (no login) and requests by e-mail. Each is
 * due within 2 working days of the clinic's country; reception answers by confirming a time
 * (which books the visit and sends the written notice) or declining.
 */
export function createBookingService(deps: BookingDeps) {
  const { db, clock, cipher, audit, slots } = deps;
  const repo = createBookingRepository();
  const reads = deps.queueReads;

  async function publicClinic(slug: string) {
    const clinic = await deps.clinics.findBySlug(slug);
    if (!clinic) throw new NotFoundError('no such clinic');
    const settings = await reads.settings(db, clinic.id);
    if (!settings.publicBooking) throw new NotFoundError('this clinic does not take bookings online');
    return clinic;
  }

  /** What the public page shows: the clinic, its services and its professionals' names. */
  async function publicInfo(slug: string) {
    const clinic = await publicClinic(slug);
    const [services, pros] = await Promise.all([reads.services(db, clinic.id), reads.professionals(db, clinic.id)]);
    return {
      clinic: {
        name: clinic.name,
        slug: clinic.slug,
        country: clinic.country,
        defaultLanguage: clinic.defaultLanguage,
        contacts: { phone: clinic.contacts.phone ?? null, email: clinic.contacts.email ?? null },
        address: clinic.addresses[0] ?? null,
      },
      services: services
        .filter((s) => s.active && s.publicBooking)
        .map((s) => ({ id: s.id, name: s.name, names: s.names, durationMinutes: s.durationMinutes })),
      professionals: pros
        .filter((p) => p.active)
        .map((p) => ({ id: p.id, name: `${p.firstName} ${p.lastName}`, kind: p.kind, specialities: p.specialities })),
    };
  }

  async function publicSlots(
    slug: string,
    q: { serviceId: string; from?: string; to?: string; professionalId?: string },
  ) {
    const clinic = await publicClinic(slug);
    const found = await slots.search(clinic.id, { ...q, publicOnly: true, limitPerProfessional: 1000 });
    return {
      slots: found.slots.map((s) => ({
        professionalId: s.professionalId,
        start: s.start.toISOString(),
        end: s.end.toISOString(),
      })),
    };
  }

  // In memory, per process: enough to stop a script filling the inbox; a proxy may add more.
  const recent = new Map<string, number[]>();
  function throttle(key: string) {
    const now = clock.now().getTime();
    const times = (recent.get(key) ?? []).filter((t) => now - t < PUBLIC_REQUEST_LIMIT.windowMs);
    if (times.length >= PUBLIC_REQUEST_LIMIT.max)
      throw new TooManyRequestsError('too many booking requests from this address: please call the clinic');
    times.push(now);
    recent.set(key, times);
    if (recent.size > 10_000) recent.delete(recent.keys().next().value!);
  }

  async function createRequest(slug: string, raw: unknown, ip?: string) {
    const clinic = await publicClinic(slug);
    const input = parseInput(publicRequestInput, raw);
    if (input.birthDate) refuseFutureBirthDate(input.birthDate, clock, 'birthDate');
    if (!input.mobile && !input.email)
      throw new ValidationError('mobile', 'leave a phone number or an e-mail address so that we can answer');
    const mobile = input.mobile ? normalizeMobile(input.mobile, clinic.country) : null;
    if (input.wantsSmsReminder && !mobile)
      throw new ValidationError('wantsSmsReminder', 'SMS reminders need a mobile number');
    if (input.wantsEmailReminder && !input.email)
      throw new ValidationError('wantsEmailReminder', 'e-mail reminders need an e-mail address');
    let idCode: string | null = null;
    let birthDate = input.birthDate ?? null;
    if (input.idCode) {
      const checked = checkEitherIdCode(input.idCode, clinic.country, utcDate(clock));
      if (!checked.valid) throw new ValidationError('idCode', checked.reason);
      idCode = checked.normalized;
      if (checked.birthDate && birthDate && birthDate !== checked.birthDate)
        throw new ValidationError('birthDate', `the code says ${checked.birthDate}`);
      if (!checked.birthDate && !birthDate)
        throw new ValidationError('birthDate', 'this code carries no birth date: enter it');
      birthDate = birthDate ?? checked.birthDate;
    }
    if (!idCode && !birthDate) throw new ValidationError('birthDate', 'give your ID code or your birth date');
    const service = await reads.service(db, clinic.id, input.serviceId);
    if (!service?.active || !service.publicBooking) throw new ValidationError('serviceId', 'unknown service');
    const preferredStart = input.preferredStart ? new Date(input.preferredStart) : null;
    if (preferredStart) {
      const day = localDate(preferredStart, clinic.timeZone);
      const offered = await slots.search(clinic.id, {
        serviceId: service.id,
        professionalId: input.professionalId,
        from: day,
        to: day,
        publicOnly: true,
      });
      const free = offered.slots.some(
        (s) =>
          s.start.getTime() === preferredStart.getTime() &&
          (!input.professionalId || s.professionalId === input.professionalId),
      );
      if (!free)
        throw new ConflictError('this time is no longer free: choose another', {
          field: 'preferredStart',
          reason: 'slot taken',
        });
    }
    throttle(`${clinic.id}:${ip ?? 'unknown'}`);
    const receivedAt = clock.now();
    const due = bookingRequestDeadline(receivedAt, { country: clinic.country, timeZone: clinic.timeZone });
    const id = newId();
    await db.transaction(async (tx) => {
      await repo.insertRequest(tx, {
        clinicId: clinic.id,
        id,
        receivedAt,
        dueDate: due.dueDate,
        dueAt: due.dueAt,
        channel: input.channel,
        serviceId: service.id,
        professionalId: input.professionalId ?? null,
        preferredStart,
        firstName: input.firstName,
        lastName: input.lastName,
        birthDate,
        idCodeEnc: idCode ? cipher.encrypt(idCode) : null,
        mobile,
        email: input.email?.toLowerCase() ?? null,
        language: input.language,
        messageEnc: cipher.encrypt(input.message),
        wantsSmsReminder: input.wantsSmsReminder,
        wantsEmailReminder: input.wantsEmailReminder,
      });
      await audit.append(tx, systemContext(clinic.id, 'public'), [
        auditEntry({
          action: 'booking_request.create',
          entityType: 'booking_request',
          entityId: id,
          purpose: 'booking',
          details: ip ? { ip } : null,
        }),
      ]);
    });
    return { id, dueDate: due.dueDate };
  }

  function requireReception(ctx: AccessContext) {
    if (!hasRole(ctx, 'receptionist', 'admin')) throw new ForbiddenError('only reception answers booking requests');
  }

  const view = (r: BookingRequestRow, now: Date, timeZone: string) => ({
    id: r.id,
    receivedAt: r.receivedAt.toISOString(),
    dueDate: r.dueDate,
    dueAt: r.dueAt.toISOString(),
    state: r.status === 'new' ? deadlineState({ dueDate: r.dueDate, dueAt: r.dueAt }, now, { timeZone }) : r.status,
    status: r.status,
    channel: r.channel,
    serviceId: r.serviceId,
    professionalId: r.professionalId,
    preferredStart: r.preferredStart?.toISOString() ?? null,
    firstName: r.firstName,
    lastName: r.lastName,
    birthDate: r.birthDate,
    idCode: r.idCodeEnc ? cipher.decrypt(r.idCodeEnc) : null,
    mobile: r.mobile,
    email: r.email,
    language: r.language,
    message: r.messageEnc ? cipher.decrypt(r.messageEnc) : null,
    wantsSmsReminder: r.wantsSmsReminder,
    wantsEmailReminder: r.wantsEmailReminder,
    queueEntryId: r.queueEntryId,
    patientId: r.patientId,
    answerNote: r.answerNote,
  });

  /** Reception's inbox: open requests, soonest due first, with due today and overdue counted. */
  async function inbox(ctx: AccessContext, opts: { all?: boolean } = {}) {
    requireReception(ctx);
    const clinic = await slots.clinic(db, ctx.clinicId);
    const now = clock.now();
    return db.transaction(async (tx) => {
      const rows = opts.all
        ? await repo.recentRequests(tx, ctx.clinicId, 200)
        : await repo.openRequests(tx, ctx.clinicId, 200);
      const items = rows.map((r) => view(r, now, clinic.timeZone));
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'booking_request.list',
          entityType: 'booking_request',
          purpose: 'booking',
          details: { count: items.length },
        }),
      ]);
      return {
        items,
        overdue: items.filter((i) => i.state === 'overdue').length,
        dueToday: items.filter((i) => i.state === 'due_today').length,
      };
    });
  }

  /** Answers a request with a time: finds or registers the patient, books the visit, closes the request. */
  async function confirm(ctx: AccessContext, id: string, raw: unknown) {
    requireReception(ctx);
    const input = parseInput(confirmInput, raw);
    const clinic = await slots.clinic(db, ctx.clinicId);
    // Claim the request first so that two clicks cannot book twice; released again if booking fails.
    const req = await db.transaction(async (tx) => {
      const r = await repo.request(tx, ctx.clinicId, id, true);
      if (!r) throw new NotFoundError('no such booking request');
      if (r.status !== 'new') throw new ConflictError(`the request is already ${r.status}`);
      await repo.updateRequest(tx, ctx.clinicId, id, {
        status: 'answered',
        answeredAt: clock.now(),
        answeredBy: ctx.user!.id,
        answerNote: input.note ?? null,
      });
      return r;
    });
    try {
      let patientId = input.patientId;
      const idCode = req.idCodeEnc ? cipher.decrypt(req.idCodeEnc) : null;
      const today = utcDate(clock);
      if (!patientId && idCode && !input.identity) {
        // A returning patient: found by the ID code (the search is the patients service's, audited there).
        const found = await deps.patients.search(ctx, { query: idCode, limit: 2 });
        if (found.items.length === 1) patientId = found.items[0]!.id;
      }
      if (!patientId) {
        const identity =
          input.identity ??
          (idCode
            ? {
                kind: 'national' as const,
                country: guessIdCountry(idCode, today),
                code: idCode,
                ...(req.birthDate ? { birthDate: req.birthDate } : {}),
              }
            : null);
        if (!identity)
          throw new ValidationError(
            'identity',
            'the request has no ID code: choose the patient or give their identity document',
          );
        const person = {
          firstName: input.firstName ?? req.firstName,
          lastName: input.lastName ?? req.lastName,
          mobile: req.mobile,
          email: req.email,
          preferredLanguage: req.language,
        };
        if (identity.kind === 'birth_date') {
          patientId = (
            await deps.patientsByBirthDate.registerByBirthDate(
              ctx,
              { ...person, birthDate: identity.birthDate },
              clinic.country,
            )
          ).id;
        } else {
          const created = await deps.patients.register(ctx, { ...person, identity });
          patientId = created.patient.id as string;
        }
      }
      const startsAt = input.startsAt ?? req.preferredStart?.toISOString();
      const professionalId = input.professionalId ?? req.professionalId ?? undefined;
      if (!startsAt || !professionalId) throw new ValidationError('startsAt', 'choose the time and the professional');
      const entry = await deps.queue.register(
        ctx,
        {
          patientId,
          serviceId: req.serviceId,
          channel: req.channel,
          professionalId,
          startsAt,
          complaint: req.messageEnc ? cipher.decrypt(req.messageEnc) : undefined,
          reminderChannel: req.wantsSmsReminder ? 'sms' : req.wantsEmailReminder ? 'email' : 'none',
          contactMobile: req.mobile ?? undefined,
          contactEmail: req.email ?? undefined,
        },
        { bookingRequestId: req.id },
      );
      await db.transaction(async (tx) => {
        await repo.updateRequest(tx, ctx.clinicId, id, { queueEntryId: entry.id, patientId });
        await audit.append(tx, ctx, [
          auditEntry({
            action: 'booking_request.confirm',
            entityType: 'booking_request',
            entityId: id,
            patientRef: patientId,
            purpose: 'booking',
          }),
        ]);
      });
      return { entryId: entry.id, patientId, startsAt: entry.startsAt?.toISOString() ?? null };
    } catch (err) {
      await repo.updateRequest(db, ctx.clinicId, id, {
        status: 'new',
        answeredAt: null,
        answeredBy: null,
        answerNote: null,
      });
      throw err;
    }
  }

  /** Declines a request; the message goes to the person (e-mail, else SMS) in the language they wrote in. */
  async function decline(ctx: AccessContext, id: string, raw: unknown) {
    requireReception(ctx);
    const { message } = parseInput(declineInput, raw);
    await db.transaction(async (tx) => {
      const r = await repo.request(tx, ctx.clinicId, id, true);
      if (!r) throw new NotFoundError('no such booking request');
      if (r.status !== 'new') throw new ConflictError(`the request is already ${r.status}`);
      const now = clock.now();
      const closed = { status: 'declined' as const, answeredAt: now, answeredBy: ctx.user!.id, answerNote: message };
      await repo.updateRequest(tx, ctx.clinicId, id, closed);
      await queueRequestEnd(tx, { ...r, ...closed }, 'declined', now);
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'booking_request.decline',
          entityType: 'booking_request',
          entityId: id,
          purpose: 'booking',
        }),
      ]);
    });
  }

  return { publicInfo, publicSlots, createRequest, inbox, confirm, decline };
}
