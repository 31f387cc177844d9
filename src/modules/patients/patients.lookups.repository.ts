import { and, asc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { careAssignments, patientRepresentatives, patients } from './patients.schema';

/**
 * The SQL behind `patients.reads.ts`: the narrow reads other modules make of the patients' tables
 * (a visit's contact, a consent's addressee, a portal sign-in). Kept apart from the main repository
 * so that what neighbours may see of a patient is visible in one place.
 */
export function createPatientLookupsRepository() {
  return {
    /** What a visit, its notice and its reminders need of the patient. */
    async forVisit(db: DbOrTx, clinicId: string, id: string) {
      const [row] = await db
        .select({
          id: patients.id,
          firstName: patients.firstName,
          lastName: patients.lastName,
          birthDate: patients.birthDate,
          idCodeEnc: patients.idCodeEnc,
          mobile: patients.mobile,
          email: patients.email,
          preferredLanguage: patients.preferredLanguage,
          processingRestricted: patients.processingRestricted,
          status: patients.status,
          archivedAt: patients.archivedAt,
        })
        .from(patients)
        .where(and(eq(patients.clinicId, clinicId), eq(patients.id, id)));
      return row;
    },

    /** Names of several patients for a list (the queue's day view). */
    async names(db: DbOrTx, clinicId: string, ids: string[]) {
      if (ids.length === 0) return [];
      return db
        .select({
          id: patients.id,
          firstName: patients.firstName,
          lastName: patients.lastName,
          birthDate: patients.birthDate,
          idCodeEnc: patients.idCodeEnc,
        })
        .from(patients)
        .where(and(eq(patients.clinicId, clinicId), inArray(patients.id, ids)));
    },

    /** The patients a professional is on the care team of now (a doctor's view of the queue). */
    async caredFor(db: DbOrTx, clinicId: string, staffUserId: string): Promise<string[]> {
      const rows = await db
        .select({ id: careAssignments.patientId })
        .from(careAssignments)
        .where(
          and(
            eq(careAssignments.clinicId, clinicId),
            eq(careAssignments.staffUserId, staffUserId),
            isNull(careAssignments.until),
          ),
        );
      return rows.map((r) => r.id);
    },

    /**
     * Locks the patient's row against changes of its key until the transaction ends ("for no key
     * update" does not block foreign keys): billing serialises one patient's invoices on it.
     */
    async lock(db: DbOrTx, clinicId: string, id: string): Promise<boolean> {
      const rows = await db
        .select({ id: patients.id })
        .from(patients)
        .where(and(eq(patients.clinicId, clinicId), eq(patients.id, id)))
        .for('no key update');
      return rows.length > 0;
    },

    /** Active patients of a clinic with this e-mail address (a family may share one). */
    async activeByEmail(db: DbOrTx, clinicId: string, email: string) {
      return db
        .select({
          id: patients.id,
          firstName: patients.firstName,
          lastName: patients.lastName,
          lang: patients.preferredLanguage,
        })
        .from(patients)
        .where(
          and(
            eq(patients.clinicId, clinicId),
            eq(patients.email, email.toLowerCase()) /* stored lower-case by the patients service: the index applies */,
            eq(patients.status, 'active'),
          ),
        )
        .orderBy(asc(patients.firstName))
        .limit(5);
    },

    /** Active patients of a clinic with this mobile number (E.164; a family may share one). */
    async activeByMobile(db: DbOrTx, clinicId: string, mobile: string) {
      return db
        .select({
          id: patients.id,
          firstName: patients.firstName,
          lastName: patients.lastName,
          lang: patients.preferredLanguage,
        })
        .from(patients)
        .where(and(eq(patients.clinicId, clinicId), eq(patients.mobile, mobile), eq(patients.status, 'active')))
        .orderBy(asc(patients.firstName))
        .limit(5);
    },

    /**
     * The representations (parent, guardian, authorised person) registered with this e-mail address or
     * mobile number that have not been ended, of active patients: the portal offers a representative
     * who signs in the people they may act for.
     */
    async representationsByContact(db: DbOrTx, clinicId: string, contact: { email?: string; mobile?: string }) {
      const match = contact.email
        ? eq(patientRepresentatives.email, contact.email.toLowerCase())
        : eq(patientRepresentatives.mobile, contact.mobile ?? '');
      return representations(db, clinicId, [
        match,
        isNull(patientRepresentatives.endedAt),
        eq(patients.status, 'active'),
      ]);
    },

    /** These representations (ended or not), with the represented patient's name, birth date and status. */
    async representationsByIds(db: DbOrTx, clinicId: string, ids: string[]) {
      if (ids.length === 0) return [];
      return representations(db, clinicId, [inArray(patientRepresentatives.id, ids)]);
    },

    /** The patient's own details as the portal shows them to the patient. */
    async ownDetails(db: DbOrTx, clinicId: string, id: string) {
      const [row] = await db
        .select({
          firstName: patients.firstName,
          lastName: patients.lastName,
          birthDate: patients.birthDate,
          mobile: patients.mobile,
          email: patients.email,
          street: patients.addressStreet,
          city: patients.addressCity,
          postalCode: patients.addressPostalCode,
          country: patients.addressCountry,
          preferredLanguage: patients.preferredLanguage,
        })
        .from(patients)
        .where(and(eq(patients.clinicId, clinicId), eq(patients.id, id)));
      return row;
    },

    /** A representative of this patient, with the period of their authority. */
    async representative(db: DbOrTx, clinicId: string, patientId: string, representativeId: string) {
      const [row] = await db
        .select({
          id: patientRepresentatives.id,
          kind: patientRepresentatives.kind,
          firstName: patientRepresentatives.firstName,
          lastName: patientRepresentatives.lastName,
          authorityFrom: patientRepresentatives.authorityFrom,
          authorityUntil: patientRepresentatives.authorityUntil,
          endedAt: patientRepresentatives.endedAt,
        })
        .from(patientRepresentatives)
        .where(
          and(
            eq(patientRepresentatives.clinicId, clinicId),
            eq(patientRepresentatives.patientId, patientId),
            eq(patientRepresentatives.id, representativeId),
          ),
        );
      return row;
    },
  };
}

/** Representations of a clinic with the represented patient's name, birth date, language and status. */
function representations(db: DbOrTx, clinicId: string, where: SQL[]) {
  return db
    .select({
      id: patientRepresentatives.id,
      patientId: patientRepresentatives.patientId,
      kind: patientRepresentatives.kind,
      firstName: patientRepresentatives.firstName,
      lastName: patientRepresentatives.lastName,
      authorityFrom: patientRepresentatives.authorityFrom,
      authorityUntil: patientRepresentatives.authorityUntil,
      endedAt: patientRepresentatives.endedAt,
      patientFirstName: patients.firstName,
      patientLastName: patients.lastName,
      patientBirthDate: patients.birthDate,
      patientLang: patients.preferredLanguage,
      patientStatus: patients.status,
    })
    .from(patientRepresentatives)
    .innerJoin(
      patients,
      and(eq(patients.clinicId, patientRepresentatives.clinicId), eq(patients.id, patientRepresentatives.patientId)),
    )
    .where(and(eq(patientRepresentatives.clinicId, clinicId), ...where))
    .orderBy(asc(patients.firstName), asc(patientRepresentatives.id))
    .limit(10);
}
