import { ValidationError } from '../../platform/errors';
import {
  type BenefitGroup,
  benefitGroups,
  childrenCareRuleOn,
  derivedGroupRuleOn,
  isBenefitGroup,
  isIsoDate,
  NoRuleError,
  prosthesisRuleOn,
  visitFeeRuleOn,
  yearlyBenefitTier,
} from '../../rules/dental-benefits';
import { assertCents, ceilShare, formatEuros } from './billing.money';

/**
 * How much of the benefit-eligible part of a bill the Fund pays and how much the patient pays,
 * on a given day, for a given group, after what was already used that calendar year (at any
 * clinic). Pure: the same function serves the CLI, the invoice service and the web preview.
 */
export interface QuoteInput {
  date: string;
  group: BenefitGroup;
  /** The sum of the benefit-eligible services on the bill (the Fund's list of essential services). */
  eligibleCents: number;
  /** Benefit already used in the same calendar year, at this or other clinics. */
  usedCents?: number;
}

export interface BenefitQuote {
  benefitCents: number;
  patientShareCents: number;
  /** The least the patient must pay of the eligible amount under the rule. */
  minPatientShareCents: number;
  /** Yearly benefit and what is left before and after this bill; null for children (no ceiling). */
  yearlyCents: number | null;
  balanceBeforeCents: number | null;
  balanceAfterCents: number | null;
  rule: { id: string; description: string };
}

const percent = (bp: number) => `${(bp / 100).toString()} %`;

export function checkQuoteDate(date: string, field = 'date'): string {
  if (!isIsoDate(date)) throw new ValidationError(field, `"${date}" is not a calendar date YYYY-MM-DD`);
  return date;
}

export function parseBenefitGroup(value: string, field = 'group'): BenefitGroup {
  if (!isBenefitGroup(value))
    throw new ValidationError(field, `unknown group "${value}"; one of ${benefitGroups.join(', ')}`);
  return value;
}

/** Rule lookups throw NoRuleError; a bill dated before any rule is bad input (400 / exit 2). */
export function withRuleErrors<T>(field: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof NoRuleError) throw new ValidationError(field, err.message);
    throw err;
  }
}

/** Every dental rule table has a row on `date`; otherwise a 400 naming the caller's field. */
export function checkRulesInForce(date: string, field: string): void {
  checkQuoteDate(date, field);
  withRuleErrors(field, () => {
    yearlyBenefitTier(date, 'adult');
    visitFeeRuleOn(date);
    childrenCareRuleOn(date);
    derivedGroupRuleOn(date);
    prosthesisRuleOn(date);
  });
}

export function quoteBenefit(input: QuoteInput): BenefitQuote {
  const date = checkQuoteDate(input.date);
  const eligible = assertCents(input.eligibleCents, 'amount');
  const used = assertCents(input.usedCents ?? 0, 'used');

  if (input.group === 'child') {
    const rule = withRuleErrors('date', () => childrenCareRuleOn(date));
    return {
      benefitCents: eligible,
      patientShareCents: 0,
      minPatientShareCents: 0,
      yearlyCents: null,
      balanceBeforeCents: null,
      balanceAfterCents: null,
      rule: {
        id: rule.id,
        description: `Children's dental care is free for insured patients under ${rule.freeUnderAge} (${rule.id})`,
      },
    };
  }

  const { rule, tier } = withRuleErrors('date', () => yearlyBenefitTier(date, input.group));
  const balanceBefore = Math.max(0, tier.yearlyCents - used);
  const minShare = ceilShare(eligible, tier.minPatientShareBp);
  const benefit = Math.min(balanceBefore, eligible - minShare);
  return {
    benefitCents: benefit,
    patientShareCents: eligible - benefit,
    minPatientShareCents: minShare,
    yearlyCents: tier.yearlyCents,
    balanceBeforeCents: balanceBefore,
    balanceAfterCents: balanceBefore - benefit,
    rule: {
      id: `${rule.id}/${tier.name}`,
      description:
        `Tervisekassa dental benefit from ${rule.from}, ${tier.name} tier (${input.group}): ` +
        `€${formatEuros(tier.yearlyCents)} a year, patient pays at least ${percent(tier.minPatientShareBp)}`,
    },
  };
}

/**
 * Checks a benefit someone typed (or a line-by-line sum) against the quote's ceiling: it may be
 * less than the maximum (the patient chose not to use it), never more.
 */
export function checkRequestedBenefit(quote: BenefitQuote, requestedCents: number, eligibleCents: number): void {
  if (requestedCents > eligibleCents - quote.minPatientShareCents) {
    throw new ValidationError(
      'benefit',
      `patient share would fall below the minimum €${formatEuros(quote.minPatientShareCents)} (${quote.rule.id})`,
    );
  }
  if (quote.balanceBeforeCents !== null && requestedCents > quote.balanceBeforeCents) {
    throw new ValidationError(
      'benefit',
      `only €${formatEuros(quote.balanceBeforeCents)} of this year's benefit is left (${quote.rule.id})`,
    );
  }
}

/** The visit fee a clinic may put on a bill that day: capped, and none for exempt groups. */
export function checkVisitFee(
  date: string,
  group: BenefitGroup,
  feeCents: number,
): { feeCents: number; ruleId: string } {
  const rule = withRuleErrors('date', () => visitFeeRuleOn(checkQuoteDate(date)));
  assertCents(feeCents, 'visitFee');
  if (feeCents > 0 && rule.exemptGroups.includes(group)) {
    throw new ValidationError('visitFee', `no visit fee may be charged to the group ${group} (${rule.id})`);
  }
  if (feeCents > rule.maxCents) {
    throw new ValidationError('visitFee', `the visit fee is at most €${formatEuros(rule.maxCents)} (${rule.id})`);
  }
  return { feeCents, ruleId: rule.id };
}

export interface ProsthesisInput {
  /** The day the prosthesis was completed (the bill's date for it). */
  completedOn: string;
  group: BenefitGroup;
  costCents: number;
  /** Start of the patient's current three-year period (first completion in it), if any. */
  periodStartedOn: string | null;
  usedInPeriodCents: number;
}

export interface ProsthesisQuote {
  benefitCents: number;
  patientShareCents: number;
  periodStartedOn: string;
  periodEndsOn: string;
  ruleId: string;
}

function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February + 3 years lands on 1 March: the period still lasts the full years.
  return t.toISOString().slice(0, 10);
}

/** Prosthesis benefit: an amount per period of years counted from the completion that opened it. */
export function quoteProsthesis(input: ProsthesisInput): ProsthesisQuote {
  const date = checkQuoteDate(input.completedOn, 'completedOn');
  const rule = withRuleErrors('completedOn', () => prosthesisRuleOn(date));
  const cost = assertCents(input.costCents, 'amount');
  if (!rule.groups.includes(input.group)) {
    throw new ValidationError(
      'group',
      `the prosthesis benefit is for ${rule.groups.join(', ')}, not ${input.group} (${rule.id})`,
    );
  }
  const stillOpen = input.periodStartedOn !== null && date < addYears(input.periodStartedOn, rule.periodYears);
  const periodStartedOn = stillOpen ? input.periodStartedOn! : date;
  const left = stillOpen
    ? Math.max(0, rule.amountCents - assertCents(input.usedInPeriodCents, 'used'))
    : rule.amountCents;
  const benefit = Math.min(left, cost);
  return {
    benefitCents: benefit,
    patientShareCents: cost - benefit,
    periodStartedOn,
    periodEndsOn: addYears(periodStartedOn, rule.periodYears),
    ruleId: rule.id,
  };
}

/**
 * What is left of the prosthesis benefit on `date`, from the prosthesis benefits paid before
 * (dated by their invoices): a period opens with the first completion and lasts the rule's years.
 */
export function prosthesisLeft(
  date: string,
  group: BenefitGroup,
  history: { date: string; benefitCents: number }[],
): { leftCents: number; periodStartedOn: string; ruleId: string } {
  const rule = withRuleErrors('date', () => prosthesisRuleOn(checkQuoteDate(date)));
  let start: string | null = null;
  let used = 0;
  for (const h of [...history].sort((a, b) => a.date.localeCompare(b.date))) {
    if (h.date > date) continue;
    if (start === null || h.date >= addYears(start, rule.periodYears)) {
      if (h.benefitCents <= 0) continue;
      start = h.date;
      used = 0;
    }
    used += h.benefitCents;
  }
  const q = quoteProsthesis({
    completedOn: date,
    group,
    costCents: rule.amountCents,
    periodStartedOn: start,
    usedInPeriodCents: Math.max(0, used),
  });
  return { leftCents: q.benefitCents, periodStartedOn: q.periodStartedOn, ruleId: q.ruleId };
}
