import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

// OWASP's argon2id recommendation: 19 MiB of memory, 2 iterations, 1 degree of parallelism.
const ARGON2ID = 2;
const options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, options as never);

export const verifyPassword = (stored: string, password: string): Promise<boolean> =>
  verify(stored, password).catch(() => false);

/** A password a receptionist can read aloud once: 4 groups of 5 characters, ~100 bits. */
export function generatePassword(bytes: (n: number) => Buffer): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const raw = bytes(20);
  const chars = [...raw].map((b) => alphabet[b % alphabet.length]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

let commonPasswords: Set<string> | undefined;
/** ~49 000 common and breached passwords, bundled with @zxcvbn-ts/language-common (offline). */
function common(): Set<string> {
  commonPasswords ??= new Set(dictionary['passwords-common']);
  return commonPasswords;
}

/** The longest run of the password that is itself a common password (4+ characters), or ''. */
function longestCommonPart(pw: string): string {
  const list = common();
  for (let len = pw.length; len >= 4; len--) {
    for (let i = 0; i + len <= pw.length; i++) {
      const part = pw.slice(i, i + len);
      if (list.has(part)) return part;
    }
  }
  return '';
}

/** Whether every step is one up or one down the alphabet or the digits (9 → 0 included). */
function sequential(pw: string): boolean {
  const codes = [...pw].map((ch) => ch.codePointAt(0)!);
  const steps = codes.slice(1).map((c, i) => c - codes[i]!);
  const wrap = (d: number) => (d === -9 || d === 9 ? -Math.sign(d) : d);
  return steps.every((d) => wrap(d) === 1) || steps.every((d) => wrap(d) === -1);
}

/** What a password must keep once a known word is taken out of it. */
const MIN_REST = 7;

/**
 * The password rule of NIST SP 800-63B §3.1.1.2 (issue 12, finding 10): 12 to 256 characters of
 * any kind (counted as characters after NFKC normalisation, no composition rules), and not a value
 * an attacker tries first — a common or breached password (a bundled offline list), with a few
 * digits or symbols around it; a repetition or a sequence; the account's own name, e-mail or this
 * product's name. `context` is the account's own words (e-mail address, full name).
 * Returns why it is refused, or null.
 */
export function checkPasswordStrength(password: string, context: string[] = []): string | null {
  const pw = password.normalize('NFKC');
  const length = [...pw].length;
  if (length < 12) return 'at least 12 characters';
  if (length > 256) return 'at most 256 characters';
  const lower = pw.toLowerCase();
  if (/^(.+?)\1+$/su.test(lower) || new Set(lower).size < 5) return 'repeats itself: choose a longer phrase';
  if (sequential(lower)) return 'is a sequence: choose a phrase of your own';
  const part = longestCommonPart(lower);
  if (part && [...lower].length - [...part].length < MIN_REST)
    return `is built on a common password ("${part}"): choose a phrase of your own`;
  const words = new Set(
    ['hoidja', ...context]
      .flatMap((c) => [c.toLowerCase(), ...c.toLowerCase().split(/[^\p{L}\p{N}]+/u)])
      .filter((w) => w.length >= 3),
  );
  let rest = lower;
  for (const w of [...words].sort((a, b) => b.length - a.length)) rest = rest.split(w).join('');
  if ([...rest.replace(/[^\p{L}\p{N}]/gu, '')].length < MIN_REST)
    return 'is made of your own name or e-mail address: choose a phrase of your own';
  return null;
}
