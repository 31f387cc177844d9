import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { clinicGroups, clinics } from './clinics.schema';

export type ClinicRow = typeof clinics.$inferSelect;
type ClinicInsert = typeof clinics.$inferInsert;
/** What an administrator or the DPO may change about a clinic after it is created (not its country). */
type ClinicProfileChange = Partial<
  Pick<
    ClinicInsert,
    | 'name'
    | 'tradeName'
    | 'registryCode'
    | 'timeZone'
    | 'addresses'
    | 'contacts'
    | 'dataProtectionContact'
    | 'supervisoryAuthority'
    | 'bankAccounts'
  >
>;

/** The only code that touches SQL for clinics and their groups. */
export function createClinicsRepository() {
  return {
    async byId(db: DbOrTx, id: string): Promise<ClinicRow | undefined> {
      const [row] = await db.select().from(clinics).where(eq(clinics.id, id));
      return row;
    },

    async bySlug(db: DbOrTx, slug: string): Promise<ClinicRow | undefined> {
      const [row] = await db.select().from(clinics).where(eq(clinics.slug, slug));
      return row;
    },

    /** Every clinic of the installation, for work done per clinic (retention, reports). */
    async all(db: DbOrTx): Promise<ClinicRow[]> {
      return db.select().from(clinics).orderBy(asc(clinics.slug));
    },

    async insert(db: DbOrTx, row: ClinicInsert) {
      await db.insert(clinics).values(row);
    },

    async insertGroup(db: DbOrTx, row: typeof clinicGroups.$inferInsert) {
      await db.insert(clinicGroups).values(row);
    },

    async group(db: DbOrTx, id: string) {
      const [row] = await db.select().from(clinicGroups).where(eq(clinicGroups.id, id));
      return row;
    },

    async members(db: DbOrTx, groupId: string): Promise<ClinicRow[]> {
      return db.select().from(clinics).where(eq(clinics.groupId, groupId)).orderBy(asc(clinics.name));
    },

    async setGroup(db: DbOrTx, ids: string[], groupId: string) {
      await db.update(clinics).set({ groupId }).where(inArray(clinics.id, ids));
    },

    async updateProfile(db: DbOrTx, id: string, set: ClinicProfileChange) {
      await db.update(clinics).set(set).where(eq(clinics.id, id));
    },
  };
}
export type ClinicsRepository = ReturnType<typeof createClinicsRepository>;
