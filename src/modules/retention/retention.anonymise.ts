/**
 * Anonymisation that keeps statistics useful and removes every identifier. What stays: an age
 * band (birth date moved to 1 January of its five-year band), sex, town, services, dates to the
 * month. Free text keeps its clinical words with identifiers masked: the person's own names and
 * those of their representatives, anyone's full name (capitalised words in a row), ID codes
 * (Estonian and Latvian), phone numbers and e-mail addresses.
 */

export interface KnownIdentifiers {
  /** Names of the patient and of everyone linked to them (representatives, bill payers). */
  names: string[];
  /** Any other literal value to remove (their ID code, phone, e-mail as stored). */
  values: string[];
}

export const MASK = '[…]';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const patterns: RegExp[] = [
  // e-mail addresses
  /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu,
  // Latvian personal codes: 6 digits, dash, 5 digits (old and new form)
  /\b\d{6}-\d{5}\b/g,
  // Estonian personal codes: 11 digits starting 1–6
  /\b[1-6]\d{10}\b/g,
  // phone numbers: international or local forms of 7+ digits, with spaces or dashes between groups
  /(?:\+|00)\d{1,3}[\s-]?\d(?:[\s-]?\d){5,12}\b/g,
  // (not ISO dates: 2024-03-05 is a date, not a number)
  /\b(?!\d{4}-\d{2}-\d{2}\b)\d(?:[\s-]?\d){6,10}\b/g,
];

/** `text` with every identifier masked. */
export function maskIdentifiers(text: string, known: KnownIdentifiers): string {
  let out = text;
  for (const v of known.values.filter((x) => x && x.length >= 3).sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(escapeRe(v), 'giu'), MASK);
  }
  for (const p of patterns) out = out.replace(p, MASK);
  // Names of other people: two or more capitalised words in a row ("Toomas Vaher"). Masking an
  // institution's name with them is the price of not leaving a third person's name behind.
  out = out.replace(/(?<![\p{L}])\p{Lu}\p{Ll}+(?:[\s-]+\p{Lu}\p{Ll}+)+/gu, MASK);
  // Names last, as words (also in inflected forms: "Tamme", "Tammele" start with the name's stem).
  const words = known.names
    .flatMap((n) => n.split(/[\s-]+/))
    .filter((w) => w.length >= 2)
    .sort((a, b) => b.length - a.length);
  for (const w of words) {
    const stem = w.length > 4 ? w.slice(0, -1) : w;
    out = out.replace(new RegExp(`(?<![\\p{L}])${escapeRe(stem)}\\p{L}*`, 'giu'), MASK);
  }
  return out;
}

/** 1 January of the five-year band a birth date falls in: 1983-06-14 → 1980-01-01. */
export function ageBandBirthDate(birthDate: string): string {
  const y = Number(birthDate.slice(0, 4));
  return `${y - (y % 5)}-01-01`;
}
