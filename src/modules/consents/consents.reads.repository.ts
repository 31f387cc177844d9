import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';

/** The ledger read across people: who is in a given state for one purpose now. */
export function createConsentListRepository() {
  return {
    /** Patients whose latest event among `actions` for the purpose is `wanted` (latest by time, then order). */
    async latestIs(db: DbOrTx, clinicId: string, purposeKey: string, actions: string[], wanted: string) {
      const result = await db.execute(sql`
        select patient_id from (
          select distinct on (patient_id) patient_id, action from consent_events
           where clinic_id = ${clinicId} and purpose_key = ${purposeKey}
             and action in (${sql.join(
               actions.map((a) => sql`${a}`),
               sql`, `,
             )})
           order by patient_id, recorded_at desc, seq desc
        ) latest where action = ${wanted}`);
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { patient_id: string }[];
      return rows.map((r) => r.patient_id);
    },
  };
}
