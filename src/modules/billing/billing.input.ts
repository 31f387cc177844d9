import { z } from 'zod';
import { isoDate, moneyDate } from '../../platform/input';
import { benefitGroups } from '../../rules/dental-benefits';
import { paymentMethods } from './billing.schema';
import { evidencedGroups, priceItemKinds } from './billing-charges.schema';

/**
 * Request bodies of billing. Amounts travel as euro strings ("120.00", at most two decimals) and
 * become integer cents in the service (billing.money), so a third decimal is a 400, not a rounding.
 */
export const euros = z
  .string()
  .trim()
  .regex(/^\d{1,9}([.,]\d+)?$/, 'expected an amount in euros like 120.00')
  .refine((s) => !/[.,]\d{3,}$/.test(s), 'has more than two decimals');

const name = z.string().trim().min(1, 'required').max(200);

export const priceItemInput = z.strictObject({
  code: z.string().trim().min(1).max(40),
  kind: z.enum(priceItemKinds).default('service'),
  names: z.strictObject({ et: name, lv: name, en: name, ru: name }),
  price: euros,
  benefitEligible: z.boolean(),
  validFrom: isoDate,
  validTo: isoDate.nullable().optional(),
});

export const groupEvidenceInput = z.strictObject({
  group: z.enum(evidencedGroups),
  evidence: z.string().trim().min(3, 'say what shows it (document, decision, register)').max(500),
  validFrom: isoDate,
  validTo: isoDate.nullable().optional(),
});

export const usedElsewhereInput = z.strictObject({
  year: z.number().int().min(2017).max(2100),
  amount: euros,
  source: z.enum(['patient', 'state_portal']),
  confirmedOn: moneyDate,
});

export const renderedServicesInput = z.strictObject({
  patientId: z.uuid(),
  /** The queue entry or booking this visit came from; a new visit id is made when omitted. */
  visitId: z.uuid().optional(),
  visitDate: moneyDate,
  services: z
    .array(
      z.strictObject({ code: z.string().trim().min(1).max(40), quantity: z.number().int().min(1).max(99).default(1) }),
    )
    .min(1)
    .max(100),
});

export const issueInvoiceInput = z.strictObject({
  visitId: z.uuid(),
  invoiceDate: moneyDate.optional(),
  /** Visit fee in euros; the clinic's visit-fee price item is used when omitted. */
  visitFee: euros.optional(),
  group: z.enum(benefitGroups).optional(),
  /** A benefit other than the most allowed, per service code. */
  benefits: z.record(z.string(), euros).optional(),
  payers: z
    .array(z.strictObject({ billPayerId: z.uuid(), amount: euros }))
    .max(5)
    .optional(),
  language: z.enum(['et', 'lv', 'en', 'ru']).optional(),
});
export type IssueInvoiceInput = z.infer<typeof issueInvoiceInput>;

export const creditNoteInput = z.strictObject({
  reason: z.string().trim().min(3, 'say why the invoice is corrected').max(500),
  date: moneyDate.optional(),
  /** Amounts per line of the invoice; omitted credits everything that still stands. */
  lines: z
    .array(z.strictObject({ lineNo: z.number().int().min(1), amount: euros }))
    .min(1)
    .max(200)
    .optional(),
});

export const paymentInput = z.strictObject({
  method: z.enum(paymentMethods),
  amount: euros,
  paidOn: moneyDate.optional(),
  billPayerId: z.uuid().optional(),
  reference: z.string().trim().max(200).optional(),
});

export const debtNoticeInput = z.strictObject({ channel: z.enum(['email', 'letter']) });

export const handoverInput = z.strictObject({
  collectorName: z.string().trim().min(2).max(200),
  collectorRegistryCode: z.string().trim().max(40).optional(),
});

export const instalmentInput = z.strictObject({
  invoiceId: z.uuid().optional(),
  creditProvider: z.string().trim().min(2).max(200),
  monthlyIncome: euros,
  monthlyObligations: euros,
  occupation: z.string().trim().max(200).optional(),
  workplace: z.string().trim().max(200).optional(),
});

export const monthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month YYYY-MM');
