import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../platform/db';
import { cameras, recordings } from './recordings.schema';

/** Cameras and the list of recording files (deleting them is retention's: retention.repository.ts). */
export function createRecordingsRepository() {
  return {
    async insertCamera(tx: Tx, row: typeof cameras.$inferInsert) {
      await tx.insert(cameras).values(row);
    },
    async cameras(db: DbOrTx, clinicId: string) {
      return db.select().from(cameras).where(eq(cameras.clinicId, clinicId)).orderBy(asc(cameras.name));
    },
    async camera(db: DbOrTx, clinicId: string, id: string) {
      const [c] = await db
        .select()
        .from(cameras)
        .where(and(eq(cameras.clinicId, clinicId), eq(cameras.id, id)));
      return c ?? null;
    },
    async insertRecording(tx: Tx, row: typeof recordings.$inferInsert) {
      await tx.insert(recordings).values(row);
    },
    async recordings(db: DbOrTx, clinicId: string) {
      return db
        .select()
        .from(recordings)
        .where(eq(recordings.clinicId, clinicId))
        .orderBy(asc(recordings.startedAt))
        .limit(1000);
    },
    async recording(db: DbOrTx, clinicId: string, id: string) {
      const [r] = await db
        .select()
        .from(recordings)
        .where(and(eq(recordings.clinicId, clinicId), eq(recordings.id, id)));
      return r ?? null;
    },
  };
}
