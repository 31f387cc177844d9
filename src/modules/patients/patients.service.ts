import { eq } from 'drizzle-orm';
import { type AccessContext, hasRole } from '../../platform/access';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import { type FieldCipher, newId } from '../../platform/crypto';
import { type Db, type DbOrTx, isUniqueViolation, type Tx } from '../../platform/db';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import { normalizeMobile, parseInput } from '../../platform/input';
import { checkIdCode, guessIdCountry } from '../../rules/id-codes';
import { clinics } from '../clinics/clinics.schema';
import { createPatientAccessPolicy, type PatientScope } from './patients.access';
import {
  billPayerInput,
  normalizeName,
  type PatientInput,
  patientInput,
  patientUpdateInput,
  representativeInput,
  resolveIdentity,
} from './patients.input';
import { createPatientsRepository, type PatientInsert, type PatientRow } from './patients.repository';
import { billPayerView, patientListItem, patientView, representativeView } from './patients.view';

export interface PatientsServiceDeps {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
  audit: AuditService;
}

const WRITERS = ['receptionist', 'admin', 'doctor'] as const;

export type PatientsService = ReturnType<typeof createPatientsService>;

export function createPatientsService(deps: PatientsServiceDeps) {
  const { db, clock, cipher, audit } = deps;
  const repo = createPatientsRepository();
  const policy = createPatientAccessPolicy({ repo });
  // Every patient operation: one transaction, refusals recorded after its rollback.
  const inTx = <T>(ctx: AccessContext, fn: (tx: Tx) => Promise<T>) => audit.transaction(db, ctx, fn);
  const countryOf = new Map<string, 'EE' | 'LV'>();

  async function clinicCountry(tx: DbOrTx, clinicId: string): Promise<'EE' | 'LV'> {
    let c = countryOf.get(clinicId);
    if (!c) {
      const [row] = await tx.select({ country: clinics.country }).from(clinics).where(eq(clinics.id, clinicId));
      if (!row) throw new NotFoundError('no such clinic');
      c = row.country;
      countryOf.set(clinicId, c);
    }
    return c;
  }

  /** The normalised, encrypted columns of a patient from validated input. */
  function columnsFrom(input: Partial<PatientInput>, country: 'EE' | 'LV'): Partial<PatientInsert> {
    const out: Partial<PatientInsert> = {};
    if (input.firstName !== undefined)
      Object.assign(out, { firstName: input.firstName, firstNameNorm: normalizeName(input.firstName) });
    if (input.lastName !== undefined)
      Object.assign(out, { lastName: input.lastName, lastNameNorm: normalizeName(input.lastName) });
    if (input.identity !== undefined) {
      const id = resolveIdentity(input.identity);
      Object.assign(out, {
        idCountry: id.idCountry,
        idCodeEnc: id.idCode ? cipher.encrypt(id.idCode) : null,
        idCodeHash: id.idCode ? cipher.searchHash(id.idCode) : null,
        idWarning: id.idWarning,
        documentType: id.documentType,
        documentNumberEnc: id.documentNumber ? cipher.encrypt(id.documentNumber) : null,
        documentCountry: id.documentCountry,
        birthDate: id.birthDate,
        sex: id.sex,
      });
    }
    if (input.mobile !== undefined) out.mobile = input.mobile ? normalizeMobile(input.mobile, country) : null;
    if (input.email !== undefined) out.email = input.email ? input.email.toLowerCase() : null;
    if (input.address !== undefined) {
      Object.assign(out, {
        addressStreet: input.address?.street ?? null,
        addressCity: input.address?.city ?? null,
        addressPostalCode: input.address?.postalCode ?? null,
        addressCountry: input.address?.country ?? null,
      });
    }
    if (input.preferredLanguage !== undefined) out.preferredLanguage = input.preferredLanguage;
    if (input.insurance !== undefined) out.insuranceEnc = input.insurance ? cipher.encryptJson(input.insurance) : null;
    if (input.occupation !== undefined) out.occupation = input.occupation ?? null;
    if (input.workplace !== undefined) out.workplace = input.workplace ?? null;
    if (input.healthNotes !== undefined)
      out.healthNotesEnc = input.healthNotes ? cipher.encrypt(input.healthNotes) : null;
    return out;
  }

  function requireWriter(ctx: AccessContext) {
    if (!hasRole(ctx, ...WRITERS)) throw new ForbiddenError('your role cannot register or change patients');
  }

  function duplicate(err: unknown): never {
    if (isUniqueViolation(err, 'patients_id_code_uq')) {
      throw new ConflictError('a patient with this ID code is already registered in this clinic', {
        field: 'identity.code',
      });
    }
    throw err;
  }

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
          { action: 'patient.create', entityType: 'patient', entityId: id, patientRef: id, purpose: 'care' },
        ]);
        const created = (await repo.find(tx, ctx.clinicId, id))!;
        return { patient: patientView(cipher, created, hasRole(ctx, 'doctor')), warning: created.idWarning };
      });
    } catch (err) {
      return duplicate(err);
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
      const country = guessIdCountry(compact);
      const r = checkIdCode(compact, country);
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
    return inTx(ctx, async (tx) => {
      const rows = await repo.search(tx, filter);
      // Every patient shown in a result list is an access of its own.
      await audit.append(
        tx,
        ctx,
        rows.length
          ? rows.map((p) => ({
              action: 'patient.search_result',
              entityType: 'patient',
              entityId: p.id,
              patientRef: p.id,
              purpose: 'care',
              role: scope.role,
              breakGlass: scope.breakGlass,
              reason: scope.breakGlass ? ctx.reason : null,
              details: { searchBy: kind },
            }))
          : [
              {
                action: 'patient.search',
                entityType: 'patient',
                purpose: 'care',
                role: scope.role,
                breakGlass: scope.breakGlass,
                reason: scope.breakGlass ? ctx.reason : null,
                details: { searchBy: kind, results: 0 },
              },
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

  async function get(ctx: AccessContext, id: string) {
    return inTx(ctx, async (tx) => {
      const p = await load(tx, ctx, id);
      const grant = await policy.authorize(tx, ctx, id, 'administrative', 'patient.read');
      const [reps, payers, team] = await Promise.all([
        repo.representatives(tx, ctx.clinicId, [id]),
        repo.billPayers(tx, ctx.clinicId, id),
        repo.careTeam(tx, ctx.clinicId, id),
      ]);
      await audit.append(tx, ctx, [
        {
          action: 'patient.read',
          entityType: 'patient',
          entityId: id,
          patientRef: id,
          purpose: 'care',
          role: grant.role,
          breakGlass: grant.breakGlass,
          reason: grant.reason,
          details: { health: grant.health },
        },
      ]);
      return {
        patient: patientView(cipher, p, grant.health),
        representatives: reps.map((r) => representativeView(cipher, r)),
        billPayers: payers.map(billPayerView),
        careTeam: team.map((t) => ({ staffUserId: t.staffUserId, since: t.since.toISOString() })),
        access: { role: grant.role, breakGlass: grant.breakGlass },
      };
    });
  }

  async function update(ctx: AccessContext, id: string, raw: unknown) {
    requireWriter(ctx);
    const input = parseInput(patientUpdateInput, raw);
    const { version, reason, ...changes } = input;
    try {
      return await inTx(ctx, async (tx) => {
        const before = await load(tx, ctx, id, true);
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
          {
            action: 'patient.update',
            entityType: 'patient',
            entityId: id,
            patientRef: id,
            purpose: 'care',
            role: grant.role,
            breakGlass: grant.breakGlass,
            reason: grant.reason,
            details: { fields: reallyChanged },
          },
        ]);
        return {
          patient: patientView(cipher, (await repo.find(tx, ctx.clinicId, id))!, grant.health),
          changed: reallyChanged,
        };
      });
    } catch (err) {
      return duplicate(err);
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
        {
          action: 'patient.archive',
          entityType: 'patient',
          entityId: id,
          patientRef: id,
          purpose: 'care',
          role: grant.role,
        },
      ]);
    });
  }

  /** The kept history of changes, with earlier values for those allowed to see them. */
  async function history(ctx: AccessContext, id: string) {
    return inTx(ctx, async (tx) => {
      await load(tx, ctx, id);
      const grant = await policy.authorize(tx, ctx, id, 'administrative', 'patient.history');
      const rows = await repo.versions(tx, ctx.clinicId, id);
      await audit.append(tx, ctx, [
        {
          action: 'patient.history',
          entityType: 'patient',
          entityId: id,
          patientRef: id,
          purpose: 'care',
          role: grant.role,
          breakGlass: grant.breakGlass,
          reason: grant.reason,
        },
      ]);
      return rows.map((v) => {
        const previous = cipher.decryptJson<Record<string, unknown>>(v.previousEnc);
        if (!grant.health) delete previous.healthNotesEnc;
        const shown = Object.fromEntries(Object.entries(previous).map(([k, val]) => [k.replace(/Enc$/, ''), val]));
        return {
          version: v.version,
          changedAt: v.changedAt.toISOString(),
          changedBy: v.changedBy,
          fields: v.changedFields.map((f) => f.replace(/Enc$/, '')),
          previous: shown,
          reason: v.reason,
        };
      });
    });
  }

  /** Who looked at this patient's data; reading it is itself recorded. */
  async function accessHistory(ctx: AccessContext, id: string) {
    return inTx(ctx, async (tx) => {
      await load(tx, ctx, id);
      const grant = await policy.authorize(tx, ctx, id, 'administrative', 'patient.access_history');
      const rows = await audit.patientAccessHistory(tx, ctx.clinicId, id);
      await audit.append(tx, ctx, [
        {
          action: 'patient.access_history',
          entityType: 'patient',
          entityId: id,
          patientRef: id,
          purpose: 'transparency',
          role: grant.role,
          breakGlass: grant.breakGlass,
          reason: grant.reason,
        },
      ]);
      return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
    });
  }

  async function addRepresentative(ctx: AccessContext, patientId: string, raw: unknown) {
    requireWriter(ctx);
    const input = parseInput(representativeInput, raw);
    if (input.authorityUntil < input.authorityFrom)
      throw new ValidationError('authorityUntil', 'the authority cannot end before it starts');
    const id = resolveIdentity(input.identity);
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
        {
          action: 'representative.create',
          entityType: 'patient_representative',
          entityId: repId,
          patientRef: patientId,
          purpose: 'care',
          role: grant.role,
          details: { kind: input.kind },
        },
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
        {
          action: 'representative.end',
          entityType: 'patient_representative',
          entityId: repId,
          patientRef: patientId,
          purpose: 'care',
          role: grant.role,
        },
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
        {
          action: 'bill_payer.create',
          entityType: 'patient_bill_payer',
          entityId: id,
          patientRef: patientId,
          purpose: 'billing',
          role: grant.role,
          details: { kind: input.kind },
        },
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
        {
          action: 'bill_payer.end',
          entityType: 'patient_bill_payer',
          entityId: payerId,
          patientRef: patientId,
          purpose: 'billing',
          role: grant.role,
        },
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
        {
          action: 'care.assign',
          entityType: 'care_assignment',
          entityId: staffUserId,
          patientRef: patientId,
          purpose: 'care',
        },
      ]);
    };
    if (tx0) return run(tx0);
    await inTx(ctx, run);
  }

  /** For other modules: the same need-to-know decision, inside their transaction. */
  function authorize(tx: DbOrTx, ctx: AccessContext, patientId: string, scope: PatientScope, action: string) {
    return policy.authorize(tx, ctx, patientId, scope, action);
  }

  return {
    register,
    search,
    get,
    update,
    archive,
    history,
    accessHistory,
    addRepresentative,
    endRepresentative,
    addBillPayer,
    endBillPayer,
    assignCare,
    authorize,
    columnsFrom,
    repo,
  };
}
