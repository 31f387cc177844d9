/**
 * National identification codes of Estonia (isikukood) and Latvia (personas kods), validated as
 * ../shared/DESIGN.md describes. Pure functions: no I/O, used by services, routes, the CLI and the web.
 */
export type IdCountry = 'EE' | 'LV';
export type Sex = 'male' | 'female';

export type IdCodeResult =
  | { valid: true; country: IdCountry; normalized: string; birthDate: string | null; sex: Sex | null; warning?: string }
  | { valid: false; country: IdCountry; reason: string };

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Nobody alive was born before this day (the same bound as a typed birth date). */
const OLDEST_BIRTH = '1870-01-01';

/**
 * Why a birth date read from a code cannot be a living person's, or null. `today` is the caller's:
 * the application's clock on the server (injectable, so a test or a run dated ahead agrees with
 * itself), the device's date in the browser.
 */
function implausibleBirth(birthDate: string, today: string): string | null {
  if (birthDate > today) return 'the birth date in the code is in the future';
  if (birthDate < OLDEST_BIRTH) return `the birth date in the code is before ${OLDEST_BIRTH.slice(0, 4)}`;
  return null;
}

function realDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Estonian isikukood GYYMMDDSSSC. */
export function checkEstonianCode(input: string, today: string): IdCodeResult {
  const code = input.replace(/\s+/g, '');
  if (!/^\d{11}$/.test(code))
    return { valid: false, country: 'EE', reason: 'an Estonian ID code has exactly 11 digits' };
  const d = [...code].map(Number);
  const g = d[0]!;
  if (g < 1 || g > 8) return { valid: false, country: 'EE', reason: `unknown century and sex digit ${g}` };
  const century = 1800 + Math.floor((g - 1) / 2) * 100;
  const birthDate = realDate(century + d[1]! * 10 + d[2]!, d[3]! * 10 + d[4]!, d[5]! * 10 + d[6]!);
  if (!birthDate) return { valid: false, country: 'EE', reason: 'the birth date in the code does not exist' };
  const implausible = implausibleBirth(birthDate, today);
  if (implausible) return { valid: false, country: 'EE', reason: implausible };
  const weighted = (w: number[]) => w.reduce((s, wi, i) => s + wi * d[i]!, 0) % 11;
  let check = weighted([1, 2, 3, 4, 5, 6, 7, 8, 9, 1]);
  if (check === 10) check = weighted([3, 4, 5, 6, 7, 8, 9, 1, 2, 3]);
  if (check === 10) check = 0;
  if (check !== d[10]) return { valid: false, country: 'EE', reason: 'wrong check digit' };
  return { valid: true, country: 'EE', normalized: code, birthDate, sex: g % 2 === 1 ? 'male' : 'female' };
}

/** Latvian personas kods: old DDMMYY-CNNNZ with a birth date, or the new 32…-…… form without one. */
export function checkLatvianCode(input: string, today: string): IdCodeResult {
  const code = input.replace(/\s+/g, '');
  const digits = code.replace('-', '');
  if (!/^\d{6}-?\d{5}$/.test(code)) {
    return { valid: false, country: 'LV', reason: 'a Latvian personal code has 11 digits, written DDMMYY-NNNNN' };
  }
  const normalized = `${digits.slice(0, 6)}-${digits.slice(6)}`;
  if (/^3[2-9]/.test(digits)) {
    // Since 1 July 2017 new codes carry no birth date; whether the last digit is a checksum is not
    // officially confirmed, so the code is accepted with a warning and never rejected on it.
    return {
      valid: true,
      country: 'LV',
      normalized,
      birthDate: null,
      sex: null,
      warning:
        'new-format Latvian code: no birth date in it and its check digit cannot be verified; enter the birth date',
    };
  }
  const d = [...digits].map(Number);
  const c = d[6]!;
  if (c > 2) return { valid: false, country: 'LV', reason: `unknown century digit ${c}` };
  const birthDate = realDate(1800 + c * 100 + d[4]! * 10 + d[5]!, d[2]! * 10 + d[3]!, d[0]! * 10 + d[1]!);
  if (!birthDate) return { valid: false, country: 'LV', reason: 'the birth date in the code does not exist' };
  const implausible = implausibleBirth(birthDate, today);
  if (implausible) return { valid: false, country: 'LV', reason: implausible };
  const weights = [1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * d[i]!, 0);
  const check = (((1101 - sum) % 11) + 11) % 11;
  if (check === 10 || check !== d[10]) return { valid: false, country: 'LV', reason: 'wrong check digit' };
  return { valid: true, country: 'LV', normalized, birthDate, sex: null };
}

/** A code of either country, checked against `today` (an ISO date: nobody is born after it). */
export function checkIdCode(code: string, country: IdCountry, today: string): IdCodeResult {
  return country === 'EE' ? checkEstonianCode(code, today) : checkLatvianCode(code, today);
}

/**
 * Guess the country when none is given: Latvian codes are written with a hyphen; without one an
 * old-format Latvian code is recognised only when it is not a valid Estonian code.
 */
export function guessIdCountry(code: string, today: string): IdCountry {
  const c = code.replace(/\s+/g, '');
  if (c.includes('-')) return 'LV';
  if (checkEstonianCode(c, today).valid) return 'EE';
  const lv = checkLatvianCode(c, today);
  return lv.valid && lv.birthDate ? 'LV' : 'EE';
}

/** Age in whole years on a given day (ISO dates). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
