import {
  type BenefitGroup,
  childrenCareRuleOn,
  derivedGroupRuleOn,
  visitFeeRuleOn,
  yearlyBenefitTier,
} from '../../rules/dental-benefits';
import { ageOn } from '../../rules/id-codes';
import { withRuleErrors } from './billing.quote';

/**
 * Which benefit group a patient is in on the day of a bill. Evidence (a pregnancy certificate,
 * a pension decision, Töötukassa registration…) is dated; age-based groups are derived from the
 * birth date (from the ID code or entered), so nobody has to prove being over 63 or a child.
 */
export interface GroupEvidence {
  group: Exclude<BenefitGroup, 'adult' | 'over-63' | 'child'>;
  validFrom: string;
  /** Last day the evidence holds (inclusive); null while open. */
  validTo: string | null;
}

export interface GroupFacts {
  date: string;
  birthDate: string | null;
  evidence: readonly GroupEvidence[];
  /** The need for treatment was found at this clinic at the last visit before the 19th birthday. */
  needFoundBeforeAdulthood?: boolean;
}

export interface GroupDecision {
  group: BenefitGroup;
  /** Every group that applies that day, best first; the invoice records the chosen one and why. */
  applicable: BenefitGroup[];
  reason: string;
}

export function isChildOn(birthDate: string, date: string, needFoundBeforeAdulthood = false): boolean {
  const rule = withRuleErrors('date', () => childrenCareRuleOn(date));
  const age = ageOn(birthDate, date);
  if (age < rule.freeUnderAge) return true;
  return needFoundBeforeAdulthood && age < rule.freeUnderAge + rule.extensionYearsWhenNeedFoundBefore;
}

export function isOver63On(birthDate: string, date: string): boolean {
  const rule = withRuleErrors('date', () => derivedGroupRuleOn(date));
  return ageOn(birthDate, date) >= rule.over63FromAge;
}

/** Yearly benefit of a group that day, used only to rank groups. */
function yearlyOf(group: BenefitGroup, date: string): number {
  if (group === 'child') return Number.MAX_SAFE_INTEGER;
  return yearlyBenefitTier(date, group).tier.yearlyCents;
}

export function decideGroup(facts: GroupFacts): GroupDecision {
  const { date, birthDate } = facts;
  const applicable = new Set<BenefitGroup>();
  const reasons: string[] = [];
  if (birthDate && isChildOn(birthDate, date, facts.needFoundBeforeAdulthood)) {
    applicable.add('child');
    reasons.push(`aged ${ageOn(birthDate, date)}${ageOn(birthDate, date) >= 19 ? ' (need found before 19)' : ''}`);
  }
  if (birthDate && isOver63On(birthDate, date)) {
    applicable.add('over-63');
    reasons.push(`aged ${ageOn(birthDate, date)} (derived from birth date)`);
  }
  for (const e of facts.evidence) {
    if (e.validFrom <= date && (e.validTo === null || date <= e.validTo)) {
      applicable.add(e.group);
      reasons.push(`${e.group} evidence valid from ${e.validFrom}${e.validTo ? ` to ${e.validTo}` : ''}`);
    }
  }
  applicable.add('adult');
  // Best first: the highest yearly benefit; among equals the one exempt from the visit fee, then
  // the first listed, so a pregnant pensioner is billed as pregnant (no visit fee).
  const exempt = new Set(withRuleErrors('date', () => visitFeeRuleOn(date)).exemptGroups);
  const ranked = withRuleErrors('date', () =>
    [...applicable].sort(
      (a, b) => yearlyOf(b, date) - yearlyOf(a, date) || Number(exempt.has(b)) - Number(exempt.has(a)),
    ),
  );
  return { group: ranked[0]!, applicable: ranked, reason: reasons.join('; ') || 'insured adult' };
}
