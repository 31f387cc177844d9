import { type AccessContext, hasRole } from '../../platform/access';
import type { AuditService } from '../../platform/audit/audit.service';
import type { AuditAction } from '../../platform/audit/audit.vocabulary';
import type { Role } from '../../platform/auth/auth.schema';
import type { Clock } from '../../platform/clock';
import type { FieldCipher } from '../../platform/crypto';
import type { Db, DbOrTx, Tx } from '../../platform/db';
import { ForbiddenError } from '../../platform/errors';
import type { Mailer } from '../../platform/mail';
import { localDate } from '../../rules/zoned-time';
import type { ClinicLookup, ClinicRow } from '../clinics/clinics.service';
import type { DisclosuresService } from '../disclosures/disclosures.service';
import type { PatientReads } from '../patients/patients.reads';
import type { PatientRow, PatientScope, PatientsService } from '../patients/patients.service';
import type { QueueReads } from '../queue/queue.reads';
import { createBillingRepository } from './billing.repository';

/**
 * What every part of the billing service shares: its dependencies, the repository and small
 * helpers. Built once by createBillingService.
 */
export interface BillingServiceDeps {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
  audit: AuditService;
  /** The patients' records and need-to-know decision: billing reads patients only through them. */
  patients: Pick<PatientsService, 'authorized' | 'find' | 'billPayers'>;
  /** The patient's row lock that serialises their invoices. */
  patientReads: Pick<PatientReads, 'lock'>;
  /** The clinic's country (the Fund's benefits), zone (dates) and name (invoices). */
  clinics: Pick<ClinicLookup, 'byId'>;
  /** The professional of a visit, printed on its invoice. */
  queueReads: Pick<QueueReads, 'entry' | 'professional' | 'professionals'>;
  /** Sends invoices and debt notices by e-mail when the application wires one in. */
  mailer?: Mailer;
  /** The disclosures log: the hand-over to a collector and the instalment application are recorded there. */
  disclosures: Pick<DisclosuresService, 'record'>;
}

/** Who bills: the accountant, an administrator, reception at the desk. Doctors record services. */
export const BILLING_ROLES: Role[] = ['accountant', 'admin', 'receptionist'];
export const PRICE_LIST_ROLES: Role[] = ['accountant', 'admin'];
export const SERVICE_RECORDERS: Role[] = ['doctor'];

export type { ClinicRow } from '../clinics/clinics.service';

export function createBillingKit(deps: BillingServiceDeps) {
  const { db, clock, cipher, audit, patients } = deps;
  const repo = createBillingRepository();

  function requireRole(ctx: AccessContext, roles: Role[], what: string) {
    if (!hasRole(ctx, ...roles)) throw new ForbiddenError(`your role cannot ${what}`);
  }

  /** The clinic, from the one clinic cache (read in `tx` on a miss). */
  function clinic(tx: DbOrTx, clinicId: string): Promise<ClinicRow> {
    return deps.clinics.byId(clinicId, tx);
  }

  /** Today on the clinic's wall clock: a bill made at 00:30 in Tallinn is dated that day, not UTC's. */
  async function today(tx: DbOrTx, clinicId: string): Promise<string> {
    return localDate(clock.now(), (await clinic(tx, clinicId)).timeZone);
  }

  /** Loads a patient and checks need-to-know; a refusal travels on the error and is recorded by `transaction`. */
  function patientFor(
    tx: DbOrTx,
    ctx: AccessContext,
    patientId: string,
    action: AuditAction,
    scope: PatientScope = 'administrative',
  ) {
    return patients.authorized(tx, ctx, patientId, action, scope);
  }

  /** A transaction whose access refusals are recorded after it has rolled back (platform audit). */
  const transaction = <T>(ctx: AccessContext, work: (tx: Tx) => Promise<T>): Promise<T> =>
    audit.transaction(db, ctx, work);

  const patientName = (p: PatientRow) => `${p.firstName} ${p.lastName}`;
  const patientIdCode = (p: PatientRow) => (p.idCodeEnc ? cipher.decrypt(p.idCodeEnc) : null);

  return {
    db,
    clock,
    cipher,
    audit,
    mailer: deps.mailer,
    disclosures: deps.disclosures,
    queueReads: deps.queueReads,
    repo,
    patients,
    patientReads: deps.patientReads,
    requireRole,
    clinic,
    today,
    patientFor,
    transaction,
    patientName,
    patientIdCode,
  };
}

export type BillingKit = ReturnType<typeof createBillingKit>;
