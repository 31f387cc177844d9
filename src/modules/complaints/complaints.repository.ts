import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import { complaintEvents, complaints } from './complaints.schema';

export type ComplaintRow = typeof complaints.$inferSelect;
export type ComplaintEventRow = typeof complaintEvents.$inferSelect;

/** The only code that touches SQL for complaints. */
export function createComplaintsRepository() {
  return {
    async insert(db: DbOrTx, row: ComplaintRow) {
      await db.insert(complaints).values(row);
    },
    async update(db: DbOrTx, clinicId: string, id: string, patch: Partial<ComplaintRow>) {
      await db
        .update(complaints)
        .set(patch)
        .where(and(eq(complaints.clinicId, clinicId), eq(complaints.id, id)));
    },
    async find(db: DbOrTx, clinicId: string, id: string): Promise<ComplaintRow | undefined> {
      const [row] = await db
        .select()
        .from(complaints)
        .where(and(eq(complaints.clinicId, clinicId), eq(complaints.id, id)))
        .for('update');
      return row;
    },
    async list(db: DbOrTx, clinicId: string, statuses: ComplaintRow['status'][]): Promise<ComplaintRow[]> {
      return db
        .select()
        .from(complaints)
        .where(and(eq(complaints.clinicId, clinicId), inArray(complaints.status, statuses)))
        .orderBy(asc(complaints.reviewBy))
        .limit(500);
    },
    async appendEvent(db: DbOrTx, row: Omit<ComplaintEventRow, 'seq'>) {
      await db.insert(complaintEvents).values(row);
    },
    async events(db: DbOrTx, clinicId: string, complaintId: string): Promise<ComplaintEventRow[]> {
      return db
        .select()
        .from(complaintEvents)
        .where(and(eq(complaintEvents.clinicId, clinicId), eq(complaintEvents.complaintId, complaintId)))
        .orderBy(asc(complaintEvents.seq));
    },
    /** Yearly statistics: complaints and suggestions received, answered, answered late. */
    async yearStats(db: DbOrTx, clinicId: string, year: number) {
      const result = await db.execute(sql`
        select kind, count(*)::int as received,
          count(answered_on)::int as answered,
          count(*) filter (where answered_on > coalesce(extended_resolve_by, resolve_by)
            or (answered_on is null and coalesce(extended_resolve_by, resolve_by) < current_date))::int as late
        from complaints
        where clinic_id = ${clinicId} and received_on >= ${`${year}-01-01`}::date and received_on <= ${`${year}-12-31`}::date
        group by kind order by kind`);
      return (result as unknown as { rows: { kind: string; received: number; answered: number; late: number }[] }).rows;
    },
  };
}
