import type { z } from 'zod';
import { type AccessContext, hasRole } from '../../platform/access';
import { type AuditGrant, auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { AuditPurpose } from '../../platform/audit/audit.vocabulary';
import type { Clock } from '../../platform/clock';
import { newId } from '../../platform/crypto';
import type { Db, DbOrTx } from '../../platform/db';
import { ForbiddenError, ValidationError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import type { PatientsService } from '../patients/patients.service';
import { disclosureInput } from './disclosures.input';
import { createDisclosuresRepository, type DisclosureRow } from './disclosures.repository';
import { authorityKinds } from './disclosures.schema';

export interface DisclosuresServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  patients: Pick<PatientsService, 'authorize' | 'authorized'>;
}

/** What made a disclosure, and why (the audit purpose of the processing that sent the data). */
export interface DisclosureSource {
  type: string;
  id: string | null;
  purpose: AuditPurpose;
}

const RECORDERS = ['dpo', 'admin', 'receptionist', 'doctor'] as const;

export type DisclosuresService = ReturnType<typeof createDisclosuresService>;

/** The one mechanism every transfer of a person's data to a recipient is recorded through. */
export function createDisclosuresService(deps: DisclosuresServiceDeps) {
  const { db, clock, audit, patients } = deps;
  const repo = createDisclosuresRepository();

  function check(input: z.output<typeof disclosureInput>) {
    if (authorityKinds.includes(input.recipientKind) && !input.requestReference)
      throw new ValidationError(
        'requestReference',
        "a court's, the police's or an authority's request is registered with its reference number",
      );
  }

  /**
   * Records a disclosure in the caller's transaction, with its audit event: the sending service
   * (billing's hand-over, instalments …) calls this where it sends the data, so the log and the
   * transfer commit or roll back together. `grant` is the caller's access decision for the patient.
   */
  async function record(
    tx: DbOrTx,
    ctx: AccessContext,
    patientId: string,
    raw: unknown,
    source: DisclosureSource,
    grant: AuditGrant | null,
  ): Promise<DisclosureRow> {
    const input = parseInput(disclosureInput, raw);
    check(input);
    const row: DisclosureRow = {
      clinicId: ctx.clinicId,
      id: newId(),
      patientId,
      recipientKind: input.recipientKind,
      recipientName: input.recipientName,
      recipientRegistryCode: input.recipientRegistryCode ?? null,
      legalBasis: input.legalBasis,
      categories: [...new Set(input.categories)],
      fields: input.fields ?? null,
      requestReference: input.requestReference ?? null,
      sourceType: source.type,
      sourceId: source.id,
      disclosedAt: clock.now(),
      recordedBy: ctx.user?.id ?? null,
      note: input.note ?? null,
    };
    await repo.insert(tx, row);
    await audit.append(tx, ctx, [
      auditEntry(
        {
          action: 'disclosure',
          entityType: source.type,
          entityId: source.id ?? row.id,
          patientRef: patientId,
          purpose: source.purpose,
          details: {
            disclosureId: row.id,
            recipient: row.recipientName,
            recipientKind: row.recipientKind,
            recipientRegistryCode: row.recipientRegistryCode,
            categories: row.categories,
            fields: row.fields ?? row.categories,
            basis: row.legalBasis,
            requestReference: row.requestReference,
          },
        },
        grant,
      ),
    ]);
    return row;
  }

  /**
   * Staff record a disclosure made outside Hoidja (a lab referral, an insurer's claim) or register an
   * authority's request with its legal basis and reference. Health data needs health need-to-know.
   */
  async function recordByStaff(ctx: AccessContext, patientId: string, raw: unknown) {
    if (!hasRole(ctx, ...RECORDERS)) throw new ForbiddenError('your role cannot record disclosures');
    const input = parseInput(disclosureInput, raw);
    check(input);
    const authorityRequest = authorityKinds.includes(input.recipientKind);
    if (authorityRequest && !hasRole(ctx, 'dpo', 'admin'))
      throw new ForbiddenError(
        "an authority's request is registered by the data protection officer or an administrator",
      );
    return audit.transaction(db, ctx, async (tx) => {
      const scope = input.categories.includes('health') ? 'health' : 'administrative';
      const grant = await patients.authorize(tx, ctx, patientId, scope, 'disclosure');
      return record(
        tx,
        ctx,
        patientId,
        input,
        { type: authorityRequest ? 'authority_request' : 'recorded', id: null, purpose: 'data_protection' },
        grant,
      );
    });
  }

  /** A patient's disclosures, newest first, for staff under need-to-know (the read is recorded). */
  async function list(ctx: AccessContext, patientId: string) {
    if (!hasRole(ctx, 'dpo', 'admin', 'receptionist', 'accountant', 'doctor'))
      throw new ForbiddenError('your role cannot read the disclosures log');
    return audit.transaction(db, ctx, async (tx) => {
      // The patient must be this clinic's (404 otherwise), then need-to-know decides.
      const { grant } = await patients.authorized(tx, ctx, patientId, 'disclosure.list', 'administrative');
      const rows = await repo.forPatient(tx, ctx.clinicId, patientId);
      await audit.append(tx, ctx, [
        auditEntry(
          { action: 'disclosure.list', entityType: 'disclosure', patientRef: patientId, purpose: 'transparency' },
          grant,
        ),
      ]);
      return rows;
    });
  }

  /** For the person's own view and the access answer: the caller records the read in `tx`. */
  function forPerson(tx: DbOrTx, clinicId: string, patientId: string) {
    return repo.forPatient(tx, clinicId, patientId);
  }

  return { record, recordByStaff, list, forPerson };
}
