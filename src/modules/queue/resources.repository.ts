import { and, asc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import {
  locations,
  professionals,
  queueSettings,
  rooms,
  scheduleExceptions,
  visitServices,
  workSchedules,
} from './resources.schema';

export type ProfessionalRow = typeof professionals.$inferSelect;
export type LocationRow = typeof locations.$inferSelect;
export type VisitServiceRow = typeof visitServices.$inferSelect;
export type QueueSettingsRow = typeof queueSettings.$inferSelect;

/** The only SQL of professionals, places, services and schedules. */
export function createResourcesRepository() {
  const byClinic =
    <T extends { clinicId: unknown }>(t: T) =>
    (clinicId: string) =>
      eq(t.clinicId as never, clinicId);
  return {
    insertProfessional: (db: DbOrTx, row: typeof professionals.$inferInsert) => db.insert(professionals).values(row),
    professionals: (db: DbOrTx, clinicId: string) =>
      db.select().from(professionals).where(byClinic(professionals)(clinicId)).orderBy(asc(professionals.lastName)),
    professional: async (db: DbOrTx, clinicId: string, id: string): Promise<ProfessionalRow | undefined> =>
      (
        await db
          .select()
          .from(professionals)
          .where(and(eq(professionals.clinicId, clinicId), eq(professionals.id, id)))
      )[0],
    /** Serialises bookings of one professional: the row lock is held until the booking commits. */
    lockProfessional: async (db: DbOrTx, clinicId: string, id: string): Promise<ProfessionalRow | undefined> =>
      (
        await db
          .select()
          .from(professionals)
          .where(and(eq(professionals.clinicId, clinicId), eq(professionals.id, id)))
          .for('update')
      )[0],

    updateProfessional: (db: DbOrTx, clinicId: string, id: string, set: Partial<typeof professionals.$inferInsert>) =>
      db
        .update(professionals)
        .set(set)
        .where(and(eq(professionals.clinicId, clinicId), eq(professionals.id, id)))
        .returning({ id: professionals.id }),
    updateService: (db: DbOrTx, clinicId: string, id: string, set: Partial<typeof visitServices.$inferInsert>) =>
      db
        .update(visitServices)
        .set(set)
        .where(and(eq(visitServices.clinicId, clinicId), eq(visitServices.id, id)))
        .returning({ id: visitServices.id }),
    insertLocation: (db: DbOrTx, row: typeof locations.$inferInsert) => db.insert(locations).values(row),
    locations: (db: DbOrTx, clinicId: string) => db.select().from(locations).where(byClinic(locations)(clinicId)),
    location: async (db: DbOrTx, clinicId: string, id: string): Promise<LocationRow | undefined> =>
      (
        await db
          .select()
          .from(locations)
          .where(and(eq(locations.clinicId, clinicId), eq(locations.id, id)))
      )[0],
    insertRoom: (db: DbOrTx, row: typeof rooms.$inferInsert) => db.insert(rooms).values(row),
    rooms: (db: DbOrTx, clinicId: string) => db.select().from(rooms).where(byClinic(rooms)(clinicId)),
    /** Serialises bookings of one room (chair) across professionals, until the booking commits. */
    lockRoom: async (db: DbOrTx, clinicId: string, id: string) =>
      (
        await db
          .select()
          .from(rooms)
          .where(and(eq(rooms.clinicId, clinicId), eq(rooms.id, id)))
          .for('update')
      )[0],

    insertService: (db: DbOrTx, row: typeof visitServices.$inferInsert) => db.insert(visitServices).values(row),
    services: (db: DbOrTx, clinicId: string) =>
      db.select().from(visitServices).where(byClinic(visitServices)(clinicId)).orderBy(asc(visitServices.name)),
    service: async (db: DbOrTx, clinicId: string, id: string): Promise<VisitServiceRow | undefined> =>
      (
        await db
          .select()
          .from(visitServices)
          .where(and(eq(visitServices.clinicId, clinicId), eq(visitServices.id, id)))
      )[0],

    insertSchedule: (db: DbOrTx, row: typeof workSchedules.$inferInsert) => db.insert(workSchedules).values(row),
    deleteSchedule: (db: DbOrTx, clinicId: string, id: string) =>
      db
        .delete(workSchedules)
        .where(and(eq(workSchedules.clinicId, clinicId), eq(workSchedules.id, id)))
        .returning({ id: workSchedules.id }),
    schedules: (db: DbOrTx, clinicId: string) =>
      db.select().from(workSchedules).where(byClinic(workSchedules)(clinicId)),

    insertException: (db: DbOrTx, row: typeof scheduleExceptions.$inferInsert) =>
      db.insert(scheduleExceptions).values(row),
    /** Exceptions touching [from, to]: of the professionals and of the whole clinic. */
    exceptions: (db: DbOrTx, clinicId: string, from: string, to: string) =>
      db
        .select()
        .from(scheduleExceptions)
        .where(
          and(
            eq(scheduleExceptions.clinicId, clinicId),
            lte(scheduleExceptions.date, to),
            or(
              gte(scheduleExceptions.until, from),
              and(isNull(scheduleExceptions.until), gte(scheduleExceptions.date, from)),
            ),
          ),
        ),

    settings: async (db: DbOrTx, clinicId: string): Promise<QueueSettingsRow> => {
      const [row] = await db.select().from(queueSettings).where(eq(queueSettings.clinicId, clinicId));
      if (row) return row;
      // Defaults until the clinic changes something: 2 days before, 09:00–20:00.
      return {
        clinicId,
        reminderDaysBefore: 2,
        sendingFrom: '09:00',
        sendingUntil: '20:00',
        reminderTemplates: {},
        cancelInstructions: {},
        publicBooking: true,
        slotStepMinutes: 15,
        minNoticeMinutes: 60,
      };
    },
    saveSettings: (db: DbOrTx, row: QueueSettingsRow) =>
      db
        .insert(queueSettings)
        .values(row)
        .onConflictDoUpdate({ target: queueSettings.clinicId, set: { ...row } }),
  };
}
