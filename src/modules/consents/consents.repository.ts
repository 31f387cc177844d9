import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { type ConsentAction, consentEvents } from './consents.schema';

export type ConsentEventRow = typeof consentEvents.$inferSelect;

/** The only code that touches SQL for the consent ledger. */
export function createConsentsRepository() {
  return {
    async append(db: DbOrTx, row: Omit<ConsentEventRow, 'seq'>) {
      await db.insert(consentEvents).values(row);
    },

    async history(db: DbOrTx, clinicId: string, patientId: string): Promise<ConsentEventRow[]> {
      return db
        .select()
        .from(consentEvents)
        .where(and(eq(consentEvents.clinicId, clinicId), eq(consentEvents.patientId, patientId)))
        .orderBy(asc(consentEvents.recordedAt), asc(consentEvents.seq));
    },

    /** The latest of the given actions for one person and purpose: the state in force. */
    async latest(
      db: DbOrTx,
      clinicId: string,
      patientId: string,
      purposeKey: string,
      actions: ConsentAction[],
    ): Promise<ConsentEventRow | undefined> {
      const [row] = await db
        .select()
        .from(consentEvents)
        .where(
          and(
            eq(consentEvents.clinicId, clinicId),
            eq(consentEvents.patientId, patientId),
            eq(consentEvents.purposeKey, purposeKey),
            inArray(consentEvents.action, actions),
          ),
        )
        .orderBy(desc(consentEvents.recordedAt), desc(consentEvents.seq))
        .limit(1);
      return row;
    },
  };
}
