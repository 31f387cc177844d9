import { eq } from 'drizzle-orm';
import { type AccessContext, hasRole } from '../../platform/access';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import { newId } from '../../platform/crypto';
import type { Db } from '../../platform/db';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import { type ClinicInput, clinicContactsInput, clinicInput } from './clinics.input';
import { clinicGroups, clinics } from './clinics.schema';

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

export function createClinicsService(deps: { db: Db; clock: Clock; audit: AuditService }) {
  const { db, audit } = deps;

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
    const existing = await db.select({ id: clinics.id }).from(clinics).where(eq(clinics.slug, input.slug));
    if (existing.length) throw new ConflictError(`a clinic with slug ${input.slug} already exists`);
    await db.insert(clinics).values(row);
    return row;
  }

  async function createGroup(name: string, jointControllers: boolean) {
    const id = newId();
    await db.insert(clinicGroups).values({ id, name, jointControllers });
    return { id, name, jointControllers };
  }

  async function bySlug(slug: string) {
    const [row] = await db.select().from(clinics).where(eq(clinics.slug, slug));
    if (!row) throw new NotFoundError(`no clinic ${slug}`);
    return row;
  }

  async function byId(id: string) {
    const [row] = await db.select().from(clinics).where(eq(clinics.id, id));
    if (!row) throw new NotFoundError('no such clinic');
    return row;
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
      await tx
        .update(clinics)
        .set(input as never)
        .where(eq(clinics.id, ctx.clinicId));
      await audit.append(tx, ctx, [
        {
          action: 'clinic.update',
          entityType: 'clinic',
          entityId: ctx.clinicId,
          purpose: 'administration',
          details: { fields: Object.keys(input) },
        },
      ]);
    });
    return byId(ctx.clinicId);
  }

  return { create, createGroup, bySlug, byId, current, updateContacts };
}
