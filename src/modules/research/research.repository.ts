import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';

type Rows<T> = { rows: T[] };

export interface ResearchRow {
  patient_id: string;
  first_name: string;
  last_name: string;
  birth_date: string;
  sex: string | null;
  city: string | null;
  consent: string | null;
  visit_month: string | null;
  codes: string[] | null;
  complaints: string[] | null;
}

/**
 * Treatment descriptions for a research export: per patient and month of visit, the service codes
 * and the (encrypted) complaints, with the latest consent event of the research purpose. Names are
 * read only to mask them in the free text; the export never carries them.
 */
export function createResearchRepository() {
  return {
    async rows(db: DbOrTx, clinicId: string, purposeKey: string): Promise<ResearchRow[]> {
      const r = await db.execute(sql`
        with v as (
          select r.patient_id, to_char(r.visit_date, 'YYYY-MM') as month, array_agg(distinct i.code) as codes
          from rendered_services r join price_list_items i on i.clinic_id = r.clinic_id and i.id = r.price_item_id
          where r.clinic_id = ${clinicId} group by r.patient_id, to_char(r.visit_date, 'YYYY-MM')
        ), q as (
          select patient_id, to_char(coalesce(starts_at, registered_at), 'YYYY-MM') as month,
            array_agg(complaint_enc) filter (where complaint_enc is not null) as complaints
          from queue_entries where clinic_id = ${clinicId}
          group by patient_id, to_char(coalesce(starts_at, registered_at), 'YYYY-MM')
        ), m as (select patient_id, month from v union select patient_id, month from q)
        select p.id::text as patient_id, p.first_name, p.last_name, p.birth_date::text, p.sex, p.address_city as city,
          (select c.action from consent_events c where c.clinic_id = p.clinic_id and c.patient_id = p.id
             and c.purpose_key = ${purposeKey} order by c.recorded_at desc, c.seq desc limit 1) as consent,
          m.month as visit_month, v.codes, q.complaints
        from patients p
        join m on m.patient_id = p.id
        left join v on v.patient_id = p.id and v.month = m.month
        left join q on q.patient_id = p.id and q.month = m.month
        where p.clinic_id = ${clinicId} and p.status = 'active' and not p.processing_restricted
        order by p.id, m.month`);
      return (r as unknown as Rows<ResearchRow>).rows;
    },
  };
}
