import type { AccessContext } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import { newId } from '../../platform/crypto';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import { instalmentInput } from './billing.input';
import { BILLING_ROLES, type BillingKit } from './billing.kit';
import { parseEuros } from './billing.money';

/** Paying in instalments through a credit provider: the patient's financial data, and its disclosure. */
export function createInstalmentOperations(kit: BillingKit) {
  const { repo, audit, clock, requireRole, patientFor } = kit;

  /** Financial data collected only because the patient asked for instalments; kept encrypted on its own. */
  async function requestInstalments(ctx: AccessContext, patientId: string, raw: unknown) {
    requireRole(ctx, BILLING_ROLES, 'take instalment requests');
    const input = parseInput(instalmentInput, raw);
    const data = {
      monthlyIncomeCents: parseEuros(input.monthlyIncome, 'monthlyIncome'),
      monthlyObligationsCents: parseEuros(input.monthlyObligations, 'monthlyObligations'),
      occupation: input.occupation ?? null,
      workplace: input.workplace ?? null,
    };
    return kit.transaction(ctx, async (tx) => {
      const { grant } = await patientFor(tx, ctx, patientId, 'billing.instalment_request');
      if (input.invoiceId) {
        const inv = await repo.invoice(tx, ctx.clinicId, input.invoiceId);
        if (!inv || inv.patientId !== patientId)
          throw new ValidationError('invoiceId', 'not an invoice of this patient');
      }
      const id = newId();
      await repo.insertInstalmentRequest(tx, {
        clinicId: ctx.clinicId,
        id,
        patientId,
        invoiceId: input.invoiceId ?? null,
        financialDataEnc: kit.cipher.encryptJson(data),
        creditProvider: input.creditProvider,
        requestedAt: clock.now(),
        recordedBy: ctx.user?.id ?? null,
      });
      await audit.append(tx, ctx, [
        auditEntry(
          {
            action: 'billing.instalment_request',
            entityType: 'instalment_request',
            entityId: id,
            patientRef: patientId,
            purpose: 'instalment_financing',
          },
          grant,
        ),
      ]);
      return { id, creditProvider: input.creditProvider, disclosedAt: null };
    });
  }

  /** Sends the instalment application to the credit provider: a recorded disclosure. */
  async function discloseInstalments(ctx: AccessContext, requestId: string) {
    requireRole(ctx, ['accountant', 'admin'], 'send instalment applications');
    return kit.transaction(ctx, async (tx) => {
      const r = await repo.instalmentRequest(tx, ctx.clinicId, requestId);
      if (!r) throw new NotFoundError('no such instalment request');
      if (r.disclosedAt) throw new ConflictError(`already sent to ${r.creditProvider}`);
      const { patient, grant } = await patientFor(tx, ctx, r.patientId, 'billing.instalment_disclose');
      const data = kit.cipher.decryptJson<{
        monthlyIncomeCents: number;
        monthlyObligationsCents: number;
        occupation: string | null;
        workplace: string | null;
      }>(r.financialDataEnc);
      const fields = ['name', 'national_id', 'contact', 'financial', 'employment'];
      await repo.markInstalmentDisclosed(tx, ctx.clinicId, requestId, clock.now(), ctx.user?.id ?? null);
      await kit.disclosures.record(
        tx,
        ctx,
        patient.id,
        {
          recipientKind: 'credit_provider',
          recipientName: r.creditProvider,
          legalBasis: "Krediidiandjate ja -vahendajate seadus (creditworthiness assessment), at the patient's request",
          categories: ['name', 'national_id', 'contact', 'financial', 'employment'],
          fields,
        },
        { type: 'instalment_request', id: requestId, purpose: 'instalment_financing' },
        grant,
      );
      return {
        recipient: r.creditProvider,
        fields,
        application: {
          name: kit.patientName(patient),
          idCode: kit.patientIdCode(patient),
          email: patient.email,
          mobile: patient.mobile,
          ...data,
        },
      };
    });
  }

  return { requestInstalments, discloseInstalments };
}
