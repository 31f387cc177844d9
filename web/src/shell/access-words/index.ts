import { words as en } from './en';
import { words as et } from './et';
import { words as lv } from './lv';
import { words as ru } from './ru';

/**
 * What the audit log's stored words (`patient.read`, `consent_management`) say to a person, in
 * their language: the staff page's and the portal's "who looked at my data". Every action and
 * purpose of src/platform/audit/audit.vocabulary.ts has its words here (test/access-words.test.ts).
 */
export const accessWords = { et, lv, en, ru };
type Lang = keyof typeof accessWords;

const pick = (lang: string) => accessWords[(lang in accessWords ? lang : 'en') as Lang];

export const actionWord = (lang: string, action: string): string =>
  (pick(lang).actions as Record<string, string>)[action] ?? action;

export const purposeWord = (lang: string, purpose: string): string =>
  (pick(lang).purposes as Record<string, string>)[purpose] ?? purpose;

/**
 * Consecutive events that say the same (who, role, what, why, outcome) become one line with a
 * count and the time of the first and the last: a list of thirteen identical rows is one line.
 */
export function groupRepeats<
  T extends {
    at: string;
    staffName?: string | null;
    role?: string | null;
    action: string;
    purpose: string;
    outcome?: string;
    breakGlass?: boolean;
    reason?: string | null;
  },
>(items: readonly T[]): (T & { count: number; lastAt: string })[] {
  const out: (T & { count: number; lastAt: string })[] = [];
  const same = (a: T, b: T) =>
    a.staffName === b.staffName &&
    a.role === b.role &&
    a.action === b.action &&
    a.purpose === b.purpose &&
    a.outcome === b.outcome &&
    a.breakGlass === b.breakGlass &&
    a.reason === b.reason;
  for (const item of items) {
    const last = out[out.length - 1];
    if (last && same(last, item)) {
      last.count++;
      last.lastAt = item.at;
    } else out.push({ ...item, count: 1, lastAt: item.at });
  }
  return out;
}
