import { and, eq, gte, max } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { queueEntries } from './queue.schema';

/** The clinic's visit history as recall reads it: last visits done per patient and service, and who has one booked. */
export function createQueueHistoryRepository() {
  return {
    /** Each patient's last visit done, per service. */
    async lastDoneVisits(db: DbOrTx, clinicId: string) {
      const rows = await db
        .select({
          patientId: queueEntries.patientId,
          serviceId: queueEntries.serviceId,
          at: max(queueEntries.startsAt),
        })
        .from(queueEntries)
        .where(and(eq(queueEntries.clinicId, clinicId), eq(queueEntries.status, 'done')))
        .groupBy(queueEntries.patientId, queueEntries.serviceId);
      return rows.flatMap((r) =>
        r.at ? [{ patientId: r.patientId, serviceId: r.serviceId, at: new Date(r.at) }] : [],
      );
    },

    /** The patients with a visit booked from `now` on (they need no invitation). */
    async patientsWithBooking(db: DbOrTx, clinicId: string, now: Date): Promise<Set<string>> {
      const rows = await db
        .selectDistinct({ patientId: queueEntries.patientId })
        .from(queueEntries)
        .where(
          and(eq(queueEntries.clinicId, clinicId), eq(queueEntries.status, 'booked'), gte(queueEntries.startsAt, now)),
        );
      return new Set(rows.map((r) => r.patientId));
    },
  };
}
