import { type AccessContext, actingRole } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditAction } from '../../platform/audit/audit.vocabulary';
import type { DbOrTx } from '../../platform/db';
import { AppError, ForbiddenError, ReasonRequiredError } from '../../platform/errors';
import type { PatientsRepository } from './patients.repository';

/**
 * Need-to-know. Administrative data (identity, contacts, representatives, payers): reception,
 * administrators, accountants and the DPO; a doctor for patients they treat or are assigned to.
 * Health data: only the treating or assigned doctor. Any other doctor must state a reason:
 * "break the glass", allowed and flagged in the audit log.
 */
export type PatientScope = 'administrative' | 'health';

export interface Grant {
  role: string;
  breakGlass: boolean;
  reason: string | null;
  /** Whether health data may be shown alongside. */
  health: boolean;
}

export function createPatientAccessPolicy(deps: { repo: PatientsRepository }) {
  const { repo } = deps;

  async function decide(
    tx: DbOrTx,
    ctx: AccessContext,
    patientId: string,
    scope: PatientScope,
    known?: { assigned: boolean },
  ): Promise<Grant | AppError> {
    if (!ctx.user) return new ForbiddenError('no user');
    const doctor = ctx.user.roles.includes('doctor');
    const assigned =
      doctor && (known ? known.assigned : await repo.isAssigned(tx, ctx.clinicId, patientId, ctx.user.id));
    if (assigned) return { role: 'doctor', breakGlass: false, reason: null, health: true };
    if (scope === 'administrative') {
      const role = actingRole(ctx, ['receptionist', 'admin', 'accountant', 'dpo']);
      if (role) return { role, breakGlass: false, reason: null, health: false };
    }
    if (doctor) {
      if (ctx.reason) return { role: 'doctor', breakGlass: true, reason: ctx.reason, health: true };
      return new ReasonRequiredError(
        'you do not treat this patient: state a reason to open the record (it will be flagged)',
      );
    }
    return new ForbiddenError('your role does not give access to health data');
  }

  /**
   * Grants access or throws a refusal. Run the caller's work in `audit.transaction` so the refusal
   * is recorded after the rollback. `known`: the care-team answer when the caller already read it.
   */
  async function authorize(
    tx: DbOrTx,
    ctx: AccessContext,
    patientId: string,
    scope: PatientScope,
    action: AuditAction,
    known?: { assigned: boolean },
  ): Promise<Grant> {
    const result = await decide(tx, ctx, patientId, scope, known);
    if (result instanceof AppError) {
      result.refusal = auditEntry({
        action,
        entityType: 'patient',
        entityId: patientId,
        patientRef: patientId,
        purpose: 'care',
        reason: ctx.reason ?? null,
        details: { scope, refused: result.message },
      });
      throw result;
    }
    return result;
  }

  /**
   * The grant when the user's roles alone decide it (administrative data, no doctor role): no row
   * to read first, so the read can record itself in the statement that reads. Null otherwise.
   */
  function roleGrant(ctx: AccessContext, scope: PatientScope): Grant | null {
    if (!ctx.user || ctx.user.roles.includes('doctor') || scope !== 'administrative') return null;
    const role = actingRole(ctx, ['receptionist', 'admin', 'accountant', 'dpo']);
    return role ? { role, breakGlass: false, reason: null, health: false } : null;
  }

  /** Who may search the whole register of patients; a doctor sees their own unless they state a reason. */
  function searchScope(ctx: AccessContext): { role: string; assignedTo?: string; breakGlass: boolean } {
    const role = actingRole(ctx, ['receptionist', 'admin', 'accountant', 'dpo']);
    if (role) return { role, breakGlass: false };
    if (ctx.user?.roles.includes('doctor')) {
      return ctx.reason
        ? { role: 'doctor', breakGlass: true }
        : { role: 'doctor', assignedTo: ctx.user.id, breakGlass: false };
    }
    throw new ForbiddenError('your role cannot search patients');
  }

  return { authorize, roleGrant, searchScope };
}

export type PatientAccessPolicy = ReturnType<typeof createPatientAccessPolicy>;
