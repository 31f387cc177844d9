import { checkIdCode, type IdCodeResult } from './id-codes';

/**
 * An Estonian or a Latvian code, whichever clinic the person writes to (people cross the border for
 * care): the public booking page and its server take both. A new-format Latvian code has no date and
 * no verified check digit, so without its hyphen it is taken only where nothing better fits: a checked
 * code of either country comes first. When neither fits, the reason is the clinic country's.
 */
export function checkEitherIdCode(code: string, home: 'EE' | 'LV', today: string): IdCodeResult {
  const own = checkIdCode(code, home, today);
  const other = checkIdCode(code, home === 'EE' ? 'LV' : 'EE', today);
  const checked = (r: IdCodeResult) => r.valid && (r.country === 'EE' || !!r.birthDate || code.includes('-'));
  if (checked(own)) return own;
  if (checked(other)) return other;
  return own;
}
