import { createPatientLookupsRepository } from './patients.lookups.repository';
import { createPatientsRepository } from './patients.repository';

/**
 * What the patients module lets its neighbours read of a patient, and the one link they make: the
 * booked doctor joins the care team. No access check and no audit here: each caller (a visit, a
 * consent, an invoice, a portal sign-in, a request) has already checked its own access and records
 * what it does in its own transaction. A module that needs more of a patient than this asks
 * `patients.authorized`, which checks and audits.
 */
export function createPatientReads() {
  const lookups = createPatientLookupsRepository();
  const patients = createPatientsRepository();
  return {
    forVisit: lookups.forVisit,
    names: lookups.names,
    caredFor: lookups.caredFor,
    lock: lookups.lock,
    activeByEmail: lookups.activeByEmail,
    activeByMobile: lookups.activeByMobile,
    representationsByContact: lookups.representationsByContact,
    representationsByIds: lookups.representationsByIds,
    ownDetails: lookups.ownDetails,
    representative: lookups.representative,
    isAssigned: patients.isAssigned,
    assignCare: patients.assign,
  };
}
export type PatientReads = ReturnType<typeof createPatientReads>;
