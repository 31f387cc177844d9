import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../platform/db';
import { accessReviewMarks } from './access-review.schema';

type Rows<T> = { rows: T[] };
const rowsOf = <T>(r: unknown) => (r as Rows<T>).rows;

export interface RawFinding {
  kind: 'break_glass' | 'untreated_patients' | 'outside_hours' | 'same_surname' | 'bulk_read';
  actor_id: string;
  actor_name: string;
  day: string;
  count: number;
  first_at: string;
  detail: string | null;
}

/**
 * The access review's queries over the audit log (read-only): each finding is one staff member on
 * one day, with how many events and why it is unusual. Patient names are compared, never returned.
 */
export function createAccessReviewRepository() {
  return {
    async findings(
      db: DbOrTx,
      clinicId: string,
      q: {
        from: Date;
        to: Date;
        zone: string;
        openHour: number;
        closeHour: number;
        untreatedThreshold: number;
        bulkThreshold: number;
      },
    ): Promise<RawFinding[]> {
      const r = await db.execute(sql`
        with ev as (
          select e.actor_id, e.patient_ref, e.action, e.break_glass, e.reason, e.at, u.full_name, u.roles,
            to_char(e.at at time zone ${q.zone}, 'YYYY-MM-DD') as day,
            extract(hour from e.at at time zone ${q.zone}) as hour,
            extract(isodow from e.at at time zone ${q.zone}) as dow,
            exists (select 1 from care_assignments a where a.clinic_id = e.clinic_id and a.patient_id = e.patient_ref
              and a.staff_user_id = e.actor_id) as treats,
            exists (select 1 from patients p where p.clinic_id = e.clinic_id and p.id = e.patient_ref
              and lower(p.last_name) = lower(regexp_replace(u.full_name, '^.*\\s', ''))) as same_surname
          from audit_events e join staff_users u on u.clinic_id = e.clinic_id and u.id = e.actor_id
          where e.clinic_id = ${clinicId} and e.at >= ${q.from} and e.at < ${q.to} and e.outcome = 'allowed'
            and e.actor_id is not null
        )
        select 'break_glass' as kind, actor_id::text, full_name as actor_name, day, count(*)::int as count,
          min(at)::text as first_at, string_agg(distinct reason, '; ') as detail
        from ev where break_glass group by actor_id, full_name, day
        union all
        select 'untreated_patients', actor_id::text, full_name, day, count(distinct patient_ref)::int, min(at)::text, null
        from ev where patient_ref is not null and action like 'patient.%' and not treats
          and not (roles && array['receptionist', 'admin', 'accountant']::text[])
        group by actor_id, full_name, day having count(distinct patient_ref) >= ${q.untreatedThreshold}
        union all
        select 'bulk_read', actor_id::text, full_name, day, count(distinct patient_ref)::int, min(at)::text, null
        from ev where patient_ref is not null
        group by actor_id, full_name, day having count(distinct patient_ref) >= ${q.bulkThreshold}
        union all
        select 'outside_hours', actor_id::text, full_name, day, count(*)::int, min(at)::text, null
        from ev where patient_ref is not null and (hour < ${q.openHour} or hour >= ${q.closeHour} or dow = 7)
        group by actor_id, full_name, day
        union all
        select 'same_surname', actor_id::text, full_name, day, count(distinct patient_ref)::int, min(at)::text, null
        from ev where same_surname
        group by actor_id, full_name, day
        order by 4, 1, 3`);
      return rowsOf<RawFinding>(r);
    },
    async marks(db: DbOrTx, clinicId: string) {
      return db.select().from(accessReviewMarks).where(eq(accessReviewMarks.clinicId, clinicId));
    },
    async mark(tx: Tx, row: typeof accessReviewMarks.$inferInsert) {
      await tx
        .insert(accessReviewMarks)
        .values(row)
        .onConflictDoUpdate({
          target: [accessReviewMarks.clinicId, accessReviewMarks.findingKey],
          set: { outcome: row.outcome, note: row.note, reviewedBy: row.reviewedBy, reviewedAt: row.reviewedAt },
        });
    },
    async markOf(db: DbOrTx, clinicId: string, key: string) {
      const [m] = await db
        .select()
        .from(accessReviewMarks)
        .where(and(eq(accessReviewMarks.clinicId, clinicId), eq(accessReviewMarks.findingKey, key)));
      return m ?? null;
    },
  };
}
