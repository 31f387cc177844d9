import type { CreditableLine, ShareOut } from './billing.compose';
import { formatEuros } from './billing.money';
import type { InvoiceLineRow, InvoiceRow, InvoiceShareRow, PaymentRow } from './billing.repository';

/**
 * What an invoice stands at once its credit notes and payments are taken into account, and how it
 * is shown. Amounts go out as euro strings, with cents alongside for programs.
 */
const eur = formatEuros;

export const shareKey = (s: { holder: string; payerRef: string }) => `${s.holder}:${s.payerRef}`;

/** Shares of an invoice after its credit notes, by holder. */
export function standingShares(shares: InvoiceShareRow[]): ShareOut[] {
  const byKey = new Map<string, ShareOut>();
  for (const s of shares) {
    const k = shareKey(s);
    const prev = byKey.get(k);
    if (prev) prev.amountCents += s.amountCents;
    else byKey.set(k, { holder: s.holder, payerRef: s.payerRef, payerName: s.payerName, amountCents: s.amountCents });
  }
  const order = { fund: 0, bill_payer: 1, patient: 2 } as const;
  return [...byKey.values()].sort((a, b) => order[a.holder] - order[b.holder]);
}

/** Lines of an invoice after its credit notes (credit lines name the line they correct). */
export function standingLines(invoiceLines: InvoiceLineRow[], creditLines: InvoiceLineRow[]): CreditableLine[] {
  return invoiceLines.map((l) => {
    const credited = creditLines.filter((c) => c.creditsLineNo === l.lineNo);
    return {
      lineNo: l.lineNo,
      kind: l.kind,
      priceItemId: l.priceItemId,
      code: l.code,
      description: l.description,
      benefitEligible: l.benefitEligible,
      amountCents: l.amountCents + credited.reduce((s, c) => s + c.amountCents, 0),
      benefitCents: l.benefitCents + credited.reduce((s, c) => s + c.benefitCents, 0),
    };
  });
}

/** Owed minus paid for each holder (the Fund pays the clinic through its own settlement and is shown, not chased). */
export function balances(shares: ShareOut[], payments: PaymentRow[]) {
  return shares.map((s) => {
    const paid = payments.filter((p) => shareKey(p) === shareKey(s)).reduce((sum, p) => sum + p.amountCents, 0);
    return { ...s, paidCents: paid, openCents: s.amountCents - paid };
  });
}

export function lineView(l: InvoiceLineRow) {
  return {
    lineNo: l.lineNo,
    kind: l.kind,
    code: l.code,
    description: l.description,
    quantity: l.quantity,
    unitPrice: eur(l.unitPriceCents),
    amount: eur(l.amountCents),
    benefitEligible: l.benefitEligible,
    benefit: eur(l.benefitCents),
    creditsLineNo: l.creditsLineNo,
    unitPriceCents: l.unitPriceCents,
    amountCents: l.amountCents,
    benefitCents: l.benefitCents,
  };
}

export interface InvoiceBundle {
  invoice: InvoiceRow;
  lines: InvoiceLineRow[];
  shares: InvoiceShareRow[];
  creditNotes: InvoiceRow[];
  creditLines: InvoiceLineRow[];
  creditShares: InvoiceShareRow[];
  payments: PaymentRow[];
}

export function invoiceView(b: InvoiceBundle, extra: Record<string, unknown> = {}) {
  const i = b.invoice;
  const standing = standingShares([...b.shares, ...b.creditShares]);
  const bal = balances(standing, b.payments);
  const patient = bal.find((s) => s.holder === 'patient');
  return {
    id: i.id,
    number: i.number,
    kind: i.kind,
    creditsInvoiceId: i.creditsInvoiceId,
    patientId: i.patientId,
    visitId: i.visitId,
    invoiceDate: i.invoiceDate,
    dueDate: i.dueDate,
    language: i.language,
    group: i.benefitGroup,
    groupReason: i.groupReason,
    ruleId: i.ruleId,
    total: eur(i.totalCents),
    eligible: eur(i.eligibleCents),
    benefit: eur(i.benefitCents),
    patientShare: eur(i.patientCents),
    totalCents: i.totalCents,
    benefitCents: i.benefitCents,
    patientCents: i.patientCents,
    reason: i.reason,
    issuedAt: i.issuedAt.toISOString(),
    retainUntil: i.retainUntil,
    lines: b.lines.map(lineView),
    shares: bal.map((s) => ({
      holder: s.holder,
      billPayerId: s.payerRef || null,
      name: s.payerName,
      amount: eur(s.amountCents),
      paid: eur(s.paidCents),
      open: eur(s.openCents),
      amountCents: s.amountCents,
      openCents: s.openCents,
    })),
    creditNotes: b.creditNotes.map((c) => ({
      id: c.id,
      number: c.number,
      date: c.invoiceDate,
      total: eur(c.totalCents),
      reason: c.reason,
    })),
    payments: b.payments.map((p) => ({
      id: p.id,
      holder: p.holder,
      billPayerId: p.payerRef || null,
      method: p.method,
      amount: eur(p.amountCents),
      paidOn: p.paidOn,
      reference: p.reference,
    })),
    patientOpen: eur(patient?.openCents ?? 0),
    patientOpenCents: patient?.openCents ?? 0,
    paid: bal.filter((s) => s.holder !== 'fund').every((s) => s.openCents <= 0),
    ...extra,
  };
}
