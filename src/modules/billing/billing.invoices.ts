import type { AccessContext } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import { newId } from '../../platform/crypto';
import type { DbOrTx } from '../../platform/db';
import { ConflictError, ValidationError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import { accountingRetainUntil } from '../../rules/accounting-retention';
import { addDays } from '../../rules/zoned-time';
import { loadInvoiceBundle } from './billing.bundle';
import { type ComposedInvoice, composeCreditNote } from './billing.compose';
import { createInvoiceDrafts } from './billing.draft';
import { creditNoteInput, issueInvoiceInput } from './billing.input';
import { BILLING_ROLES, type BillingKit } from './billing.kit';
import { formatEuros, parseEuros } from './billing.money';
import { renderInvoicePdf } from './billing.print';
import type { InvoiceRow } from './billing.repository';
import { balances, invoiceView, lineView, standingLines, standingShares } from './billing.view';

/** Days a patient has to pay; a clinic setting later, a constant for now. */
export const PAYMENT_DAYS = 14;

const invoiceNumber = (seq: number) => String(seq).padStart(6, '0');

export function createInvoiceOperations(kit: BillingKit) {
  const { repo, audit, clock, requireRole, patientFor } = kit;
  const loadBundle = (tx: DbOrTx, clinicId: string, id: string, forUpdate = false) =>
    loadInvoiceBundle(repo, tx, clinicId, id, forUpdate);
  const { draftFromVisit, previewInvoice } = createInvoiceDrafts(kit);

  /** Insert an invoice or a credit note under the next number of the clinic. */
  async function insertNumbered(
    tx: DbOrTx,
    ctx: AccessContext,
    row: Omit<InvoiceRow, 'seq' | 'number' | 'clinicId' | 'issuedAt' | 'issuedBy' | 'retainUntil'>,
    c: ComposedInvoice,
    creditsLineNos?: number[],
  ) {
    const seq = await repo.nextSeq(tx, ctx.clinicId);
    const clinic = await kit.clinic(tx, ctx.clinicId);
    await repo.insertInvoice(
      tx,
      {
        ...row,
        clinicId: ctx.clinicId,
        seq,
        number: invoiceNumber(seq),
        retainUntil: accountingRetainUntil(clinic.country, row.invoiceDate),
        issuedAt: clock.now(),
        issuedBy: ctx.user?.id ?? null,
      },
      c.lines.map((l, i) => ({
        clinicId: ctx.clinicId,
        invoiceId: row.id,
        lineNo: l.lineNo,
        kind: l.kind,
        priceItemId: l.priceItemId,
        code: l.code,
        description: l.description,
        quantity: l.quantity,
        unitPriceCents: l.unitPriceCents,
        amountCents: l.amountCents,
        benefitEligible: l.benefitEligible,
        benefitCents: l.benefitCents,
        creditsLineNo: creditsLineNos?.[i] ?? null,
      })),
      c.shares.map((s) => ({
        clinicId: ctx.clinicId,
        invoiceId: row.id,
        holder: s.holder,
        payerRef: s.payerRef,
        payerName: s.payerName,
        amountCents: s.amountCents,
      })),
    );
    return seq;
  }

  /** Issues the invoice of a visit: numbered without gaps, immutable from this moment. */
  async function issueInvoice(ctx: AccessContext, raw: unknown) {
    requireRole(ctx, BILLING_ROLES, 'issue invoices');
    const input = parseInput(issueInvoiceInput, raw);
    const id = newId();
    const issue = kit.transaction(ctx, async (tx) => {
      await repo.lockVisit(tx, ctx.clinicId, input.visitId);
      if (await repo.invoiceOfVisit(tx, ctx.clinicId, input.visitId))
        throw new ConflictError('this visit is already invoiced; correct it with a credit note');
      const d = await draftFromVisit(tx, ctx, input, true);
      const c = d.composed;
      await insertNumbered(
        tx,
        ctx,
        {
          id,
          kind: 'invoice',
          creditsInvoiceId: null,
          patientId: d.patient.id,
          visitId: input.visitId,
          invoiceDate: d.date,
          dueDate: addDays(d.date, PAYMENT_DAYS),
          language: d.language,
          benefitGroup: d.storedGroup,
          groupReason: d.pos.decision.reason,
          ruleId: c.ruleId,
          totalCents: c.totalCents,
          eligibleCents: c.eligibleCents,
          benefitCents: c.benefitCents,
          patientCents: c.patientCents,
          reason: null,
        },
        c,
      );
      await repo.markVisitInvoiced(tx, ctx.clinicId, input.visitId, id);
      await audit.append(tx, ctx, [
        auditEntry(
          {
            purpose: 'billing',
            action: 'billing.invoice_issue',
            entityType: 'invoice',
            entityId: id,
            patientRef: d.patient.id,
            details: { group: d.pos.group, rule: c.ruleId },
          },
          d.grant,
        ),
      ]);
      return invoiceView(await loadBundle(tx, ctx.clinicId, id));
    });
    // The lock makes this rare; the unique index is the last word.
    return issue.catch((err: { code?: string; cause?: { code?: string } }) => {
      if (err?.code === '23505' || err?.cause?.code === '23505')
        throw new ConflictError('this visit is already invoiced; correct it with a credit note');
      throw err;
    });
  }

  /** Corrects an issued invoice by a credit note; the invoice itself never changes. */
  async function issueCreditNote(ctx: AccessContext, invoiceId: string, raw: unknown) {
    requireRole(ctx, ['accountant', 'admin'], 'issue credit notes');
    const input = parseInput(creditNoteInput, raw);
    const id = newId();
    return kit.transaction(ctx, async (tx) => {
      // The lock serialises two corrections of one invoice: the second sees the first.
      const b = await loadBundle(tx, ctx.clinicId, invoiceId, true);
      if (b.invoice.kind !== 'invoice')
        throw new ValidationError('invoiceId', 'a credit note is corrected by crediting its invoice, not itself');
      const { grant } = await patientFor(tx, ctx, b.invoice.patientId, 'billing.credit_note');
      const date = input.date ?? (await kit.today(tx, ctx.clinicId));
      if (date < b.invoice.invoiceDate)
        throw new ValidationError('date', 'a credit note cannot be dated before its invoice');
      const c = composeCreditNote({
        date,
        invoiceDate: b.invoice.invoiceDate,
        group: b.invoice.benefitGroup as never,
        lines: standingLines(b.lines, b.creditLines),
        credits: input.lines?.map((l, i) => ({
          lineNo: l.lineNo,
          amountCents: parseEuros(l.amount, `lines.${i}.amount`),
        })),
        standingShares: standingShares([...b.shares, ...b.creditShares]),
      });
      const creditedLineNos =
        input.lines?.map((l) => l.lineNo) ?? standingLines(b.lines, b.creditLines).map((l) => l.lineNo);
      if (c.totalCents === 0) throw new ValidationError('lines', 'nothing is left to credit on this invoice');
      await insertNumbered(
        tx,
        ctx,
        {
          id,
          kind: 'credit_note',
          creditsInvoiceId: invoiceId,
          patientId: b.invoice.patientId,
          visitId: b.invoice.visitId,
          invoiceDate: date,
          dueDate: date,
          language: b.invoice.language,
          benefitGroup: b.invoice.benefitGroup,
          groupReason: b.invoice.groupReason,
          ruleId: b.invoice.ruleId,
          totalCents: c.totalCents,
          eligibleCents: c.eligibleCents,
          benefitCents: c.benefitCents,
          patientCents: c.patientCents,
          reason: input.reason,
        },
        c,
        creditedLineNos,
      );
      await audit.append(tx, ctx, [
        auditEntry(
          {
            purpose: 'billing',
            action: 'billing.credit_note',
            entityType: 'invoice',
            entityId: id,
            patientRef: b.invoice.patientId,
            details: { credits: invoiceId },
          },
          grant,
        ),
      ]);
      return invoiceView(await loadBundle(tx, ctx.clinicId, id));
    });
  }

  async function getInvoice(ctx: AccessContext, id: string) {
    requireRole(ctx, BILLING_ROLES, 'see invoices');
    return kit.transaction(ctx, async (tx) => {
      const b = await loadBundle(tx, ctx.clinicId, id);
      const { patient, grant } = await patientFor(tx, ctx, b.invoice.patientId, 'billing.invoice_read');
      await audit.append(tx, ctx, [
        auditEntry(
          {
            purpose: 'billing',
            action: 'billing.invoice_read',
            entityType: 'invoice',
            entityId: id,
            patientRef: patient.id,
          },
          grant,
        ),
      ]);
      return invoiceView(b, { patientName: kit.patientName(patient) });
    });
  }

  async function listInvoices(
    ctx: AccessContext,
    f: { patientId?: string; from?: string; to?: string; limit?: number },
  ) {
    requireRole(ctx, BILLING_ROLES, 'see invoices');
    return kit.transaction(ctx, async (tx) => {
      if (f.patientId) await patientFor(tx, ctx, f.patientId, 'billing.invoice_list');
      const rows = await repo.listInvoices(tx, { clinicId: ctx.clinicId, ...f, limit: Math.min(f.limit ?? 200, 1000) });
      const patients = [...new Set(rows.map((r) => r.patientId))];
      await audit.append(
        tx,
        ctx,
        patients.length
          ? patients.map((p) =>
              auditEntry({
                purpose: 'billing',
                action: 'billing.invoice_list',
                entityType: 'patient',
                entityId: p,
                patientRef: p,
                role: ctx.user?.roles.join(',') ?? null,
              }),
            )
          : [
              auditEntry({
                purpose: 'billing',
                action: 'billing.invoice_list',
                entityType: 'invoice',
                details: { results: 0 },
              }),
            ],
      );
      return rows.map((i) => ({
        id: i.id,
        number: i.number,
        kind: i.kind,
        invoiceDate: i.invoiceDate,
        dueDate: i.dueDate,
        patientId: i.patientId,
        visitId: i.visitId,
        group: i.benefitGroup,
        total: formatEuros(i.totalCents),
        benefit: formatEuros(i.benefitCents),
        patientShare: formatEuros(i.patientCents),
      }));
    });
  }

  /**
   * Who treated the patient, as the invoice names them: the professional the visit was booked with,
   * or the one linked to the account that recorded its services.
   */
  async function visitProfessional(tx: DbOrTx, clinicId: string, visitId: string) {
    const entry = await kit.queueReads.entry(tx, clinicId, visitId);
    let pro = entry?.professionalId ? await kit.queueReads.professional(tx, clinicId, entry.professionalId) : undefined;
    if (!pro) {
      const recordedBy = (await repo.renderedServices(tx, clinicId, visitId)).find((s) => s.service.doctorId)?.service
        .doctorId;
      if (recordedBy)
        pro = (await kit.queueReads.professionals(tx, clinicId)).find((p) => p.staffUserId === recordedBy);
    }
    return pro ? { name: `${pro.firstName} ${pro.lastName}`, registrationCode: pro.registrationCode } : null;
  }

  /** The invoice as PDF in the language it was issued in (the patient's). */
  async function invoicePdf(ctx: AccessContext, id: string): Promise<Buffer> {
    requireRole(ctx, BILLING_ROLES, 'print invoices');
    return kit.transaction(ctx, async (tx) => {
      const b = await loadBundle(tx, ctx.clinicId, id);
      const { patient, grant } = await patientFor(tx, ctx, b.invoice.patientId, 'billing.invoice_pdf');
      const clinic = await kit.clinic(tx, ctx.clinicId);
      const credited = b.invoice.creditsInvoiceId
        ? await repo.invoice(tx, ctx.clinicId, b.invoice.creditsInvoiceId)
        : undefined;
      const professional = b.invoice.visitId ? await visitProfessional(tx, ctx.clinicId, b.invoice.visitId) : null;
      await audit.append(tx, ctx, [
        auditEntry(
          {
            purpose: 'billing',
            action: 'billing.invoice_pdf',
            entityType: 'invoice',
            entityId: id,
            patientRef: patient.id,
          },
          grant,
        ),
      ]);
      return renderInvoicePdf({
        clinic,
        invoice: b.invoice,
        lines: b.lines.map(lineView),
        shares: standingShares(b.shares),
        patient: {
          name: kit.patientName(patient),
          idCode: kit.patientIdCode(patient),
          address: [patient.addressStreet, patient.addressCity, patient.addressPostalCode].filter(Boolean).join(', '),
        },
        creditsNumber: credited?.number ?? null,
        professional,
        open: {
          // The Fund settles with the clinic on its own: only what the patient and payers owe is chased.
          cents: balances(standingShares(b.shares), b.payments)
            .filter((x) => x.holder !== 'fund')
            .reduce((sum, x) => sum + x.openCents, 0),
          lastPaidOn:
            b.payments
              .map((x) => x.paidOn)
              .sort()
              .at(-1) ?? null,
        },
      });
    });
  }

  const mailSubject: Record<string, (n: string, clinic: string) => string> = {
    et: (n, c) => `Arve ${n} – ${c}`,
    lv: (n, c) => `Rēķins ${n} – ${c}`,
    en: (n, c) => `Invoice ${n} – ${c}`,
    ru: (n, c) => `Счёт ${n} – ${c}`,
  };

  /** E-mails the PDF to the patient. Sent inside the transaction: if the mail fails, nothing is recorded as sent. */
  async function emailInvoice(ctx: AccessContext, id: string) {
    requireRole(ctx, BILLING_ROLES, 'send invoices');
    const mailer = kit.mailer;
    if (!mailer) throw new ConflictError('e-mail is not configured for this installation; print the invoice instead');
    const pdf = await invoicePdf(ctx, id);
    return kit.transaction(ctx, async (tx) => {
      const b = await loadBundle(tx, ctx.clinicId, id);
      const { patient, grant } = await patientFor(tx, ctx, b.invoice.patientId, 'billing.invoice_email');
      if (!patient.email)
        throw new ValidationError('email', 'the patient has no e-mail address; print the invoice instead');
      const clinic = await kit.clinic(tx, ctx.clinicId);
      const subject = (mailSubject[b.invoice.language] ?? mailSubject.et!)(b.invoice.number, clinic.name);
      await audit.append(tx, ctx, [
        auditEntry(
          {
            purpose: 'billing',
            action: 'billing.invoice_email',
            entityType: 'invoice',
            entityId: id,
            patientRef: patient.id,
          },
          grant,
        ),
      ]);
      const receipt = await mailer.send({
        to: patient.email,
        subject,
        text: `${subject}\n\n${clinic.name}`,
        attachments: [{ filename: `${b.invoice.number}.pdf`, content: pdf, contentType: 'application/pdf' }],
      });
      return { sentTo: patient.email, messageId: receipt.messageId };
    });
  }

  return {
    emailInvoice,
    previewInvoice,
    issueInvoice,
    issueCreditNote,
    getInvoice,
    listInvoices,
    invoicePdf,
  };
}
