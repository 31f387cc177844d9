import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { classify } from '../../platform/data-categories';
import { clinics } from '../clinics/clinics.schema';
import { priceItemKinds } from './billing-charges.schema';

// Invoices, credit notes and the money owed and paid on them: immutable once issued. What a visit
// is charged: billing-charges.schema.ts.
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });
const clinicId = () =>
  uuid('clinic_id')
    .notNull()
    .references(() => clinics.id);

export const paymentMethods = ['cash', 'card', 'transfer'] as const;
export const shareHolders = ['patient', 'bill_payer', 'fund'] as const;

/**
 * Invoices and credit notes. Written once when issued and never changed: a trigger refuses
 * UPDATE and DELETE (migration billing_immutable). Payments, notices and hand-overs refer to them.
 */
export const invoices = pgTable(
  'invoices',
  {
    clinicId: clinicId(),
    id: uuid('id').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(),
    kind: text('kind', { enum: ['invoice', 'credit_note'] }).notNull(),
    creditsInvoiceId: uuid('credits_invoice_id'),
    patientId: uuid('patient_id').notNull(),
    visitId: uuid('visit_id'),
    invoiceDate: day('invoice_date').notNull(),
    dueDate: day('due_date').notNull(),
    language: text('language', { enum: ['et', 'lv', 'en', 'ru'] }).notNull(),
    benefitGroup: text('benefit_group').notNull(),
    groupReason: text('group_reason').notNull(),
    ruleId: text('rule_id'),
    totalCents: integer('total_cents').notNull(),
    eligibleCents: integer('eligible_cents').notNull(),
    benefitCents: integer('benefit_cents').notNull(),
    patientCents: integer('patient_cents').notNull(),
    reason: text('reason'),
    retainUntil: day('retain_until').notNull(),
    issuedAt: ts('issued_at').notNull(),
    issuedBy: uuid('issued_by'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('invoices_seq_uq').on(t.clinicId, t.seq),
    index('invoices_patient_idx').on(t.clinicId, t.patientId),
    index('invoices_date_idx').on(t.clinicId, t.invoiceDate),
    index('invoices_credits_idx').on(t.clinicId, t.creditsInvoiceId),
    // One invoice per visit; credit notes carry the visit of the invoice they correct.
    uniqueIndex('invoices_visit_uq')
      .on(t.clinicId, t.visitId)
      .where(sql`${t.kind} = 'invoice' and ${t.visitId} is not null`),
  ],
);

/** Lines as printed, in the patient's language, with the benefit applied line by line. */
export const invoiceLines = pgTable(
  'invoice_lines',
  {
    clinicId: clinicId(),
    invoiceId: uuid('invoice_id').notNull(),
    lineNo: integer('line_no').notNull(),
    kind: text('kind', { enum: priceItemKinds }).notNull(),
    priceItemId: uuid('price_item_id'),
    code: text('code').notNull(),
    description: text('description').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceCents: integer('unit_price_cents').notNull(),
    amountCents: integer('amount_cents').notNull(),
    benefitEligible: boolean('benefit_eligible').notNull(),
    benefitCents: integer('benefit_cents').notNull(),
    /** On a credit note: the line of the credited invoice this line corrects. */
    creditsLineNo: integer('credits_line_no'),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.invoiceId, t.lineNo] })],
);

/** Who owes what of an invoice: the Fund (the benefit), bill payers, and the patient (the rest). */
export const invoiceShares = pgTable(
  'invoice_shares',
  {
    clinicId: clinicId(),
    invoiceId: uuid('invoice_id').notNull(),
    holder: text('holder', { enum: shareHolders }).notNull(),
    // The patient_bill_payers row for a bill payer; empty string for the patient and the Fund keeps the key simple.
    payerRef: text('payer_ref').notNull().default(''),
    payerName: text('payer_name').notNull(),
    amountCents: integer('amount_cents').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.invoiceId, t.holder, t.payerRef] })],
);

/** Gap-free numbering: one row per clinic, locked by the issuing transaction. */
export const invoiceCounters = pgTable(
  'invoice_counters',
  {
    clinicId: clinicId(),
    lastSeq: integer('last_seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clinicId] })],
);

export const payments = pgTable(
  'payments',
  {
    clinicId: clinicId(),
    id: uuid('id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    holder: text('holder', { enum: shareHolders }).notNull(),
    payerRef: text('payer_ref').notNull().default(''),
    method: text('method', { enum: paymentMethods }).notNull(),
    amountCents: integer('amount_cents').notNull(),
    paidOn: day('paid_on').notNull(),
    reference: text('reference'),
    recordedAt: ts('recorded_at').notNull(),
    recordedBy: uuid('recorded_by'),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] }), index('payments_invoice_idx').on(t.clinicId, t.invoiceId)],
);

/** Reminders of an unpaid bill, sent on the clinic's legitimate interest (never under a restriction). */
export const debtNotices = pgTable(
  'debt_notices',
  {
    clinicId: clinicId(),
    id: uuid('id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    channel: text('channel', { enum: ['email', 'letter'] }).notNull(),
    amountCents: integer('amount_cents').notNull(),
    legalBasis: text('legal_basis').notNull(),
    sentAt: ts('sent_at').notNull(),
    sentBy: uuid('sent_by'),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] }), index('debt_notices_invoice_idx').on(t.clinicId, t.invoiceId)],
);

/** A debt handed over to a collection agency: a disclosure of personal data to a third party. */
export const debtHandovers = pgTable(
  'debt_handovers',
  {
    clinicId: clinicId(),
    id: uuid('id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    collectorName: text('collector_name').notNull(),
    collectorRegistryCode: text('collector_registry_code'),
    amountCents: integer('amount_cents').notNull(),
    disclosedFields: text('disclosed_fields').array().notNull(),
    legalBasis: text('legal_basis').notNull(),
    handedOverAt: ts('handed_over_at').notNull(),
    handedOverBy: uuid('handed_over_by'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('debt_handovers_invoice_uq').on(t.clinicId, t.invoiceId),
  ],
);

/**
 * Instalment requests. Income, obligations, occupation and workplace are collected only when the
 * patient asks to pay in instalments, kept here (encrypted) and nowhere else.
 */
export const instalmentRequests = pgTable(
  'instalment_requests',
  {
    clinicId: clinicId(),
    id: uuid('id').notNull(),
    patientId: uuid('patient_id').notNull(),
    invoiceId: uuid('invoice_id'),
    financialDataEnc: text('financial_data_enc').notNull(),
    creditProvider: text('credit_provider').notNull(),
    requestedAt: ts('requested_at').notNull(),
    recordedBy: uuid('recorded_by'),
    disclosedAt: ts('disclosed_at'),
    disclosedBy: uuid('disclosed_by'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('instalment_requests_patient_idx').on(t.clinicId, t.patientId),
  ],
);

export const invoicesColumns = classify(invoices, {
  clinicId: null,
  id: null,
  seq: null,
  number: 'financial',
  kind: null,
  creditsInvoiceId: null,
  patientId: null,
  visitId: null,
  invoiceDate: 'financial',
  dueDate: 'financial',
  language: 'demographic',
  benefitGroup: 'health',
  groupReason: 'health',
  ruleId: null,
  totalCents: 'financial',
  eligibleCents: 'financial',
  benefitCents: 'financial',
  patientCents: 'financial',
  reason: 'financial',
  retainUntil: null,
  issuedAt: null,
  issuedBy: 'access_log',
});
export const invoiceLinesColumns = classify(invoiceLines, {
  clinicId: null,
  invoiceId: null,
  lineNo: null,
  kind: 'health',
  priceItemId: 'health',
  code: 'health',
  description: 'health',
  quantity: 'health',
  unitPriceCents: 'financial',
  amountCents: 'financial',
  benefitEligible: 'financial',
  benefitCents: 'financial',
  creditsLineNo: null,
});
export const invoiceSharesColumns = classify(invoiceShares, {
  clinicId: null,
  invoiceId: null,
  holder: 'financial',
  payerRef: 'financial',
  payerName: 'financial',
  amountCents: 'financial',
});
export const invoiceCountersColumns = classify(invoiceCounters, { clinicId: null, lastSeq: null });
export const paymentsColumns = classify(payments, {
  clinicId: null,
  id: null,
  invoiceId: null,
  holder: 'financial',
  payerRef: 'financial',
  method: 'financial',
  amountCents: 'financial',
  paidOn: 'financial',
  reference: 'financial',
  recordedAt: null,
  recordedBy: 'access_log',
});
export const debtNoticesColumns = classify(debtNotices, {
  clinicId: null,
  id: null,
  invoiceId: null,
  patientId: null,
  channel: 'communication',
  amountCents: 'financial',
  legalBasis: null,
  sentAt: 'communication',
  sentBy: 'access_log',
});
export const debtHandoversColumns = classify(debtHandovers, {
  clinicId: null,
  id: null,
  invoiceId: null,
  patientId: null,
  collectorName: 'financial',
  collectorRegistryCode: 'financial',
  amountCents: 'financial',
  disclosedFields: 'financial',
  legalBasis: null,
  handedOverAt: 'financial',
  handedOverBy: 'access_log',
});
export const instalmentRequestsColumns = classify(instalmentRequests, {
  clinicId: null,
  id: null,
  patientId: null,
  invoiceId: null,
  financialDataEnc: 'financial',
  creditProvider: 'financial',
  requestedAt: 'financial',
  recordedBy: 'access_log',
  disclosedAt: 'financial',
  disclosedBy: 'access_log',
});
