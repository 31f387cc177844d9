import { type AccessContext, hasRole } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { AuditAction } from '../../platform/audit/audit.vocabulary';
import { type Clock, utcDate } from '../../platform/clock';
import { type FieldCipher, newId } from '../../platform/crypto';
import { type Db, type DbOrTx, isUniqueViolation, type Tx } from '../../platform/db';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import { normalizeMobile, parseInput } from '../../platform/input';
import { checkIdCode, guessIdCountry } from '../../rules/id-codes';
import type { ClinicLookup } from '../clinics/clinics.service';
import { createPatientAccessPolicy, type Grant, type PatientScope } from './patients.access';
import { patientColumns } from './patients.columns';
import { createPatientHistories } from './patients.history';
import { normalizeName, patientInput, patientUpdateInput } from './patients.input';
import { createPatientRelations } from './patients.relations';
import { createPatientsRepository, type PatientInsert, type PatientRow } from './patients.repository';
import { billPayerView, patientListItem, patientView, representativeView } from './patients.view';

export type { PatientScope } from './patients.access';
export type { PatientRow } from './patients.repository';

export interface PatientsServiceDeps {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
  audit: AuditService;
  /** The clinic's country: mobiles are normalised in its format. */
  clinics: Pick<ClinicLookup, 'byId'>;
}

const WRITERS = ['receptionist', 'admin', 'doctor'] as const;

export type PatientsService = ReturnType<typeof createPatientsService>;

/** The ID code is already registered: `existingPatientId` names the record to open instead. */
export class DuplicatePatientError extends AppError {
  override readonly status = 409;
  override readonly code = 'patient.duplicate_id_code';
}

export function createPatientsService(deps: PatientsServiceDeps) {
  const { db, clock, cipher, audit } = deps;
  const repo = createPatientsRepository();
  const policy = createPatientAccessPolicy({ repo });
  // Every patient operation: one transaction, refusals recorded after its rollback.
  const inTx = <T>(ctx: AccessContext, fn: (tx: Tx) => Promise<T>) => audit.transaction(db, ctx, fn);

  async function clinicCountry(tx: DbOrTx, clinicId: string): Promise<'EE' | 'LV'> {
    return (await deps.clinics.byId(clinicId, tx)).country;
  }

  const columnsFrom = (input: Parameters<typeof patientColumns>[2], country: 'EE' | 'LV') =>
    patientColumns(cipher, clock, input, country);

  function requireWriter(ctx: AccessContext) {
    if (!hasRole(ctx, ...WRITERS)) throw new ForbiddenError('your role cannot register or change patients');
  }

  /**
   * A second registration of an ID code: 409 with a stable code and the existing patient's id, so
   * the desk can offer to open that record (opening it is checked and recorded as any other read).
   */
  async function duplicate(err: unknown, ctx: AccessContext, idCodeHash: string | null | undefined): Promise<never> {
    if (isUniqueViolation(err, 'patients_id_code_uq')) {
      const [existing] = idCodeHash
        ? await repo.search(db, { clinicId: ctx.clinicId, idCodeHash, includeArchived: true, limit: 1 })
        : [];
      throw new DuplicatePatientError('a patient with this ID code is already registered in this clinic', {
        field: 'identity.code',
        reason: 'already registered',
        existingPatientId: existing?.id ?? null,
      });
    }
    throw err;
  }
  const hashOfIdentity = (identity: { kind: string; code?: string } | undefined, country: 'EE' | 'LV') => {
    if (identity?.kind !== 'national' || !identity.code) return null;
    try {
      return columnsFrom({ identity } as Parameters<typeof columnsFrom>[0], country).idCodeHash;
    } catch {
      return null;
    }
  };

  async function register(ctx: AccessContext, raw: unknown) {
    requireWriter(ctx);
    const input = parseInput(patientInput, raw);
    if (input.healthNotes && !hasRole(ctx, 'doctor'))
      throw new ValidationError('healthNotes', 'only a doctor records health notes');
    const now = clock.now();
    const id = newId();
    try {
      return await inTx(ctx, async (tx) => {
        const cols = columnsFrom(input, await clinicCountry(tx, ctx.clinicId));
        const row = {
          ...cols,
          clinicId: ctx.clinicId,
          id,
          createdAt: now,
          updatedAt: now,
          version: 1,
        } as PatientInsert;
        await repo.insert(tx, row);
        // The doctor who registers a patient is their treating doctor.
        if (hasRole(ctx, 'doctor') && !hasRole(ctx, 'receptionist', 'admin'))
          await repo.assign(tx, ctx.clinicId, id, ctx.user!.id, now);
        await audit.append(tx, ctx, [
          auditEntry({
            action: 'patient.create',
            entityType: 'patient',
            entityId: id,
            patientRef: id,
            purpose: 'care',
          }),
        ]);
        const created = (await repo.find(tx, ctx.clinicId, id))!;
        return { patient: patientView(cipher, created, hasRole(ctx, 'doctor')), warning: created.idWarning };
      });
    } catch (err) {
      return duplicate(err, ctx, hashOfIdentity(input.identity, await clinicCountry(db, ctx.clinicId)));
    }
  }

  /** Reads a free-text query the way reception types it: an ID code, a phone, an e-mail or names. */
  async function search(ctx: AccessContext, raw: { query: string; limit?: number; includeArchived?: boolean }) {
    const query = raw.query.trim();
    if (query.length < 2) throw new ValidationError('query', 'type at least 2 characters');
    const limit = Math.min(Math.max(raw.limit ?? 20, 1), 100);
    const scope = policy.searchScope(ctx);
    const compact = query.replace(/[\s]/g, '');
    const filter: Parameters<typeof repo.search>[1] = {
      clinicId: ctx.clinicId,
      limit,
      includeArchived: raw.includeArchived,
      assignedTo: scope.assignedTo,
    };
    let kind: string;
    if (/^\d{6}-?\d{5}$/.test(compact)) {
      const today = utcDate(clock);
      const r = checkIdCode(compact, guessIdCountry(compact, today), today);
      if (!r.valid) throw new ValidationError('query', `not a valid ID code: ${r.reason}`);
      filter.idCodeHash = cipher.searchHash(r.normalized);
      kind = 'id_code';
    } else if (query.includes('@')) {
      filter.email = query.toLowerCase();
      kind = 'email';
    } else if (/^\+?[\d\s()-]{7,}$/.test(query)) {
      filter.mobile = normalizeMobile(query, await clinicCountry(db, ctx.clinicId), 'query');
      kind = 'phone';
    } else {
      filter.nameTerms = normalizeName(query).split(' ').filter(Boolean).slice(0, 4);
      kind = 'name';
    }
    const searched = {
      role: scope.role,
      breakGlass: scope.breakGlass,
      reason: scope.breakGlass ? (ctx.reason ?? null) : null,
    };
    return inTx(ctx, async (tx) => {
      const rows = await repo.search(tx, filter);
      // Every patient shown in a result list is an access of its own.
      await audit.append(
        tx,
        ctx,
        rows.length
          ? rows.map((p) =>
              auditEntry(
                {
                  action: 'patient.search_result',
                  entityType: 'patient',
                  entityId: p.id,
                  patientRef: p.id,
                  purpose: 'care',
                  details: { searchBy: kind },
                },
                searched,
              ),
            )
          : [
              auditEntry(
                {
                  action: 'patient.search',
                  entityType: 'patient',
                  purpose: 'care',
                  details: { searchBy: kind, results: 0 },
                },
                searched,
              ),
            ],
      );
      return { items: rows.map((p) => patientListItem(cipher, p)), searchedBy: kind };
    });
  }

  async function load(tx: DbOrTx, ctx: AccessContext, id: string, forUpdate = false): Promise<PatientRow> {
    const row = forUpdate ? await repo.findForUpdate(tx, ctx.clinicId, id) : await repo.find(tx, ctx.clinicId, id);
    if (!row) throw new NotFoundError('no such patient');
    return row;
  }

  const readEntry = (id: string, grant: Grant) =>
    auditEntry(
      {
        action: 'patient.read',
        entityType: 'patient',
        entityId: id,
        patientRef: id,
        purpose: 'care',
        details: { health: grant.health },
      },
      grant,
    );

  async function get(ctx: AccessContext, id: string) {
    // Reception, administration, accounting and the DPO: the roles decide, so the record, its
    // relations and the audit append are one statement (no transaction round trips).
    const known = policy.roleGrant(ctx, 'administrative');
    if (known) {
      const record = await repo.record(
        db,
        ctx.clinicId,
        id,
        null,
        audit.appendInlinePrepared(ctx, [readEntry(id, known)]),
      );
      if (!record) throw new NotFoundError('no such patient');
      return recordView(record, known);
    }
    // A doctor: the care team decides (and a refusal is recorded), in a transaction.
    return inTx(ctx, async (tx) => {
      const record = await repo.record(tx, ctx.clinicId, id, ctx.user?.id ?? null);
      if (!record) throw new NotFoundError('no such patient');
      const grant = await policy.authorize(tx, ctx, id, 'administrative', 'patient.read', record);
      await audit.append(tx, ctx, [readEntry(id, grant)]);
      return recordView(record, grant);
    });
  }

  function recordView(record: NonNullable<Awaited<ReturnType<typeof repo.record>>>, grant: Grant) {
    const { patient: p, representatives: reps, billPayers: payers, careTeam: team } = record;
    return {
      patient: patientView(cipher, p, grant.health),
      representatives: reps.map((r) => representativeView(cipher, r)),
      billPayers: payers.map(billPayerView),
      careTeam: team.map((t) => ({ staffUserId: t.staffUserId, since: t.since.toISOString() })),
      access: { role: grant.role, breakGlass: grant.breakGlass },
    };
  }

  async function update(ctx: AccessContext, id: string, raw: unknown) {
    requireWriter(ctx);
    const input = parseInput(patientUpdateInput, raw);
    const { version, reason, ...changes } = input;
    try {
      return await inTx(ctx, async (tx) => {
        const before = await load(tx, ctx, id, true);
        // GDPR Art. 18: while processing is restricted the record is only kept; a change is the DPO's decision.
        if (before.processingRestricted && !hasRole(ctx, 'dpo'))
          throw new ForbiddenError(
            "processing of this patient's data is restricted (GDPR Art. 18): only the data protection officer may change the record",
          );
        const grant = await policy.authorize(
          tx,
          ctx,
          id,
          changes.healthNotes !== undefined ? 'health' : 'administrative',
          'patient.update',
        );
        if (before.version !== version)
          throw new ConflictError(
            `the patient was changed meanwhile (now version ${before.version}); reload and try again`,
          );
        const cols = columnsFrom(changes, await clinicCountry(tx, ctx.clinicId));
        const changed = Object.keys(cols).filter(
          (k) =>
            JSON.stringify((cols as Record<string, unknown>)[k]) !==
              JSON.stringify((before as Record<string, unknown>)[k]) &&
            !k.endsWith('Norm') &&
            k !== 'idCodeHash',
        );
        // Re-encryption changes the stored ciphertext; compare the plain values of encrypted fields.
        const reallyChanged = changed.filter(
          (k) => !k.endsWith('Enc') || decryptOrNull(before, k) !== decryptOrNull(cols as PatientRow, k),
        );
        if (reallyChanged.length === 0) return { patient: patientView(cipher, before, grant.health), changed: [] };
        const now = clock.now();
        const previous = Object.fromEntries(
          reallyChanged.map((k) => [
            k,
            k.endsWith('Enc') ? decryptOrNull(before, k) : (before as Record<string, unknown>)[k],
          ]),
        );
        await repo.insertVersion(tx, {
          clinicId: ctx.clinicId,
          id: newId(),
          patientId: id,
          version: before.version,
          changedAt: now,
          changedBy: ctx.user!.id,
          changedFields: reallyChanged,
          previousEnc: cipher.encryptJson(previous),
          reason: reason ?? null,
        });
        await repo.update(tx, ctx.clinicId, id, { ...cols, version: before.version + 1, updatedAt: now });
        await audit.append(tx, ctx, [
          auditEntry(
            {
              action: 'patient.update',
              entityType: 'patient',
              entityId: id,
              patientRef: id,
              purpose: 'care',
              details: { fields: reallyChanged },
            },
            grant,
          ),
        ]);
        return {
          patient: patientView(cipher, (await repo.find(tx, ctx.clinicId, id))!, grant.health),
          changed: reallyChanged,
        };
      });
    } catch (err) {
      return duplicate(err, ctx, hashOfIdentity(changes.identity, await clinicCountry(db, ctx.clinicId)));
    }
  }

  function decryptOrNull(row: Partial<PatientRow>, key: string): string | null {
    const v = (row as Record<string, unknown>)[key];
    return typeof v === 'string' ? cipher.decrypt(v) : null;
  }

  async function archive(ctx: AccessContext, id: string, reason: string) {
    if (!hasRole(ctx, 'receptionist', 'admin'))
      throw new ForbiddenError('only reception or an administrator archives patients');
    if (!reason.trim()) throw new ValidationError('reason', 'state why the patient is archived');
    return inTx(ctx, async (tx) => {
      const p = await load(tx, ctx, id, true);
      const grant = await policy.authorize(tx, ctx, id, 'administrative', 'patient.archive');
      if (p.status === 'archived') throw new ConflictError('the patient is already archived');
      await repo.update(tx, ctx.clinicId, id, {
        status: 'archived',
        archivedAt: clock.now(),
        archiveReason: reason,
        updatedAt: clock.now(),
      });
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'patient.archive',
          entityType: 'patient',
          entityId: id,
          patientRef: id,
          purpose: 'care',
          role: grant.role,
        }),
      ]);
    });
  }

  const shared = {
    clock,
    cipher,
    audit,
    repo,
    policy,
    inTx,
    load: (tx: DbOrTx, ctx: AccessContext, id: string) => load(tx, ctx, id),
    clinicCountry,
    requireWriter,
  };
  const relations = createPatientRelations(shared);
  const histories = createPatientHistories(shared);

  // For other modules, inside their own transaction: they audit what they do with the patient.

  /** The same need-to-know decision as the patients' own reads; a refusal travels on the error. */
  function authorize(tx: DbOrTx, ctx: AccessContext, patientId: string, scope: PatientScope, action: AuditAction) {
    return policy.authorize(tx, ctx, patientId, scope, action);
  }

  /** The patient's record and the grant to use it, or a refusal (recorded by `audit.transaction`). */
  async function authorized(
    tx: DbOrTx,
    ctx: AccessContext,
    patientId: string,
    action: AuditAction,
    scope: PatientScope = 'administrative',
  ): Promise<{ patient: PatientRow; grant: Grant }> {
    const patient = await load(tx, ctx, patientId);
    return { patient, grant: await policy.authorize(tx, ctx, patientId, scope, action) };
  }

  /** A patient of the clinic for work whose access the caller has decided and records (lists, reports). */
  function find(tx: DbOrTx, clinicId: string, patientId: string): Promise<PatientRow | undefined> {
    return repo.find(tx, clinicId, patientId);
  }

  /**
   * Sets or lifts the restriction of processing (GDPR Art. 18) that every sender and export checks;
   * the rights module calls it in the transaction that records the request's step and its audit entry.
   */
  function setProcessingRestricted(tx: DbOrTx, clinicId: string, patientId: string, restricted: boolean) {
    return repo.update(tx, clinicId, patientId, { processingRestricted: restricted });
  }

  /** The patient's bill payers, current and ended, for the invoice that names them. */
  function billPayers(tx: DbOrTx, clinicId: string, patientId: string) {
    return repo.billPayers(tx, clinicId, patientId);
  }

  /** Bulk insert of invented patients (the demo generator), in the caller's transaction. */
  function insertMany(tx: DbOrTx, rows: PatientInsert[]) {
    return repo.insertMany(tx, rows);
  }

  /**
   * For other modules' system work, where no staff member acts (a job's letters, the demo): the
   * caller audits what it does with the rows in its own transaction.
   */
  const system = {
    reachableByEmail: (clinicId: string) => repo.reachableByEmail(db, clinicId),
    count: (clinicId: string) => repo.count(db, clinicId),
  };

  return {
    system,
    register,
    search,
    get,
    update,
    archive,
    ...histories,
    ...relations,
    authorize,
    authorized,
    find,
    setProcessingRestricted,
    billPayers,
    insertMany,
  };
}
