import { z } from 'zod';
import { binaryBody, itemsOf, textBody } from '../../platform/http/contract';
import { type App, accessContext } from '../../platform/http/server';
import { isoDate } from '../../platform/input';
import { benefitGroups } from '../../rules/dental-benefits';
import {
  creditNoteInput,
  debtNoticeInput,
  euros,
  groupEvidenceInput,
  handoverInput,
  instalmentInput,
  issueInvoiceInput,
  monthParam,
  paymentInput,
  priceItemInput,
  renderedServicesInput,
  usedElsewhereInput,
} from './billing.input';
import { formatEuros, parseEuros } from './billing.money';
import {
  benefitReportOutput,
  benefitStatusOutput,
  debtNoticeOutput,
  debtsOutput,
  groupEvidenceOutput,
  handoverOutput,
  instalmentDisclosureOutput,
  instalmentRequestOutput,
  invoiceListItemOutput,
  invoiceMailedOutput,
  invoiceOutput,
  invoicePreviewOutput,
  pendingVisitOutput,
  priceItemOutput,
  quoteOutput,
  recordedServicesOutput,
  usedElsewhereOutput,
} from './billing.output';
import { quoteBenefit } from './billing.quote';
import type { BillingService } from './billing.service';

const tags = ['billing'];
const idParam = z.object({ id: z.uuid({ message: 'not an id' }) });

/** Billing over HTTP: every handler hands the access context to the service, which checks and audits. */
export function billingRoutes(billing: BillingService) {
  return async (app: App) => {
    app.get(
      '/api/billing/price-list',
      {
        schema: {
          tags,
          summary: 'The price list (in force on a day when `on` is given)',
          querystring: z.object({ on: isoDate.optional() }),
          response: { 200: itemsOf(priceItemOutput) },
        },
      },
      async (req) => ({ items: await billing.priceList(accessContext(req), req.query.on) }),
    );

    app.post(
      '/api/billing/price-list',
      {
        schema: {
          tags,
          summary: 'Add a service or a new price from a date',
          body: priceItemInput,
          response: { 201: priceItemOutput },
        },
      },
      async (req, reply) => {
        reply.status(201);
        return billing.addPriceItem(accessContext(req), req.body);
      },
    );

    app.post(
      '/api/billing/quote',
      {
        schema: {
          tags,
          summary: 'Benefit and patient share for an eligible amount (no patient data)',
          body: z.strictObject({ date: isoDate, group: z.enum(benefitGroups), amount: euros, used: euros.optional() }),
          response: { 200: quoteOutput },
        },
      },
      async (req) => {
        accessContext(req);
        const q = quoteBenefit({
          date: req.body.date,
          group: req.body.group,
          eligibleCents: parseEuros(req.body.amount, 'amount'),
          usedCents: parseEuros(req.body.used ?? '0', 'used'),
        });
        return {
          benefit: formatEuros(q.benefitCents),
          patientShare: formatEuros(q.patientShareCents),
          minimumShare: formatEuros(q.minPatientShareCents),
          rule: q.rule.description,
          ruleId: q.rule.id,
        };
      },
    );

    app.get(
      '/api/billing/patients/:id/benefit',
      {
        schema: {
          tags,
          summary: 'Benefit group, yearly benefit used and left',
          params: idParam,
          querystring: z.object({ on: isoDate.optional() }),
          response: { 200: benefitStatusOutput },
        },
      },
      async (req) => billing.benefitStatus(accessContext(req), req.params.id, req.query.on),
    );

    app.post(
      '/api/billing/patients/:id/groups',
      {
        schema: {
          tags,
          summary: 'Record evidence of a benefit group',
          params: idParam,
          body: groupEvidenceInput,
          response: { 201: groupEvidenceOutput },
        },
      },
      async (req, reply) => {
        reply.status(201);
        return billing.addGroupEvidence(accessContext(req), req.params.id, req.body);
      },
    );

    app.post(
      '/api/billing/patients/:id/benefit-used-elsewhere',
      {
        schema: {
          tags,
          summary: 'Benefit used at other clinics this year',
          params: idParam,
          body: usedElsewhereInput,
          response: { 201: usedElsewhereOutput },
        },
      },
      async (req, reply) => {
        reply.status(201);
        return billing.recordUsedElsewhere(accessContext(req), req.params.id, req.body);
      },
    );

    app.post(
      '/api/billing/patients/:id/instalments',
      {
        schema: {
          tags,
          summary: 'Instalment request with its financial data',
          params: idParam,
          body: instalmentInput,
          response: { 201: instalmentRequestOutput },
        },
      },
      async (req, reply) => {
        reply.status(201);
        return billing.requestInstalments(accessContext(req), req.params.id, req.body);
      },
    );

    app.post(
      '/api/billing/instalments/:id/disclose',
      {
        schema: {
          tags,
          summary: 'Send the instalment application to the credit provider',
          params: idParam,
          response: { 200: instalmentDisclosureOutput },
        },
      },
      async (req) => billing.discloseInstalments(accessContext(req), req.params.id),
    );

    app.post(
      '/api/billing/visits/services',
      {
        schema: {
          tags,
          summary: 'Record the services done at a visit',
          body: renderedServicesInput,
          response: { 201: recordedServicesOutput },
        },
      },
      async (req, reply) => {
        reply.status(201);
        return billing.recordServices(accessContext(req), req.body);
      },
    );

    app.get(
      '/api/billing/visits/pending',
      {
        schema: {
          tags,
          summary: 'Visits whose services are not invoiced yet',
          response: { 200: itemsOf(pendingVisitOutput) },
        },
      },
      async (req) => ({ items: await billing.pendingVisits(accessContext(req)) }),
    );

    app.post(
      '/api/billing/invoices/preview',
      {
        schema: {
          tags,
          summary: 'What the invoice of a visit would be',
          body: issueInvoiceInput,
          response: { 200: invoicePreviewOutput },
        },
      },
      async (req) => billing.previewInvoice(accessContext(req), req.body),
    );

    app.post(
      '/api/billing/invoices',
      {
        schema: {
          tags,
          summary: 'Issue the invoice of a visit',
          body: issueInvoiceInput,
          response: { 201: invoiceOutput },
        },
      },
      async (req, reply) => {
        reply.status(201);
        return billing.issueInvoice(accessContext(req), req.body);
      },
    );

    app.get(
      '/api/billing/invoices',
      {
        schema: {
          tags,
          querystring: z.object({
            patientId: z.uuid().optional(),
            from: isoDate.optional(),
            to: isoDate.optional(),
            limit: z.coerce.number().int().min(1).max(1000).optional(),
          }),
          response: { 200: itemsOf(invoiceListItemOutput) },
        },
      },
      async (req) => ({ items: await billing.listInvoices(accessContext(req), req.query) }),
    );

    app.get(
      '/api/billing/invoices/:id',
      { schema: { tags, params: idParam, response: { 200: invoiceOutput } } },
      async (req) => billing.getInvoice(accessContext(req), req.params.id),
    );

    app.get(
      '/api/billing/invoices/:id/pdf',
      {
        schema: {
          tags,
          summary: "The invoice as PDF in the patient's language",
          params: idParam,
          response: { 200: binaryBody('application/pdf', 'The invoice as PDF') },
        },
      },
      async (req, reply) => {
        const pdf = await billing.invoicePdf(accessContext(req), req.params.id);
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="invoice-${req.params.id}.pdf"`)
          .send(pdf);
      },
    );

    app.post(
      '/api/billing/invoices/:id/email',
      {
        schema: {
          tags,
          summary: 'E-mail the invoice PDF to the patient',
          params: idParam,
          response: { 200: invoiceMailedOutput },
        },
      },
      async (req) => billing.emailInvoice(accessContext(req), req.params.id),
    );

    app.post(
      '/api/billing/invoices/:id/credit-notes',
      {
        schema: {
          tags,
          summary: 'Correct an issued invoice',
          params: idParam,
          body: creditNoteInput,
          response: { 201: invoiceOutput },
        },
      },
      async (req, reply) => {
        reply.status(201);
        return billing.issueCreditNote(accessContext(req), req.params.id, req.body);
      },
    );

    app.post(
      '/api/billing/invoices/:id/payments',
      {
        schema: {
          tags,
          summary: 'Record a payment (cash, card, transfer; partial allowed)',
          params: idParam,
          body: paymentInput,
          response: { 201: invoiceOutput },
        },
      },
      async (req, reply) => {
        reply.status(201);
        return billing.recordPayment(accessContext(req), req.params.id, req.body);
      },
    );

    app.get(
      '/api/billing/debts',
      {
        schema: {
          tags,
          summary: 'Overdue patient shares',
          querystring: z.object({ asOf: isoDate.optional() }),
          response: { 200: debtsOutput },
        },
      },
      async (req) => billing.debts(accessContext(req), req.query.asOf),
    );

    app.post(
      '/api/billing/invoices/:id/debt-notices',
      {
        schema: {
          tags,
          summary: 'Send a reminder of an unpaid bill',
          params: idParam,
          body: debtNoticeInput,
          response: { 201: debtNoticeOutput },
        },
      },
      async (req, reply) => {
        reply.status(201);
        return billing.sendDebtNotice(accessContext(req), req.params.id, req.body);
      },
    );

    app.post(
      '/api/billing/invoices/:id/handover',
      {
        schema: {
          tags,
          summary: 'Hand the debt to a collection agency (a recorded disclosure)',
          params: idParam,
          body: handoverInput,
          response: { 201: handoverOutput },
        },
      },
      async (req, reply) => {
        reply.status(201);
        return billing.handOverDebt(accessContext(req), req.params.id, req.body);
      },
    );

    app.get(
      '/api/billing/reports/benefits',
      {
        schema: {
          tags,
          summary: 'Benefits claimed from the Fund in a month',
          querystring: z.object({ month: monthParam }),
          response: { 200: benefitReportOutput },
        },
      },
      async (req) => billing.benefitReport(accessContext(req), req.query.month),
    );

    app.get(
      '/api/billing/exports/accounting.csv',
      {
        schema: {
          tags,
          summary: 'Invoices of a period for bookkeeping',
          querystring: z.object({ from: isoDate, to: isoDate }),
          response: { 200: textBody('text/csv', 'The invoices of the period, one line each') },
        },
      },
      async (req, reply) => {
        const csv = await billing.accountingCsv(accessContext(req), req.query);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="hoidja-${req.query.from}-${req.query.to}.csv"`)
          .send(csv);
      },
    );
  };
}

/** What src/app.ts registers: the service built from the shared platform services, and its routes. */
