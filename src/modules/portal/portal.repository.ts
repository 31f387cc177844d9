import { and, asc, count, eq, gt, gte, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { patients } from '../patients/patients.schema';
import { queueEntries } from '../queue/queue.schema';
import { professionals, visitServices } from '../queue/resources.schema';
import { portalLoginLinks, portalSessions } from './portal.schema';

export type PortalSessionRow = typeof portalSessions.$inferSelect;

/** The only code that touches SQL for the patient portal. */
export function createPortalRepository() {
  return {
    /** Serialises sign-in requests for one address until the transaction ends. */
    async lockAddress(tx: DbOrTx, emailHash: string) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${emailHash}, 0))`);
    },

    /** Active patients of one clinic with this e-mail address (a family may share one). */
    async activePatientsByEmail(db: DbOrTx, clinicId: string, email: string) {
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

    async linksSince(db: DbOrTx, clinicId: string, emailHash: string, since: Date): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(portalLoginLinks)
        .where(
          and(
            eq(portalLoginLinks.clinicId, clinicId),
            eq(portalLoginLinks.emailHash, emailHash),
            gte(portalLoginLinks.createdAt, since),
          ),
        );
      return Number(row?.n ?? 0);
    },

    async insertLinks(db: DbOrTx, rows: (typeof portalLoginLinks.$inferInsert)[]) {
      if (rows.length > 0) await db.insert(portalLoginLinks).values(rows);
    },

    /** Marks a link used if it is unused and unexpired; one statement, so it works once even under a race. */
    async consumeLink(db: DbOrTx, clinicId: string, id: string, now: Date): Promise<string | undefined> {
      const [row] = await db
        .update(portalLoginLinks)
        .set({ usedAt: now })
        .where(
          and(
            eq(portalLoginLinks.clinicId, clinicId),
            eq(portalLoginLinks.id, id),
            isNull(portalLoginLinks.usedAt),
            gt(portalLoginLinks.expiresAt, now),
          ),
        )
        .returning({ patientId: portalLoginLinks.patientId });
      return row?.patientId;
    },

    async isActivePatient(db: DbOrTx, clinicId: string, patientId: string): Promise<boolean> {
      const [row] = await db
        .select({ status: patients.status })
        .from(patients)
        .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)));
      return row?.status === 'active';
    },

    async insertSession(db: DbOrTx, row: typeof portalSessions.$inferInsert) {
      await db.insert(portalSessions).values(row);
    },

    async openSession(db: DbOrTx, clinicId: string, id: string): Promise<PortalSessionRow | undefined> {
      const [row] = await db
        .select()
        .from(portalSessions)
        .where(and(eq(portalSessions.clinicId, clinicId), eq(portalSessions.id, id), isNull(portalSessions.endedAt)));
      return row;
    },

    async endSession(
      db: DbOrTx,
      clinicId: string,
      id: string,
      now: Date,
      reason: NonNullable<PortalSessionRow['endReason']>,
    ) {
      await db
        .update(portalSessions)
        .set({ endedAt: now, endReason: reason })
        .where(and(eq(portalSessions.clinicId, clinicId), eq(portalSessions.id, id), isNull(portalSessions.endedAt)));
    },

    async touchSession(db: DbOrTx, clinicId: string, id: string, now: Date) {
      await db
        .update(portalSessions)
        .set({ lastSeenAt: now })
        .where(and(eq(portalSessions.clinicId, clinicId), eq(portalSessions.id, id)));
    },

    /** The person's own details. */
    async me(db: DbOrTx, clinicId: string, patientId: string) {
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
        .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)));
      return row;
    },

    /** Booked visits from now on: time, professional and service. */
    async upcomingVisits(db: DbOrTx, clinicId: string, patientId: string, now: Date) {
      return db
        .select({
          id: queueEntries.id,
          startsAt: queueEntries.startsAt,
          endsAt: queueEntries.endsAt,
          professionalFirst: professionals.firstName,
          professionalLast: professionals.lastName,
          serviceName: visitServices.name,
          serviceNames: visitServices.names,
        })
        .from(queueEntries)
        .leftJoin(
          professionals,
          and(eq(professionals.clinicId, queueEntries.clinicId), eq(professionals.id, queueEntries.professionalId)),
        )
        .leftJoin(
          visitServices,
          and(eq(visitServices.clinicId, queueEntries.clinicId), eq(visitServices.id, queueEntries.serviceId)),
        )
        .where(
          and(
            eq(queueEntries.clinicId, clinicId),
            eq(queueEntries.patientId, patientId),
            eq(queueEntries.status, 'booked'),
            gte(queueEntries.startsAt, now),
          ),
        )
        .orderBy(asc(queueEntries.startsAt))
        .limit(50);
    },
  };
}
