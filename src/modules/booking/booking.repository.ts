import { and, asc, desc, eq, isNotNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { bookingRequests } from './booking.schema';

export type BookingRequestRow = typeof bookingRequests.$inferSelect;

/** Booking requests from the public page, until reception confirms or declines them. */
export function createBookingRepository() {
  return {
    insertRequest: (db: DbOrTx, row: typeof bookingRequests.$inferInsert) => db.insert(bookingRequests).values(row),
    request: async (db: DbOrTx, clinicId: string, id: string, lock = false): Promise<BookingRequestRow | undefined> => {
      const q = db
        .select()
        .from(bookingRequests)
        .where(and(eq(bookingRequests.clinicId, clinicId), eq(bookingRequests.id, id)));
      return (await (lock ? q.for('update') : q))[0];
    },
    updateRequest: (db: DbOrTx, clinicId: string, id: string, set: Partial<typeof bookingRequests.$inferInsert>) =>
      db
        .update(bookingRequests)
        .set(set)
        .where(and(eq(bookingRequests.clinicId, clinicId), eq(bookingRequests.id, id))),
    openRequests: (db: DbOrTx, clinicId: string, limit: number) =>
      db
        .select()
        .from(bookingRequests)
        .where(and(eq(bookingRequests.clinicId, clinicId), eq(bookingRequests.status, 'new')))
        .orderBy(asc(bookingRequests.dueAt))
        .limit(limit),
    /** Open requests past their answer deadline whose wished time has passed or that are old (they lapse). */
    lapsed: (db: DbOrTx, clinicId: string, now: Date, receivedBefore: Date) =>
      db
        .select()
        .from(bookingRequests)
        .where(
          and(
            eq(bookingRequests.clinicId, clinicId),
            eq(bookingRequests.status, 'new'),
            lt(bookingRequests.dueAt, now),
            or(
              and(isNotNull(bookingRequests.preferredStart), lt(bookingRequests.preferredStart, now)),
              lt(bookingRequests.receivedAt, receivedBefore),
            ),
          ),
        )
        .for('update'),
    recentRequests: (db: DbOrTx, clinicId: string, limit: number) =>
      db
        .select()
        .from(bookingRequests)
        .where(eq(bookingRequests.clinicId, clinicId))
        .orderBy(desc(bookingRequests.receivedAt))
        .limit(limit),
  };
}
