import { ValidationError } from '../../platform/errors';
import { type BenefitGroup, yearlyBenefitTier } from '../../rules/dental-benefits';
import { ceilShare, formatEuros } from './billing.money';
import { checkQuoteDate, checkVisitFee, withRuleErrors } from './billing.quote';

/**
 * The arithmetic of an invoice and of a credit note, apart from the database: lines, the benefit
 * applied line by line within the yearly balance and each line's minimum share, and who owes the
 * rest (the Fund, bill payers, the patient). Pure, so every rule is tested without SQL.
 */
export type LineKind = 'service' | 'visit_fee' | 'prosthesis';

export interface LineInput {
  kind: LineKind;
  priceItemId: string | null;
  code: string;
  description: string;
  quantity: number;
  unitPriceCents: number;
  benefitEligible: boolean;
  /** A benefit asked for explicitly (less than the most, or to check a typed value); default: the most allowed. */
  requestedBenefitCents?: number;
}

export interface ComposedLine extends Omit<LineInput, 'requestedBenefitCents'> {
  lineNo: number;
  amountCents: number;
  benefitCents: number;
}

export interface PayerShareInput {
  payerRef: string;
  payerName: string;
  amountCents: number;
}

export interface ShareOut {
  holder: 'patient' | 'bill_payer' | 'fund';
  payerRef: string;
  payerName: string;
  amountCents: number;
}

export interface ComposedInvoice {
  lines: ComposedLine[];
  totalCents: number;
  eligibleCents: number;
  benefitCents: number;
  patientCents: number;
  shares: ShareOut[];
  ruleId: string | null;
  /** Yearly balance left after this invoice; null for children. */
  balanceAfterCents: number | null;
}

export interface ComposeInput {
  date: string;
  group: BenefitGroup;
  /** Yearly benefit already used (here and elsewhere) before this invoice. */
  usedCents: number;
  lines: LineInput[];
  payers?: PayerShareInput[];
  patientName: string;
  /** Prosthesis benefit left for this patient, or null when their groups give none. */
  prosthesisLeftCents?: number | null;
  /** False outside Estonia: the Fund's benefits and visit-fee rules do not apply, everything is billed in full. */
  fundApplies?: boolean;
}

const FUND_NAME = 'Tervisekassa';

/** Least share the patient pays of one eligible line, as basis points; children pay nothing. */
export function minShareBp(date: string, group: BenefitGroup | 'none'): number {
  if (group === 'child' || group === 'none') return 0;
  return withRuleErrors('date', () => yearlyBenefitTier(date, group)).tier.minPatientShareBp;
}

export function composeInvoice(input: ComposeInput): ComposedInvoice {
  const date = checkQuoteDate(input.date);
  const fund = input.fundApplies !== false;
  const child = fund && input.group === 'child';
  const tier = child || !fund ? null : withRuleErrors('date', () => yearlyBenefitTier(date, input.group));
  let balance = !fund ? 0 : tier ? Math.max(0, tier.tier.yearlyCents - input.usedCents) : Number.MAX_SAFE_INTEGER;
  const bp = tier ? tier.tier.minPatientShareBp : 0;
  let prosthesisLeft = input.prosthesisLeftCents ?? 0;

  const lines = input.lines.map((l, i): ComposedLine => {
    const field = `lines.${i}`;
    if (!Number.isSafeInteger(l.quantity) || l.quantity < 1)
      throw new ValidationError(`${field}.quantity`, 'must be a whole number of at least 1');
    const amount = l.quantity * l.unitPriceCents;
    if (l.kind === 'visit_fee' && fund) checkVisitFee(date, input.group, amount);
    let benefit = 0;
    if (!fund) {
      if ((l.requestedBenefitCents ?? 0) > 0)
        throw new ValidationError(
          `${field}.benefit`,
          'the Estonian Health Insurance Fund pays no benefit at this clinic',
        );
    } else if (l.kind === 'prosthesis') {
      // The prosthesis benefit has its own three-year amount and no minimum share.
      const requested = l.requestedBenefitCents ?? amount;
      if (requested > amount) throw new ValidationError(`${field}.benefit`, `more than the line's amount`);
      if (input.prosthesisLeftCents == null) {
        if ((l.requestedBenefitCents ?? 0) > 0)
          throw new ValidationError(`${field}.benefit`, "the patient's groups give no prosthesis benefit");
      } else {
        if (l.requestedBenefitCents !== undefined && requested > prosthesisLeft) {
          throw new ValidationError(
            `${field}.benefit`,
            `only €${formatEuros(prosthesisLeft)} of the prosthesis benefit is left`,
          );
        }
        benefit = Math.min(requested, prosthesisLeft);
        prosthesisLeft -= benefit;
      }
    } else if (!l.benefitEligible) {
      if ((l.requestedBenefitCents ?? 0) > 0) {
        throw new ValidationError(
          `${field}.benefit`,
          `${l.code} is not on the Fund's list of benefit-eligible services`,
        );
      }
    } else {
      const cap = amount - ceilShare(amount, bp);
      const requested = l.requestedBenefitCents ?? cap;
      if (requested > cap) {
        throw new ValidationError(
          `${field}.benefit`,
          `the patient's share of ${l.code} would fall below the minimum €${formatEuros(amount - cap)}`,
        );
      }
      if (l.requestedBenefitCents !== undefined && requested > balance) {
        throw new ValidationError(`${field}.benefit`, `only €${formatEuros(balance)} of this year's benefit is left`);
      }
      benefit = Math.min(requested, balance);
      balance -= benefit;
    }
    const { requestedBenefitCents: _ignored, ...rest } = l;
    return { ...rest, lineNo: i + 1, amountCents: amount, benefitCents: benefit };
  });

  const totalCents = lines.reduce((s, l) => s + l.amountCents, 0);
  const eligibleCents = lines.filter((l) => l.benefitEligible).reduce((s, l) => s + l.amountCents, 0);
  const benefitCents = lines.reduce((s, l) => s + l.benefitCents, 0);
  const rest = totalCents - benefitCents;
  const payers = input.payers ?? [];
  const payersCents = payers.reduce((s, p) => s + p.amountCents, 0);
  if (payersCents > rest) {
    throw new ValidationError(
      'payers',
      `bill payers' shares (€${formatEuros(payersCents)}) exceed what is left after the benefit (€${formatEuros(rest)})`,
    );
  }
  const shares: ShareOut[] = [];
  if (benefitCents > 0) shares.push({ holder: 'fund', payerRef: '', payerName: FUND_NAME, amountCents: benefitCents });
  for (const p of payers)
    if (p.amountCents > 0)
      shares.push({ holder: 'bill_payer', payerRef: p.payerRef, payerName: p.payerName, amountCents: p.amountCents });
  shares.push({ holder: 'patient', payerRef: '', payerName: input.patientName, amountCents: rest - payersCents });
  return {
    lines,
    totalCents,
    eligibleCents,
    benefitCents,
    patientCents: rest - payersCents,
    shares,
    ruleId: !fund ? null : child ? 'children-free-care' : `${tier!.rule.id}/${tier!.tier.name}`,
    balanceAfterCents: child || !fund ? null : balance,
  };
}

/** A line of the credited invoice with what earlier credit notes already took off it. */
export interface CreditableLine {
  lineNo: number;
  kind: LineKind;
  priceItemId: string | null;
  code: string;
  description: string;
  benefitEligible: boolean;
  /** Amount and benefit still standing after earlier credit notes. */
  amountCents: number;
  benefitCents: number;
}

export interface CreditInput {
  date: string;
  /** The credited invoice's date and group: its minimum share still applies to what stays billed. */
  invoiceDate: string;
  group: BenefitGroup | 'none';
  lines: CreditableLine[];
  /** Amount to credit per line; omitted means everything still standing. */
  credits?: { lineNo: number; amountCents: number }[];
  /** What each holder still owes on the invoice (shares after earlier credits). */
  standingShares: ShareOut[];
}

/**
 * A credit note as negative lines. Taking X off a line lowers its benefit only as far as the
 * minimum share of what remains requires; the rest of X comes off the patient first, then off
 * the bill payers.
 */
export function composeCreditNote(input: CreditInput): ComposedInvoice {
  checkQuoteDate(input.date);
  const bp = minShareBp(input.invoiceDate, input.group);
  const wanted = input.credits ?? input.lines.map((l) => ({ lineNo: l.lineNo, amountCents: l.amountCents }));
  if (!wanted.length) throw new ValidationError('lines', 'name at least one line to credit');
  const seen = new Set<number>();
  const lines = wanted.map((c, i): ComposedLine => {
    const line = input.lines.find((l) => l.lineNo === c.lineNo);
    if (!line) throw new ValidationError(`lines.${i}.lineNo`, `the invoice has no line ${c.lineNo}`);
    if (seen.has(c.lineNo)) throw new ValidationError(`lines.${i}.lineNo`, `line ${c.lineNo} is named twice`);
    seen.add(c.lineNo);
    if (!Number.isSafeInteger(c.amountCents) || c.amountCents <= 0)
      throw new ValidationError(`lines.${i}.amount`, 'must be more than zero');
    if (c.amountCents > line.amountCents) {
      throw new ValidationError(
        `lines.${i}.amount`,
        `the credit note (€${formatEuros(c.amountCents)}) is larger than what stands on line ${c.lineNo} (€${formatEuros(line.amountCents)})`,
      );
    }
    const remaining = line.amountCents - c.amountCents;
    const newBenefit =
      line.kind === 'prosthesis'
        ? Math.min(line.benefitCents, remaining)
        : line.benefitEligible
          ? Math.min(line.benefitCents, remaining - ceilShare(remaining, bp))
          : 0;
    const reversal = line.benefitCents - Math.max(0, newBenefit);
    return {
      kind: line.kind,
      priceItemId: line.priceItemId,
      code: line.code,
      description: line.description,
      benefitEligible: line.benefitEligible,
      quantity: 1,
      unitPriceCents: -c.amountCents,
      lineNo: i + 1,
      amountCents: -c.amountCents,
      benefitCents: -reversal,
    };
  });
  const totalCents = lines.reduce((s, l) => s + l.amountCents, 0);
  const benefitCents = lines.reduce((s, l) => s + l.benefitCents, 0);
  let toTake = -(totalCents - benefitCents);
  const shares: ShareOut[] = [];
  if (benefitCents !== 0)
    shares.push({ holder: 'fund', payerRef: '', payerName: FUND_NAME, amountCents: benefitCents });
  const order = [
    ...input.standingShares.filter((s) => s.holder === 'patient'),
    ...input.standingShares.filter((s) => s.holder === 'bill_payer'),
  ];
  for (const s of order) {
    const take = Math.min(toTake, Math.max(0, s.amountCents));
    if (take > 0 || s.holder === 'patient') shares.push({ ...s, amountCents: -take });
    toTake -= take;
  }
  if (toTake > 0)
    throw new ValidationError('lines', 'the credit note is larger than what is still owed on the invoice');
  return {
    lines,
    totalCents,
    eligibleCents: lines.filter((l) => l.benefitEligible).reduce((s, l) => s + l.amountCents, 0),
    benefitCents,
    patientCents: shares.find((s) => s.holder === 'patient')?.amountCents ?? 0,
    shares,
    ruleId: null,
    balanceAfterCents: null,
  };
}
