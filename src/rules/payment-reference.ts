/**
 * The Estonian payment reference number (viitenumber): the base digits followed by a check digit
 * computed with the weights 7, 3, 1 repeated from the right (Eesti Pangaliit, "Viitenumbri
 * arvutamise metoodika"; 2–20 digits in all). A bank refuses a payment whose check digit is wrong,
 * so a mistyped reference is caught before the money goes astray.
 */
export function estonianReference(base: string): string {
  const digits = base.replace(/\D/g, '').replace(/^0+/, '');
  if (digits.length < 1 || digits.length > 19) throw new Error(`a reference base needs 1–19 digits: "${base}"`);
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[digits.length - 1 - i]) * weights[i % 3]!;
  return `${digits}${(10 - (sum % 10)) % 10}`;
}

/** Whether a reference number's check digit is right (what a bank checks). */
export function isEstonianReference(ref: string): boolean {
  return /^\d{2,20}$/.test(ref) && !ref.startsWith('0') && estonianReference(ref.slice(0, -1)) === ref;
}
