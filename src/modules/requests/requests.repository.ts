import { and, asc, desc, eq, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { exportTables } from './export.catalogue';
import { type RequestStatus, rightsRequestEvents, rightsRequests } from './requests.schema';

export type RightsRequestRow = typeof rightsRequests.$inferSelect;
export type RequestEventRow = typeof rightsRequestEvents.$inferSelect;

export type RequestsRepository = ReturnType<typeof createRequestsRepository>;

/** The only code that touches SQL for data-subject requests. */
export function createRequestsRepository() {
  return {
    async insert(db: DbOrTx, row: RightsRequestRow) {
      await db.insert(rightsRequests).values(row);
    },

    async update(db: DbOrTx, clinicId: string, id: string, patch: Partial<RightsRequestRow>) {
      await db
        .update(rightsRequests)
        .set(patch)
        .where(and(eq(rightsRequests.clinicId, clinicId), eq(rightsRequests.id, id)));
    },

    /** Whether a restriction of the patient's processing is in force: open, or granted and not lifted. */
    async restrictionInForce(db: DbOrTx, clinicId: string, patientId: string): Promise<boolean> {
      const rows = await db
        .select({ id: rightsRequests.id })
        .from(rightsRequests)
        .where(
          and(
            eq(rightsRequests.clinicId, clinicId),
            eq(rightsRequests.patientId, patientId),
            eq(rightsRequests.kind, 'restriction'),
            inArray(rightsRequests.status, ['open', 'waiting_on_person', 'answered']),
            isNull(rightsRequests.liftedOn),
          ),
        )
        .limit(1);
      return rows.length > 0;
    },

    async find(db: DbOrTx, clinicId: string, id: string, forUpdate = false): Promise<RightsRequestRow | undefined> {
      const q = db
        .select()
        .from(rightsRequests)
        .where(and(eq(rightsRequests.clinicId, clinicId), eq(rightsRequests.id, id)));
      const [row] = forUpdate ? await q.for('update') : await q;
      return row;
    },

    async list(
      db: DbOrTx,
      clinicId: string,
      filter: { statuses?: RequestStatus[]; patientId?: string; dueBy?: string; limit: number },
    ): Promise<RightsRequestRow[]> {
      const where: SQL[] = [eq(rightsRequests.clinicId, clinicId)];
      if (filter.statuses) where.push(inArray(rightsRequests.status, filter.statuses));
      if (filter.patientId) where.push(eq(rightsRequests.patientId, filter.patientId));
      if (filter.dueBy) where.push(lte(rightsRequests.dueOn, filter.dueBy));
      return db
        .select()
        .from(rightsRequests)
        .where(and(...where))
        .orderBy(asc(rightsRequests.dueOn), desc(rightsRequests.createdAt))
        .limit(filter.limit);
    },

    async appendEvent(db: DbOrTx, row: Omit<RequestEventRow, 'seq'>) {
      await db.insert(rightsRequestEvents).values(row);
    },

    async events(db: DbOrTx, clinicId: string, requestIds: string[]): Promise<RequestEventRow[]> {
      if (requestIds.length === 0) return [];
      return db
        .select()
        .from(rightsRequestEvents)
        .where(and(eq(rightsRequestEvents.clinicId, clinicId), inArray(rightsRequestEvents.requestId, requestIds)))
        .orderBy(asc(rightsRequestEvents.seq));
    },

    /**
     * Every row about the person in every table of the export catalogue, by table name (snake_case
     * columns as stored). One query per table, in the caller's transaction.
     */
    /**
     * The same rows as `personRows`, table by table in batches of `batch` through a cursor, so that
     * a large history is never held whole. Only inside a transaction (a cursor lives as long as it).
     */
    async *personRowBatches(
      tx: DbOrTx,
      clinicId: string,
      patientId: string,
      batch: number,
    ): AsyncGenerator<{ table: string; rows: Record<string, unknown>[] }> {
      for (const [table, reach] of Object.entries(exportTables)) {
        const t = sql.identifier(table);
        const col = sql.identifier(reach.column);
        const where =
          'parent' in reach
            ? sql`${col} in (select id from ${sql.identifier(reach.parent)} where clinic_id = ${clinicId} and ${sql.identifier(reach.parentColumn)} = ${patientId})`
            : sql`${col} = ${patientId}`;
        await tx.execute(
          sql`declare hoidja_export no scroll cursor for select * from ${t} where clinic_id = ${clinicId} and ${where}`,
        );
        try {
          for (;;) {
            const result = await tx.execute(sql.raw(`fetch forward ${Math.trunc(batch)} from hoidja_export`));
            const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
            if (rows.length === 0) break;
            yield { table, rows };
            if (rows.length < batch) break;
          }
        } finally {
          await tx.execute(sql`close hoidja_export`);
        }
      }
    },

    async personRows(
      db: DbOrTx,
      clinicId: string,
      patientId: string,
    ): Promise<Record<string, Record<string, unknown>[]>> {
      const out: Record<string, Record<string, unknown>[]> = {};
      for (const [table, reach] of Object.entries(exportTables)) {
        const t = sql.identifier(table);
        const col = sql.identifier(reach.column);
        const where =
          'parent' in reach
            ? sql`${col} in (select id from ${sql.identifier(reach.parent)} where clinic_id = ${clinicId} and ${sql.identifier(reach.parentColumn)} = ${patientId})`
            : sql`${col} = ${patientId}`;
        const result = await db.execute(sql`select * from ${t} where clinic_id = ${clinicId} and ${where}`);
        out[table] = (result as unknown as { rows: Record<string, unknown>[] }).rows;
      }
      return out;
    },
  };
}
