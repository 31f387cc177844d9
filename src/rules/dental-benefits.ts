/**
 * The Estonian Health Insurance Fund's (Tervisekassa) dental benefits as dated data.
 * A bill is computed with the row in force on its date; next year's values are a new row
 * here, never a new `if`. Sources: ../shared/DESIGN.md ("Estonian adult dental benefit"),
 * seed 002 (Parodontalia), tervisekassa.ee pages quoted by contract clinics. Check the current
 * law before adding a row. Pure data and lookups: no I/O.
 */

/** Who the patient is for the Fund on the day of the bill. */
export const benefitGroups = [
  'adult',
  'pregnant',
  'mother-of-infant',
  'pensioner',
  'reduced-work-ability',
  'over-63',
  'unemployed',
  'child',
] as const;
export type BenefitGroup = (typeof benefitGroups)[number];

export function isBenefitGroup(value: string): value is BenefitGroup {
  return (benefitGroups as readonly string[]).includes(value);
}

/** A span of days a rule is in force; `to` is the last day (inclusive), null while open. */
export interface Effective {
  id: string;
  from: string;
  to: string | null;
  source: string;
}

/** One tier of the yearly adult benefit: who is in it, how much a year, the patient's least share. */
export interface BenefitTier {
  name: string;
  groups: readonly BenefitGroup[];
  yearlyCents: number;
  /** Least share of the benefit-eligible amount the patient pays, in basis points (5000 = 50 %). */
  minPatientShareBp: number;
}

export interface YearlyBenefitRule extends Effective {
  tiers: readonly BenefitTier[];
}

export interface VisitFeeRule extends Effective {
  maxCents: number;
  exemptGroups: readonly BenefitGroup[];
}

export interface ChildrenCareRule extends Effective {
  /** Insured patients younger than this are treated free at contract clinics. */
  freeUnderAge: number;
  /** Free care continues this many years after that birthday when the need was found at the last visit before it (same clinic). */
  extensionYearsWhenNeedFoundBefore: number;
}

export interface ProsthesisRule extends Effective {
  amountCents: number;
  periodYears: number;
  groups: readonly BenefitGroup[];
}

export interface DerivedGroupRule extends Effective {
  /** From this age on (inclusive) a patient is in the over-63 group without any other evidence. */
  over63FromAge: number;
}

const FUND = 'Tervisekassa';
const ADULT_SOURCE = 'Ravikindlustuse seadus § 62-1; tervisekassa.ee "Hambaravihüvitis"';

// Higher tier until 2021: no registered unemployed yet (they got the adult benefit).
const HIGHER_UNTIL_2021: readonly BenefitGroup[] = [
  'pregnant',
  'mother-of-infant',
  'pensioner',
  'reduced-work-ability',
  'over-63',
];
const HIGHER_FROM_2022: readonly BenefitGroup[] = [...HIGHER_UNTIL_2021, 'unemployed'];

export const yearlyBenefitRules: readonly YearlyBenefitRule[] = [
  {
    id: 'ee-dental-2017-07-01',
    from: '2017-07-01',
    to: '2017-12-31',
    source: ADULT_SOURCE,
    tiers: [
      { name: 'adult', groups: ['adult', 'unemployed'], yearlyCents: 3000, minPatientShareBp: 5000 },
      { name: 'higher', groups: HIGHER_UNTIL_2021, yearlyCents: 8500, minPatientShareBp: 1500 },
    ],
  },
  {
    id: 'ee-dental-2018-01-01',
    from: '2018-01-01',
    to: '2021-12-31',
    source: ADULT_SOURCE,
    tiers: [
      { name: 'adult', groups: ['adult', 'unemployed'], yearlyCents: 4000, minPatientShareBp: 5000 },
      { name: 'higher', groups: HIGHER_UNTIL_2021, yearlyCents: 8500, minPatientShareBp: 1500 },
    ],
  },
  {
    // Registered unemployed join the higher tier (Postimees, December 2021).
    id: 'ee-dental-2022-01-01',
    from: '2022-01-01',
    to: '2023-12-31',
    source: ADULT_SOURCE,
    tiers: [
      { name: 'adult', groups: ['adult'], yearlyCents: 4000, minPatientShareBp: 5000 },
      { name: 'higher', groups: HIGHER_FROM_2022, yearlyCents: 8500, minPatientShareBp: 1500 },
    ],
  },
  {
    // Some clinics still quote 15 % for 2024; the Fund's own page and most clinics say 12.5 %.
    id: 'ee-dental-2024-01-01',
    from: '2024-01-01',
    to: null,
    source: ADULT_SOURCE,
    tiers: [
      { name: 'adult', groups: ['adult'], yearlyCents: 6000, minPatientShareBp: 5000 },
      { name: 'higher', groups: HIGHER_FROM_2022, yearlyCents: 10500, minPatientShareBp: 1250 },
    ],
  },
];

export const visitFeeRules: readonly VisitFeeRule[] = [
  {
    id: 'ee-visit-fee-2017-07-01',
    from: '2017-07-01',
    to: null,
    // Children's treatment is free, but the clinic may still ask the visit fee ("tasuta või 5-eurose
    // visiiditasu eest"); only pregnant women never pay it.
    source: `${FUND}: visit fee at most €5, none for pregnant women (insured children may be charged it)`,
    maxCents: 500,
    exemptGroups: ['pregnant'],
  },
];

export const childrenCareRules: readonly ChildrenCareRule[] = [
  {
    id: 'ee-children-2017-07-01',
    from: '2017-07-01',
    to: null,
    source: `${FUND}: insured under 19 free; one more year when the need was found at the last visit before 19`,
    freeUnderAge: 19,
    extensionYearsWhenNeedFoundBefore: 1,
  },
];

export const prosthesisRules: readonly ProsthesisRule[] = [
  {
    id: 'ee-prosthesis-2017-07-01',
    from: '2017-07-01',
    to: null,
    source: `${FUND}: €260 per three years from the completion of the prosthesis`,
    amountCents: 26000,
    periodYears: 3,
    groups: ['pensioner', 'reduced-work-ability', 'over-63'],
  },
];

export const derivedGroupRules: readonly DerivedGroupRule[] = [
  {
    id: 'ee-over-63-2017-07-01',
    from: '2017-07-01',
    to: null,
    source: `${FUND}: 63-year-olds and older`,
    over63FromAge: 63,
  },
];

/** Raised when a date falls outside every row of a table; callers turn it into a 400. */
export class NoRuleError extends Error {
  constructor(
    readonly table: string,
    readonly date: string,
  ) {
    super(`no ${table} rule is in force on ${date} (the first rule starts later or none covers that day)`);
    this.name = 'NoRuleError';
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written YYYY-MM-DD; anything else is rejected before a rule is looked up. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** The row of a dated table in force on `date` (ISO strings compare in date order). */
export function ruleOn<T extends Effective>(table: readonly T[], date: string, tableName: string): T {
  const row = table.find((r) => r.from <= date && (r.to === null || date <= r.to));
  if (!row) throw new NoRuleError(tableName, date);
  return row;
}

export function yearlyBenefitTier(date: string, group: BenefitGroup): { rule: YearlyBenefitRule; tier: BenefitTier } {
  const rule = ruleOn(yearlyBenefitRules, date, 'dental benefit');
  const tier = rule.tiers.find((t) => t.groups.includes(group));
  if (!tier) throw new NoRuleError(`dental benefit for group ${group}`, date);
  return { rule, tier };
}

export const visitFeeRuleOn = (date: string) => ruleOn(visitFeeRules, date, 'visit fee');
export const childrenCareRuleOn = (date: string) => ruleOn(childrenCareRules, date, "children's free care");
export const prosthesisRuleOn = (date: string) => ruleOn(prosthesisRules, date, 'prosthesis benefit');
export const derivedGroupRuleOn = (date: string) => ruleOn(derivedGroupRules, date, 'derived group');
