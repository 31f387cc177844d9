import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { noticeVersions, processingRegisters } from './register.schema';

export type RegisterRow = typeof processingRegisters.$inferSelect;
export type NoticeVersionRow = typeof noticeVersions.$inferSelect;

/** The only code that touches SQL for the register and its published versions. */
export function createRegisterRepository() {
  return {
    async current(db: DbOrTx, clinicId: string, lock = false): Promise<RegisterRow | undefined> {
      const q = db.select().from(processingRegisters).where(eq(processingRegisters.clinicId, clinicId));
      const [row] = lock ? await q.for('update') : await q;
      return row;
    },

    /** Replaces the register in force; the revision counts the changes. */
    async save(db: DbOrTx, row: Omit<RegisterRow, 'revision'>): Promise<number> {
      const [saved] = await db
        .insert(processingRegisters)
        .values({ ...row, revision: 1 })
        .onConflictDoUpdate({
          target: processingRegisters.clinicId,
          set: {
            document: row.document,
            updatedAt: row.updatedAt,
            updatedBy: row.updatedBy,
            revision: sql`${processingRegisters.revision} + 1`,
          },
        })
        .returning({ revision: processingRegisters.revision });
      return saved!.revision;
    },

    async latestVersion(db: DbOrTx, clinicId: string): Promise<NoticeVersionRow | undefined> {
      const [row] = await db
        .select()
        .from(noticeVersions)
        .where(eq(noticeVersions.clinicId, clinicId))
        .orderBy(desc(noticeVersions.version))
        .limit(1);
      return row;
    },

    async version(db: DbOrTx, clinicId: string, version: number): Promise<NoticeVersionRow | undefined> {
      const [row] = await db
        .select()
        .from(noticeVersions)
        .where(and(eq(noticeVersions.clinicId, clinicId), eq(noticeVersions.version, version)));
      return row;
    },

    async versions(db: DbOrTx, clinicId: string) {
      return db
        .select({
          version: noticeVersions.version,
          publishedAt: noticeVersions.publishedAt,
          publishedBy: noticeVersions.publishedBy,
          summary: noticeVersions.summary,
        })
        .from(noticeVersions)
        .where(eq(noticeVersions.clinicId, clinicId))
        .orderBy(asc(noticeVersions.version));
    },

    async insertVersion(db: DbOrTx, row: NoticeVersionRow) {
      await db.insert(noticeVersions).values(row);
    },
  };
}
