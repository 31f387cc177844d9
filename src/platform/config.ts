import { isIP } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The whole configuration of Hoidja, parsed once at start-up from the environment.
 * Secrets have no defaults in production: the demo (NODE_ENV != production) generates its own
 * and keeps them in DATA_DIR/secrets.json so a restart can still decrypt what it wrote.
 */
const keyList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(z.string().regex(/^[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/=]{43,44}$/, 'expected KEYID:BASE64 (32 bytes)')).min(1),
  );

/**
 * Addresses of the reverse proxies whose X-Forwarded-For is believed: IPs, CIDR ranges, or
 * proxy-addr's names (loopback, linklocal, uniquelocal). Empty: the socket's address is the client's.
 */
const proxyList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z
        .string()
        .refine(
          (p) => ['loopback', 'linklocal', 'uniquelocal'].includes(p) || isIpOrCidr(p),
          'expected IP addresses or CIDR ranges (10.0.0.0/8), or loopback, linklocal, uniquelocal',
        ),
    ),
  );

function isIpOrCidr(p: string): boolean {
  const [ip, bits, ...rest] = p.split('/');
  const kind = isIP(ip ?? '');
  if (!kind || rest.length > 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n >= 0 && n <= (kind === 4 ? 32 : 128);
}

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  TRUSTED_PROXIES: proxyList.default([]),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  /** The owner role's address: migrations run with it, the app with DATABASE_URL's narrower role. */
  DATABASE_OWNER_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  SESSION_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  FIELD_ENCRYPTION_KEYS: keyList.optional(),
  FIELD_ENCRYPTION_ACTIVE_KEY: z.string().optional(),
  SEARCH_HASH_KEY: z.string().min(32, 'at least 32 characters').optional(),
  AUDIT_SIGNING_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}=?$/, 'expected 32 bytes as base64url (an Ed25519 seed)')
    .optional(),
  AUDIT_VERIFY_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'expected the 32-byte public key as base64url')
    .optional(),
  AUDIT_CHECKPOINT_DIR: z.string().optional(),
  AUDIT_CHECKPOINT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(10_000).default(20),
  LOGIN_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  HOIDJA_ADMIN_PASSWORD: z.string().min(12, 'at least 12 characters').optional(),
  /** The deployment operator's bearer token for `POST /api/operator/clinics`; unset, that API is off. */
  OPERATOR_TOKEN: z.string().min(32, 'at least 32 characters').optional(),
  HOIDJA_AUDIT: z.enum(['on', 'off']).default('on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Hoidja <no-reply@hoidja.local>'),
  SMS_API_URL: z.string().url().optional(),
  SMS_API_USER: z.string().optional(),
  SMS_API_PASSWORD: z.string().optional(),
  SMS_SENDER: z.string().max(11).default('Hoidja'),
  WORKER: z.enum(['on', 'off']).default('on'),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config
  extends Omit<
    RawConfig,
    'SESSION_SECRET' | 'FIELD_ENCRYPTION_KEYS' | 'SEARCH_HASH_KEY' | 'AUDIT_SIGNING_KEY' | 'AUDIT_CHECKPOINT_DIR'
  > {
  SESSION_SECRET: string;
  AUDIT_SIGNING_KEY: string;
  /** DATA_DIR/audit-checkpoints unless given. */
  AUDIT_CHECKPOINT_DIR: string;
  FIELD_ENCRYPTION_KEYS: string[];
  FIELD_ENCRYPTION_ACTIVE_KEY: string;
  SEARCH_HASH_KEY: string;
  /** Which secrets were generated for the demo rather than given. */
  generatedSecrets: string[];
  /** The demo generated OPERATOR_TOKEN (printed at start; never in production). */
  operatorTokenGenerated: boolean;
}

export class ConfigError extends Error {}

export interface GeneratedSecrets {
  SESSION_SECRET: string;
  FIELD_ENCRYPTION_KEYS: string;
  SEARCH_HASH_KEY: string;
  AUDIT_SIGNING_KEY: string;
  /** The demo's operator key, so a fresh install can add clinics from the web app too. */
  OPERATOR_TOKEN?: string;
}

/**
 * Parses the environment. `loadDemoSecrets` is asked for secrets that are missing outside
 * production; in production a missing secret stops the start with a clear message.
 */
export function parseConfig(env: NodeJS.ProcessEnv, loadDemoSecrets: (dataDir: string) => GeneratedSecrets): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`configuration: ${issue.path.join('.')}: ${issue.message}`);
  }
  const raw = parsed.data;
  const missing = (['SESSION_SECRET', 'FIELD_ENCRYPTION_KEYS', 'SEARCH_HASH_KEY', 'AUDIT_SIGNING_KEY'] as const).filter(
    (k) => !raw[k],
  );
  if (raw.NODE_ENV === 'production' && missing.length > 0) {
    throw new ConfigError(
      `configuration: ${missing.join(', ')} must be set in production (there are no default secrets)`,
    );
  }
  let demo: GeneratedSecrets | undefined;
  if (missing.length > 0) demo = loadDemoSecrets(raw.DATA_DIR);
  const keys = raw.FIELD_ENCRYPTION_KEYS ?? keyList.parse(demo!.FIELD_ENCRYPTION_KEYS);
  const keyIds = keys.map((k) => k.split(':')[0]!);
  const active = raw.FIELD_ENCRYPTION_ACTIVE_KEY ?? keyIds[keyIds.length - 1]!;
  if (!keyIds.includes(active)) {
    throw new ConfigError(`configuration: FIELD_ENCRYPTION_ACTIVE_KEY: no key with id "${active}"`);
  }
  return {
    ...raw,
    SESSION_SECRET: raw.SESSION_SECRET ?? demo!.SESSION_SECRET,
    FIELD_ENCRYPTION_KEYS: keys,
    FIELD_ENCRYPTION_ACTIVE_KEY: active,
    SEARCH_HASH_KEY: raw.SEARCH_HASH_KEY ?? demo!.SEARCH_HASH_KEY,
    AUDIT_SIGNING_KEY: raw.AUDIT_SIGNING_KEY ?? demo!.AUDIT_SIGNING_KEY,
    AUDIT_CHECKPOINT_DIR: raw.AUDIT_CHECKPOINT_DIR ?? join(raw.DATA_DIR, 'audit-checkpoints'),
    // Outside production a demo that generates its secrets also gets an operator key; never in production.
    OPERATOR_TOKEN: raw.OPERATOR_TOKEN ?? demo?.OPERATOR_TOKEN,
    generatedSecrets: missing,
    operatorTokenGenerated: !raw.OPERATOR_TOKEN && !!demo?.OPERATOR_TOKEN,
  };
}
