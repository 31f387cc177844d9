import { and, count, eq, gt, gte, isNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { loginAttempts, loginThrottle, sessions, staffUsers } from './auth.schema';

type ThrottleScope = (typeof loginThrottle.$inferSelect)['scope'];

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

    /**
     * Counts one attempt in a scope and returns the count in the current window, in one statement:
     * concurrent attempts each see their own number. A window older than `since` starts again at 1.
     */
    async reserveAttempt(
      db: DbOrTx,
      clinicId: string,
      scope: ThrottleScope,
      key: string,
      now: Date,
      since: Date,
    ): Promise<number> {
      const [row] = await db
        .insert(loginThrottle)
        .values({ clinicId, scope, key, windowStart: now, attempts: 1 })
        .onConflictDoUpdate({
          target: [loginThrottle.clinicId, loginThrottle.scope, loginThrottle.key],
          set: {
            attempts: sql`case when ${loginThrottle.windowStart} < ${since.toISOString()}::timestamptz then 1 else ${loginThrottle.attempts} + 1 end`,
            windowStart: sql`case when ${loginThrottle.windowStart} < ${since.toISOString()}::timestamptz then ${now.toISOString()}::timestamptz else ${loginThrottle.windowStart} end`,
          },
        })
        .returning({ attempts: loginThrottle.attempts });
      return row!.attempts;
    },

    /** Gives back an attempt that succeeded (it was not a guess). */
    async releaseAttempt(db: DbOrTx, clinicId: string, scope: ThrottleScope, key: string): Promise<void> {
      await db
        .update(loginThrottle)
        .set({ attempts: sql`greatest(${loginThrottle.attempts} - 1, 0)` })
        .where(and(eq(loginThrottle.clinicId, clinicId), eq(loginThrottle.scope, scope), eq(loginThrottle.key, key)));
    },

    /** Forgets a scope's count (a successful login clears its own account-and-address count). */
    async clearAttempts(db: DbOrTx, clinicId: string, scope: ThrottleScope, key: string): Promise<void> {
      await db
        .delete(loginThrottle)
        .where(and(eq(loginThrottle.clinicId, clinicId), eq(loginThrottle.scope, scope), eq(loginThrottle.key, key)));
    },

    /**
     * Takes the account's turn on the slow path: granted (null) when the turn is free, and the next
     * turn moves `delayMs` ahead; otherwise the time the next turn is free. One statement, so two
     * concurrent attempts never both get the turn.
     */
    async takeTurn(db: DbOrTx, clinicId: string, key: string, now: Date, delayMs: number): Promise<Date | null> {
      const next = new Date(now.getTime() + delayMs);
      const granted = await db
        .update(loginThrottle)
        .set({ nextAt: next })
        .where(
          and(
            eq(loginThrottle.clinicId, clinicId),
            eq(loginThrottle.scope, 'account'),
            eq(loginThrottle.key, key),
            sql`(${loginThrottle.nextAt} is null or ${loginThrottle.nextAt} <= ${now.toISOString()}::timestamptz)`,
          ),
        )
        .returning({ nextAt: loginThrottle.nextAt });
      if (granted.length > 0) return null;
      const [row] = await db
        .select({ nextAt: loginThrottle.nextAt })
        .from(loginThrottle)
        .where(
          and(eq(loginThrottle.clinicId, clinicId), eq(loginThrottle.scope, 'account'), eq(loginThrottle.key, key)),
        );
      return row?.nextAt ?? next;
    },

    /** Whether this account signed in successfully from this address since `since`. */
    async knownAddress(db: DbOrTx, clinicId: string, subjectHash: string, ip: string, since: Date): Promise<boolean> {
      const [row] = await db
        .select({ n: count() })
        .from(loginAttempts)
        .where(
          and(
            eq(loginAttempts.clinicId, clinicId),
            eq(loginAttempts.subjectHash, subjectHash),
            eq(loginAttempts.ip, ip),
            eq(loginAttempts.success, true),
            gte(loginAttempts.at, since),
          ),
        );
      return Number(row?.n ?? 0) > 0;
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

    async userById(db: DbOrTx, clinicId: string, userId: string): Promise<StaffUserRow | undefined> {
      const [row] = await db
        .select()
        .from(staffUsers)
        .where(and(eq(staffUsers.clinicId, clinicId), eq(staffUsers.id, userId)));
      return row;
    },

    /** Changes an account's roles, name or code; false when the clinic has no such user. */
    async updateUser(
      db: DbOrTx,
      clinicId: string,
      userId: string,
      set: Partial<Pick<StaffUserRow, 'roles' | 'fullName' | 'professionalCode' | 'phone'>>,
    ): Promise<boolean> {
      const updated = await db
        .update(staffUsers)
        .set(set)
        .where(and(eq(staffUsers.clinicId, clinicId), eq(staffUsers.id, userId)))
        .returning({ id: staffUsers.id });
      return updated.length > 0;
    },

    /** A new password hash; any open reset link is spent with it. */
    async setPassword(db: DbOrTx, clinicId: string, userId: string, passwordHash: string, mustChange: boolean) {
      await db
        .update(staffUsers)
        .set({ passwordHash, mustChangePassword: mustChange, resetTokenHash: null, resetExpiresAt: null })
        .where(and(eq(staffUsers.clinicId, clinicId), eq(staffUsers.id, userId)));
    },

    /** The account an open reset link names (checked again when it is spent). */
    async userByResetHash(db: DbOrTx, clinicId: string, tokenHash: string): Promise<StaffUserRow | undefined> {
      const [row] = await db
        .select()
        .from(staffUsers)
        .where(and(eq(staffUsers.clinicId, clinicId), eq(staffUsers.resetTokenHash, tokenHash)));
      return row;
    },

    async setResetLink(db: DbOrTx, clinicId: string, userId: string, tokenHash: string, expiresAt: Date) {
      await db
        .update(staffUsers)
        .set({ resetTokenHash: tokenHash, resetExpiresAt: expiresAt })
        .where(and(eq(staffUsers.clinicId, clinicId), eq(staffUsers.id, userId)));
    },

    /**
     * Spends a reset link in one statement (two uses at once: one wins): the account it opens, or
     * undefined when the link is unknown, used, expired or its account disabled.
     */
    async takeResetLink(db: DbOrTx, clinicId: string, tokenHash: string, now: Date) {
      const [row] = await db
        .update(staffUsers)
        .set({ resetTokenHash: null, resetExpiresAt: null })
        .where(
          and(
            eq(staffUsers.clinicId, clinicId),
            eq(staffUsers.resetTokenHash, tokenHash),
            gt(staffUsers.resetExpiresAt, now),
            isNull(staffUsers.disabledAt),
          ),
        )
        .returning({
          id: staffUsers.id,
          email: staffUsers.email,
          fullName: staffUsers.fullName,
          roles: staffUsers.roles,
        });
      return row;
    },

    /** Ends every open session of a user but one (the one that changed the password). */
    async endOtherSessions(db: DbOrTx, clinicId: string, userId: string, keep: string, at: Date, reason: string) {
      await db
        .update(sessions)
        .set({ endedAt: at, endReason: reason })
        .where(
          and(
            eq(sessions.clinicId, clinicId),
            eq(sessions.userId, userId),
            isNull(sessions.endedAt),
            ne(sessions.id, keep),
          ),
        );
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
          mustChangePassword: staffUsers.mustChangePassword,
        })
        .from(staffUsers)
        .where(eq(staffUsers.clinicId, clinicId))
        .orderBy(staffUsers.fullName);
    },
  };
}
