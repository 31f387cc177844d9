import { eq } from 'drizzle-orm';
import { type AccessContext, hasRole } from '../../platform/access';
import type { AuditEntry, AuditService } from '../../platform/audit/audit.service';
import type { Role } from '../../platform/auth/auth.schema';
import type { Clock } from '../../platform/clock';
import type { FieldCipher } from '../../platform/crypto';
import type { Db, DbOrTx, Tx } from '../../platform/db';
import { ForbiddenError, NotFoundError } from '../../platform/errors';
import type { Mailer } from '../../platform/mail';
import { localDate } from '../../rules/zoned-time';
import { clinics } from '../clinics/clinics.schema';
import { createPatientAccessPolicy, type Grant, type PatientScope } from '../patients/patients.access';
import { createPatientsRepository, type PatientRow } from '../patients/patients.repository';
import { createBillingRepository } from './billing.repository';

/**
 * What every part of the billing service shares: its dependencies, the repository, the patients'
 * need-to-know policy and small helpers. Built once by createBillingService.
 */
export interface BillingServiceDeps {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
  audit: AuditService;
  /** Sends invoices and debt notices by e-mail when the application wires one in. */
  mailer?: Mailer;
}

/** Who bills: the accountant, an administrator, reception at the desk. Doctors record services. */
export const BILLING_ROLES: Role[] = ['accountant', 'admin', 'receptionist'];
export const PRICE_LIST_ROLES: Role[] = ['accountant', 'admin'];
export const SERVICE_RECORDERS: Role[] = ['doctor'];

export type ClinicRow = typeof clinics.$inferSelect;

export function createBillingKit(deps: BillingServiceDeps) {
  const { db, clock, cipher, audit } = deps;
  const repo = createBillingRepository();
  const patientsRepo = createPatientsRepository();
  const policy = createPatientAccessPolicy({ repo: patientsRepo });
  const clinicCache = new Map<string, ClinicRow>();

  function requireRole(ctx: AccessContext, roles: Role[], what: string) {
    if (!hasRole(ctx, ...roles)) throw new ForbiddenError(`your role cannot ${what}`);
  }

  async function clinic(tx: DbOrTx, clinicId: string): Promise<ClinicRow> {
    let c = clinicCache.get(clinicId);
    if (!c) {
      [c] = await tx.select().from(clinics).where(eq(clinics.id, clinicId));
      if (!c) throw new NotFoundError('no such clinic');
      clinicCache.set(clinicId, c);
    }
    return c;
  }

  /** Today on the clinic's wall clock: a bill made at 00:30 in Tallinn is dated that day, not UTC's. */
  async function today(tx: DbOrTx, clinicId: string): Promise<string> {
    return localDate(clock.now(), (await clinic(tx, clinicId)).timeZone);
  }

  /** Loads a patient and checks need-to-know; a refusal travels on the error and is recorded by `transaction`. */
  async function patientFor(
    tx: DbOrTx,
    ctx: AccessContext,
    patientId: string,
    action: string,
    scope: PatientScope = 'administrative',
  ): Promise<{ patient: PatientRow; grant: Grant }> {
    const patient = await patientsRepo.find(tx, ctx.clinicId, patientId);
    if (!patient) throw new NotFoundError('no such patient');
    return { patient, grant: await policy.authorize(tx, ctx, patientId, scope, action) };
  }

  /** A transaction whose access refusals are recorded after it has rolled back (platform audit). */
  const transaction = <T>(ctx: AccessContext, work: (tx: Tx) => Promise<T>): Promise<T> =>
    audit.transaction(db, ctx, work);

  /** One audit entry in billing's words; purpose defaults to billing. */
  function entry(grant: Grant | null, e: Omit<AuditEntry, 'purpose'> & { purpose?: string }): AuditEntry {
    return {
      purpose: 'billing',
      role: grant?.role ?? null,
      breakGlass: grant?.breakGlass ?? false,
      reason: grant?.reason ?? null,
      ...e,
    };
  }

  const patientName = (p: PatientRow) => `${p.firstName} ${p.lastName}`;
  const patientIdCode = (p: PatientRow) => (p.idCodeEnc ? cipher.decrypt(p.idCodeEnc) : null);

  return {
    db,
    clock,
    cipher,
    audit,
    mailer: deps.mailer,
    repo,
    patientsRepo,
    requireRole,
    clinic,
    today,
    patientFor,
    transaction,
    entry,
    patientName,
    patientIdCode,
  };
}

export type BillingKit = ReturnType<typeof createBillingKit>;
