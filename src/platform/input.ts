import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import { ValidationError } from './errors';

/**
 * Input helpers every module shares: routes validate with zod schemas, and services that also take
 * input from the CLI or from other services parse it with the same schema through `parseInput`.
 */

/** ISO date that really exists (2023-02-29 does not). */
export const isoDate = z.iso.date({ message: 'expected a date YYYY-MM-DD' });

/** Parses with a zod schema and turns the first problem into a ValidationError naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || prefix || 'input';
  throw new ValidationError(field, issue.message);
}

/** A mobile number in E.164; numbers without a country prefix are read in the clinic's country. */
export function normalizeMobile(raw: string, defaultCountry: 'EE' | 'LV', field = 'mobile'): string {
  const parsed = parsePhoneNumberFromString(raw, defaultCountry as CountryCode);
  if (!parsed?.isValid()) throw new ValidationError(field, 'not a valid phone number');
  return parsed.number;
}
