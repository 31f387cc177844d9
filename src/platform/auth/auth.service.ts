import { createHash, randomBytes } from 'node:crypto';
import type { AccessContext } from '../access';
import { auditEntry } from '../audit/audit.entry';
import type { AuditService } from '../audit/audit.service';
import type { Clock } from '../clock';
import { newId } from '../crypto';
import { type Db, type DbOrTx, isUniqueViolation, type Listen, type Tx } from '../db';
import { ConflictError, NotFoundError, TooManyRequestsError, UnauthenticatedError, ValidationError } from '../errors';
import type { Logger } from '../logger';
import type { Mailer } from '../mail';
import { createAuthPasswords } from './auth.passwords';
import { createAuthRepository, type StaffUserRow } from './auth.repository';
import type { Role } from './auth.schema';
import { checkPasswordStrength, hashPassword, verifyPassword } from './password';
import { createSessionCache } from './session-cache';

export interface SessionUser {
  clinicId: string;
  clinicSlug: string;
  id: string;
  email: string;
  fullName: string;
  roles: Role[];
  /** The password was set by someone else: every route but the change refuses until it is changed. */
  mustChangePassword: boolean;
}

export interface AuthServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  /** The clinics' one cache (the clinics service): a login names its clinic by slug, a session by id. */
  clinics: {
    findBySlug(slug: string): Promise<{ id: string; slug: string } | undefined>;
    byId(id: string): Promise<{ slug: string }>;
  };
  idleMinutes: number;
  maxHours: number;
  maxFailures: number;
  /** Failures from one address across all accounts of a clinic before it waits too. */
  maxFailuresPerIp: number;
  windowMinutes: number;
  /** For the e-mailed reset link (absent: links are recorded but not sent, as in a CLI-only process). */
  mailer?: Pick<Mailer, 'send'>;
  publicUrl?: string;
  logger?: Pick<Logger, 'warn'>;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
const normEmail = (e: string) => e.trim().toLowerCase();

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(deps: AuthServiceDeps) {
  const { db, clock, audit } = deps;
  const repo = createAuthRepository();
  // 30 s at most: every end of a session is also announced (migration 0017), this only bounds a missed notice.
  const sessionCache = createSessionCache<NonNullable<Awaited<ReturnType<typeof repo.openSession>>>>(30_000);
  // A fixed hash to verify against when the user does not exist, so timing does not reveal accounts.
  let dummyHash: Promise<string> | undefined;
  async function verifyDummy(password: string): Promise<false> {
    dummyHash ??= hashPassword('not-a-real-password-for-timing');
    await verifyPassword(await dummyHash, password);
    return false;
  }

  async function createUser(
    ctx: AccessContext,
    input: {
      email: string;
      fullName: string;
      roles: Role[];
      password: string;
      professionalCode?: string | null;
      /** A password someone else chose (an administrator, the demo): the holder must change it first. */
      mustChangePassword?: boolean;
    },
    /** The caller's transaction, when the account is part of a larger change (a new clinic and its administrator). */
    outer?: Tx,
  ): Promise<{ id: string }> {
    const weak = checkPasswordStrength(input.password, [input.email, input.fullName]);
    if (weak) throw new ValidationError('password', weak);
    const passwordHash = await hashPassword(input.password);
    const id = newId();
    try {
      const write = async (tx: Tx) => {
        await repo.insertUser(tx, {
          clinicId: ctx.clinicId,
          id,
          email: normEmail(input.email),
          fullName: input.fullName,
          roles: input.roles,
          passwordHash,
          professionalCode: input.professionalCode ?? null,
          mustChangePassword: input.mustChangePassword ?? false,
          createdAt: clock.now(),
        });
        await audit.append(tx, ctx, [
          auditEntry({
            action: 'staff.create',
            entityType: 'staff_user',
            entityId: id,
            purpose: 'staff_administration',
            details: { roles: input.roles },
          }),
        ]);
      };
      await (outer ? write(outer) : db.transaction(write));
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new ConflictError(`a user with e-mail ${normEmail(input.email)} already exists in this clinic`);
      }
      throw err;
    }
    return { id };
  }

  /**
   * The login limits (issue 12, finding 4), each counted atomically before the password is checked:
   * - one account from one address: `maxFailures` attempts per window, then 429 until it ends;
   * - one address across the clinic's accounts: `maxFailuresPerIp` (password spraying);
   * - one account from anywhere: past `maxFailures`, addresses the account has not signed in from
   *   take turns, one guess per turn, the turns growing to a minute apart — a slower path, never a
   *   lock: the account's holder signs in from a known address at once, and from a new one after a
   *   short wait.
   * A successful login gives its attempts back.
   */
  async function admit(clinicId: string, subjectHash: string, ip: string, now: Date) {
    const since = new Date(now.getTime() - deps.windowMinutes * 60_000);
    const keys = {
      account_address: sha256(`${subjectHash}|${ip}`),
      address: sha256(`${clinicId}|${ip}`),
      account: subjectHash,
    } as const;
    const wait = (retryAfter: number) =>
      new TooManyRequestsError(`too many failed logins; try again in ${Math.ceil(retryAfter / 60)} minutes`, {
        retryAfter,
      });
    const pair = await repo.reserveAttempt(db, clinicId, 'account_address', keys.account_address, now, since);
    if (pair > deps.maxFailures) throw wait(deps.windowMinutes * 60);
    const address = await repo.reserveAttempt(db, clinicId, 'address', keys.address, now, since);
    if (address > deps.maxFailuresPerIp) throw wait(deps.windowMinutes * 60);
    const account = await repo.reserveAttempt(db, clinicId, 'account', keys.account, now, since);
    if (account > deps.maxFailures) {
      const known = await repo.knownAddress(db, clinicId, subjectHash, ip, new Date(now.getTime() - 90 * 86_400_000));
      if (!known) {
        const excess = account - deps.maxFailures;
        const delayMs = Math.min(60, 2 ** Math.min(excess, 6)) * 1000;
        const busyUntil = await repo.takeTurn(db, clinicId, keys.account, now, delayMs);
        if (busyUntil) {
          const seconds = Math.max(1, Math.ceil((busyUntil.getTime() - now.getTime()) / 1000));
          throw new TooManyRequestsError(`this account is being guessed at; try again in ${seconds} seconds`, {
            retryAfter: seconds,
          });
        }
      }
    }
    return {
      /** The login succeeded: its attempts were not guesses. */
      release: async (tx: DbOrTx) => {
        await repo.clearAttempts(tx, clinicId, 'account_address', keys.account_address);
        await repo.releaseAttempt(tx, clinicId, 'address', keys.address);
        await repo.releaseAttempt(tx, clinicId, 'account', keys.account);
      },
    };
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
    const clinic = await deps.clinics.findBySlug(input.clinicSlug);
    if (!clinic) {
      await verifyDummy(input.password);
      throw new UnauthenticatedError('wrong clinic, e-mail or password');
    }
    const subjectHash = sha256(`${clinic.id}:${normEmail(input.email)}`);
    const admitted = await admit(clinic.id, subjectHash, input.ip ?? 'unknown', clock.now());
    const user = await repo.userByEmail(db, clinic.id, normEmail(input.email));
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
        await repo.insertAttempt(tx, {
          clinicId: clinic.id,
          subjectHash,
          ip: input.ip ?? null,
          success: false,
          at: now,
        });
        await audit.append(tx, ctx, [
          auditEntry({
            action: 'auth.login',
            entityType: 'staff_user',
            entityId: user?.id ?? null,
            purpose: 'security',
            outcome: 'denied',
          }),
        ]);
      });
      throw new UnauthenticatedError('wrong clinic, e-mail or password');
    }
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await db.transaction(async (tx) => {
      await repo.insertAttempt(tx, { clinicId: clinic.id, subjectHash, ip: input.ip ?? null, success: true, at: now });
      await admitted.release(tx);
      await repo.insertSession(tx, {
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
        auditEntry({ action: 'auth.login', entityType: 'staff_user', entityId: user.id, purpose: 'security' }),
      ]);
    });
    // The cookie names the clinic so the lookup can use the (clinic_id, id) key.
    return { cookie: `${clinic.id}.${token}`, csrfToken, user: toSessionUser(user, clinic.slug) };
  }

  function toSessionUser(u: StaffUserRow, slug: string): SessionUser {
    return {
      clinicId: u.clinicId,
      clinicSlug: slug,
      id: u.id,
      email: u.email,
      fullName: u.fullName,
      roles: u.roles,
      mustChangePassword: u.mustChangePassword,
    };
  }

  /** Resolves a cookie to its user, ending sessions that idled out or outlived their lifetime. */
  async function authenticate(cookie: string): Promise<{ user: SessionUser; csrfToken: string } | null> {
    const dot = cookie.indexOf('.');
    if (dot < 0) return null;
    const clinicId = cookie.slice(0, dot);
    if (!/^[0-9a-f-]{36}$/.test(clinicId)) return null;
    const id = sha256(cookie.slice(dot + 1));
    const key = `${clinicId}:${id}`;
    const now = clock.now();
    const row = sessionCache.get(key, Date.now()) ?? (await repo.openSession(db, clinicId, id));
    if (!row) return null;
    const idleLimit = new Date(row.s.lastSeenAt.getTime() + deps.idleMinutes * 60_000);
    const reason = row.u.disabledAt
      ? 'user_disabled'
      : now >= row.s.expiresAt
        ? 'expired'
        : now >= idleLimit
          ? 'idle'
          : null;
    if (reason) {
      sessionCache.forget(key);
      await repo.endSession(db, clinicId, id, now, reason);
      return null;
    }
    // Touch at most once a minute: a read should not always cost a write.
    if (now.getTime() - row.s.lastSeenAt.getTime() > 60_000) {
      await repo.touchSession(db, clinicId, id, now);
      row.s.lastSeenAt = now;
    }
    sessionCache.set(key, `${clinicId}:${row.u.id}`, row, Date.now());
    const { slug } = await deps.clinics.byId(clinicId);
    return { user: toSessionUser(row.u, slug), csrfToken: row.s.csrfToken };
  }

  async function logout(cookie: string): Promise<void> {
    const dot = cookie.indexOf('.');
    if (dot < 0) return;
    const [clinicId, id] = [cookie.slice(0, dot), sha256(cookie.slice(dot + 1))];
    sessionCache.forget(`${clinicId}:${id}`);
    await repo.endSession(db, clinicId, id, clock.now(), 'logout');
  }

  /** Disabling a user ends all their sessions at once. */
  async function setDisabled(ctx: AccessContext, userId: string, disabled: boolean): Promise<void> {
    const now = clock.now();
    await db.transaction(async (tx) => {
      if (!(await repo.setDisabled(tx, ctx.clinicId, userId, disabled ? now : null)))
        throw new ValidationError('userId', 'no such user in this clinic');
      if (disabled) await repo.endSessionsOf(tx, ctx.clinicId, userId, now, 'user_disabled');
      sessionCache.evictUser(`${ctx.clinicId}:${userId}`);
      await audit.append(tx, ctx, [
        auditEntry({
          action: disabled ? 'staff.disable' : 'staff.enable',
          entityType: 'staff_user',
          entityId: userId,
          purpose: 'staff_administration',
        }),
      ]);
    });
  }

  function listUsers(clinicId: string) {
    return repo.listUsers(db, clinicId);
  }

  /** One account of the clinic (for a neighbour that links it to its own records), or null. */
  async function userById(clinicId: string, userId: string) {
    const u = await repo.userById(db, clinicId, userId);
    return u ? { id: u.id, email: u.email, fullName: u.fullName, roles: u.roles, disabledAt: u.disabledAt } : null;
  }

  /** An administrator changes an account's roles, name or registration code. */
  async function updateUser(
    ctx: AccessContext,
    userId: string,
    input: { roles?: Role[]; fullName?: string; professionalCode?: string | null },
  ): Promise<void> {
    if (input.roles && userId === ctx.user?.id && !input.roles.includes('admin'))
      throw new ValidationError('roles', 'you cannot take the administrator role from yourself');
    await db.transaction(async (tx) => {
      const before = await repo.userById(tx, ctx.clinicId, userId);
      if (!before) throw new NotFoundError('no such staff account in this clinic');
      await repo.updateUser(tx, ctx.clinicId, userId, input);
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'staff.update',
          entityType: 'staff_user',
          entityId: userId,
          purpose: 'staff_administration',
          details: {
            fields: Object.keys(input),
            ...(input.roles ? { rolesBefore: before.roles, roles: input.roles } : {}),
          },
        }),
      ]);
    });
    sessionCache.evictUser(`${ctx.clinicId}:${userId}`);
  }

  const passwords = createAuthPasswords({
    db,
    clock,
    audit,
    repo,
    clinics: deps.clinics,
    evictUser: (key) => sessionCache.evictUser(key),
    mailer: deps.mailer,
    publicUrl: deps.publicUrl,
    logger: deps.logger,
  });

  return {
    createUser,
    login,
    authenticate,
    logout,
    setDisabled,
    listUsers,
    userById,
    updateUser,
    ...passwords,
    /** The stored id of a session cookie's session (the one a password change keeps). */
    sessionIdOf: (cookie: string) => sha256(cookie.slice(cookie.indexOf('.') + 1)),
    /** Keep sessions in memory while the database's notices of ended sessions are heard (a serving process). */
    watchSessions: (listen: Listen, logger: Pick<Logger, 'warn'>) => sessionCache.watch(listen, logger),
    unwatchSessions: () => sessionCache.unwatch(),
  };
}
