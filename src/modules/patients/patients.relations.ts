import { type AccessContext, hasRole } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import { type FieldCipher, newId } from '../../platform/crypto';
import type { DbOrTx, Tx } from '../../platform/db';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import { normalizeMobile, parseInput } from '../../platform/input';
import type { PatientAccessPolicy } from './patients.access';
import { billPayerInput, representativeInput, resolveIdentity } from './patients.input';
import type { PatientRow, PatientsRepository } from './patients.repository';
import { billPayerView, representativeView } from './patients.view';

/** What the people around a patient need of the patients service. */
export interface PatientRelationsDeps {
  clock: Clock;
  cipher: FieldCipher;
  audit: AuditService;
  repo: PatientsRepository;
  policy: PatientAccessPolicy;
  inTx: <T>(ctx: AccessContext, fn: (tx: Tx) => Promise<T>) => Promise<T>;
  load: (tx: DbOrTx, ctx: AccessContext, id: string) => Promise<PatientRow>;
  clinicCountry: (tx: DbOrTx, clinicId: string) => Promise<'EE' | 'LV'>;
  requireWriter: (ctx: AccessContext) => void;
}

/** The people around a patient: legal representatives, bill payers and the care team. */
export function createPatientRelations(deps: PatientRelationsDeps) {
  const { clock, cipher, audit, repo, policy, inTx, load, clinicCountry, requireWriter } = deps;

  async function addRepresentative(ctx: AccessContext, patientId: string, raw: unknown) {
    requireWriter(ctx);
    const input = parseInput(representativeInput, raw);
    if (input.authorityUntil < input.authorityFrom)
      throw new ValidationError('authorityUntil', 'the authority cannot end before it starts');
    const id = resolveIdentity(input.identity, clock);
    return inTx(ctx, async (tx) => {
      await load(tx, ctx, patientId);
      const grant = await policy.authorize(tx, ctx, patientId, 'administrative', 'representative.create');
      const repId = newId();
      await repo.insertRepresentative(tx, {
        clinicId: ctx.clinicId,
        id: repId,
        patientId,
        kind: input.kind,
        firstName: input.firstName,
        lastName: input.lastName,
        idCountry: id.idCountry,
        idCodeEnc: id.idCode ? cipher.encrypt(id.idCode) : null,
        idCodeHash: id.idCode ? cipher.searchHash(id.idCode) : null,
        documentType: id.documentType,
        documentNumberEnc: id.documentNumber ? cipher.encrypt(id.documentNumber) : null,
        documentCountry: id.documentCountry,
        birthDate: id.birthDate,
        mobile: input.mobile ? normalizeMobile(input.mobile, await clinicCountry(tx, ctx.clinicId)) : null,
        email: input.email?.toLowerCase() ?? null,
        basis: input.basis,
        authorityFrom: input.authorityFrom,
        authorityUntil: input.authorityUntil,
        createdAt: clock.now(),
      });
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'representative.create',
          entityType: 'patient_representative',
          entityId: repId,
          patientRef: patientId,
          purpose: 'care',
          role: grant.role,
          details: { kind: input.kind },
        }),
      ]);
      const [rep] = (await repo.representatives(tx, ctx.clinicId, [patientId])).filter((r) => r.id === repId);
      return representativeView(cipher, rep!);
    });
  }

  async function endRepresentative(ctx: AccessContext, patientId: string, repId: string) {
    requireWriter(ctx);
    await inTx(ctx, async (tx) => {
      const grant = await policy.authorize(tx, ctx, patientId, 'administrative', 'representative.end');
      if (!(await repo.endRepresentative(tx, ctx.clinicId, patientId, repId, clock.now())))
        throw new NotFoundError('no such current representative');
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'representative.end',
          entityType: 'patient_representative',
          entityId: repId,
          patientRef: patientId,
          purpose: 'care',
          role: grant.role,
        }),
      ]);
    });
  }

  async function addBillPayer(ctx: AccessContext, patientId: string, raw: unknown) {
    if (!hasRole(ctx, 'receptionist', 'admin', 'accountant'))
      throw new ForbiddenError('your role cannot add bill payers');
    const input = parseInput(billPayerInput, raw);
    if (input.validFrom && input.validUntil && input.validUntil < input.validFrom)
      throw new ValidationError('validUntil', 'ends before it starts');
    return inTx(ctx, async (tx) => {
      await load(tx, ctx, patientId);
      const grant = await policy.authorize(tx, ctx, patientId, 'administrative', 'bill_payer.create');
      const id = newId();
      await repo.insertBillPayer(tx, {
        ...input,
        clinicId: ctx.clinicId,
        id,
        patientId,
        createdAt: clock.now(),
        phone: input.phone ? normalizeMobile(input.phone, await clinicCountry(tx, ctx.clinicId), 'phone') : null,
        email: input.email?.toLowerCase() ?? null,
      });
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'bill_payer.create',
          entityType: 'patient_bill_payer',
          entityId: id,
          patientRef: patientId,
          purpose: 'billing',
          role: grant.role,
          details: { kind: input.kind },
        }),
      ]);
      return billPayerView((await repo.billPayers(tx, ctx.clinicId, patientId)).find((b) => b.id === id)!);
    });
  }

  async function endBillPayer(ctx: AccessContext, patientId: string, payerId: string) {
    if (!hasRole(ctx, 'receptionist', 'admin', 'accountant'))
      throw new ForbiddenError('your role cannot change bill payers');
    await inTx(ctx, async (tx) => {
      const grant = await policy.authorize(tx, ctx, patientId, 'administrative', 'bill_payer.end');
      if (!(await repo.endBillPayer(tx, ctx.clinicId, patientId, payerId, clock.now())))
        throw new NotFoundError('no such current bill payer');
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'bill_payer.end',
          entityType: 'patient_bill_payer',
          entityId: payerId,
          patientRef: patientId,
          purpose: 'billing',
          role: grant.role,
        }),
      ]);
    });
  }

  /** Puts a professional on the patient's care team: that is what gives a doctor need-to-know. */
  async function assignCare(ctx: AccessContext, patientId: string, staffUserId: string, tx0?: DbOrTx) {
    if (!hasRole(ctx, 'receptionist', 'admin', 'doctor'))
      throw new ForbiddenError('your role cannot assign professionals');
    const run = async (tx: DbOrTx) => {
      await load(tx, ctx, patientId);
      await repo.assign(tx, ctx.clinicId, patientId, staffUserId, clock.now());
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'care.assign',
          entityType: 'care_assignment',
          entityId: staffUserId,
          patientRef: patientId,
          purpose: 'care',
        }),
      ]);
    };
    if (tx0) return run(tx0);
    await inTx(ctx, run);
  }

  return { addRepresentative, endRepresentative, addBillPayer, endBillPayer, assignCare };
}
