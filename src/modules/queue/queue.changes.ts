import type { AccessContext } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import { localDate } from '../../rules/zoned-time';
import { bookInput, cancelInput, markInput, moveInput, removeInput, updateInput } from './queue.input';
import { type Action, type QueueKit, smsCapableMobile, VisitNotDueError } from './queue.kit';
import type { QueueEntryRow } from './queue.repository';
import type { QueueStatus } from './queue.schema';

/** Changes of a registered entry: booking a time, moving it, status changes and corrections. */
export function createQueueChanges(kit: QueueKit) {
  const { db, clock, cipher, audit, slots, notifier, repo, resources } = kit;
  const { authorizeWrite, reserve, change, assignDoctor, run, transition } = kit;

  async function book(ctx: AccessContext, id: string, raw: unknown) {
    const input = parseInput(bookInput, raw);
    return run(async (tx) => {
      const { e, pro } = await transition(tx, ctx, id, 'book', input.professionalId);
      const roomId = input.roomId ?? e.roomId;
      const slot = await reserve(tx, ctx, pro!, e.serviceId, input.startsAt, e.id, roomId);
      await repo.update(tx, ctx.clinicId, id, {
        status: 'booked',
        professionalId: pro!.id,
        startsAt: input.startsAt,
        endsAt: slot.end,
        locationId: input.locationId ?? slot.locationId,
        roomId,
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
        auditEntry({
          action: 'queue_entry.book',
          entityType: 'queue_entry',
          entityId: id,
          patientRef: e.patientId,
          purpose: 'care',
        }),
      ]);
      return updated;
    });
  }

  async function move(ctx: AccessContext, id: string, raw: unknown) {
    const input = parseInput(moveInput, raw);
    return run(async (tx) => {
      const current = await repo.find(tx, ctx.clinicId, id);
      const { e, pro } = await transition(tx, ctx, id, 'move', input.professionalId ?? current?.professionalId);
      const roomId = input.roomId === undefined ? e.roomId : input.roomId;
      const slot = await reserve(tx, ctx, pro!, e.serviceId, input.startsAt, e.id, roomId);
      await notifier.withdrawn(tx, e);
      await repo.update(tx, ctx.clinicId, id, {
        roomId,
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
        reason: `${input.by}: ${input.reason}`,
        patientInformed: input.patientInformed,
        informedHow: input.informedHow ?? null,
      });
      await assignDoctor(tx, ctx, e.patientId, pro);
      const updated = (await repo.find(tx, ctx.clinicId, id))!;
      await notifier.planned(tx, updated);
      if (input.by === 'clinic') await notifier.movedByClinic(tx, updated, e.startsAt!);
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'queue_entry.move',
          entityType: 'queue_entry',
          entityId: id,
          patientRef: e.patientId,
          purpose: 'care',
          reason: input.reason,
        }),
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
      await requireDue(tx, ctx.clinicId, e, action);
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
        auditEntry({
          action: `queue_entry.${action}`,
          entityType: 'queue_entry',
          entityId: id,
          patientRef: e.patientId,
          purpose: 'care',
        }),
      ]);
      return (await repo.find(tx, ctx.clinicId, id))!;
    });
  }

  /**
   * Arrived and done only from the visit's day on (in the clinic's zone), no-show only once it began:
   * tomorrow's visit cannot be marked today.
   */
  async function requireDue(tx: Parameters<typeof repo.find>[0], clinicId: string, e: QueueEntryRow, action: Action) {
    if (!e.startsAt || !['arrived', 'done', 'no_show'].includes(action)) return;
    const now = clock.now();
    if (action === 'no_show') {
      if (e.startsAt.getTime() > now.getTime())
        throw new VisitNotDueError('the visit has not started yet: it cannot be a no-show');
      return;
    }
    const { timeZone } = await slots.clinic(tx, clinicId);
    const day = localDate(e.startsAt, timeZone);
    if (day > localDate(now, timeZone))
      throw new VisitNotDueError(`the visit is on ${day}: it can be marked from that day on`);
  }

  /** The notice was printed at the desk: recorded as the patient informed in writing. */
  async function noticePrinted(ctx: AccessContext, id: string) {
    await run(async (tx) => {
      const e = await repo.find(tx, ctx.clinicId, id);
      if (!e) throw new NotFoundError('no such queue entry');
      await change(tx, ctx, e, 'notice_printed', e.status, {
        newStartsAt: e.startsAt,
        patientInformed: true,
        informedHow: 'printed notice',
      });
    });
  }

  /** Changes what was registered; the fields changed (not their values) go into the change record. */
  async function update(ctx: AccessContext, id: string, raw: unknown) {
    const input = parseInput(updateInput, raw);
    const updated = await updateEntry(ctx, id, input);
    if (input.reminderChannel && input.reminderChannel !== 'none')
      await kit.reminderChosen(ctx, updated.patientId, 'on_site');
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
        auditEntry({
          action: 'queue_entry.update',
          entityType: 'queue_entry',
          entityId: id,
          patientRef: e.patientId,
          purpose: 'care',
          details: { fields },
        }),
      ]);
      return updated;
    });
  }

  return {
    book,
    move,
    update,
    noticePrinted,
    cancel: (ctx: AccessContext, id: string, raw: unknown) => setStatus(ctx, id, 'cancel', raw),
    remove: (ctx: AccessContext, id: string, raw: unknown) => setStatus(ctx, id, 'remove', raw),
    noShow: (ctx: AccessContext, id: string, raw: unknown) => setStatus(ctx, id, 'no_show', raw),
    arrived: (ctx: AccessContext, id: string, raw: unknown) => setStatus(ctx, id, 'arrived', raw),
    done: (ctx: AccessContext, id: string, raw: unknown) => setStatus(ctx, id, 'done', raw),
  };
}
