import { createHash, randomBytes } from 'node:crypto';
import { and, count, eq, gte, isNull, sql } from 'drizzle-orm';
import { clinics } from '../../modules/clinics/clinics.schema';
import type { AccessContext } from '../access';
import type { AuditService } from '../audit/audit.service';
import type { Clock } from '../clock';
import { newId } from '../crypto';
import { type Db, isUniqueViolation } from '../db';
import { ConflictError, TooManyRequestsError, UnauthenticatedError, ValidationError } from '../errors';
import { loginAttempts, type Role, sessions, staffUsers } from './auth.schema';
import { checkPasswordStrength, hashPassword, verifyPassword } from './password';

export interface SessionUser {
  clinicId: string;
  clinicSlug: string;
  id: string;
  email: string;
  fullName: string;
  roles: Role[];
}

export interface AuthServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  idleMinutes: number;
  maxHours: number;
  maxFailures: number;
  /** Failures from one address across all accounts of a clinic before it waits too. */
  maxFailuresPerIp: number;
  windowMinutes: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
const normEmail = (e: string) => e.trim().toLowerCase();

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(deps: AuthServiceDeps) {
  const { db, clock, audit } = deps;
  // A fixed hash to verify against when the user does not exist, so timing does not reveal accounts.
  let dummyHash: Promise<string> | undefined;
  async function verifyDummy(password: string): Promise<false> {
    dummyHash ??= hashPassword('not-a-real-password-for-timing');
    await verifyPassword(await dummyHash, password);
    return false;
  }

  async function createUser(
    ctx: AccessContext,
    input: { email: string; fullName: string; roles: Role[]; password: string; professionalCode?: string | null },
  ): Promise<{ id: string }> {
    const weak = checkPasswordStrength(input.password);
    if (weak) throw new ValidationError('password', weak);
    const passwordHash = await hashPassword(input.password);
    const id = newId();
    try {
      await db.transaction(async (tx) => {
        await tx.insert(staffUsers).values({
          clinicId: ctx.clinicId,
          id,
          email: normEmail(input.email),
          fullName: input.fullName,
          roles: input.roles,
          passwordHash,
          professionalCode: input.professionalCode ?? null,
          createdAt: clock.now(),
        });
        await audit.append(tx, ctx, [
          {
            action: 'staff.create',
            entityType: 'staff_user',
            entityId: id,
            purpose: 'staff_administration',
            details: { roles: input.roles },
          },
        ]);
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new ConflictError(`a user with e-mail ${normEmail(input.email)} already exists in this clinic`);
      }
      throw err;
    }
    return { id };
  }

  /** Failed logins in the window, for one account or (password spraying) from one address. */
  async function recentFailures(clinicId: string, by: { subjectHash: string } | { ip: string }): Promise<number> {
    const since = new Date(clock.now().getTime() - deps.windowMinutes * 60_000);
    const who = 'ip' in by ? eq(loginAttempts.ip, by.ip) : eq(loginAttempts.subjectHash, by.subjectHash);
    const [row] = await db
      .select({ n: count() })
      .from(loginAttempts)
      .where(
        and(eq(loginAttempts.clinicId, clinicId), who, eq(loginAttempts.success, false), gte(loginAttempts.at, since)),
      );
    return Number(row?.n ?? 0);
  }

  /** Checks the password and opens a new session (a fresh id at every login: no fixation). */
  async function login(input: {
    clinicSlug: string;
    email: string;
    password: string;
    ip?: string;
    userAgent?: string;
    requestId?: string;
  }) {
    const [clinic] = await db
      .select({ id: clinics.id, slug: clinics.slug })
      .from(clinics)
      .where(eq(clinics.slug, input.clinicSlug));
    if (!clinic) {
      await verifyDummy(input.password);
      throw new UnauthenticatedError('wrong clinic, e-mail or password');
    }
    const subjectHash = sha256(`${clinic.id}:${normEmail(input.email)}`);
    if (
      (await recentFailures(clinic.id, { subjectHash })) >= deps.maxFailures ||
      (input.ip && (await recentFailures(clinic.id, { ip: input.ip })) >= deps.maxFailuresPerIp)
    ) {
      throw new TooManyRequestsError(`too many failed logins; try again in ${deps.windowMinutes} minutes`);
    }
    const [user] = await db
      .select()
      .from(staffUsers)
      .where(and(eq(staffUsers.clinicId, clinic.id), sql`lower(${staffUsers.email}) = ${normEmail(input.email)}`));
    const ok =
      user && !user.disabledAt
        ? await verifyPassword(user.passwordHash, input.password)
        : await verifyDummy(input.password);
    const now = clock.now();
    const ctx: AccessContext = {
      clinicId: clinic.id,
      user: user ? { id: user.id, fullName: user.fullName, roles: user.roles } : null,
      requestId: input.requestId ?? null,
      channel: 'api',
    };
    if (!ok || !user) {
      await db.transaction(async (tx) => {
        await tx
          .insert(loginAttempts)
          .values({ clinicId: clinic.id, subjectHash, ip: input.ip ?? null, success: false, at: now });
        await audit.append(tx, ctx, [
          {
            action: 'auth.login',
            entityType: 'staff_user',
            entityId: user?.id ?? null,
            purpose: 'security',
            outcome: 'denied',
          },
        ]);
      });
      throw new UnauthenticatedError('wrong clinic, e-mail or password');
    }
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await db.transaction(async (tx) => {
      await tx
        .insert(loginAttempts)
        .values({ clinicId: clinic.id, subjectHash, ip: input.ip ?? null, success: true, at: now });
      await tx.insert(sessions).values({
        clinicId: clinic.id,
        id: sha256(token),
        userId: user.id,
        csrfToken,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + deps.maxHours * 3_600_000),
        ip: input.ip ?? null,
        userAgent: input.userAgent?.slice(0, 300) ?? null,
      });
      await audit.append(tx, ctx, [
        { action: 'auth.login', entityType: 'staff_user', entityId: user.id, purpose: 'security' },
      ]);
    });
    // The cookie names the clinic so the lookup can use the (clinic_id, id) key.
    return { cookie: `${clinic.id}.${token}`, csrfToken, user: toSessionUser(user, clinic.slug) };
  }

  function toSessionUser(u: typeof staffUsers.$inferSelect, slug: string): SessionUser {
    return { clinicId: u.clinicId, clinicSlug: slug, id: u.id, email: u.email, fullName: u.fullName, roles: u.roles };
  }

  /** Resolves a cookie to its user, ending sessions that idled out or outlived their lifetime. */
  async function authenticate(cookie: string): Promise<{ user: SessionUser; csrfToken: string } | null> {
    const dot = cookie.indexOf('.');
    if (dot < 0) return null;
    const clinicId = cookie.slice(0, dot);
    if (!/^[0-9a-f-]{36}$/.test(clinicId)) return null;
    const id = sha256(cookie.slice(dot + 1));
    const [row] = await db
      .select({ s: sessions, u: staffUsers, slug: clinics.slug })
      .from(sessions)
      .innerJoin(staffUsers, and(eq(staffUsers.clinicId, sessions.clinicId), eq(staffUsers.id, sessions.userId)))
      .innerJoin(clinics, eq(clinics.id, sessions.clinicId))
      .where(and(eq(sessions.clinicId, clinicId), eq(sessions.id, id), isNull(sessions.endedAt)));
    if (!row) return null;
    const now = clock.now();
    const idleLimit = new Date(row.s.lastSeenAt.getTime() + deps.idleMinutes * 60_000);
    const reason = row.u.disabledAt
      ? 'user_disabled'
      : now >= row.s.expiresAt
        ? 'expired'
        : now >= idleLimit
          ? 'idle'
          : null;
    if (reason) {
      await db
        .update(sessions)
        .set({ endedAt: now, endReason: reason })
        .where(and(eq(sessions.clinicId, clinicId), eq(sessions.id, id)));
      return null;
    }
    // Touch at most once a minute: a read should not always cost a write.
    if (now.getTime() - row.s.lastSeenAt.getTime() > 60_000) {
      await db
        .update(sessions)
        .set({ lastSeenAt: now })
        .where(and(eq(sessions.clinicId, clinicId), eq(sessions.id, id)));
    }
    return { user: toSessionUser(row.u, row.slug), csrfToken: row.s.csrfToken };
  }

  async function logout(cookie: string): Promise<void> {
    const dot = cookie.indexOf('.');
    if (dot < 0) return;
    await db
      .update(sessions)
      .set({ endedAt: clock.now(), endReason: 'logout' })
      .where(
        and(
          eq(sessions.clinicId, cookie.slice(0, dot)),
          eq(sessions.id, sha256(cookie.slice(dot + 1))),
          isNull(sessions.endedAt),
        ),
      );
  }

  /** Disabling a user ends all their sessions at once. */
  async function setDisabled(ctx: AccessContext, userId: string, disabled: boolean): Promise<void> {
    const now = clock.now();
    await db.transaction(async (tx) => {
      const updated = await tx
        .update(staffUsers)
        .set({ disabledAt: disabled ? now : null })
        .where(and(eq(staffUsers.clinicId, ctx.clinicId), eq(staffUsers.id, userId)))
        .returning({ id: staffUsers.id });
      if (updated.length === 0) throw new ValidationError('userId', 'no such user in this clinic');
      if (disabled) {
        await tx
          .update(sessions)
          .set({ endedAt: now, endReason: 'user_disabled' })
          .where(and(eq(sessions.clinicId, ctx.clinicId), eq(sessions.userId, userId), isNull(sessions.endedAt)));
      }
      await audit.append(tx, ctx, [
        {
          action: disabled ? 'staff.disable' : 'staff.enable',
          entityType: 'staff_user',
          entityId: userId,
          purpose: 'staff_administration',
        },
      ]);
    });
  }

  async function listUsers(clinicId: string) {
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
  }

  return { createUser, login, authenticate, logout, setDisabled, listUsers };
}
