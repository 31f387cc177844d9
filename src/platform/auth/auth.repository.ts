import { and, count, eq, gte, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { loginAttempts, sessions, staffUsers } from './auth.schema';

export type StaffUserRow = typeof staffUsers.$inferSelect;

/** The only code that touches SQL for staff accounts, sessions and login attempts. */
export function createAuthRepository() {
  return {
    async insertUser(db: DbOrTx, row: typeof staffUsers.$inferInsert) {
      await db.insert(staffUsers).values(row);
    },

    /** The account of an e-mail address, compared case-insensitively. */
    async userByEmail(db: DbOrTx, clinicId: string, email: string): Promise<StaffUserRow | undefined> {
      const [row] = await db
        .select()
        .from(staffUsers)
        .where(and(eq(staffUsers.clinicId, clinicId), sql`lower(${staffUsers.email}) = ${email}`));
      return row;
    },

    /** Failed logins since `since`, for one account or from one address. */
    async failuresSince(
      db: DbOrTx,
      clinicId: string,
      by: { subjectHash: string } | { ip: string },
      since: Date,
    ): Promise<number> {
      const who = 'ip' in by ? eq(loginAttempts.ip, by.ip) : eq(loginAttempts.subjectHash, by.subjectHash);
      const [row] = await db
        .select({ n: count() })
        .from(loginAttempts)
        .where(
          and(
            eq(loginAttempts.clinicId, clinicId),
            who,
            eq(loginAttempts.success, false),
            gte(loginAttempts.at, since),
          ),
        );
      return Number(row?.n ?? 0);
    },

    async insertAttempt(db: DbOrTx, row: typeof loginAttempts.$inferInsert) {
      await db.insert(loginAttempts).values(row);
    },

    async insertSession(db: DbOrTx, row: typeof sessions.$inferInsert) {
      await db.insert(sessions).values(row);
    },

    /** A session that has not ended, with its user. */
    async openSession(db: DbOrTx, clinicId: string, id: string) {
      const [row] = await db
        .select({ s: sessions, u: staffUsers })
        .from(sessions)
        .innerJoin(staffUsers, and(eq(staffUsers.clinicId, sessions.clinicId), eq(staffUsers.id, sessions.userId)))
        .where(and(eq(sessions.clinicId, clinicId), eq(sessions.id, id), isNull(sessions.endedAt)));
      return row;
    },

    async touchSession(db: DbOrTx, clinicId: string, id: string, at: Date) {
      await db
        .update(sessions)
        .set({ lastSeenAt: at })
        .where(and(eq(sessions.clinicId, clinicId), eq(sessions.id, id)));
    },

    /** Ends one session if it is still open. */
    async endSession(db: DbOrTx, clinicId: string, id: string, at: Date, reason: string) {
      await db
        .update(sessions)
        .set({ endedAt: at, endReason: reason })
        .where(and(eq(sessions.clinicId, clinicId), eq(sessions.id, id), isNull(sessions.endedAt)));
    },

    async endSessionsOf(db: DbOrTx, clinicId: string, userId: string, at: Date, reason: string) {
      await db
        .update(sessions)
        .set({ endedAt: at, endReason: reason })
        .where(and(eq(sessions.clinicId, clinicId), eq(sessions.userId, userId), isNull(sessions.endedAt)));
    },

    /** Sets or clears `disabledAt`; false when the clinic has no such user. */
    async setDisabled(db: DbOrTx, clinicId: string, userId: string, disabledAt: Date | null): Promise<boolean> {
      const updated = await db
        .update(staffUsers)
        .set({ disabledAt })
        .where(and(eq(staffUsers.clinicId, clinicId), eq(staffUsers.id, userId)))
        .returning({ id: staffUsers.id });
      return updated.length > 0;
    },

    listUsers(db: DbOrTx, clinicId: string) {
      return db
        .select({
          id: staffUsers.id,
          email: staffUsers.email,
          fullName: staffUsers.fullName,
          roles: staffUsers.roles,
          professionalCode: staffUsers.professionalCode,
          disabledAt: staffUsers.disabledAt,
        })
        .from(staffUsers)
        .where(eq(staffUsers.clinicId, clinicId))
        .orderBy(staffUsers.fullName);
    },
  };
}
