import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { type AccessContext, hasRole } from '../../platform/access';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import { type FieldCipher, newId } from '../../platform/crypto';
import type { Db, DbOrTx } from '../../platform/db';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import {
  bookInput,
  cancelInput,
  emergencyInput,
  markInput,
  moveInput,
  registerInput,
  removeInput,
  updateInput,
} from './queue.input';
import { createQueueRepository, type QueueEntryRow } from './queue.repository';
import type { QueueStatus } from './queue.schema';
import { createResourcesRepository, type ProfessionalRow, type VisitServiceRow } from './resources.repository';
import type { SlotsService } from './slots.service';

/** Messages that follow a change of the planned time (notice, reminder); implemented by messaging. */
export interface VisitNotifier {
  planned(tx: DbOrTx, entry: QueueEntryRow): Promise<void>;
  withdrawn(tx: DbOrTx, entry: QueueEntryRow): Promise<void>;
  /** The clinic cancelled a planned visit: the patient is told in writing. */
  cancelledByClinic(tx: DbOrTx, entry: QueueEntryRow): Promise<void>;
}

export interface QueueServiceDeps {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
  audit: AuditService;
  slots: SlotsService;
  notifier: VisitNotifier;
  /** The patient chose a reminder: where the register bases reminders on consent, that choice is the consent. */
  reminderChosen: (
    ctx: AccessContext,
    patientId: string,
    channel: 'web' | 'on_site' | 'phone' | 'email',
  ) => Promise<void>;
}

type Action = 'book' | 'move' | 'cancel' | 'remove' | 'no_show' | 'arrived' | 'done';
const allowedFrom: Record<Action, QueueStatus[]> = {
  book: ['waiting'],
  move: ['booked'],
  cancel: ['waiting', 'booked'],
  remove: ['waiting', 'booked'],
  no_show: ['booked'],
  arrived: ['booked'],
  done: ['booked', 'arrived'],
};

/** A mobile number that can take an SMS, in E.164. */
export function smsCapableMobile(raw: string | null | undefined, country: 'EE' | 'LV'): string | null {
  if (!raw) return null;
  const p = parsePhoneNumberFromString(raw, country as CountryCode);
  if (!p?.isValid()) return null;
  const type = p.getType();
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' || type === undefined ? p.number : null;
}

const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; cause?: { code?: string } };
  return e.code === '23505' || e.cause?.code === '23505';
};

export type QueueService = ReturnType<typeof createQueueService>;

/** The treatment queue: registration, booking, moves, cancellations, arrivals and emergency help. */
export function createQueueService(deps: QueueServiceDeps) {
  const { db, clock, cipher, audit, slots, notifier } = deps;
  const repo = createQueueRepository();
  const resources = createResourcesRepository();

  /** Reception and administrators keep the queue; a doctor books their own patients or with themselves. */
  async function authorizeWrite(tx: DbOrTx, ctx: AccessContext, patientId: string, pro: ProfessionalRow | undefined) {
    if (hasRole(ctx, 'receptionist', 'admin')) return;
    if (hasRole(ctx, 'doctor')) {
      if (pro?.staffUserId === ctx.user!.id) return;
      if (await repo.isAssigned(tx, ctx.clinicId, patientId, ctx.user!.id)) return;
      throw new ForbiddenError('a doctor books only their own patients or visits with themselves');
    }
    throw new ForbiddenError('your role cannot keep the treatment queue');
  }

  async function professional(tx: DbOrTx, ctx: AccessContext, id: string, lock: boolean) {
    const pro = lock
      ? await resources.lockProfessional(tx, ctx.clinicId, id)
      : await resources.professional(tx, ctx.clinicId, id);
    if (!pro) throw new ValidationError('professionalId', 'unknown professional');
    return pro;
  }

  /** Under the professional's row lock: the time fits the schedule and no live visit overlaps it. */
  async function reserve(
    tx: DbOrTx,
    ctx: AccessContext,
    pro: ProfessionalRow,
    serviceOrId: string | VisitServiceRow,
    start: Date,
    exceptId?: string,
  ) {
    const service =
      typeof serviceOrId === 'string' ? await resources.service(tx, ctx.clinicId, serviceOrId) : serviceOrId;
    if (!service) throw new ValidationError('serviceId', 'unknown service');
    const { end, locationId } = await slots.checkBookable(tx, ctx.clinicId, pro, service, start);
    const clash = await repo.overlapping(tx, ctx.clinicId, pro.id, start, end, exceptId);
    if (clash.length > 0)
      throw new ConflictError('the time is already taken', { field: 'startsAt', reason: 'slot taken' });
    return { end, locationId };
  }

  async function change(
    tx: DbOrTx,
    ctx: AccessContext,
    e: QueueEntryRow,
    action: string,
    to: QueueStatus,
    extra: Partial<Parameters<typeof repo.addChange>[1]> = {},
  ) {
    await repo.addChange(tx, {
      clinicId: ctx.clinicId,
      id: newId(),
      entryId: e.id,
      at: clock.now(),
      byUserId: ctx.user?.id ?? null,
      byChannel: ctx.channel,
      action: action as never,
      fromStatus: action === 'registered' ? null : e.status,
      toStatus: to,
      ...extra,
    });
  }

  async function assignDoctor(tx: DbOrTx, ctx: AccessContext, patientId: string, pro: ProfessionalRow | undefined) {
    if (pro?.staffUserId) await repo.assignCare(tx, ctx.clinicId, patientId, pro.staffUserId, clock.now());
  }

  async function run<T>(fn: (tx: DbOrTx) => Promise<T>): Promise<T> {
    try {
      return await db.transaction(fn);
    } catch (err) {
      if (isUniqueViolation(err))
        throw new ConflictError('the time is already taken', { field: 'startsAt', reason: 'slot taken' });
      throw err;
    }
  }

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
      const patient = await repo.patient(tx, ctx.clinicId, input.patientId);
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
      if (input.startsAt && pro) slot = await reserve(tx, ctx, pro, service, input.startsAt);
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
        {
          action: 'queue_entry.create',
          entityType: 'queue_entry',
          entityId: id,
          patientRef: patient.id,
          purpose: 'care',
          details: { status: entry.status },
        },
      ]);
      return entry;
    });
  }

  /** Loads, authorises and checks the transition of an entry, under its row lock. */
  async function transition(tx: DbOrTx, ctx: AccessContext, id: string, action: Action, proId?: string | null) {
    const e = await repo.findForUpdate(tx, ctx.clinicId, id);
    if (!e) throw new NotFoundError('no such queue entry');
    const pro = proId ? await professional(tx, ctx, proId, ['book', 'move'].includes(action)) : undefined;
    await authorizeWrite(
      tx,
      ctx,
      e.patientId,
      pro ?? (e.professionalId ? await resources.professional(tx, ctx.clinicId, e.professionalId) : undefined),
    );
    if (!allowedFrom[action].includes(e.status))
      throw new ConflictError(`the entry is ${e.status}: it cannot be ${action.replace('_', '-')}`, {
        field: 'status',
        reason: e.status,
      });
    return { e, pro };
  }

  async function book(ctx: AccessContext, id: string, raw: unknown) {
    const input = parseInput(bookInput, raw);
    return run(async (tx) => {
      const { e, pro } = await transition(tx, ctx, id, 'book', input.professionalId);
      const slot = await reserve(tx, ctx, pro!, e.serviceId, input.startsAt, e.id);
      await repo.update(tx, ctx.clinicId, id, {
        status: 'booked',
        professionalId: pro!.id,
        startsAt: input.startsAt,
        endsAt: slot.end,
        locationId: input.locationId ?? slot.locationId,
        roomId: input.roomId ?? e.roomId,
        updatedAt: clock.now(),
      });
      await change(tx, ctx, e, 'booked', 'booked', {
        newStartsAt: input.startsAt,
        newProfessionalId: pro!.id,
        patientInformed: input.patientInformed,
        informedHow: input.informedHow ?? null,
      });
      await assignDoctor(tx, ctx, e.patientId, pro);
      const updated = (await repo.find(tx, ctx.clinicId, id))!;
      await notifier.planned(tx, updated);
      await audit.append(tx, ctx, [
        {
          action: 'queue_entry.book',
          entityType: 'queue_entry',
          entityId: id,
          patientRef: e.patientId,
          purpose: 'care',
        },
      ]);
      return updated;
    });
  }

  async function move(ctx: AccessContext, id: string, raw: unknown) {
    const input = parseInput(moveInput, raw);
    return run(async (tx) => {
      const current = await repo.find(tx, ctx.clinicId, id);
      const { e, pro } = await transition(tx, ctx, id, 'move', input.professionalId ?? current?.professionalId);
      const slot = await reserve(tx, ctx, pro!, e.serviceId, input.startsAt, e.id);
      await notifier.withdrawn(tx, e);
      await repo.update(tx, ctx.clinicId, id, {
        professionalId: pro!.id,
        startsAt: input.startsAt,
        endsAt: slot.end,
        locationId: slot.locationId ?? e.locationId,
        updatedAt: clock.now(),
      });
      await change(tx, ctx, e, 'moved', 'booked', {
        previousStartsAt: e.startsAt,
        newStartsAt: input.startsAt,
        previousProfessionalId: e.professionalId,
        newProfessionalId: pro!.id,
        reason: input.reason,
        patientInformed: input.patientInformed,
        informedHow: input.informedHow ?? null,
      });
      await assignDoctor(tx, ctx, e.patientId, pro);
      const updated = (await repo.find(tx, ctx.clinicId, id))!;
      await notifier.planned(tx, updated);
      await audit.append(tx, ctx, [
        {
          action: 'queue_entry.move',
          entityType: 'queue_entry',
          entityId: id,
          patientRef: e.patientId,
          purpose: 'care',
          reason: input.reason,
        },
      ]);
      return updated;
    });
  }

  /** Cancel, remove, no-show, arrived, done: a status change with its reason and whether the patient was told. */
  async function setStatus(ctx: AccessContext, id: string, action: Exclude<Action, 'book' | 'move'>, raw: unknown) {
    const input =
      action === 'cancel'
        ? parseInput(cancelInput, raw)
        : action === 'remove'
          ? parseInput(removeInput, raw)
          : { ...parseInput(markInput, raw), reason: undefined, patientInformed: false, informedHow: undefined };
    const to: QueueStatus = action === 'cancel' ? 'cancelled' : action === 'remove' ? 'removed' : action;
    return run(async (tx) => {
      const { e } = await transition(tx, ctx, id, action);
      if (action === 'no_show' && e.startsAt && e.startsAt.getTime() > clock.now().getTime()) {
        throw new ValidationError('status', 'the visit has not started yet: it cannot be a no-show');
      }
      await repo.update(tx, ctx.clinicId, id, { status: to, updatedAt: clock.now() });
      const by = 'by' in input ? `${input.by}: ` : '';
      const reason = input.reason ? `${by}${input.reason}` : 'note' in input ? (input.note ?? null) : null;
      await change(tx, ctx, e, action === 'arrived' ? 'arrived' : action, to, {
        reason,
        patientInformed: input.patientInformed,
        informedHow: input.informedHow ?? null,
        previousStartsAt: e.startsAt,
      });
      if (['cancelled', 'removed', 'no_show'].includes(to)) await notifier.withdrawn(tx, e);
      if (to === 'cancelled' && 'by' in input && input.by === 'clinic' && e.startsAt)
        await notifier.cancelledByClinic(tx, e);
      await audit.append(tx, ctx, [
        {
          action: `queue_entry.${action}`,
          entityType: 'queue_entry',
          entityId: id,
          patientRef: e.patientId,
          purpose: 'care',
        },
      ]);
      return (await repo.find(tx, ctx.clinicId, id))!;
    });
  }

  /** Changes what was registered; the fields changed (not their values) go into the change record. */
  async function update(ctx: AccessContext, id: string, raw: unknown) {
    const input = parseInput(updateInput, raw);
    const updated = await updateEntry(ctx, id, input);
    if (input.reminderChannel && input.reminderChannel !== 'none')
      await deps.reminderChosen(ctx, updated.patientId, 'on_site');
    return updated;
  }

  async function updateEntry(ctx: AccessContext, id: string, input: ReturnType<typeof updateInput.parse>) {
    const clinic = await slots.clinic(db, ctx.clinicId);
    return run(async (tx) => {
      const e = await repo.findForUpdate(tx, ctx.clinicId, id);
      if (!e) throw new NotFoundError('no such queue entry');
      const pro = e.professionalId ? await resources.professional(tx, ctx.clinicId, e.professionalId) : undefined;
      await authorizeWrite(tx, ctx, e.patientId, pro);
      if (['done', 'cancelled', 'removed', 'no_show'].includes(e.status))
        throw new ConflictError(`the entry is ${e.status}: it can no longer be changed`);
      const set: Parameters<typeof repo.update>[3] = {};
      if (input.indication !== undefined)
        set.indicationEnc = input.indication ? cipher.encrypt(input.indication) : null;
      if (input.complaint !== undefined) set.complaintEnc = cipher.encrypt(input.complaint);
      if (input.referral !== undefined)
        Object.assign(set, {
          referralProfessional: input.referral?.professional ?? null,
          referralInstitution: input.referral?.institution ?? null,
        });
      if (input.contactMobile !== undefined) {
        const mobile = input.contactMobile ? smsCapableMobile(input.contactMobile, clinic.country) : null;
        if (input.contactMobile && !mobile) throw new ValidationError('contactMobile', 'not a valid mobile number');
        set.contactMobile = mobile;
      }
      if (input.contactEmail !== undefined) set.contactEmail = input.contactEmail;
      if (input.reminderChannel !== undefined) set.reminderChannel = input.reminderChannel;
      const next = { ...e, ...set };
      if (next.reminderChannel === 'sms' && !next.contactMobile)
        throw new ValidationError('reminderChannel', 'SMS reminders need a valid mobile number');
      if (next.reminderChannel === 'email' && !next.contactEmail)
        throw new ValidationError('reminderChannel', 'e-mail reminders need an e-mail address');
      const fields = Object.keys(input).filter(
        (k) =>
          !['reason', 'patientInformed', 'informedHow'].includes(k) &&
          (input as Record<string, unknown>)[k] !== undefined,
      );
      if (fields.length === 0) throw new ValidationError('input', 'nothing to change');
      await repo.update(tx, ctx.clinicId, id, { ...set, updatedAt: clock.now() });
      await change(tx, ctx, e, 'changed', e.status, {
        reason: `${input.reason} [${fields.join(', ')}]`,
        patientInformed: input.patientInformed,
        informedHow: input.informedHow ?? null,
      });
      const updated = (await repo.find(tx, ctx.clinicId, id))!;
      // Contacts or the reminder choice changed: the pending messages are made again from the new data.
      if (
        updated.status === 'booked' &&
        (set.contactMobile !== undefined || set.contactEmail !== undefined || set.reminderChannel !== undefined)
      ) {
        await notifier.withdrawn(tx, e);
        await notifier.planned(tx, updated);
      }
      await audit.append(tx, ctx, [
        {
          action: 'queue_entry.update',
          entityType: 'queue_entry',
          entityId: id,
          patientRef: e.patientId,
          purpose: 'care',
          details: { fields },
        },
      ]);
      return updated;
    });
  }

  /** Emergency help is given outside the queue: recorded as such, never checked against bookings. */
  async function emergency(ctx: AccessContext, raw: unknown) {
    const input = parseInput(emergencyInput, raw);
    if (!hasRole(ctx, 'receptionist', 'admin', 'doctor'))
      throw new ForbiddenError('your role cannot record emergency help');
    return run(async (tx) => {
      const patient = await repo.patient(tx, ctx.clinicId, input.patientId);
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
        {
          action: 'queue_entry.emergency',
          entityType: 'queue_entry',
          entityId: id,
          patientRef: patient.id,
          purpose: 'care',
        },
      ]);
      return entry;
    });
  }

  return {
    register,
    book,
    move,
    emergency,
    update,
    cancel: (ctx: AccessContext, id: string, raw: unknown) => setStatus(ctx, id, 'cancel', raw),
    remove: (ctx: AccessContext, id: string, raw: unknown) => setStatus(ctx, id, 'remove', raw),
    noShow: (ctx: AccessContext, id: string, raw: unknown) => setStatus(ctx, id, 'no_show', raw),
    arrived: (ctx: AccessContext, id: string, raw: unknown) => setStatus(ctx, id, 'arrived', raw),
    done: (ctx: AccessContext, id: string, raw: unknown) => setStatus(ctx, id, 'done', raw),
  };
}
