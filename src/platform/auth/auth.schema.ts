import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { clinics } from '../../modules/clinics/clinics.schema';
import { classify } from '../data-categories';

export const roles = ['admin', 'receptionist', 'doctor', 'accountant', 'dpo'] as const;
export type Role = (typeof roles)[number];

/** Staff accounts belong to one clinic; a person working for two clinics has two accounts. */
export const staffUsers = pgTable(
  'staff_users',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    email: text('email').notNull(),
    fullName: text('full_name').notNull(),
    roles: text('roles').array().$type<Role[]>().notNull(),
    passwordHash: text('password_hash').notNull(),
    professionalCode: text('professional_code'),
    phone: text('phone'),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** Set with a password someone else chose (a new account, an administrator's reset): every route but the change refuses until then. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /** The SHA-256 of the one open self-service reset link (single use: cleared when used or replaced). */
    resetTokenHash: text('reset_token_hash'),
    resetExpiresAt: timestamp('reset_expires_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('staff_users_email_uq').on(t.clinicId, sql`lower(${t.email})`),
  ],
);

/** Server-side sessions: the cookie carries a random token, the database only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: text('id').notNull(),
    userId: uuid('user_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
    endReason: text('end_reason'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] }), index('sessions_user_idx').on(t.clinicId, t.userId)],
);

/** Login attempts, for rate limiting across every instance that shares the database. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: bigserial('id', { mode: 'number' }).notNull(),
    subjectHash: text('subject_hash').notNull(),
    ip: text('ip'),
    success: boolean('success').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('login_attempts_subject_idx').on(t.clinicId, t.subjectHash, t.at),
    index('login_attempts_ip_idx').on(t.clinicId, t.ip, t.at),
  ],
);

/**
 * Login attempts counted atomically (one upsert per attempt, before the password is checked), so
 * concurrent guesses cannot all slip under the limit. Scopes: `account_address` (one account from
 * one address: the hard limit), `address` (one address across a clinic's accounts: spraying) and
 * `account` (one account from anywhere: past its limit, unknown addresses take turns — a slower
 * path, never a lock-out of the account's holder). Keys are hashes, never an address or e-mail.
 */
export const loginThrottle = pgTable(
  'login_throttle',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    scope: text('scope').$type<'account_address' | 'address' | 'account'>().notNull(),
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true, mode: 'date' }).notNull(),
    attempts: integer('attempts').notNull(),
    nextAt: timestamp('next_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.scope, t.key] })],
);

export const staffUsersColumns = classify(staffUsers, {
  clinicId: null,
  id: null,
  email: 'staff_account',
  fullName: 'name',
  roles: 'staff_account',
  passwordHash: 'staff_account',
  professionalCode: 'staff_account',
  phone: 'contact',
  disabledAt: 'staff_account',
  createdAt: null,
  mustChangePassword: 'staff_account',
  resetTokenHash: 'online_identifier',
  resetExpiresAt: null,
});
export const sessionsColumns = classify(sessions, {
  clinicId: null,
  id: 'online_identifier',
  userId: 'staff_account',
  csrfToken: 'online_identifier',
  createdAt: null,
  lastSeenAt: 'online_identifier',
  expiresAt: null,
  endedAt: null,
  endReason: null,
  ip: 'online_identifier',
  userAgent: 'online_identifier',
});
export const loginAttemptsColumns = classify(loginAttempts, {
  clinicId: null,
  id: null,
  subjectHash: 'staff_account',
  ip: 'online_identifier',
  success: 'access_log',
  at: null,
});
export const loginThrottleColumns = classify(loginThrottle, {
  clinicId: null,
  scope: null,
  key: 'online_identifier',
  windowStart: null,
  attempts: 'access_log',
  nextAt: null,
});
