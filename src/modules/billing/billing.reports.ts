import type { AccessContext } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import { ValidationError } from '../../platform/errors';
import { isoDate, parseInput } from '../../platform/input';
import { monthParam } from './billing.input';
import type { BillingKit } from './billing.kit';
import { formatEuros } from './billing.money';
import { balances, standingShares } from './billing.view';

/** Quote a CSV field: separators, quotes and line breaks inside are kept literally. */
const csvField = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

const lastDayOf = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

export function createReportOperations(kit: BillingKit) {
  const { repo, audit, requireRole } = kit;

  /**
   * Benefits claimed from the Fund in a month: per invoice (with the insured person's ID code, as
   * the claim needs it) and per group. Credit notes appear in the month they are issued, negative.
   */
  async function benefitReport(ctx: AccessContext, month: string) {
    requireRole(ctx, ['accountant', 'admin'], 'see the benefit report');
    parseInput(monthParam, month, 'month');
    const from = `${month}-01`;
    const to = lastDayOf(month);
    return kit.transaction(ctx, async (tx) => {
      const rows = (await repo.listInvoices(tx, { clinicId: ctx.clinicId, from, to, limit: 100000 })).filter(
        (i) => i.benefitCents !== 0,
      );
      const byGroup = new Map<string, { invoices: number; benefitCents: number }>();
      const items = [];
      for (const i of rows) {
        const g = byGroup.get(i.benefitGroup) ?? { invoices: 0, benefitCents: 0 };
        g.invoices += i.kind === 'invoice' ? 1 : 0;
        g.benefitCents += i.benefitCents;
        byGroup.set(i.benefitGroup, g);
        const patient = (await kit.patients.find(tx, ctx.clinicId, i.patientId))!;
        items.push({
          number: i.number,
          kind: i.kind,
          date: i.invoiceDate,
          group: i.benefitGroup,
          rule: i.ruleId,
          idCode: kit.patientIdCode(patient),
          patientName: kit.patientName(patient),
          eligible: formatEuros(i.eligibleCents),
          benefit: formatEuros(i.benefitCents),
        });
      }
      const patients = [...new Set(rows.map((r) => r.patientId))];
      await audit.append(
        tx,
        ctx,
        patients.length
          ? patients.map((p) =>
              auditEntry({
                purpose: 'billing',
                action: 'billing.benefit_report',
                entityType: 'patient',
                entityId: p,
                patientRef: p,
                details: { month },
              }),
            )
          : [
              auditEntry({
                purpose: 'billing',
                action: 'billing.benefit_report',
                entityType: 'report',
                details: { month, results: 0 },
              }),
            ],
      );
      const totalCents = rows.reduce((s, i) => s + i.benefitCents, 0);
      return {
        month,
        total: formatEuros(totalCents),
        totalCents,
        groups: [...byGroup.entries()].map(([group, g]) => ({
          group,
          invoices: g.invoices,
          benefit: formatEuros(g.benefitCents),
          benefitCents: g.benefitCents,
        })),
        items,
      };
    });
  }

  /** Invoices and credit notes of a period for the bookkeeping program; semicolon-separated, euros with a dot. */
  async function accountingCsv(ctx: AccessContext, range: { from: string; to: string }): Promise<string> {
    requireRole(ctx, ['accountant', 'admin'], 'export accounting data');
    parseInput(isoDate, range.from, 'from');
    parseInput(isoDate, range.to, 'to');
    if (range.to < range.from) throw new ValidationError('to', 'the period ends before it starts');
    return kit.transaction(ctx, async (tx) => {
      const rows = await repo.listInvoices(tx, {
        clinicId: ctx.clinicId,
        from: range.from,
        to: range.to,
        limit: 1000000,
      });
      const ids = rows.map((r) => r.id);
      const [shares, pays] = await Promise.all([
        repo.shares(tx, ctx.clinicId, ids),
        repo.payments(tx, ctx.clinicId, ids),
      ]);
      const header = [
        'number',
        'kind',
        'credits_number',
        'date',
        'due_date',
        'customer',
        'total',
        'benefit_fund',
        'bill_payers',
        'patient_share',
        'patient_paid',
        'methods',
      ];
      const lines = [header.join(';')];
      const numberOf = new Map(rows.map((r) => [r.id, r.number]));
      for (const i of rows) {
        const patient = (await kit.patients.find(tx, ctx.clinicId, i.patientId))!;
        const own = standingShares(shares.filter((s) => s.invoiceId === i.id));
        const paid = pays.filter((p) => p.invoiceId === i.id);
        const bal = balances(own, paid);
        const payers = own.filter((s) => s.holder === 'bill_payer').reduce((s, x) => s + x.amountCents, 0);
        const patientPaid = bal.find((s) => s.holder === 'patient')?.paidCents ?? 0;
        lines.push(
          [
            i.number,
            i.kind,
            i.creditsInvoiceId
              ? (numberOf.get(i.creditsInvoiceId) ??
                (await repo.invoice(tx, ctx.clinicId, i.creditsInvoiceId))?.number ??
                '')
              : '',
            i.invoiceDate,
            i.dueDate,
            kit.patientName(patient),
            formatEuros(i.totalCents),
            formatEuros(i.benefitCents),
            formatEuros(payers),
            formatEuros(i.patientCents),
            formatEuros(patientPaid),
            [...new Set(paid.map((p) => p.method))].join('+'),
          ]
            .map(csvField)
            .join(';'),
        );
      }
      const patients = [...new Set(rows.map((r) => r.patientId))];
      await audit.append(
        tx,
        ctx,
        patients.length
          ? patients.map((p) =>
              auditEntry({
                purpose: 'billing',
                action: 'billing.accounting_export',
                entityType: 'patient',
                entityId: p,
                patientRef: p,
                details: range,
              }),
            )
          : [
              auditEntry({
                purpose: 'billing',
                action: 'billing.accounting_export',
                entityType: 'report',
                details: { ...range, results: 0 },
              }),
            ],
      );
      return `${lines.join('\r\n')}\r\n`;
    });
  }

  return { benefitReport, accountingCsv };
}
