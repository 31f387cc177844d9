import { randomBytes, timingSafeEqual } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { type AccessContext, hasRole, systemContext } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { AuthService } from '../../platform/auth/auth.service';
import { generatePassword } from '../../platform/auth/password';
import type { Clock } from '../../platform/clock';
import { newId } from '../../platform/crypto';
import { type Db, type DbOrTx, isUniqueViolation } from '../../platform/db';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import { createClinicCache } from './clinics.cache';
import {
  type ClinicGroupInput,
  type ClinicInput,
  clinicGroupInput,
  clinicInput,
  clinicProfileInput,
  type OnboardClinicInput,
  onboardClinicInput,
  registryCodeProblem,
} from './clinics.input';
import { type ClinicRow, createClinicsRepository } from './clinics.repository';

export type { ClinicRow } from './clinics.repository';

/** The supervisory authority of each country, the default for a new clinic. */
export const supervisoryAuthorities = {
  EE: {
    name: 'Andmekaitse Inspektsioon',
    email: 'info@aki.ee',
    address: { street: 'Tatari 39', city: 'Tallinn', postalCode: '10134', country: 'EE' },
  },
  LV: {
    name: 'Datu valsts inspekcija',
    email: 'pasts@dvi.gov.lv',
    address: { street: 'Elijas iela 17', city: 'Rīga', postalCode: 'LV-1050', country: 'LV' },
  },
} as const;

export type ClinicsService = ReturnType<typeof createClinicsService>;
/** What other modules need of the clinics: the clinic row, from the one cache. */
export type ClinicLookup = Pick<ClinicsService, 'byId' | 'bySlug' | 'findBySlug'>;

/**
 * Clinics (controllers). Built once by the composition root: its cache of clinic rows is the one
 * every module reads the clinic from, so a change made here is seen everywhere at once.
 */
export interface ClinicsDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  /** Staff accounts: a new clinic gets its first administrator in the same transaction. */
  users: Pick<AuthService, 'createUser'>;
  /**
   * The deployment operator's secret for `POST /api/operator/clinics` (OPERATOR_TOKEN). Without
   * it the operator API is off; the CLI on the server itself needs no token.
   */
  operatorToken?: string;
}

export function createClinicsService(deps: ClinicsDeps) {
  const { db, audit } = deps;
  const repo = createClinicsRepository();
  const cache = createClinicCache({ db, clock: deps.clock, repo });

  function newRow(input: ReturnType<typeof clinicInput.parse>) {
    return {
      id: newId(),
      slug: input.slug,
      name: input.name,
      tradeName: input.tradeName ?? null,
      groupId: input.groupId ?? null,
      country: input.country,
      timeZone: input.country === 'EE' ? 'Europe/Tallinn' : 'Europe/Riga',
      registryCode: input.registryCode,
      addresses: input.addresses,
      contacts: input.contacts,
      dataProtectionContact: input.dataProtectionContact,
      bankAccounts: input.bankAccounts,
      supervisoryAuthority: input.supervisoryAuthority ?? supervisoryAuthorities[input.country],
      defaultLanguage: input.defaultLanguage ?? (input.country === 'EE' ? 'et' : 'lv'),
      createdAt: deps.clock.now(),
    } as const;
  }

  /** Creates a clinic without staff (the demo seed and tests; they add their own accounts). */
  async function create(raw: ClinicInput) {
    const input = parseInput(clinicInput, raw);
    const row = newRow(input);
    if (await repo.bySlug(db, input.slug)) throw new ConflictError(`a clinic with slug ${input.slug} already exists`);
    await repo.insert(db, row);
    return row;
  }

  /**
   * A new clinic and its first administrator (admin and DPO roles until the clinic names others),
   * in one transaction: a refused administrator leaves no clinic behind. The generated password is
   * returned once and stored only as its hash. Recorded in the new clinic's audit log.
   */
  async function onboard(channel: 'cli' | 'api', raw: OnboardClinicInput) {
    const input = parseInput(onboardClinicInput, raw);
    const row = newRow(input);
    const adminEmail = (input.adminEmail ?? `admin@${input.slug}.hoidja.local`).toLowerCase();
    const adminPassword = generatePassword(randomBytes);
    try {
      await db.transaction(async (tx) => {
        if (await repo.bySlug(tx, input.slug))
          throw new ConflictError(`a clinic with slug ${input.slug} already exists`);
        await repo.insert(tx, row);
        const ctx = systemContext(row.id, channel);
        await deps.users.createUser(
          ctx,
          {
            email: adminEmail,
            fullName: input.adminName ?? 'Administrator',
            roles: ['admin', 'dpo'],
            password: adminPassword,
          },
          tx,
        );
        await audit.append(tx, ctx, [
          auditEntry({
            action: 'clinic.create',
            entityType: 'clinic',
            entityId: row.id,
            purpose: 'administration',
            details: { slug: row.slug, country: row.country, registryCode: row.registryCode },
          }),
        ]);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'clinics_slug_uq'))
        throw new ConflictError(`a clinic with slug ${input.slug} already exists`);
      throw err;
    }
    return { clinic: await byId(row.id), admin: { email: adminEmail, password: adminPassword } };
  }

  /** Whether a request carries the operator's token (constant time); false while OPERATOR_TOKEN is unset. */
  function isOperator(authorization: string | undefined): boolean {
    if (!deps.operatorToken) return false;
    const given = Buffer.from((authorization ?? '').replace(/^Bearer\s+/i, ''));
    const expected = Buffer.from(deps.operatorToken);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /**
   * A group of existing clinics, e.g. joint controllers: a clinic, its lab and its training
   * company. One transaction; recorded in each member's audit log. A clinic is in one group at most.
   */
  async function formGroup(channel: 'cli' | 'api', raw: ClinicGroupInput) {
    const input = parseInput(clinicGroupInput, raw);
    const slugs = [...new Set(input.clinics)];
    if (slugs.length < 2) throw new ValidationError('clinics', 'a group has at least two different clinics');
    const id = newId();
    const members = await db.transaction(async (tx) => {
      const rows: ClinicRow[] = [];
      for (const [i, slug] of slugs.entries()) {
        const row = await repo.bySlug(tx, slug);
        if (!row) throw new ValidationError(`clinics.${i}`, `no clinic ${slug}`);
        if (row.groupId) throw new ConflictError(`clinic ${slug} is already in a group`);
        rows.push(row);
      }
      if (new Set(rows.map((r) => r.country)).size > 1)
        throw new ValidationError(
          'clinics',
          'joint controllers of one notice are in one country (its law and authority)',
        );
      await repo.insertGroup(tx, {
        id,
        name: input.name,
        jointControllers: input.jointControllers,
        createdAt: deps.clock.now(),
      });
      await repo.setGroup(
        tx,
        rows.map((r) => r.id),
        id,
      );
      for (const row of rows)
        await audit.append(tx, systemContext(row.id, channel), [
          auditEntry({
            action: 'clinic_group.create',
            entityType: 'clinic_group',
            entityId: id,
            purpose: 'administration',
            details: { name: input.name, members: slugs, jointControllers: input.jointControllers },
          }),
        ]);
      return rows;
    });
    for (const r of members) cache.forget(r.id);
    return { id, name: input.name, jointControllers: input.jointControllers, clinics: slugs };
  }

  /** The clinic's group with every member (itself included), or null. */
  async function groupOf(clinicId: string) {
    const clinic = await byId(clinicId);
    if (!clinic.groupId) return null;
    const group = await repo.group(db, clinic.groupId);
    if (!group) return null;
    const members = await repo.members(db, group.id);
    return {
      id: group.id,
      name: group.name,
      jointControllers: group.jointControllers,
      members: members.map((m) => ({ slug: m.slug, name: m.name, registryCode: m.registryCode })),
    };
  }

  /** The clinic of a slug, or undefined: for callers to whom an unknown slug is no error (login, portal). */
  function findBySlug(slug: string, tx?: DbOrTx): Promise<ClinicRow | undefined> {
    return cache.findBySlug(slug, tx);
  }

  /** Pass `tx` inside a transaction: a miss is then read in it. */
  async function bySlug(slug: string, tx?: DbOrTx): Promise<ClinicRow> {
    const row = await cache.findBySlug(slug, tx);
    if (!row) throw new NotFoundError(`no clinic ${slug}`);
    return row;
  }

  async function byId(id: string, tx?: DbOrTx): Promise<ClinicRow> {
    const row = await cache.findById(id, tx);
    if (!row) throw new NotFoundError('no such clinic');
    return row;
  }

  /** Every clinic of the installation (not cached: for work done once per clinic). */
  function all() {
    return repo.all(db);
  }

  /**
   * The clinic of the signed-in user. Not audited: its contacts, the data protection contact
   * included, are what the clinic publishes in its privacy notice.
   */
  function current(ctx: AccessContext) {
    return byId(ctx.clinicId);
  }

  /**
   * An administrator or the DPO keeps the clinic's profile. The registry code is checked against
   * the clinic's country and its addresses must be in it; what changed is audited by field name.
   */
  async function updateProfile(ctx: AccessContext, raw: unknown) {
    if (!hasRole(ctx, 'admin', 'dpo'))
      throw new ForbiddenError('only an administrator or the DPO changes clinic details');
    const input = parseInput(clinicProfileInput, raw);
    const clinic = await byId(ctx.clinicId);
    if (input.registryCode !== undefined) {
      const problem = registryCodeProblem(clinic.country, input.registryCode);
      if (problem) throw new ValidationError('registryCode', problem);
    }
    for (const [i, a] of (input.addresses ?? []).entries())
      if (a.country !== clinic.country)
        throw new ValidationError(
          `addresses.${i}.country`,
          `the clinic is in ${clinic.country}: its addresses are too (a branch abroad is another clinic)`,
        );
    // Phone numbers as the notice prints them: international form, read in the clinic's country.
    for (const key of ['contacts', 'dataProtectionContact'] as const) {
      const phone = input[key]?.phone;
      if (phone === undefined) continue;
      const parsed = parsePhoneNumberFromString(phone, clinic.country);
      if (!parsed?.isValid()) throw new ValidationError(`${key}.phone`, 'not a valid phone number');
      input[key] = { ...input[key], phone: parsed.formatInternational() };
    }
    await db.transaction(async (tx) => {
      await repo.updateProfile(tx, ctx.clinicId, input);
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'clinic.update',
          entityType: 'clinic',
          entityId: ctx.clinicId,
          purpose: 'administration',
          details: { fields: Object.keys(input) },
        }),
      ]);
    });
    cache.forget(ctx.clinicId);
    return byId(ctx.clinicId);
  }

  return {
    create,
    onboard,
    isOperator,
    operatorApiOn: () => !!deps.operatorToken,
    formGroup,
    groupOf,
    findBySlug,
    bySlug,
    byId,
    all,
    current,
    updateProfile,
  };
}
