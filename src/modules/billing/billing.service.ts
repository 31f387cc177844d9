import type { AccessContext } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import { newId } from '../../platform/crypto';
import { ConflictError, ValidationError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import { groupEvidenceInput, priceItemInput, renderedServicesInput, usedElsewhereInput } from './billing.input';
import { createInstalmentOperations } from './billing.instalments';
import { createInvoiceOperations } from './billing.invoices';
import {
  BILLING_ROLES,
  type BillingServiceDeps,
  createBillingKit,
  PRICE_LIST_ROLES,
  SERVICE_RECORDERS,
} from './billing.kit';
import { formatEuros, parseEuros } from './billing.money';
import { createPaymentOperations } from './billing.payments';
import { benefitPosition } from './billing.position';
import { checkQuoteDate, checkRulesInForce } from './billing.quote';
import { createReportOperations } from './billing.reports';
import type { PriceItemRow } from './billing.repository';

export type { BillingServiceDeps } from './billing.kit';

export const priceItemView = (p: PriceItemRow) => ({
  id: p.id,
  code: p.code,
  kind: p.kind,
  names: { et: p.nameEt, lv: p.nameLv, en: p.nameEn, ru: p.nameRu },
  price: formatEuros(p.priceCents),
  priceCents: p.priceCents,
  benefitEligible: p.benefitEligible,
  validFrom: p.validFrom,
  validTo: p.validTo,
});

export type BillingService = ReturnType<typeof createBillingService>;

export function createBillingService(deps: BillingServiceDeps) {
  const kit = createBillingKit(deps);
  const { db, repo, audit, clock, requireRole, patientFor } = kit;

  async function priceList(ctx: AccessContext, on?: string) {
    requireRole(ctx, [...BILLING_ROLES, 'doctor'], 'see the price list');
    if (on) checkQuoteDate(on, 'on');
    return (await repo.priceList(db, ctx.clinicId, on)).map(priceItemView);
  }

  async function addPriceItem(ctx: AccessContext, raw: unknown) {
    requireRole(ctx, PRICE_LIST_ROLES, 'change the price list');
    const input = parseInput(priceItemInput, raw);
    const priceCents = parseEuros(input.price, 'price');
    if (input.validTo && input.validTo < input.validFrom)
      throw new ValidationError('validTo', 'cannot end before it starts');
    if (input.kind === 'visit_fee' && input.benefitEligible)
      throw new ValidationError('benefitEligible', 'the visit fee is never paid by the benefit');
    const id = newId();
    return kit.transaction(ctx, async (tx) => {
      // A new price for a code closes the one in force the day before.
      const current = await repo.priceItemByCode(tx, ctx.clinicId, input.code, input.validFrom);
      if (current && current.validFrom === input.validFrom)
        throw new ConflictError(`${input.code} already has a price from ${input.validFrom}`);
      if (current) await repo.endPriceItem(tx, ctx.clinicId, current.id, dayBefore(input.validFrom));
      // Slotted in before a later price: it ends where that one starts, so two prices never overlap.
      const later = (await repo.priceList(tx, ctx.clinicId))
        .filter((p) => p.code === input.code && p.validFrom > input.validFrom)
        .sort((a, b) => a.validFrom.localeCompare(b.validFrom))[0];
      const validTo =
        later && (!input.validTo || input.validTo >= later.validFrom)
          ? dayBefore(later.validFrom)
          : (input.validTo ?? null);
      await repo.insertPriceItem(tx, {
        clinicId: ctx.clinicId,
        id,
        code: input.code,
        kind: input.kind,
        nameEt: input.names.et,
        nameLv: input.names.lv,
        nameEn: input.names.en,
        nameRu: input.names.ru,
        priceCents,
        benefitEligible: input.benefitEligible,
        validFrom: input.validFrom,
        validTo,
        createdAt: clock.now(),
        createdBy: ctx.user?.id ?? null,
      });
      await audit.append(tx, ctx, [
        auditEntry({
          purpose: 'billing',
          action: 'price_list.add',
          entityType: 'price_list_item',
          entityId: id,
          details: { code: input.code, replaced: current?.id ?? null },
        }),
      ]);
      return priceItemView((await repo.priceItem(tx, ctx.clinicId, id))!);
    });
  }

  async function addGroupEvidence(ctx: AccessContext, patientId: string, raw: unknown) {
    requireRole(ctx, [...BILLING_ROLES, 'doctor'], 'record a benefit group');
    const input = parseInput(groupEvidenceInput, raw);
    if (input.validTo && input.validTo < input.validFrom)
      throw new ValidationError('validTo', 'cannot end before it starts');
    const id = newId();
    return kit.transaction(ctx, async (tx) => {
      const { grant } = await patientFor(tx, ctx, patientId, 'billing.group_add');
      await repo.insertGroupEvidence(tx, {
        clinicId: ctx.clinicId,
        id,
        patientId,
        benefitGroup: input.group,
        evidence: input.evidence,
        validFrom: input.validFrom,
        validTo: input.validTo ?? null,
        recordedAt: clock.now(),
        recordedBy: ctx.user?.id ?? null,
      });
      await audit.append(tx, ctx, [
        auditEntry(
          {
            purpose: 'billing',
            action: 'billing.group_add',
            entityType: 'patient_benefit_group',
            entityId: id,
            patientRef: patientId,
            details: { group: input.group },
          },
          grant,
        ),
      ]);
      return { id, ...input, validTo: input.validTo ?? null };
    });
  }

  async function recordUsedElsewhere(ctx: AccessContext, patientId: string, raw: unknown) {
    requireRole(ctx, BILLING_ROLES, 'record benefit used elsewhere');
    const input = parseInput(usedElsewhereInput, raw);
    const amountCents = parseEuros(input.amount, 'amount');
    const id = newId();
    return kit.transaction(ctx, async (tx) => {
      const { grant } = await patientFor(tx, ctx, patientId, 'billing.used_elsewhere');
      await repo.insertUsedElsewhere(tx, {
        clinicId: ctx.clinicId,
        id,
        patientId,
        year: input.year,
        amountCents,
        source: input.source,
        confirmedOn: input.confirmedOn,
        recordedAt: clock.now(),
        recordedBy: ctx.user?.id ?? null,
      });
      await audit.append(tx, ctx, [
        auditEntry(
          {
            purpose: 'billing',
            action: 'billing.used_elsewhere',
            entityType: 'benefit_used_elsewhere',
            entityId: id,
            patientRef: patientId,
          },
          grant,
        ),
      ]);
      return { id, year: input.year, amount: formatEuros(amountCents), source: input.source };
    });
  }

  /** Group, yearly benefit, used (here and elsewhere) and balance on a day. */
  async function benefitStatus(ctx: AccessContext, patientId: string, on?: string) {
    requireRole(ctx, [...BILLING_ROLES, 'doctor'], 'see the dental benefit');
    return kit.transaction(ctx, async (tx) => {
      const date = on ?? (await kit.today(tx, ctx.clinicId));
      const fundApplies = (await kit.clinic(tx, ctx.clinicId)).country === 'EE';
      if (fundApplies) checkRulesInForce(date, 'on');
      else checkQuoteDate(date, 'on');
      const { patient, grant } = await patientFor(tx, ctx, patientId, 'billing.benefit_status');
      await audit.append(tx, ctx, [
        auditEntry(
          {
            purpose: 'billing',
            action: 'billing.benefit_status',
            entityType: 'patient',
            entityId: patientId,
            patientRef: patientId,
          },
          grant,
        ),
      ]);
      if (!fundApplies)
        return {
          date,
          fundApplies,
          group: 'none',
          reason: 'the Estonian Health Insurance Fund pays benefits only at Estonian clinics',
        };
      const pos = await benefitPosition(kit, tx, ctx.clinicId, patient, date);
      const evidence = await repo.groupEvidence(tx, ctx.clinicId, patientId);
      const eur = (c: number | null) => (c === null ? null : formatEuros(c));
      return {
        date,
        fundApplies: true,
        group: pos.group,
        applicable: pos.decision.applicable,
        reason: pos.decision.reason,
        year: pos.year,
        yearly: eur(pos.yearlyCents),
        usedHere: eur(pos.usedHereCents),
        usedElsewhere: eur(pos.usedElsewhereCents),
        balance: eur(pos.balanceCents),
        prosthesisLeft: eur(pos.prosthesisLeftCents),
        prosthesisPeriodStartedOn: pos.prosthesisPeriodStartedOn,
        evidence: evidence.map((e) => ({
          id: e.id,
          group: e.benefitGroup,
          evidence: e.evidence,
          validFrom: e.validFrom,
          validTo: e.validTo,
        })),
      };
    });
  }

  /** A doctor records what was done at a visit, by price-list code; prices are those in force that day. */
  async function recordServices(ctx: AccessContext, raw: unknown) {
    requireRole(ctx, SERVICE_RECORDERS, 'record services');
    const input = parseInput(renderedServicesInput, raw);
    const visitId = input.visitId ?? newId();
    return kit.transaction(ctx, async (tx) => {
      const { grant } = await patientFor(tx, ctx, input.patientId, 'billing.services_record', 'health');
      if (await repo.invoiceOfVisit(tx, ctx.clinicId, visitId))
        throw new ConflictError('this visit is already invoiced; record the services on a new visit');
      const existing = await repo.renderedServices(tx, ctx.clinicId, visitId);
      if (existing.some((e) => e.service.patientId !== input.patientId))
        throw new ConflictError('this visit belongs to another patient');
      const rows = [];
      for (const [i, s] of input.services.entries()) {
        const item = await repo.priceItemByCode(tx, ctx.clinicId, s.code, input.visitDate);
        if (!item)
          throw new ValidationError(`services.${i}.code`, `${s.code} is not on the price list on ${input.visitDate}`);
        rows.push({
          clinicId: ctx.clinicId,
          id: newId(),
          visitId,
          patientId: input.patientId,
          visitDate: input.visitDate,
          doctorId: ctx.user?.id ?? null,
          priceItemId: item.id,
          quantity: s.quantity,
          recordedAt: clock.now(),
          recordedBy: ctx.user?.id ?? null,
        });
      }
      await repo.insertRenderedServices(tx, rows);
      await audit.append(tx, ctx, [
        auditEntry(
          {
            action: 'billing.services_record',
            entityType: 'visit',
            entityId: visitId,
            patientRef: input.patientId,
            purpose: 'care',
            details: { services: rows.length },
          },
          grant,
        ),
      ]);
      return { visitId, services: rows.length };
    });
  }

  /** Visits whose services wait for an invoice: reception's work list. */
  async function pendingVisits(ctx: AccessContext) {
    requireRole(ctx, BILLING_ROLES, 'see visits to invoice');
    return kit.transaction(ctx, async (tx) => {
      const rows = await repo.pendingVisits(tx, ctx.clinicId);
      const items = [];
      for (const r of rows) {
        const patient = await kit.patients.find(tx, ctx.clinicId, r.patientId);
        items.push({ ...r, services: Number(r.services), patientName: patient ? kit.patientName(patient) : null });
      }
      const patients = [...new Set(rows.map((r) => r.patientId))];
      if (patients.length)
        await audit.append(
          tx,
          ctx,
          patients.map((p) =>
            auditEntry({
              purpose: 'billing',
              action: 'billing.pending_visits',
              entityType: 'patient',
              entityId: p,
              patientRef: p,
            }),
          ),
        );
      return items;
    });
  }

  const invoices = createInvoiceOperations(kit);
  const paymentsOps = createPaymentOperations(kit);
  const reports = createReportOperations(kit);
  return {
    pendingVisits,
    priceList,
    addPriceItem,
    addGroupEvidence,
    recordUsedElsewhere,
    benefitStatus,
    recordServices,
    ...invoices,
    ...paymentsOps,
    ...createInstalmentOperations(kit),
    ...reports,
  };
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86400000).toISOString().slice(0, 10);
}
