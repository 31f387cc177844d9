import { and, asc, desc, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { careAssignments, patients } from '../patients/patients.schema';
import { type QueueStatus, queueEntries, queueEntryChanges } from './queue.schema';

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
  /** Only patients this staff user is assigned to (a doctor's own list). */
  assignedTo?: string;
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
      if (f.assignedTo) {
        where.push(
          sql`exists (select 1 from ${careAssignments} ca where ca.clinic_id = ${queueEntries.clinicId} and ca.patient_id = ${queueEntries.patientId} and ca.staff_user_id = ${f.assignedTo} and ca.until is null)`,
        );
      }
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

    patient: async (db: DbOrTx, clinicId: string, id: string) =>
      (
        await db
          .select({
            id: patients.id,
            firstName: patients.firstName,
            lastName: patients.lastName,
            birthDate: patients.birthDate,
            idCodeEnc: patients.idCodeEnc,
            mobile: patients.mobile,
            email: patients.email,
            preferredLanguage: patients.preferredLanguage,
            processingRestricted: patients.processingRestricted,
            status: patients.status,
          })
          .from(patients)
          .where(and(eq(patients.clinicId, clinicId), eq(patients.id, id)))
      )[0],
    patientsByIds: (db: DbOrTx, clinicId: string, ids: string[]) =>
      ids.length === 0
        ? Promise.resolve([])
        : db
            .select({
              id: patients.id,
              firstName: patients.firstName,
              lastName: patients.lastName,
              birthDate: patients.birthDate,
              idCodeEnc: patients.idCodeEnc,
            })
            .from(patients)
            .where(and(eq(patients.clinicId, clinicId), inArray(patients.id, ids))),

    /** The booked doctor gets need-to-know of the patient (an ended assignment is opened again). */
    assignCare: (db: DbOrTx, clinicId: string, patientId: string, staffUserId: string, now: Date) =>
      db
        .insert(careAssignments)
        .values({ clinicId, patientId, staffUserId, since: now })
        .onConflictDoUpdate({
          target: [careAssignments.clinicId, careAssignments.patientId, careAssignments.staffUserId],
          set: { until: null },
        }),
    isAssigned: async (db: DbOrTx, clinicId: string, patientId: string, staffUserId: string) =>
      (
        await db
          .select({ p: careAssignments.patientId })
          .from(careAssignments)
          .where(
            and(
              eq(careAssignments.clinicId, clinicId),
              eq(careAssignments.patientId, patientId),
              eq(careAssignments.staffUserId, staffUserId),
              sql`${careAssignments.until} is null`,
            ),
          )
      ).length > 0,
  };
}
