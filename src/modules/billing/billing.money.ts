import { ValidationError } from '../../platform/errors';

/**
 * Money is integer euro cents everywhere; euros appear only at the edges (CLI, forms, PDF) as
 * decimal strings. Parsing is strict so that "12.345" is refused instead of silently rounded.
 */
const EUROS = /^(\d{1,9})(?:[.,](\d{1,2}))?$/;

export function parseEuros(input: string, field = 'amount'): number {
  const text = input.trim();
  if (/^-/.test(text)) throw new ValidationError(field, 'must not be negative');
  if (/^\d+[.,]\d{3,}$/.test(text)) throw new ValidationError(field, 'has more than two decimals');
  const m = EUROS.exec(text);
  if (!m) throw new ValidationError(field, `"${input}" is not an amount in euros like 120.00`);
  const cents = (m[2] ?? '').padEnd(2, '0');
  return Number(m[1]) * 100 + Number(cents);
}

/** 6000 → "60.00"; negative amounts (credit notes) keep their sign. */
export function formatEuros(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`not a whole number of cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Checks a cents value coming from code or JSON (not from a person typing euros). */
export function assertCents(value: number, field: string): number {
  if (!Number.isSafeInteger(value)) throw new ValidationError(field, 'must be a whole number of cents');
  if (value < 0) throw new ValidationError(field, 'must not be negative');
  return value;
}

/** ceil(amount × bp / 10 000) in integer arithmetic: a minimum share is never rounded in the patient's favour against the Fund. */
export function ceilShare(amountCents: number, basisPoints: number): number {
  return Math.floor((amountCents * basisPoints + 9999) / 10000);
}
