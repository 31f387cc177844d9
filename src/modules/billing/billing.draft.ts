import type { AccessContext } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { DbOrTx } from '../../platform/db';
import { NotFoundError, ValidationError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import { visitFeeRuleOn } from '../../rules/dental-benefits';
import { type ComposedInvoice, composeInvoice, type LineInput } from './billing.compose';
import { type IssueInvoiceInput, issueInvoiceInput } from './billing.input';
import { BILLING_ROLES, type BillingKit } from './billing.kit';
import { formatEuros, parseEuros } from './billing.money';
import { benefitPosition } from './billing.position';
import { checkQuoteDate, checkRulesInForce, withRuleErrors } from './billing.quote';
import type { PriceItemRow } from './billing.repository';

const itemName = (item: PriceItemRow, lang: string) =>
  ({ et: item.nameEt, lv: item.nameLv, en: item.nameEn, ru: item.nameRu })[lang as 'et'] ?? item.nameEt;

/** The benefit position of a patient at a clinic outside Estonia: no Fund, nothing used, nothing left. */
const outsideEstonia = {
  group: 'adult' as const,
  usedCents: 0,
  prosthesisLeftCents: null,
  decision: {
    group: 'adult' as const,
    applicable: [] as string[],
    reason: 'the Estonian Health Insurance Fund pays benefits only at Estonian clinics',
  },
};

/** The invoice a visit would get: previewed at the desk, and written by issueInvoice. */
export function createInvoiceDrafts(kit: BillingKit) {
  const { repo, audit, requireRole, patientFor } = kit;

  /** Everything an invoice from a visit would be, without writing it: the preview and the issue share it. */
  async function draftFromVisit(tx: DbOrTx, ctx: AccessContext, input: IssueInvoiceInput, forIssue = false) {
    const services = await repo.renderedServices(tx, ctx.clinicId, input.visitId);
    if (!services.length) throw new NotFoundError('no services are recorded for this visit');
    const patientId = services[0]!.service.patientId;
    // Serialises one patient's invoices: two issued at once must not both spend the same yearly balance.
    if (forIssue) await kit.patientReads.lock(tx, ctx.clinicId, patientId);
    const { patient, grant } = await patientFor(tx, ctx, patientId, 'billing.invoice_draft');
    const date = input.invoiceDate ?? services[0]!.service.visitDate;
    // The Fund's benefits exist only at Estonian clinics; elsewhere everything is billed in full.
    const fundApplies = (await kit.clinic(tx, ctx.clinicId)).country === 'EE';
    if (fundApplies) checkRulesInForce(date, input.invoiceDate ? 'invoiceDate' : 'visitDate');
    else checkQuoteDate(date, input.invoiceDate ? 'invoiceDate' : 'visitDate');
    if (!fundApplies && input.group)
      throw new ValidationError(
        'group',
        'benefit groups are those of the Estonian Health Insurance Fund; this clinic is not in Estonia',
      );
    const pos = fundApplies ? await benefitPosition(kit, tx, ctx.clinicId, patient, date, input.group) : outsideEstonia;
    const language = input.language ?? patient.preferredLanguage;
    const lines: LineInput[] = [];

    // The visit fee: typed in, or the clinic's visit-fee price. Never for exempt groups (pregnant
    // women); an insured child's treatment is free and the clinic may still ask the fee, so for a
    // child it is charged only when typed in.
    const exempt =
      fundApplies &&
      (withRuleErrors('invoiceDate', () => visitFeeRuleOn(date)).exemptGroups.includes(pos.group) ||
        pos.group === 'child');
    const feeItem = (await repo.priceList(tx, ctx.clinicId, date)).find((p) => p.kind === 'visit_fee');
    const feeCents =
      input.visitFee !== undefined ? parseEuros(input.visitFee, 'visitFee') : exempt ? 0 : (feeItem?.priceCents ?? 0);
    if (feeCents > 0) {
      lines.push({
        kind: 'visit_fee',
        priceItemId: feeItem?.id ?? null,
        code: feeItem?.code ?? 'VISIT',
        description: feeItem ? itemName(feeItem, language) : 'Visit fee',
        quantity: 1,
        unitPriceCents: feeCents,
        benefitEligible: false,
      });
    }
    const asked = input.benefits ?? {};
    for (const code of Object.keys(asked)) {
      if (!services.some((s) => s.item.code === code))
        throw new ValidationError(`benefits.${code}`, `${code} was not recorded at this visit`);
    }
    for (const { service, item } of services) {
      lines.push({
        kind: item.kind,
        priceItemId: item.id,
        code: item.code,
        description: itemName(item, language),
        quantity: service.quantity,
        unitPriceCents: item.priceCents,
        benefitEligible: item.benefitEligible,
        requestedBenefitCents:
          asked[item.code] !== undefined ? parseEuros(asked[item.code]!, `benefits.${item.code}`) : undefined,
      });
    }
    const billPayers = input.payers?.length ? await kit.patients.billPayers(tx, ctx.clinicId, patientId) : [];
    const payers = (input.payers ?? []).map((p, i) => {
      const bp = billPayers.find((b) => b.id === p.billPayerId && !b.endedAt);
      if (!bp) throw new ValidationError(`payers.${i}.billPayerId`, 'not a current bill payer of this patient');
      if ((bp.validFrom && date < bp.validFrom) || (bp.validUntil && date > bp.validUntil)) {
        throw new ValidationError(`payers.${i}.billPayerId`, `${bp.name} does not pay this patient's bills on ${date}`);
      }
      return { payerRef: bp.id, payerName: bp.name, amountCents: parseEuros(p.amount, `payers.${i}.amount`) };
    });
    const composed = composeInvoice({
      date,
      group: pos.group,
      usedCents: pos.usedCents,
      lines,
      payers,
      patientName: kit.patientName(patient),
      prosthesisLeftCents: pos.prosthesisLeftCents,
      fundApplies,
    });
    return {
      patient,
      grant,
      date,
      pos,
      language,
      composed,
      visitDate: services[0]!.service.visitDate,
      storedGroup: fundApplies ? pos.group : 'none',
    };
  }

  function composedView(c: ComposedInvoice) {
    return {
      total: formatEuros(c.totalCents),
      eligible: formatEuros(c.eligibleCents),
      benefit: formatEuros(c.benefitCents),
      patientShare: formatEuros(c.patientCents),
      ruleId: c.ruleId,
      balanceAfter: c.balanceAfterCents === null ? null : formatEuros(c.balanceAfterCents),
      lines: c.lines.map((l) => ({
        lineNo: l.lineNo,
        kind: l.kind,
        code: l.code,
        description: l.description,
        quantity: l.quantity,
        unitPrice: formatEuros(l.unitPriceCents),
        amount: formatEuros(l.amountCents),
        benefitEligible: l.benefitEligible,
        benefit: formatEuros(l.benefitCents),
      })),
      shares: c.shares.map((s) => ({
        holder: s.holder,
        billPayerId: s.payerRef || null,
        name: s.payerName,
        amount: formatEuros(s.amountCents),
      })),
    };
  }

  async function previewInvoice(ctx: AccessContext, raw: unknown) {
    requireRole(ctx, BILLING_ROLES, 'prepare invoices');
    const input = parseInput(issueInvoiceInput, raw);
    return kit.transaction(ctx, async (tx) => {
      const d = await draftFromVisit(tx, ctx, input);
      await audit.append(tx, ctx, [
        auditEntry(
          {
            purpose: 'billing',
            action: 'billing.invoice_preview',
            entityType: 'visit',
            entityId: input.visitId,
            patientRef: d.patient.id,
          },
          d.grant,
        ),
      ]);
      return {
        patientId: d.patient.id,
        patientName: kit.patientName(d.patient),
        date: d.date,
        group: d.storedGroup,
        groupReason: d.pos.decision.reason,
        applicableGroups: d.pos.decision.applicable,
        language: d.language,
        ...composedView(d.composed),
      };
    });
  }

  return { draftFromVisit, previewInvoice };
}
