import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { disclosures } from './disclosures.schema';

export type DisclosureRow = typeof disclosures.$inferSelect;

/** The only code that touches SQL for the disclosures log. */
export function createDisclosuresRepository() {
  return {
    async insert(db: DbOrTx, row: DisclosureRow) {
      await db.insert(disclosures).values(row);
    },

    async forPatient(db: DbOrTx, clinicId: string, patientId: string): Promise<DisclosureRow[]> {
      return db
        .select()
        .from(disclosures)
        .where(and(eq(disclosures.clinicId, clinicId), eq(disclosures.patientId, patientId)))
        .orderBy(desc(disclosures.disclosedAt));
    },
  };
}
