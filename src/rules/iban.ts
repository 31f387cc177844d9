/**
 * The International Bank Account Number (ISO 13616): a country code, two check digits and the
 * national account number; valid when the number, rearranged and read as digits, leaves 1 modulo 97.
 * Estonian IBANs have 20 characters, Latvian 21 (SWIFT IBAN registry). Other EU countries' lengths
 * are not checked here: a clinic's account is in its own country or a neighbour's, and the check
 * digits catch a mistyped character in any of them.
 */
const lengths: Readonly<Record<string, number>> = { EE: 20, LV: 21, LT: 20, FI: 18, DE: 22, SE: 24 };

/** The IBAN without spaces, in capitals. */
export function compactIban(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** Why an IBAN cannot be right, or null when it is. */
export function ibanProblem(raw: string): string | null {
  const iban = compactIban(raw);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(iban)) return 'an IBAN: two letters, two check digits, then the account';
  const expected = lengths[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected)
    return `an IBAN of ${iban.slice(0, 2)} has ${expected} characters, this one ${iban.length}`;
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1 ? null : 'the IBAN check digits do not match: a character is mistyped';
}

/** Printed as banks print it: groups of four. */
export function printedIban(raw: string): string {
  return compactIban(raw).replace(/(.{4})(?=.)/g, '$1 ');
}
