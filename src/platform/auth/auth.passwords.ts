import { createHash, randomBytes } from 'node:crypto';
import type { AccessContext } from '../access';
import { auditEntry } from '../audit/audit.entry';
import type { AuditService } from '../audit/audit.service';
import type { Clock } from '../clock';
import type { Db } from '../db';
import { NotFoundError, UnauthenticatedError, ValidationError } from '../errors';
import type { Logger } from '../logger';
import type { Mailer } from '../mail';
import type { createAuthRepository } from './auth.repository';
import { checkPasswordStrength, generatePassword, hashPassword, verifyPassword } from './password';

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

/** How long an e-mailed reset link stays valid, and how often one account may be sent one. */
export const RESET_LINK_MINUTES = 30;
const RESET_LINK_GAP_MS = 60_000;

export interface AuthPasswordDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  repo: ReturnType<typeof createAuthRepository>;
  clinics: {
    findBySlug(slug: string): Promise<{ id: string; slug: string; name?: string; country?: string } | undefined>;
  };
  /** Forget cached sessions of a user (`clinicId:userId`), so a changed flag is seen at once. */
  evictUser(key: string): void;
  mailer?: Pick<Mailer, 'send'>;
  publicUrl?: string;
  logger?: Pick<Logger, 'warn'>;
}

const letters = {
  et: {
    subject: (clinic: string) => `${clinic}: uus parool Hoidjas`,
    body: (clinic: string, url: string) =>
      `Tere!\n\nKeegi (loodetavasti Teie) soovis ${clinic} Hoidja kontole uut parooli. Uue parooli saate seada sellel lingil (kehtib ${RESET_LINK_MINUTES} minutit ja ühe korra):\n\n${url}\n\nKui Teie seda ei soovinud, jätke see kiri tähelepanuta: Teie parool jääb samaks.\n`,
  },
  lv: {
    subject: (clinic: string) => `${clinic}: jauna parole Hoidja`,
    body: (clinic: string, url: string) =>
      `Labdien!\n\nKāds (cerams, Jūs) pieprasīja jaunu paroli ${clinic} Hoidja kontam. Jaunu paroli varat iestatīt šajā saitē (derīga ${RESET_LINK_MINUTES} minūtes un vienu reizi):\n\n${url}\n\nJa to nepieprasījāt, neņemiet šo vēstuli vērā: Jūsu parole paliek tā pati.\n`,
  },
} as const;
const english = (clinic: string, url: string) =>
  `A new password was asked for your Hoidja account at ${clinic}. Set it with this link (valid for ${RESET_LINK_MINUTES} minutes, once): ${url}\nIf you did not ask for it, ignore this message: your password stays the same.\n`;

/** Passwords of staff accounts: the holder's change, an administrator's reset, and the e-mailed reset link. */
export function createAuthPasswords(deps: AuthPasswordDeps) {
  const { db, clock, audit, repo } = deps;
  const entry = (action: Parameters<typeof auditEntry>[0]['action'], userId: string) =>
    auditEntry({ action, entityType: 'staff_user', entityId: userId, purpose: 'security' });

  function refuseWeak(password: string, user: { email: string; fullName: string }, field: string) {
    const weak = checkPasswordStrength(password, [user.email, user.fullName]);
    if (weak) throw new ValidationError(field, weak);
  }

  /** The holder sets a new password; their other sessions end, this one stays. */
  async function changePassword(
    ctx: AccessContext,
    sessionId: string,
    input: { currentPassword: string; newPassword: string },
  ): Promise<void> {
    const user = await repo.userById(db, ctx.clinicId, ctx.user!.id);
    if (!user || user.disabledAt) throw new UnauthenticatedError('log in first');
    if (!(await verifyPassword(user.passwordHash, input.currentPassword)))
      throw new ValidationError('currentPassword', 'this is not your current password');
    if (input.newPassword === input.currentPassword)
      throw new ValidationError('newPassword', 'choose a password different from the current one');
    refuseWeak(input.newPassword, user, 'newPassword');
    const hash = await hashPassword(input.newPassword);
    const now = clock.now();
    await db.transaction(async (tx) => {
      await repo.setPassword(tx, ctx.clinicId, user.id, hash, false);
      await repo.endOtherSessions(tx, ctx.clinicId, user.id, sessionId, now, 'password_changed');
      await audit.append(tx, ctx, [entry('staff.password_change', user.id)]);
    });
    deps.evictUser(`${ctx.clinicId}:${user.id}`);
  }

  /**
   * An administrator's reset: a generated password to hand over once, which the holder must
   * change at the first login; the account's sessions end at once.
   */
  async function resetPassword(ctx: AccessContext, userId: string): Promise<{ password: string }> {
    const user = await repo.userById(db, ctx.clinicId, userId);
    if (!user) throw new NotFoundError('no such staff account in this clinic');
    const password = generatePassword(randomBytes);
    const hash = await hashPassword(password);
    const now = clock.now();
    await db.transaction(async (tx) => {
      await repo.setPassword(tx, ctx.clinicId, userId, hash, true);
      await repo.endSessionsOf(tx, ctx.clinicId, userId, now, 'password_reset');
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'staff.password_reset',
          entityType: 'staff_user',
          entityId: userId,
          purpose: 'staff_administration',
        }),
      ]);
    });
    deps.evictUser(`${ctx.clinicId}:${userId}`);
    return { password };
  }

  /**
   * Sends a one-time reset link when the clinic has an enabled account with this address (at most
   * one a minute); otherwise does nothing. The caller answers the same either way and before the
   * work is done, so neither answer nor timing tells whether the address is known. The link is
   * stored only as its SHA-256 and never logged.
   */
  async function requestReset(input: {
    clinicSlug: string;
    email: string;
    requestId: string | null;
  }): Promise<{ delivery: Promise<void> }> {
    const none = { delivery: Promise.resolve() };
    const clinic = await deps.clinics.findBySlug(input.clinicSlug);
    if (!clinic) return none;
    const user = await repo.userByEmail(db, clinic.id, input.email.trim().toLowerCase());
    if (!user || user.disabledAt) return none;
    const now = clock.now();
    const sentAt = user.resetExpiresAt ? user.resetExpiresAt.getTime() - RESET_LINK_MINUTES * 60_000 : 0;
    if (now.getTime() - sentAt < RESET_LINK_GAP_MS) return none;
    const secret = randomBytes(32).toString('base64url');
    const ctx: AccessContext = {
      clinicId: clinic.id,
      user: { id: user.id, fullName: user.fullName, roles: user.roles },
      requestId: input.requestId,
      channel: 'api',
    };
    await db.transaction(async (tx) => {
      await repo.setResetLink(
        tx,
        clinic.id,
        user.id,
        sha256(secret),
        new Date(now.getTime() + RESET_LINK_MINUTES * 60_000),
      );
      await audit.append(tx, ctx, [entry('staff.password_reset_link', user.id)]);
    });
    if (!deps.mailer) return none;
    const url = `${(deps.publicUrl ?? '').replace(/\/+$/, '')}/reset-password?token=${encodeURIComponent(`${clinic.id}.${secret}`)}`;
    const words = clinic.country === 'LV' ? letters.lv : letters.et;
    const name = clinic.name ?? clinic.slug;
    const delivery = deps.mailer
      .send({
        to: user.email,
        subject: words.subject(name),
        text: `${words.body(name, url)}\n---\n${english(name, url)}`,
      })
      .then(
        () => undefined,
        (err: unknown) =>
          deps.logger?.warn({ err: (err as Error).name, clinicId: clinic.id }, 'staff password reset mail not sent'),
      );
    return { delivery };
  }

  /** Sets a new password with an e-mailed link; the link is spent at once, every session ends. */
  async function resetWithLink(input: { token: string; newPassword: string; requestId: string | null }) {
    const refused = new ValidationError('token', 'this link is not valid, was already used or has expired');
    const dot = input.token.indexOf('.');
    const clinicId = input.token.slice(0, dot);
    if (dot < 0 || !/^[0-9a-f-]{36}$/.test(clinicId)) throw refused;
    const tokenHash = sha256(input.token.slice(dot + 1));
    const now = clock.now();
    // Refuse a weak password before spending the link, so the holder can try again with it.
    const pending = await repo.userByResetHash(db, clinicId, tokenHash);
    if (!pending?.resetExpiresAt || pending.resetExpiresAt <= now || pending.disabledAt) throw refused;
    refuseWeak(input.newPassword, pending, 'newPassword');
    const hash = await hashPassword(input.newPassword);
    await db.transaction(async (tx) => {
      const user = await repo.takeResetLink(tx, clinicId, tokenHash, now);
      if (!user) throw refused;
      await repo.setPassword(tx, clinicId, user.id, hash, false);
      await repo.endSessionsOf(tx, clinicId, user.id, now, 'password_reset');
      const ctx: AccessContext = {
        clinicId,
        user: { id: user.id, fullName: user.fullName, roles: user.roles },
        requestId: input.requestId,
        channel: 'api',
      };
      await audit.append(tx, ctx, [entry('staff.password_reset_used', user.id)]);
    });
    deps.evictUser(`${clinicId}:${pending.id}`);
  }

  return { changePassword, resetPassword, requestReset, resetWithLink };
}
