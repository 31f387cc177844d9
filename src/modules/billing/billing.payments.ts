import type { AccessContext } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import { newId } from '../../platform/crypto';
import type { DbOrTx } from '../../platform/db';
import { ConflictError, ValidationError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import { loadInvoiceBundle } from './billing.bundle';
import { debtNoticeInput, handoverInput, paymentInput } from './billing.input';
import { BILLING_ROLES, type BillingKit } from './billing.kit';
import { formatEuros, parseEuros } from './billing.money';
import { checkQuoteDate } from './billing.quote';
import { balances, type InvoiceBundle, invoiceView, shareKey, standingShares } from './billing.view';

/** What a collection agency receives with a debt: no health data, only what the claim needs. */
export const HANDOVER_FIELDS = [
  'name',
  'national_id',
  'address',
  'contact',
  'invoice_number',
  'invoice_date',
  'amount_due',
] as const;

const noticeText: Record<string, (n: string, amount: string, due: string, clinic: string) => string> = {
  et: (n, a, d, c) => `Meeldetuletus: arve ${n} (maksetähtaeg ${d}) on tasumata summas ${a} €. ${c}`,
  lv: (n, a, d, c) => `Atgādinājums: rēķins ${n} (apmaksas termiņš ${d}) nav apmaksāts, summa ${a} €. ${c}`,
  en: (n, a, d, c) => `Reminder: invoice ${n} (due ${d}) is unpaid, ${a} € outstanding. ${c}`,
  ru: (n, a, d, c) => `Напоминание: счёт ${n} (срок оплаты ${d}) не оплачен, сумма ${a} €. ${c}`,
};

export function createPaymentOperations(kit: BillingKit) {
  const { db, repo, audit, clock, requireRole, patientFor } = kit;
  const loadBundle = (tx: DbOrTx, clinicId: string, id: string, forUpdate = false) =>
    loadInvoiceBundle(repo, tx, clinicId, id, forUpdate);

  function patientOpenCents(b: InvoiceBundle): number {
    const bal = balances(standingShares([...b.shares, ...b.creditShares]), b.payments);
    return bal.find((s) => s.holder === 'patient')?.openCents ?? 0;
  }

  async function recordPayment(ctx: AccessContext, invoiceId: string, raw: unknown) {
    requireRole(ctx, BILLING_ROLES, 'record payments');
    const input = parseInput(paymentInput, raw);
    const amountCents = parseEuros(input.amount, 'amount');
    if (amountCents <= 0) throw new ValidationError('amount', 'must be more than zero');
    return kit.transaction(ctx, async (tx) => {
      // Locking the invoice row serialises payments on it, so two tills cannot both take the last euro.
      const b = await loadBundle(tx, ctx.clinicId, invoiceId, true);
      if (b.invoice.kind !== 'invoice')
        throw new ValidationError('invoiceId', 'payments are recorded on invoices, not on credit notes');
      const { patient, grant } = await patientFor(tx, ctx, b.invoice.patientId, 'billing.payment');
      const holder = input.billPayerId ? 'bill_payer' : 'patient';
      const key = shareKey({ holder, payerRef: input.billPayerId ?? '' });
      const share = balances(standingShares([...b.shares, ...b.creditShares]), b.payments).find(
        (s) => shareKey(s) === key,
      );
      if (!share) throw new ValidationError('billPayerId', 'this bill payer has no share of the invoice');
      if (amountCents > share.openCents) {
        throw new ValidationError('amount', `more than is owed: €${formatEuros(Math.max(0, share.openCents))} is open`);
      }
      const paidOn = input.paidOn ?? (await kit.today(tx, ctx.clinicId));
      if (paidOn < b.invoice.invoiceDate)
        throw new ValidationError('paidOn', 'a payment cannot be dated before its invoice');
      const id = newId();
      await repo.insertPayment(tx, {
        clinicId: ctx.clinicId,
        id,
        invoiceId,
        holder,
        payerRef: input.billPayerId ?? '',
        method: input.method,
        amountCents,
        paidOn,
        reference: input.reference ?? null,
        recordedAt: clock.now(),
        recordedBy: ctx.user?.id ?? null,
      });
      await audit.append(tx, ctx, [
        auditEntry(
          {
            purpose: 'billing',
            action: 'billing.payment',
            entityType: 'invoice',
            entityId: invoiceId,
            patientRef: b.invoice.patientId,
            details: { method: input.method },
          },
          grant,
        ),
      ]);
      return invoiceView(await loadBundle(tx, ctx.clinicId, invoiceId), {
        patientName: kit.patientName(patient),
      });
    });
  }

  /** Overdue patient shares with what has been done about them. */
  async function debts(ctx: AccessContext, asOf?: string) {
    requireRole(ctx, BILLING_ROLES, 'see debts');
    return kit.transaction(ctx, async (tx) => {
      const day = asOf ? checkQuoteDate(asOf, 'asOf') : await kit.today(tx, ctx.clinicId);
      const open = await repo.openPatientBalances(tx, ctx.clinicId);
      const items = [];
      for (const o of open) {
        const inv = (await repo.invoice(tx, ctx.clinicId, o.invoiceId))!;
        if (inv.dueDate >= day) continue;
        const patient = (await kit.patients.find(tx, ctx.clinicId, inv.patientId))!;
        const [notices, handovers] = await Promise.all([
          repo.notices(tx, ctx.clinicId, [inv.id]),
          repo.handovers(tx, ctx.clinicId, [inv.id]),
        ]);
        items.push({
          invoiceId: inv.id,
          number: inv.number,
          invoiceDate: inv.invoiceDate,
          dueDate: inv.dueDate,
          patientId: inv.patientId,
          patientName: kit.patientName(patient),
          open: formatEuros(o.openCents),
          openCents: o.openCents,
          daysOverdue: Math.round((Date.parse(day) - Date.parse(inv.dueDate)) / 86400000),
          notices: notices.length,
          lastNoticeAt: notices.at(-1)?.sentAt.toISOString() ?? null,
          handedOverTo: handovers[0]?.collectorName ?? null,
          processingRestricted: patient.processingRestricted,
        });
      }
      const patients = [...new Set(items.map((i) => i.patientId))];
      await audit.append(
        tx,
        ctx,
        patients.length
          ? patients.map((p) =>
              auditEntry({
                purpose: 'billing',
                action: 'billing.debt_list',
                entityType: 'patient',
                entityId: p,
                patientRef: p,
              }),
            )
          : [
              auditEntry({
                purpose: 'billing',
                action: 'billing.debt_list',
                entityType: 'invoice',
                details: { results: 0 },
              }),
            ],
      );
      return { asOf: day, items };
    });
  }

  async function overdueBundle(tx: DbOrTx, ctx: AccessContext, invoiceId: string) {
    const b = await loadBundle(tx, ctx.clinicId, invoiceId, true);
    if (b.invoice.kind !== 'invoice') throw new ValidationError('invoiceId', 'not an invoice');
    const open = patientOpenCents(b);
    if (open <= 0) throw new ConflictError('nothing is owed on this invoice');
    const today = await kit.today(tx, ctx.clinicId);
    if (b.invoice.dueDate >= today) throw new ConflictError(`the invoice is not overdue (due ${b.invoice.dueDate})`);
    return { b, open };
  }

  /**
   * A reminder of an unpaid bill, on the clinic's legitimate interest. Refused while the patient
   * has restricted processing (GDPR Art. 18): the refusal is recorded too.
   */
  async function sendDebtNotice(ctx: AccessContext, invoiceId: string, raw: unknown) {
    requireRole(ctx, BILLING_ROLES, 'send debt notices');
    const input = parseInput(debtNoticeInput, raw);
    const result = await kit.transaction(ctx, async (tx) => {
      const { b, open } = await overdueBundle(tx, ctx, invoiceId);
      const { patient, grant } = await patientFor(tx, ctx, b.invoice.patientId, 'billing.debt_notice');
      if (patient.processingRestricted) return { refused: true as const, patientId: patient.id };
      if (input.channel === 'email' && !patient.email)
        throw new ValidationError('channel', 'the patient has no e-mail address; send a letter');
      const id = newId();
      const clinic = await kit.clinic(tx, ctx.clinicId);
      await repo.insertNotice(tx, {
        clinicId: ctx.clinicId,
        id,
        invoiceId,
        patientId: patient.id,
        channel: input.channel,
        amountCents: open,
        legalBasis: 'GDPR Art. 6(1)(f) legitimate interest: collecting payment for services provided',
        sentAt: clock.now(),
        sentBy: ctx.user?.id ?? null,
      });
      await audit.append(tx, ctx, [
        auditEntry(
          {
            action: 'billing.debt_notice',
            entityType: 'invoice',
            entityId: invoiceId,
            patientRef: patient.id,
            purpose: 'debt_collection',
            details: { channel: input.channel },
          },
          grant,
        ),
      ]);
      const text = (noticeText[b.invoice.language] ?? noticeText.et!)(
        b.invoice.number,
        formatEuros(open),
        b.invoice.dueDate,
        clinic.name,
      );
      // With a mailer the e-mail goes now, inside the transaction: a failed send records no notice.
      // Without one (or for a letter) the text is returned to be printed or sent by hand.
      let sent = false;
      if (input.channel === 'email' && kit.mailer) {
        await kit.mailer.send({ to: patient.email!, subject: text.split(':')[0]!, text });
        sent = true;
      }
      return {
        refused: false as const,
        notice: {
          id,
          channel: input.channel,
          amount: formatEuros(open),
          to: input.channel === 'email' ? patient.email : null,
          text,
          sent,
        },
      };
    });
    if (result.refused) {
      await audit.appendRefusal(
        db,
        ctx,
        auditEntry({
          action: 'billing.debt_notice',
          entityType: 'invoice',
          entityId: invoiceId,
          patientRef: result.patientId,
          purpose: 'debt_collection',
          details: { refused: 'processing restricted' },
        }),
      );
      throw new ConflictError(
        "processing of this patient's data is restricted: no debt notices are sent while the restriction lasts",
      );
    }
    return result.notice;
  }

  /**
   * Hands an overdue debt to a collection agency: a disclosure of personal data to a third party,
   * recorded with the recipient, the fields sent and the legal basis. Allowed under a restriction
   * of processing, which does not stop the defence of legal claims (GDPR Art. 18(2)).
   */
  async function handOverDebt(ctx: AccessContext, invoiceId: string, raw: unknown) {
    requireRole(ctx, ['accountant', 'admin'], 'hand debts over to a collector');
    const input = parseInput(handoverInput, raw);
    return kit.transaction(ctx, async (tx) => {
      const { b, open } = await overdueBundle(tx, ctx, invoiceId);
      const { patient, grant } = await patientFor(tx, ctx, b.invoice.patientId, 'billing.debt_handover');
      if ((await repo.handovers(tx, ctx.clinicId, [invoiceId])).length)
        throw new ConflictError('this debt has already been handed over');
      const id = newId();
      const legalBasis =
        'GDPR Art. 6(1)(f) legitimate interest; Võlaõigusseadus (Law of Obligations Act): claim for payment';
      await repo.insertHandover(tx, {
        clinicId: ctx.clinicId,
        id,
        invoiceId,
        patientId: patient.id,
        collectorName: input.collectorName,
        collectorRegistryCode: input.collectorRegistryCode ?? null,
        amountCents: open,
        disclosedFields: [...HANDOVER_FIELDS],
        legalBasis,
        handedOverAt: clock.now(),
        handedOverBy: ctx.user?.id ?? null,
      });
      await kit.disclosures.record(
        tx,
        ctx,
        patient.id,
        {
          recipientKind: 'debt_collector',
          recipientName: input.collectorName,
          recipientRegistryCode: input.collectorRegistryCode,
          legalBasis,
          categories: ['name', 'national_id', 'contact', 'financial'],
          fields: [...HANDOVER_FIELDS],
          note: `invoice ${b.invoice.number}`,
        },
        { type: 'debt_handover', id, purpose: 'debt_collection' },
        grant,
      );
      return {
        id,
        collector: input.collectorName,
        amount: formatEuros(open),
        disclosedFields: [...HANDOVER_FIELDS],
        legalBasis,
        claim: {
          debtor: kit.patientName(patient),
          idCode: kit.patientIdCode(patient),
          email: patient.email,
          mobile: patient.mobile,
          address: [patient.addressStreet, patient.addressCity, patient.addressPostalCode, patient.addressCountry]
            .filter(Boolean)
            .join(', '),
          invoiceNumber: b.invoice.number,
          invoiceDate: b.invoice.invoiceDate,
          dueDate: b.invoice.dueDate,
          amountDue: formatEuros(open),
        },
      };
    });
  }

  return { recordPayment, debts, sendDebtNotice, handOverDebt };
}
