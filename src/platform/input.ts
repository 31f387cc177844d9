import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import { type Clock, utcDate } from './clock';
import { ValidationError } from './errors';
import { reasonOfIssue } from './reasons';

/**
 * Input helpers every module shares: routes validate with zod schemas, and services that also take
 * input from the CLI or from other services parse it with the same schema through `parseInput`.
 */

/**
 * The calendar a date or time may fall in at all: year 0000 does not exist and the databases
 * refuse it (a 500 before, finding 6 of issue 12), and nothing this system keeps is older than the
 * oldest living person's birth or lies past the four-digit years.
 */
const CALENDAR_FROM = '1000-01-01';
const CALENDAR_TO = '9999-12-31';
const calendarMessage = `outside the calendar (${CALENDAR_FROM} to ${CALENDAR_TO})`;

/** ISO date that really exists (2023-02-29 does not) and lies in the calendar above. */
export const isoDate = z.iso
  .date({ message: 'expected a date YYYY-MM-DD' })
  .refine((d) => d >= CALENDAR_FROM && d <= CALENDAR_TO, calendarMessage);

/** A date and time with its zone (2026-12-21T10:00:00+02:00), in the same calendar. */
export const isoDateTime = (message?: string) =>
  z.iso
    .datetime({ offset: true, ...(message ? { message } : {}) })
    .refine((d) => d.slice(0, 10) >= CALENDAR_FROM && d.slice(0, 10) <= CALENDAR_TO, calendarMessage);

/** The oldest birth date taken: nobody alive was born before 1870. */
export const OLDEST_BIRTH_DATE = '1870-01-01';

/**
 * A birth date: a real date, not before 1870. "Not in the future" needs the application's clock,
 * which a schema does not have: the service checks it with `refuseFutureBirthDate`.
 */
export const birthDate = isoDate.refine((d) => d >= OLDEST_BIRTH_DATE, `before ${OLDEST_BIRTH_DATE}: check the year`);

/** A birth date after the clock's today (a day of slack for the zones east of UTC) is refused. */
export function refuseFutureBirthDate(date: string, clock: Clock, field: string): void {
  if (date > utcDate(clock, 1)) throw new ValidationError(field, 'in the future');
}

/**
 * The window of dates money moves on (visits, invoices, payments): this century. A fixed window, not
 * one measured from today: the application's clock is injectable (tests and a retention run look
 * years ahead), and a typo such as 9999 or 1899 is what it is there to catch.
 */
const MONEY_FROM = '2000-01-01';
const MONEY_TO = '2099-12-31';
export const moneyDate = isoDate
  .refine((d) => d >= MONEY_FROM, `before ${MONEY_FROM}: check the year`)
  .refine((d) => d <= MONEY_TO, `after ${MONEY_TO}: check the year`);

/** Parses with a zod schema and turns the first problem into a ValidationError naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || prefix || 'input';
  throw new ValidationError(field, issue.message, { ...reasonOfIssue(issue) });
}

/** A mobile number in E.164; numbers without a country prefix are read in the clinic's country. */
export function normalizeMobile(raw: string, defaultCountry: 'EE' | 'LV', field = 'mobile'): string {
  const parsed = parsePhoneNumberFromString(raw, defaultCountry as CountryCode);
  if (!parsed?.isValid()) throw new ValidationError(field, 'not a valid phone number');
  return parsed.number;
}
