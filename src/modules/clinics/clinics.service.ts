import { type AccessContext, hasRole } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import { newId } from '../../platform/crypto';
import type { Db, DbOrTx } from '../../platform/db';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import { createClinicCache } from './clinics.cache';
import { type ClinicInput, clinicContactsInput, clinicInput } from './clinics.input';
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
export function createClinicsService(deps: { db: Db; clock: Clock; audit: AuditService }) {
  const { db, audit } = deps;
  const repo = createClinicsRepository();
  const cache = createClinicCache({ db, clock: deps.clock, repo });

  /** Creates a clinic (a controller). Done by the installer, the CLI or an administrator of the deployment. */
  async function create(raw: ClinicInput) {
    const input = parseInput(clinicInput, raw);
    const id = newId();
    const row = {
      id,
      slug: input.slug,
      name: input.name,
      groupId: input.groupId ?? null,
      country: input.country,
      timeZone: input.country === 'EE' ? 'Europe/Tallinn' : 'Europe/Riga',
      registryCode: input.registryCode,
      addresses: input.addresses,
      contacts: input.contacts,
      dataProtectionContact: input.dataProtectionContact,
      supervisoryAuthority: input.supervisoryAuthority ?? supervisoryAuthorities[input.country],
      defaultLanguage: input.defaultLanguage ?? (input.country === 'EE' ? 'et' : 'lv'),
      createdAt: deps.clock.now(),
    } as const;
    if (await repo.bySlug(db, input.slug)) throw new ConflictError(`a clinic with slug ${input.slug} already exists`);
    await repo.insert(db, row);
    return row;
  }

  async function createGroup(name: string, jointControllers: boolean) {
    const id = newId();
    await repo.insertGroup(db, { id, name, jointControllers });
    return { id, name, jointControllers };
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

  async function updateContacts(ctx: AccessContext, raw: unknown) {
    if (!hasRole(ctx, 'admin', 'dpo'))
      throw new ForbiddenError('only an administrator or the DPO changes clinic details');
    const input = parseInput(clinicContactsInput, raw);
    await db.transaction(async (tx) => {
      await repo.updateContacts(tx, ctx.clinicId, input);
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

  return { create, createGroup, findBySlug, bySlug, byId, all, current, updateContacts };
}
