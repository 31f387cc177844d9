import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { type OptionalCookieCategory, visitorConsentEvents } from './consents.schema';

export type VisitorConsentRow = typeof visitorConsentEvents.$inferSelect;

/** The only code that touches SQL for website visitors' cookie choices. */
export function createVisitorConsentsRepository() {
  return {
    async append(db: DbOrTx, row: Omit<VisitorConsentRow, 'seq'>) {
      await db.insert(visitorConsentEvents).values(row);
    },

    /** The choice in force per category: the latest event of each. */
    async inForce(
      db: DbOrTx,
      clinicId: string,
      visitorId: string,
    ): Promise<Map<OptionalCookieCategory, VisitorConsentRow>> {
      const rows = await db
        .select()
        .from(visitorConsentEvents)
        .where(and(eq(visitorConsentEvents.clinicId, clinicId), eq(visitorConsentEvents.visitorId, visitorId)))
        .orderBy(desc(visitorConsentEvents.recordedAt), desc(visitorConsentEvents.seq));
      const latest = new Map<OptionalCookieCategory, VisitorConsentRow>();
      for (const r of rows) if (!latest.has(r.category)) latest.set(r.category, r);
      return latest;
    },
  };
}
