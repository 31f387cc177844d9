import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { type AccessContext, hasRole } from '../../platform/access';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import { type FieldCipher, newId } from '../../platform/crypto';
import type { Db, DbOrTx } from '../../platform/db';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import type { PatientReads } from '../patients/patients.reads';
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
  /** The clinic moved a planned visit: the patient is told the old and the new time in writing. */
  movedByClinic(tx: DbOrTx, entry: QueueEntryRow, previousStartsAt: Date): Promise<void>;
}

export interface QueueServiceDeps {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
  audit: AuditService;
  slots: SlotsService;
  notifier: VisitNotifier;
  /** The patient as a visit sees them, and the care team the booked doctor joins. */
  patients: Pick<PatientReads, 'forVisit' | 'isAssigned' | 'assignCare'>;
  /** The patient chose a reminder: where the register bases reminders on consent, that choice is the consent. */
  reminderChosen: (
    ctx: AccessContext,
    patientId: string,
    channel: 'web' | 'on_site' | 'phone' | 'email',
  ) => Promise<void>;
}

export type Action = 'book' | 'move' | 'cancel' | 'remove' | 'no_show' | 'arrived' | 'done';
export const allowedFrom: Record<Action, QueueStatus[]> = {
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

/** A room (chair) already holds a live visit at an overlapping time. */
export class RoomTakenError extends AppError {
  override readonly status = 409;
  override readonly code = 'room_taken';
  constructor() {
    super('roomId: the room is already taken at this time', { field: 'roomId', reason: 'the room is already taken' });
  }
}

/** Arrived, done or no-show on a visit that is not due yet (a later day, or a no-show before it began). */
export class VisitNotDueError extends AppError {
  override readonly status = 400;
  override readonly code = 'visit_not_due';
  constructor(reason: string) {
    super(`status: ${reason}`, { field: 'status', reason });
  }
}

export const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; cause?: { code?: string } };
  return e.code === '23505' || e.cause?.code === '23505';
};

/**
 * What the queue's operations share: the repositories, the write permission, the professional's
 * lock, the reservation of a time and the change record. Built once by createQueueService.
 */
export function createQueueKit(deps: QueueServiceDeps) {
  const { db, clock, slots } = deps;
  const repo = createQueueRepository();
  const resources = createResourcesRepository();

  /** Reception and administrators keep the queue; a doctor books their own patients or with themselves. */
  async function authorizeWrite(tx: DbOrTx, ctx: AccessContext, patientId: string, pro: ProfessionalRow | undefined) {
    if (hasRole(ctx, 'receptionist', 'admin')) return;
    if (hasRole(ctx, 'doctor')) {
      if (pro?.staffUserId === ctx.user!.id) return;
      if (await deps.patients.isAssigned(tx, ctx.clinicId, patientId, ctx.user!.id)) return;
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
    roomId?: string | null,
  ) {
    const service =
      typeof serviceOrId === 'string' ? await resources.service(tx, ctx.clinicId, serviceOrId) : serviceOrId;
    if (!service) throw new ValidationError('serviceId', 'unknown service');
    const { end, locationId } = await slots.checkBookable(tx, ctx.clinicId, pro, service, start);
    const clash = await repo.overlapping(tx, ctx.clinicId, pro.id, start, end, exceptId);
    if (clash.length > 0)
      throw new ConflictError('the time is already taken', { field: 'startsAt', reason: 'slot taken' });
    if (roomId) {
      // The room's row lock serialises bookings of one room across professionals.
      const room = await resources.lockRoom(tx, ctx.clinicId, roomId);
      if (!room?.active) throw new ValidationError('roomId', 'unknown room');
      if ((await repo.overlappingRoom(tx, ctx.clinicId, roomId, start, end, exceptId)).length > 0)
        throw new RoomTakenError();
    }
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
    if (pro?.staffUserId) await deps.patients.assignCare(tx, ctx.clinicId, patientId, pro.staffUserId, clock.now());
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

  return { ...deps, repo, resources, authorizeWrite, professional, reserve, change, assignDoctor, run, transition };
}
export type QueueKit = ReturnType<typeof createQueueKit>;
