import type { AuditEntryFields, AuditGrant } from '../../platform/audit/audit.entry';
import { auditEntry, patientSelf } from '../../platform/audit/audit.entry';
import type { Clock } from '../../platform/clock';
import type { DbOrTx } from '../../platform/db';
import { representationGap } from '../../rules/representation';
import { localDate } from '../../rules/zoned-time';
import type { ClinicLookup } from '../clinics/clinics.service';
import type { PatientReads } from '../patients/patients.reads';

/** Who acts in a portal session: the patient themselves, or a representative for the patient. */
export interface PortalActing {
  clinicId: string;
  /** The patient whose data is read or asked for. */
  patientId: string;
  /** The representation acted through; null when the patient acts for themselves. */
  representativeId: string | null;
}

/** An audit event of the portal: about the patient acted for, as the act of the one signed in. */
export type PortalEvent = Omit<AuditEntryFields, 'patientRef' | 'role'>;

/** The grant behind a portal act: `patient` for one's own data, `representative` for another's. */
export const grantOf = (a: Pick<PortalActing, 'representativeId'>): AuditGrant =>
  a.representativeId ? { role: 'representative', breakGlass: false, reason: null } : patientSelf;

/**
 * The audit entry of a portal act: recorded about the patient acted for; a representative's act
 * names the representation in its details ("representative X for patient Y").
 */
export function actingEntry(a: PortalActing, e: PortalEvent) {
  const details = a.representativeId ? { ...e.details, representativeId: a.representativeId } : e.details;
  return auditEntry({ ...e, details, patientRef: a.patientId }, grantOf(a));
}

export type RepresentationGap = ReturnType<typeof representationGap> | 'patient_inactive';

export interface RepresentationDeps {
  clock: Clock;
  clinics: Pick<ClinicLookup, 'byId'>;
  patientReads: Pick<PatientReads, 'representationsByContact' | 'representationsByIds'>;
}

type RepresentationRow = Awaited<ReturnType<PatientReads['representationsByIds']>>[number];

/** Whether a representation may act for its patient today, in the clinic's zone and by its country's law. */
export function createRepresentationCheck(deps: RepresentationDeps) {
  async function today(clinicId: string, db?: DbOrTx) {
    const clinic = await deps.clinics.byId(clinicId, db);
    return { date: localDate(deps.clock.now(), clinic.timeZone), country: clinic.country as 'EE' | 'LV' };
  }

  const gapOf = (r: RepresentationRow, day: { date: string; country: 'EE' | 'LV' }): RepresentationGap =>
    r.patientStatus !== 'active' ? 'patient_inactive' : representationGap(r, r.patientBirthDate, day.country, day.date);

  /**
   * These representations as the portal offers them: the patient's and the representative's names,
   * the kind, the end of the authority, and why it cannot be used today (`gap`, null when it can).
   */
  async function describe(db: DbOrTx, clinicId: string, ids: string[]) {
    const day = await today(clinicId, db);
    const rows = await deps.patientReads.representationsByIds(db, clinicId, ids);
    return rows.map((r) => ({
      representativeId: r.id,
      patientId: r.patientId,
      kind: r.kind,
      representativeName: `${r.firstName} ${r.lastName}`,
      patientName: `${r.patientFirstName} ${r.patientLastName}`,
      authorityUntil: r.authorityUntil,
      gap: gapOf(r, day),
    }));
  }

  /** The representations registered with this address that can be used today. */
  async function usableByContact(db: DbOrTx, clinicId: string, contact: { email?: string; mobile?: string }) {
    const day = await today(clinicId, db);
    const rows = await deps.patientReads.representationsByContact(db, clinicId, contact);
    return rows.filter((r) => gapOf(r, day) === null);
  }

  return { describe, usableByContact };
}
export type RepresentationCheck = ReturnType<typeof createRepresentationCheck>;
