import { and, asc, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { type QueueStatus, queueEntries, queueEntryChanges } from './queue.schema';
import { professionals, visitServices } from './resources.schema';

export type QueueEntryRow = typeof queueEntries.$inferSelect;
export type QueueEntryInsert = typeof queueEntries.$inferInsert;
export type QueueChangeInsert = typeof queueEntryChanges.$inferInsert;

/** Statuses that hold a professional's time. */
export const HOLDING: QueueStatus[] = ['booked', 'arrived', 'done'];

export interface EntryFilter {
  clinicId: string;
  from?: Date;
  to?: Date;
  professionalId?: string;
  serviceId?: string;
  statuses?: QueueStatus[];
  patientId?: string;
  /** Only these patients (a doctor's own list: the patients whose care team they are on). */
  patientIds?: string[];
  limit: number;
}

/** The only SQL of the treatment queue and booking requests. */
export function createQueueRepository() {
  const key = (clinicId: string, id: string) => and(eq(queueEntries.clinicId, clinicId), eq(queueEntries.id, id));
  return {
    insert: async (db: DbOrTx, row: QueueEntryInsert): Promise<QueueEntryRow> =>
      (await db.insert(queueEntries).values(row).returning())[0]!,
    find: async (db: DbOrTx, clinicId: string, id: string): Promise<QueueEntryRow | undefined> =>
      (await db.select().from(queueEntries).where(key(clinicId, id)))[0],
    findForUpdate: async (db: DbOrTx, clinicId: string, id: string): Promise<QueueEntryRow | undefined> =>
      (await db.select().from(queueEntries).where(key(clinicId, id)).for('update'))[0],
    update: (db: DbOrTx, clinicId: string, id: string, set: Partial<QueueEntryInsert>) =>
      db
        .update(queueEntries)
        .set({ ...set, version: sql`${queueEntries.version} + 1` })
        .where(key(clinicId, id)),
    addChange: (db: DbOrTx, row: QueueChangeInsert) => db.insert(queueEntryChanges).values(row),
    changes: (db: DbOrTx, clinicId: string, entryId: string) =>
      db
        .select()
        .from(queueEntryChanges)
        .where(and(eq(queueEntryChanges.clinicId, clinicId), eq(queueEntryChanges.entryId, entryId)))
        .orderBy(asc(queueEntryChanges.at)),

    /** Visits of a professional that overlap [start, end), except `exceptId`. */
    overlapping: (db: DbOrTx, clinicId: string, professionalId: string, start: Date, end: Date, exceptId?: string) =>
      db
        .select({ id: queueEntries.id })
        .from(queueEntries)
        .where(
          and(
            eq(queueEntries.clinicId, clinicId),
            eq(queueEntries.professionalId, professionalId),
            inArray(queueEntries.status, HOLDING),
            lt(queueEntries.startsAt, end),
            sql`${queueEntries.endsAt} > ${start.toISOString()}::timestamptz`,
            exceptId ? sql`${queueEntries.id} <> ${exceptId}` : undefined,
          ),
        ),

    /** Live visits in a room that overlap [start, end), except `exceptId`. */
    overlappingRoom: (db: DbOrTx, clinicId: string, roomId: string, start: Date, end: Date, exceptId?: string) =>
      db
        .select({ id: queueEntries.id })
        .from(queueEntries)
        .where(
          and(
            eq(queueEntries.clinicId, clinicId),
            eq(queueEntries.roomId, roomId),
            inArray(queueEntries.status, HOLDING),
            lt(queueEntries.startsAt, end),
            sql`${queueEntries.endsAt} > ${start.toISOString()}::timestamptz`,
            exceptId ? sql`${queueEntries.id} <> ${exceptId}` : undefined,
          ),
        ),

    /** Booked or arrived visits starting in [from, to), of one professional or of all (a whole-clinic closure). */
    liveBetween: (db: DbOrTx, clinicId: string, from: Date, to: Date, professionalId: string | null) =>
      db
        .select()
        .from(queueEntries)
        .where(
          and(
            eq(queueEntries.clinicId, clinicId),
            inArray(queueEntries.status, ['booked', 'arrived']),
            gte(queueEntries.startsAt, from),
            lt(queueEntries.startsAt, to),
            professionalId ? eq(queueEntries.professionalId, professionalId) : undefined,
          ),
        )
        .orderBy(asc(queueEntries.startsAt)),

    /** Busy times of professionals in a window (for free-slot search). */
    busy: (db: DbOrTx, clinicId: string, professionalIds: string[], from: Date, to: Date) =>
      professionalIds.length === 0
        ? Promise.resolve([])
        : db
            .select({
              professionalId: queueEntries.professionalId,
              start: queueEntries.startsAt,
              end: queueEntries.endsAt,
            })
            .from(queueEntries)
            .where(
              and(
                eq(queueEntries.clinicId, clinicId),
                inArray(queueEntries.professionalId, professionalIds),
                inArray(queueEntries.status, HOLDING),
                lt(queueEntries.startsAt, to),
                sql`${queueEntries.endsAt} > ${from.toISOString()}::timestamptz`,
              ),
            ),

    list: (db: DbOrTx, f: EntryFilter) => {
      const where: (SQL | undefined)[] = [eq(queueEntries.clinicId, f.clinicId)];
      if (f.from) where.push(gte(queueEntries.startsAt, f.from));
      if (f.to) where.push(lt(queueEntries.startsAt, f.to));
      if (f.professionalId) where.push(eq(queueEntries.professionalId, f.professionalId));
      if (f.serviceId) where.push(eq(queueEntries.serviceId, f.serviceId));
      if (f.statuses?.length) where.push(inArray(queueEntries.status, f.statuses));
      if (f.patientId) where.push(eq(queueEntries.patientId, f.patientId));
      if (f.patientIds) where.push(inArray(queueEntries.patientId, f.patientIds));
      return db
        .select()
        .from(queueEntries)
        .where(and(...where))
        .orderBy(sql`${queueEntries.startsAt} asc nulls last`, asc(queueEntries.registeredAt))
        .limit(f.limit);
    },

    /** Waits per service: from registration to the planned time, for visits planned in [from, to). */
    waits: async (db: DbOrTx, clinicId: string, from: Date, to: Date) => {
      const result = await db.execute(sql`
        select service_id, count(*)::int as visits,
          percentile_cont(0.5) within group (order by extract(epoch from starts_at - registered_at) / 86400.0) as median_days,
          avg(extract(epoch from starts_at - registered_at) / 86400.0) as mean_days,
          max(extract(epoch from starts_at - registered_at) / 86400.0) as max_days
        from queue_entries
        where clinic_id = ${clinicId} and emergency = false and starts_at is not null
          and starts_at >= ${from.toISOString()}::timestamptz and starts_at < ${to.toISOString()}::timestamptz
          and status in ('booked', 'arrived', 'done', 'no_show')
        group by service_id`);
      const waiting = await db.execute(sql`
        select service_id, count(*)::int as waiting,
          max(extract(epoch from ${to.toISOString()}::timestamptz - registered_at) / 86400.0) as longest_waiting_days
        from queue_entries where clinic_id = ${clinicId} and status = 'waiting' group by service_id`);
      return {
        planned: (result as unknown as { rows: Record<string, unknown>[] }).rows,
        waiting: (waiting as unknown as { rows: Record<string, unknown>[] }).rows,
      };
    },

    /** A patient's booked visits from now on: time, professional and service (the portal shows them). */
    upcomingForPatient: async (db: DbOrTx, clinicId: string, patientId: string, now: Date) =>
      db
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
        .limit(50),
  };
}
