import { type AccessContext, hasRole } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { AuditAction } from '../../platform/audit/audit.vocabulary';
import type { Clock } from '../../platform/clock';
import { newId } from '../../platform/crypto';
import type { Db } from '../../platform/db';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import type { ClinicLookup } from '../clinics/clinics.service';
import { type AffectedVisit, VisitsAffectedError, visitsUnder } from './absences';
import {
  exceptionInput,
  locationInput,
  professionalInput,
  professionalUpdateInput,
  roomInput,
  scheduleInput,
  serviceInput,
  serviceUpdateInput,
  settingsInput,
} from './resources.input';
import { createResourcesRepository } from './resources.repository';

export type ResourcesService = ReturnType<typeof createResourcesService>;

/** Professionals, places, services, working hours and the clinic's queue settings. */
export function createResourcesService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  clinics: Pick<ClinicLookup, 'byId'>;
}) {
  const { db, clock, audit } = deps;
  const repo = createResourcesRepository();

  const requireStaff = (ctx: AccessContext) => {
    if (!ctx.user) throw new ForbiddenError('log in as staff');
  };
  const requireRole = (ctx: AccessContext, ...roles: Parameters<typeof hasRole>[1][]) => {
    if (!hasRole(ctx, ...roles)) throw new ForbiddenError(`only ${roles.join(' or ')} may change this`);
  };

  async function write(
    ctx: AccessContext,
    action: AuditAction,
    entityType: string,
    entityId: string,
    run: (tx: Db) => Promise<unknown>,
  ) {
    await db.transaction(async (tx) => {
      await run(tx as unknown as Db);
      await audit.append(tx, ctx, [auditEntry({ action, entityType, entityId, purpose: 'administration' })]);
    });
  }

  return {
    repo,
    async addProfessional(ctx: AccessContext, raw: unknown) {
      requireRole(ctx, 'admin');
      const input = parseInput(professionalInput, raw);
      const id = newId();
      await write(ctx, 'professional.create', 'professional', id, (tx) =>
        repo.insertProfessional(tx, {
          clinicId: ctx.clinicId,
          id,
          staffUserId: input.staffUserId ?? null,
          firstName: input.firstName,
          lastName: input.lastName,
          kind: input.kind,
          registrationCode: input.registrationCode ?? null,
          specialities: input.specialities,
          workPhone: input.workPhone ?? null,
          workEmail: input.workEmail ?? null,
          createdAt: clock.now(),
        }),
      );
      return { id };
    },
    /** Changes a professional; `active: false` when they leave (their past visits stay). */
    async updateProfessional(ctx: AccessContext, id: string, raw: unknown) {
      requireRole(ctx, 'admin');
      const input = parseInput(professionalUpdateInput, raw);
      await write(ctx, 'professional.update', 'professional', id, async (tx) => {
        const rows = await repo.updateProfessional(tx, ctx.clinicId, id, input);
        if (rows.length === 0) throw new NotFoundError('no such professional');
      });
      return { id };
    },
    async updateService(ctx: AccessContext, id: string, raw: unknown) {
      requireRole(ctx, 'admin');
      const input = parseInput(serviceUpdateInput, raw);
      await write(ctx, 'visit_service.update', 'visit_service', id, async (tx) => {
        const rows = await repo.updateService(tx, ctx.clinicId, id, input);
        if (rows.length === 0) throw new NotFoundError('no such service');
      });
      return { id };
    },
    async addLocation(ctx: AccessContext, raw: unknown) {
      requireRole(ctx, 'admin');
      const input = parseInput(locationInput, raw);
      const id = newId();
      await write(ctx, 'location.create', 'location', id, (tx) =>
        repo.insertLocation(tx, {
          clinicId: ctx.clinicId,
          id,
          ...input,
          phone: input.phone ?? null,
          email: input.email ?? null,
        }),
      );
      return { id };
    },
    async addRoom(ctx: AccessContext, raw: unknown) {
      requireRole(ctx, 'admin');
      const input = parseInput(roomInput, raw);
      if (!(await repo.location(db, ctx.clinicId, input.locationId)))
        throw new ValidationError('locationId', 'no such location');
      const id = newId();
      await write(ctx, 'room.create', 'room', id, (tx) =>
        repo.insertRoom(tx, { clinicId: ctx.clinicId, id, ...input }),
      );
      return { id };
    },
    async addService(ctx: AccessContext, raw: unknown) {
      requireRole(ctx, 'admin');
      const input = parseInput(serviceInput, raw);
      const id = newId();
      await write(ctx, 'visit_service.create', 'visit_service', id, (tx) =>
        repo.insertService(tx, { clinicId: ctx.clinicId, id, ...input, code: input.code ?? null }),
      );
      return { id };
    },
    async addSchedule(ctx: AccessContext, raw: unknown) {
      requireRole(ctx, 'admin', 'receptionist');
      const input = parseInput(scheduleInput, raw);
      if (!(await repo.professional(db, ctx.clinicId, input.professionalId)))
        throw new ValidationError('professionalId', 'no such professional');
      const id = newId();
      await write(ctx, 'schedule.create', 'work_schedule', id, (tx) =>
        repo.insertSchedule(tx, {
          clinicId: ctx.clinicId,
          id,
          professionalId: input.professionalId,
          weekday: input.weekday,
          startTime: input.start,
          endTime: input.end,
          locationId: input.locationId ?? null,
          roomId: input.roomId ?? null,
          validFrom: input.validFrom ?? null,
          validUntil: input.validUntil ?? null,
        }),
      );
      return { id };
    },
    async removeSchedule(ctx: AccessContext, id: string) {
      requireRole(ctx, 'admin', 'receptionist');
      await write(ctx, 'schedule.delete', 'work_schedule', id, async (tx) => {
        // Another clinic's id (or none) deletes nothing: say so, as every other route with an id does.
        if ((await repo.deleteSchedule(tx, ctx.clinicId, id)).length === 0) throw new NotFoundError('no such schedule');
      });
    },
    /**
     * Leave, a closure or extra hours. Leave or a closure over booked visits is refused (409
     * `visits_affected`, with the visits) unless `confirm` is given; then the visits are answered
     * so that the desk moves or cancels each.
     */
    async addException(ctx: AccessContext, raw: unknown): Promise<{ id: string; affected: AffectedVisit[] }> {
      requireRole(ctx, 'admin', 'receptionist');
      const input = parseInput(exceptionInput, raw);
      if (input.professionalId && !(await repo.professional(db, ctx.clinicId, input.professionalId))) {
        throw new ValidationError('professionalId', 'no such professional');
      }
      const { timeZone } = await deps.clinics.byId(ctx.clinicId);
      const id = newId();
      let affected: AffectedVisit[] = [];
      await write(ctx, 'schedule_exception.create', 'schedule_exception', id, async (tx) => {
        affected = await visitsUnder(tx, ctx.clinicId, input, timeZone);
        if (affected.length > 0 && !input.confirm) throw new VisitsAffectedError(affected);
        await repo.insertException(tx, {
          clinicId: ctx.clinicId,
          id,
          professionalId: input.professionalId,
          kind: input.kind,
          date: input.date,
          until: input.until ?? null,
          startTime: input.start ?? null,
          endTime: input.end ?? null,
          locationId: input.locationId ?? null,
          note: input.note ?? null,
          createdAt: clock.now(),
        });
      });
      return { id, affected };
    },
    /** The booked visits an absence would fall on, before it is recorded (nothing is written). */
    async checkException(ctx: AccessContext, raw: unknown): Promise<{ affected: AffectedVisit[] }> {
      requireRole(ctx, 'admin', 'receptionist');
      const input = parseInput(exceptionInput, raw);
      const { timeZone } = await deps.clinics.byId(ctx.clinicId);
      return { affected: await visitsUnder(db, ctx.clinicId, input, timeZone) };
    },
    async catalogue(ctx: AccessContext) {
      requireStaff(ctx);
      const [pros, locs, rms, svcs, scheds] = await Promise.all([
        repo.professionals(db, ctx.clinicId),
        repo.locations(db, ctx.clinicId),
        repo.rooms(db, ctx.clinicId),
        repo.services(db, ctx.clinicId),
        repo.schedules(db, ctx.clinicId),
      ]);
      return { professionals: pros, locations: locs, rooms: rms, services: svcs, schedules: scheds };
    },
    async exceptions(ctx: AccessContext, from: string, to: string) {
      requireStaff(ctx);
      return repo.exceptions(db, ctx.clinicId, from, to);
    },
    async settings(ctx: AccessContext) {
      requireStaff(ctx);
      return repo.settings(db, ctx.clinicId);
    },
    async updateSettings(ctx: AccessContext, raw: unknown) {
      requireRole(ctx, 'admin');
      const input = parseInput(settingsInput, raw);
      const current = await repo.settings(db, ctx.clinicId);
      const next = { ...current, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
      if (next.sendingFrom >= next.sendingUntil)
        throw new ValidationError('sendingUntil', 'sending hours must end after they start');
      await write(ctx, 'queue_settings.update', 'queue_settings', ctx.clinicId, (tx) => repo.saveSettings(tx, next));
      return next;
    },
    async requireService(clinicId: string, id: string) {
      const s = await repo.service(db, clinicId, id);
      if (!s?.active) throw new ValidationError('serviceId', 'unknown service');
      return s;
    },
  };
}
