import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../platform/db';
import { outboxJobs } from '../../platform/jobs/jobs.schema';
import { breachAffected, breaches } from './breaches.schema';

export function createBreachesRepository() {
  return {
    async insert(tx: Tx, row: typeof breaches.$inferInsert) {
      await tx.insert(breaches).values(row);
    },
    async update(tx: Tx, clinicId: string, id: string, set: Partial<typeof breaches.$inferInsert>) {
      await tx
        .update(breaches)
        .set(set)
        .where(and(eq(breaches.clinicId, clinicId), eq(breaches.id, id)));
    },
    async byId(db: DbOrTx, clinicId: string, id: string) {
      const [b] = await db
        .select()
        .from(breaches)
        .where(and(eq(breaches.clinicId, clinicId), eq(breaches.id, id)));
      return b ?? null;
    },
    async list(db: DbOrTx, clinicId: string) {
      return db.select().from(breaches).where(eq(breaches.clinicId, clinicId)).orderBy(desc(breaches.discoveredAt));
    },
    async affected(db: DbOrTx, clinicId: string, breachId: string) {
      return db
        .select()
        .from(breachAffected)
        .where(and(eq(breachAffected.clinicId, clinicId), eq(breachAffected.breachId, breachId)));
    },
    /** Patients whose data a staff member opened (audit log, allowed accesses) between two instants. */
    async patientsOpenedBy(db: DbOrTx, clinicId: string, actorId: string, from: Date, to: Date): Promise<string[]> {
      const r = (await db.execute(sql`
        select distinct patient_ref::text as id from audit_events
        where clinic_id = ${clinicId} and actor_id = ${actorId} and at >= ${from} and at < ${to}
          and patient_ref is not null and outcome = 'allowed'`)) as unknown as { rows: { id: string }[] };
      return r.rows.map((x) => x.id);
    },
    /** The letter of this breach to each affected patient, as the outbox has it (queued, sent, skipped …). */
    async letters(db: DbOrTx, clinicId: string, breachId: string) {
      return db
        .select({ patientId: outboxJobs.patientId, status: outboxJobs.status })
        .from(outboxJobs)
        .where(
          and(
            eq(outboxJobs.clinicId, clinicId),
            eq(outboxJobs.kind, 'breach.letter'),
            eq(outboxJobs.subjectType, 'breach'),
            eq(outboxJobs.subjectId, breachId),
          ),
        );
    },
    async addAffected(tx: Tx, clinicId: string, breachId: string, ids: string[], foundBy: string, at: Date) {
      if (ids.length === 0) return;
      await tx
        .insert(breachAffected)
        .values(ids.map((patientId) => ({ clinicId, breachId, patientId, foundBy, addedAt: at })))
        .onConflictDoNothing();
    },
  };
}
