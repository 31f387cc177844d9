import { type AccessContext, hasRole } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import { newId } from '../../platform/crypto';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import { createQueueChanges } from './queue.changes';
import { emergencyInput, registerInput } from './queue.input';
import { createQueueKit, type QueueServiceDeps, smsCapableMobile } from './queue.kit';
import type { QueueStatus } from './queue.schema';

export { type QueueServiceDeps, smsCapableMobile, type VisitNotifier } from './queue.kit';

export type QueueService = ReturnType<typeof createQueueService>;

/** The treatment queue: registration, booking, moves, cancellations, arrivals and emergency help. */
export function createQueueService(deps: QueueServiceDeps) {
  const kit = createQueueKit(deps);
  const { db, clock, cipher, audit, slots, notifier, repo, resources } = kit;
  const { authorizeWrite, professional, reserve, change, assignDoctor, run } = kit;

  async function register(ctx: AccessContext, raw: unknown, opts: { bookingRequestId?: string } = {}) {
    const input = parseInput(registerInput, raw);
    const entry = await registerEntry(ctx, input, opts);
    // After the commit: the consent ledger keeps its own transaction.
    if (input.reminderChannel !== 'none') {
      await deps.reminderChosen(ctx, entry.patientId, input.channel === 'website' ? 'web' : input.channel);
    }
    return entry;
  }

  async function registerEntry(
    ctx: AccessContext,
    input: ReturnType<typeof registerInput.parse>,
    opts: { bookingRequestId?: string },
  ) {
    const clinic = await slots.clinic(db, ctx.clinicId);
    return run(async (tx) => {
      const patient = await deps.patients.forVisit(tx, ctx.clinicId, input.patientId);
      if (patient?.status !== 'active') throw new ValidationError('patientId', 'unknown patient');
      const service = await resources.service(tx, ctx.clinicId, input.serviceId);
      if (!service?.active) throw new ValidationError('serviceId', 'unknown service');
      const pro = input.professionalId
        ? await professional(tx, ctx, input.professionalId, !!input.startsAt)
        : undefined;
      await authorizeWrite(tx, ctx, patient.id, pro);
      const mobileRaw = input.contactMobile ?? patient.mobile;
      const mobile = mobileRaw ? smsCapableMobile(mobileRaw, clinic.country) : null;
      if (input.contactMobile && !mobile) throw new ValidationError('contactMobile', 'not a valid mobile number');
      const email = input.contactEmail ?? patient.email;
      if (input.reminderChannel === 'sms' && !mobile)
        throw new ValidationError('reminderChannel', 'SMS reminders need a valid mobile number');
      if (input.reminderChannel === 'email' && !email)
        throw new ValidationError('reminderChannel', 'e-mail reminders need an e-mail address');
      const now = clock.now();
      let slot: { end: Date; locationId: string | null } | null = null;
      if (input.startsAt && pro) slot = await reserve(tx, ctx, pro, service, input.startsAt, undefined, input.roomId);
      const id = newId();
      const row = {
        clinicId: ctx.clinicId,
        id,
        patientId: patient.id,
        contactMobile: mobile ?? mobileRaw ?? null,
        contactEmail: email ?? null,
        language: patient.preferredLanguage,
        serviceId: service.id,
        indicationEnc: input.indication ? cipher.encrypt(input.indication) : null,
        complaintEnc: input.complaint ? cipher.encrypt(input.complaint) : null,
        referralProfessional: input.referral?.professional ?? null,
        referralInstitution: input.referral?.institution ?? null,
        professionalId: pro?.id ?? null,
        locationId: input.locationId ?? slot?.locationId ?? null,
        roomId: input.roomId ?? null,
        startsAt: input.startsAt ?? null,
        endsAt: slot?.end ?? null,
        registeredAt: now,
        channel: input.channel,
        status: (slot ? 'booked' : 'waiting') as QueueStatus,
        reminderChannel: input.reminderChannel,
        bookingRequestId: opts.bookingRequestId ?? null,
        registeredBy: ctx.user?.id ?? null,
        updatedAt: now,
      };
      const entry = await repo.insert(tx, row);
      await change(tx, ctx, entry, 'registered', entry.status, {
        newStartsAt: entry.startsAt,
        newProfessionalId: entry.professionalId,
      });
      await assignDoctor(tx, ctx, patient.id, pro);
      if (entry.status === 'booked') await notifier.planned(tx, entry);
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'queue_entry.create',
          entityType: 'queue_entry',
          entityId: id,
          patientRef: patient.id,
          purpose: 'care',
          details: { status: entry.status },
        }),
      ]);
      return entry;
    });
  }

  /** Emergency help is given outside the queue: recorded as such, never checked against bookings. */
  async function emergency(ctx: AccessContext, raw: unknown) {
    const input = parseInput(emergencyInput, raw);
    if (!hasRole(ctx, 'receptionist', 'admin', 'doctor'))
      throw new ForbiddenError('your role cannot record emergency help');
    return run(async (tx) => {
      const patient = await deps.patients.forVisit(tx, ctx.clinicId, input.patientId);
      if (!patient) throw new ValidationError('patientId', 'unknown patient');
      const service = await resources.service(tx, ctx.clinicId, input.serviceId);
      if (!service) throw new ValidationError('serviceId', 'unknown service');
      const pro = input.professionalId ? await professional(tx, ctx, input.professionalId, false) : undefined;
      const now = clock.now();
      const id = newId();
      await repo.insert(tx, {
        clinicId: ctx.clinicId,
        id,
        patientId: patient.id,
        contactMobile: patient.mobile,
        contactEmail: patient.email,
        language: patient.preferredLanguage,
        serviceId: service.id,
        complaintEnc: cipher.encrypt(input.complaint),
        professionalId: pro?.id ?? null,
        startsAt: now,
        endsAt: new Date(now.getTime() + service.durationMinutes * 60000),
        registeredAt: now,
        channel: 'on_site',
        status: 'arrived',
        emergency: true,
        registeredBy: ctx.user?.id ?? null,
        updatedAt: now,
      });
      const entry = (await repo.find(tx, ctx.clinicId, id))!;
      await change(tx, ctx, entry, 'emergency', 'arrived', { reason: 'emergency help outside the queue' });
      await assignDoctor(tx, ctx, patient.id, pro);
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'queue_entry.emergency',
          entityType: 'queue_entry',
          entityId: id,
          patientRef: patient.id,
          purpose: 'care',
        }),
      ]);
      return entry;
    });
  }

  /** 404 unless the entry is this clinic's: a route about an entry answers nothing for another clinic's id. */
  async function requireEntry(ctx: AccessContext, id: string) {
    if (!(await repo.find(db, ctx.clinicId, id))) throw new NotFoundError('no such queue entry');
  }

  return { register, emergency, requireEntry, ...createQueueChanges(kit) };
}
