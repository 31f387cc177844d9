/**
 * When a legal representative may act for a patient, as dated data. A parent's authority ends when
 * the child comes of age, whatever end date the clinic wrote down; a guardian's or an authorised
 * person's ends on the date recorded (or when staff end it).
 */
import { type Effective, ruleOn } from './dental-benefits';
import { addCalendarMonths } from './rights-deadlines';
import type { IsoDate } from './zoned-time';

export interface MajorityRule extends Effective {
  /** Full active legal capacity from this birthday on. */
  ageYears: number;
}

export const majorityRules: Record<'EE' | 'LV', readonly MajorityRule[]> = {
  EE: [
    {
      id: 'ee-tsus-8',
      from: '2002-07-01',
      to: null,
      ageYears: 18,
      source: 'Tsiviilseadustiku üldosa seadus § 8(2): full active legal capacity at 18',
    },
  ],
  LV: [
    { id: 'lv-cl-219', from: '1993-01-01', to: null, ageYears: 18, source: 'Civillikums 219. pants: majority at 18' },
  ],
};

export interface Representation {
  kind: 'parent' | 'guardian' | 'authorised_person';
  authorityFrom: IsoDate;
  authorityUntil: IsoDate;
  endedAt: Date | null;
}

/** The day the patient comes of age in the clinic's country (the birthday of the majority age). */
export function comesOfAgeOn(birthDate: IsoDate, country: 'EE' | 'LV', on: IsoDate): IsoDate {
  const rule = ruleOn(majorityRules[country], on, 'age of majority');
  return addCalendarMonths(birthDate, rule.ageYears * 12);
}

/**
 * Why a representation does not cover the day `on`, or null when it does: ended by staff, not yet
 * begun, past its recorded end, or a parent's of a child who has come of age.
 */
export function representationGap(
  rep: Representation,
  patientBirthDate: IsoDate,
  country: 'EE' | 'LV',
  on: IsoDate,
): 'ended' | 'not_begun' | 'expired' | 'of_age' | null {
  if (rep.endedAt) return 'ended';
  if (on < rep.authorityFrom) return 'not_begun';
  if (on > rep.authorityUntil) return 'expired';
  if (rep.kind === 'parent' && on >= comesOfAgeOn(patientBirthDate, country, on)) return 'of_age';
  return null;
}
