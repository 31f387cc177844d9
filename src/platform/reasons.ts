/**
 * Why a field was refused, as a stable code with its parameters: the web app and the public pages
 * say it in the reader's language (web/src/shell/reason-words.ts), while `reason` keeps the English
 * words for API users. Zod's issues map onto these codes; a service names its code where it refuses
 * a field itself. A refusal without a code (a rule with its own explanation, e.g. what is left of a
 * benefit) is shown with the server's reason.
 */
export const reasonCodes = [
  'required',
  'wrong_type',
  'too_short',
  'too_long',
  'too_few',
  'too_many',
  'too_small',
  'too_big',
  'not_integer',
  'invalid_email',
  'invalid_id',
  'invalid_date',
  'invalid_datetime',
  'invalid_format',
  'invalid_characters',
  'not_allowed',
  'unknown_field',
  'outside_calendar',
  'check_year',
  'future_date',
  'invalid_phone',
  'invalid_id_code',
  'id_code_check_digit',
  'id_code_length',
  'invalid_iban',
  'unknown_reference',
  'password_weak',
  'password_not_current',
  'password_same',
  'link_invalid',
  'own_admin_role',
  'account_disabled',
  'invalid',
] as const;
export type ReasonCode = (typeof reasonCodes)[number];

/** A refusal's code and the numbers or names it speaks of (a minimum, the allowed values). */
export interface Reason {
  reasonCode: ReasonCode;
  params?: Record<string, string | number>;
}

/** The fields of a zod issue this needs (from `safeParse`, or fastify-type-provider-zod's params). */
export interface IssueLike {
  code: string;
  message: string;
  origin?: string;
  format?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  expected?: string;
  values?: readonly unknown[];
  keys?: readonly string[];
  input?: unknown;
}

const num = (v: number | bigint | undefined) => (v === undefined ? undefined : Number(v));

/** The code of a zod issue; custom refinements are recognised by the shared input helpers' words. */
export function reasonOfIssue(issue: IssueLike): Reason {
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined/.test(issue.message)
        ? { reasonCode: 'required' }
        : issue.expected === 'int'
          ? { reasonCode: 'not_integer' }
          : { reasonCode: 'wrong_type', params: { expected: String(issue.expected ?? '') } };
    case 'too_small': {
      const minimum = num(issue.minimum) ?? 0;
      if (issue.origin === 'string')
        return minimum <= 1 ? { reasonCode: 'required' } : { reasonCode: 'too_short', params: { minimum } };
      if (issue.origin === 'array' || issue.origin === 'set') return { reasonCode: 'too_few', params: { minimum } };
      return { reasonCode: 'too_small', params: { minimum } };
    }
    case 'too_big': {
      const maximum = num(issue.maximum) ?? 0;
      if (issue.origin === 'string') return { reasonCode: 'too_long', params: { maximum } };
      if (issue.origin === 'array' || issue.origin === 'set') return { reasonCode: 'too_many', params: { maximum } };
      return { reasonCode: 'too_big', params: { maximum } };
    }
    case 'invalid_format':
      if (issue.format === 'email') return { reasonCode: 'invalid_email' };
      if (issue.format === 'uuid' || issue.format === 'guid') return { reasonCode: 'invalid_id' };
      if (issue.format === 'date') return { reasonCode: 'invalid_date' };
      if (issue.format === 'datetime') return { reasonCode: 'invalid_datetime' };
      return { reasonCode: 'invalid_format' };
    case 'invalid_value':
      return { reasonCode: 'not_allowed', params: { values: (issue.values ?? []).map(String).join(', ') } };
    case 'unrecognized_keys':
      return { reasonCode: 'unknown_field', params: { keys: (issue.keys ?? []).join(', ') } };
    case 'custom':
      return reasonOfWords(issue.message) ?? { reasonCode: 'invalid' };
    default:
      return { reasonCode: 'invalid' };
  }
}

/**
 * Codes for the refusals whose words are written once (platform/input.ts, src/rules: ID codes,
 * IBAN, phone): a ValidationError thrown with those words carries the code without each caller
 * naming it.
 */
export function reasonOfWords(message: string): Reason | undefined {
  // Passwords and accounts (platform/auth/password.ts, auth.passwords.ts, auth.service.ts).
  if (message === 'at least 12 characters') return { reasonCode: 'too_short', params: { minimum: 12 } };
  if (message === 'at most 256 characters') return { reasonCode: 'too_long', params: { maximum: 256 } };
  if (/^(repeats itself|is a sequence|is built on a common password|is made of your own name)/.test(message))
    return { reasonCode: 'password_weak' };
  if (message === 'this is not your current password') return { reasonCode: 'password_not_current' };
  if (message === 'choose a password different from the current one') return { reasonCode: 'password_same' };
  if (message === 'this link is not valid, was already used or has expired') return { reasonCode: 'link_invalid' };
  if (message === 'you cannot take the administrator role from yourself') return { reasonCode: 'own_admin_role' };
  if (message === 'the account is disabled') return { reasonCode: 'account_disabled' };
  if (/NUL character|lone surrogate|percent-encoding/.test(message)) return { reasonCode: 'invalid_characters' };
  if (/check digit/.test(message) && !message.includes('IBAN')) return { reasonCode: 'id_code_check_digit' };
  if (/(ID code|personal code) has (exactly )?11 digits/.test(message)) return { reasonCode: 'id_code_length' };
  if (/birth date in the code|century (and sex )?digit|not a valid ID code/.test(message))
    return { reasonCode: 'invalid_id_code' };
  if (message.startsWith('outside the calendar')) return { reasonCode: 'outside_calendar' };
  if (message.endsWith('check the year')) return { reasonCode: 'check_year' };
  if (message === 'in the future') return { reasonCode: 'future_date' };
  if (message.includes('IBAN')) return { reasonCode: 'invalid_iban' };
  if (message === 'not a valid phone number') return { reasonCode: 'invalid_phone' };
  return undefined;
}
