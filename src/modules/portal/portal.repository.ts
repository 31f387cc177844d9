import { and, count, eq, gt, gte, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { portalLoginLinks, portalSessions } from './portal.schema';

export type PortalSessionRow = typeof portalSessions.$inferSelect;
export type PortalRepository = ReturnType<typeof createPortalRepository>;

/** The only code that touches SQL for the patient portal. */
export function createPortalRepository() {
  return {
    /** Serialises sign-in requests for one address until the transaction ends. */
    async lockAddress(tx: DbOrTx, emailHash: string) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${emailHash}, 0))`);
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
    async consumeLink(
      db: DbOrTx,
      clinicId: string,
      id: string,
      now: Date,
    ): Promise<{ patientId: string | null; representativeIds: string[] } | undefined> {
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
        .returning({ patientId: portalLoginLinks.patientId, representativeIds: portalLoginLinks.representativeIds });
      return row;
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

    /** Points an open session at the patient it now acts for, and the representation it acts through. */
    async actFor(db: DbOrTx, clinicId: string, id: string, patientId: string, representativeId: string | null) {
      await db
        .update(portalSessions)
        .set({ patientId, representativeId })
        .where(and(eq(portalSessions.clinicId, clinicId), eq(portalSessions.id, id), isNull(portalSessions.endedAt)));
    },

    async touchSession(db: DbOrTx, clinicId: string, id: string, now: Date) {
      await db
        .update(portalSessions)
        .set({ lastSeenAt: now })
        .where(and(eq(portalSessions.clinicId, clinicId), eq(portalSessions.id, id)));
    },
  };
}
