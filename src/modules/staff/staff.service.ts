import { type AccessContext, hasRole } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { AuthService } from '../../platform/auth/auth.service';
import { type Clock, utcDate } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { AppError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import type { PatientReads } from '../patients/patients.reads';
import { patientsBookedWith, type QueueReads } from '../queue/queue.reads';
import type { ResourcesService } from '../queue/resources.service';
import { professionalLinkInput } from './staff.input';

export interface StaffDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  auth: Pick<AuthService, 'userById'>;
  resources: Pick<ResourcesService, 'addProfessional' | 'updateProfessional'>;
  queueReads: Pick<QueueReads, 'professionals'>;
  patientReads: Pick<PatientReads, 'assignCare'>;
}

/** The account is linked to another professional, or the professional to another account. */
export class ProfessionalLinkConflictError extends AppError {
  override readonly status = 409;
  override readonly code = 'staff.professional_linked';
}

/**
 * Staff accounts and the calendar: an account linked to a professional is that professional's
 * user, so the patients booked with them are theirs (need-to-know through the care team).
 */
export function createStaffService(deps: StaffDeps) {
  const { db, clock, audit } = deps;

  async function linkProfessional(ctx: AccessContext, userId: string, raw: unknown) {
    if (!hasRole(ctx, 'admin')) throw new ForbiddenError('only an administrator links staff accounts to the calendar');
    const input = parseInput(professionalLinkInput, raw);
    const user = await deps.auth.userById(ctx.clinicId, userId);
    if (!user) throw new NotFoundError('no such staff account in this clinic');
    if (user.disabledAt) throw new ValidationError('userId', 'the account is disabled');
    const pros = await deps.queueReads.professionals(db, ctx.clinicId);
    const current = pros.find((p) => p.staffUserId === userId);
    let professionalId: string;
    if ('professionalId' in input) {
      const pro = pros.find((p) => p.id === input.professionalId);
      if (!pro) throw new ValidationError('professionalId', 'no such professional');
      if (pro.staffUserId && pro.staffUserId !== userId)
        throw new ProfessionalLinkConflictError('this professional is linked to another staff account', {
          field: 'professionalId',
          reason: 'linked to another account',
        });
      if (current && current.id !== pro.id)
        throw new ProfessionalLinkConflictError('this account is linked to another professional', {
          field: 'professionalId',
          reason: 'account linked elsewhere',
        });
      professionalId = pro.id;
      if (!pro.staffUserId) await deps.resources.updateProfessional(ctx, pro.id, { staffUserId: userId });
    } else {
      if (current)
        throw new ProfessionalLinkConflictError('this account is linked to a professional already', {
          field: 'create',
          reason: 'account linked elsewhere',
        });
      const [firstName, ...rest] = user.fullName.replace(/^(dr\.?|dr\s)\s*/i, '').split(/\s+/);
      const created = await deps.resources.addProfessional(ctx, {
        firstName: firstName ?? user.fullName,
        lastName: rest.join(' ') || (firstName ?? user.fullName),
        kind: input.create.kind,
        ...(input.create.registrationCode ? { registrationCode: input.create.registrationCode } : {}),
        staffUserId: userId,
      });
      professionalId = created.id;
    }
    // The patients already booked with the professional (today on) join the account's care team.
    const today = new Date(`${utcDate(clock)}T00:00:00Z`);
    const now = clock.now();
    const careAssigned = await db.transaction(async (tx) => {
      const patientIds = await patientsBookedWith(tx, ctx.clinicId, professionalId, today);
      for (const patientId of patientIds) await deps.patientReads.assignCare(tx, ctx.clinicId, patientId, userId, now);
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'staff.link_professional',
          entityType: 'staff_user',
          entityId: userId,
          purpose: 'staff_administration',
          details: { professionalId, careAssigned: patientIds.length },
        }),
      ]);
      return patientIds.length;
    });
    return { professionalId, careAssigned };
  }

  return { linkProfessional };
}
