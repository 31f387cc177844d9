import { z } from 'zod';
import { recordId } from '../../platform/http/contract';
import { benefitGroups } from '../../rules/dental-benefits';
import { paymentMethods, shareHolders } from './billing.schema';
import { evidencedGroups, priceItemKinds } from './billing-charges.schema';

/**
 * What billing's routes answer. Amounts travel as euro strings ("120.00"); where a screen sums or
 * compares, the integer cents travel beside them (`…Cents`).
 */
const language = z.enum(['et', 'lv', 'en', 'ru']);
const euros = z.string();
const cents = z.number().int();

export const priceItemOutput = z.object({
  id: recordId,
  code: z.string(),
  kind: z.enum(priceItemKinds),
  names: z.object({ et: z.string(), lv: z.string(), en: z.string(), ru: z.string() }),
  price: euros,
  priceCents: cents,
  benefitEligible: z.boolean(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});

export const quoteOutput = z.object({
  benefit: euros,
  patientShare: euros,
  minimumShare: euros,
  rule: z.string(),
  ruleId: z.string(),
});

const evidenceOutput = z.object({
  id: recordId,
  group: z.enum(evidencedGroups),
  evidence: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});
export const groupEvidenceOutput = evidenceOutput;

/** The Fund does not apply (e.g. no Estonian insurance): only the group and the reason. */
export const benefitStatusOutput = z.object({
  date: z.string(),
  fundApplies: z.boolean(),
  group: z.string(),
  reason: z.string(),
  applicable: z.array(z.enum(benefitGroups)).optional(),
  year: z.number().int().optional(),
  yearly: euros.nullable().optional(),
  usedHere: euros.nullable().optional(),
  usedElsewhere: euros.nullable().optional(),
  balance: euros.nullable().optional(),
  prosthesisLeft: euros.nullable().optional(),
  prosthesisPeriodStartedOn: z.string().nullable().optional(),
  evidence: z.array(evidenceOutput).optional(),
});

export const usedElsewhereOutput = z.object({
  id: recordId,
  year: z.number().int(),
  amount: euros,
  source: z.enum(['patient', 'state_portal']),
});

export const instalmentRequestOutput = z.object({
  id: recordId,
  creditProvider: z.string(),
  disclosedAt: z.string().nullable(),
});

/** What was sent to the credit provider: exactly these fields of the applicant. */
export const instalmentDisclosureOutput = z.object({
  recipient: z.string(),
  fields: z.array(z.string()),
  application: z.object({
    name: z.string(),
    idCode: z.string().nullable(),
    email: z.string().nullable(),
    mobile: z.string().nullable(),
    monthlyIncomeCents: cents,
    monthlyObligationsCents: cents,
    occupation: z.string().nullable(),
    workplace: z.string().nullable(),
  }),
});

export const recordedServicesOutput = z.object({ visitId: recordId, services: z.number().int() });

export const pendingVisitOutput = z.object({
  visitId: recordId,
  patientId: recordId,
  visitDate: z.string(),
  services: z.number().int(),
  patientName: z.string().nullable(),
});

const previewLine = z.object({
  lineNo: z.number().int(),
  kind: z.enum(priceItemKinds),
  code: z.string(),
  description: z.string(),
  quantity: z.number(),
  unitPrice: euros,
  amount: euros,
  benefitEligible: z.boolean(),
  benefit: euros,
});

export const invoicePreviewOutput = z.object({
  total: euros,
  eligible: euros,
  benefit: euros,
  patientShare: euros,
  ruleId: z.string().nullable(),
  balanceAfter: euros.nullable(),
  lines: z.array(previewLine),
  shares: z.array(
    z.object({ holder: z.enum(shareHolders), billPayerId: recordId.nullable(), name: z.string(), amount: euros }),
  ),
  patientId: recordId,
  patientName: z.string(),
  date: z.string(),
  group: z.string(),
  groupReason: z.string(),
  applicableGroups: z.array(z.string()),
  language,
});

export const invoiceOutput = z.object({
  id: recordId,
  number: z.string(),
  kind: z.enum(['invoice', 'credit_note']),
  creditsInvoiceId: recordId.nullable(),
  patientId: recordId,
  visitId: recordId.nullable(),
  invoiceDate: z.string(),
  dueDate: z.string(),
  language,
  group: z.string(),
  groupReason: z.string(),
  ruleId: z.string().nullable(),
  total: euros,
  eligible: euros,
  benefit: euros,
  patientShare: euros,
  totalCents: cents,
  benefitCents: cents,
  patientCents: cents,
  reason: z.string().nullable(),
  issuedAt: z.string(),
  retainUntil: z.string(),
  lines: z.array(
    previewLine.extend({ creditsLineNo: z.number().int().nullable(), amountCents: cents, benefitCents: cents }),
  ),
  shares: z.array(
    z.object({
      holder: z.enum(shareHolders),
      billPayerId: recordId.nullable(),
      name: z.string(),
      amount: euros,
      paid: euros,
      open: euros,
      amountCents: cents,
      openCents: cents,
    }),
  ),
  creditNotes: z.array(
    z.object({ id: recordId, number: z.string(), date: z.string(), total: euros, reason: z.string().nullable() }),
  ),
  payments: z.array(
    z.object({
      id: recordId,
      holder: z.enum(shareHolders),
      billPayerId: recordId.nullable(),
      method: z.enum(paymentMethods),
      amount: euros,
      paidOn: z.string(),
      reference: z.string().nullable(),
    }),
  ),
  patientOpen: euros,
  patientOpenCents: cents,
  paid: z.boolean(),
});

export const invoiceListItemOutput = z.object({
  id: recordId,
  number: z.string(),
  kind: z.enum(['invoice', 'credit_note']),
  invoiceDate: z.string(),
  dueDate: z.string(),
  patientId: recordId,
  visitId: recordId.nullable(),
  group: z.string(),
  total: euros,
  benefit: euros,
  patientShare: euros,
});

export const invoiceMailedOutput = z.object({ sentTo: z.string(), messageId: z.string() });

export const debtsOutput = z.object({
  asOf: z.string(),
  items: z.array(
    z.object({
      invoiceId: recordId,
      number: z.string(),
      invoiceDate: z.string(),
      dueDate: z.string(),
      patientId: recordId,
      patientName: z.string(),
      open: euros,
      openCents: cents,
      daysOverdue: z.number().int(),
      notices: z.number().int(),
      lastNoticeAt: z.string().nullable(),
      /** The collection agency the debt was handed to, if it was. */
      handedOverTo: z.string().nullable(),
      processingRestricted: z.boolean(),
    }),
  ),
});

export const debtNoticeOutput = z.object({
  id: recordId,
  channel: z.enum(['email', 'letter']),
  amount: euros,
  to: z.string().nullable(),
  text: z.string(),
  sent: z.boolean(),
});

/** A recorded disclosure to a collection agency: the fields disclosed and the claim as sent. */
export const handoverOutput = z.object({
  id: recordId,
  collector: z.string(),
  amount: euros,
  disclosedFields: z.array(z.string()),
  legalBasis: z.string(),
  claim: z.object({
    debtor: z.string(),
    idCode: z.string().nullable(),
    email: z.string().nullable(),
    mobile: z.string().nullable(),
    address: z.string(),
    invoiceNumber: z.string(),
    invoiceDate: z.string(),
    dueDate: z.string(),
    amountDue: euros,
  }),
});

export const benefitReportOutput = z.object({
  month: z.string(),
  total: euros,
  totalCents: cents,
  groups: z.array(z.object({ group: z.string(), invoices: z.number().int(), benefit: euros, benefitCents: cents })),
  items: z.array(
    z.object({
      number: z.string(),
      kind: z.enum(['invoice', 'credit_note']),
      date: z.string(),
      group: z.string(),
      rule: z.string().nullable(),
      idCode: z.string().nullable(),
      patientName: z.string(),
      eligible: euros,
      benefit: euros,
    }),
  ),
});
