import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { loginAttempts, sessions } from '../../platform/auth/auth.schema';
import type { DbOrTx, Tx } from '../../platform/db';
import { outboxJobs } from '../../platform/jobs/jobs.schema';
import {
  debtHandovers,
  debtNotices,
  instalmentRequests,
  invoiceLines,
  invoiceShares,
  invoices,
  payments,
} from '../billing/billing.schema';
import { benefitUsedElsewhere, patientBenefitGroups, renderedServices } from '../billing/billing-charges.schema';
import { bookingRequests } from '../booking/booking.schema';
import { consentEvents } from '../consents/consents.schema';
import {
  careAssignments,
  patientBillPayers,
  patientRepresentatives,
  patients,
  patientVersions,
} from '../patients/patients.schema';
import { portalLoginLinks, portalSessions } from '../portal/portal.schema';
import { queueEntries, queueEntryChanges } from '../queue/queue.schema';
import { recordings } from '../recordings/recordings.schema';
import { retentionHolds, retentionRuns } from './retention.schema';
import type { TargetKey } from './retention.targets';

/**
 * The only SQL of retention. Deleting is this module's whole purpose and happens nowhere else
 * (docs/CONVENTIONS.md), so its deletes of other modules' rows live here rather than behind their
 * services: the immutability triggers let them through only inside `allowDeletes(tx)`.
 */

/** What a target's candidates are found by: per anchor the cut-off (data before it has expired). */
export interface Cutoffs {
  today: string;
  /** patient_record */
  serviceDate?: string;
  birthDate?: string;
  /** accounting: invoice dates before this; `retain_until` before today as well. */
  documentDate?: string;
  /** event-based targets: the event before this instant. */
  event?: Date;
  /**
   * patient_record in a plan only: invoices dated before this go earlier in the same run, so they
   * do not keep their patient (a run itself counts only the invoices that are really left).
   */
  invoicesGoBefore?: string;
  /** recordings: files whose deletion failed after this instant (in this run) wait for the next run. */
  attemptedBefore?: Date;
}

type Rows<T> = { rows: T[] };
const rowsOf = <T>(r: unknown) => (r as Rows<T>).rows;

/** A hold in force on `today` covering `target` (and, in SQL, the patient). */
const holdActive = (today: string, target: TargetKey) => sql`
  h.released_at is null and h.starts_on <= ${today}::date and (h.ends_on is null or h.ends_on >= ${today}::date)
  and (h.target is null or h.target = ${target})`;

function candidateSql(key: TargetKey, clinicId: string, c: Cutoffs, ignoreHolds = false) {
  const held = (patientCol: ReturnType<typeof sql.raw>) =>
    ignoreHolds
      ? sql`true`
      : sql`not exists (select 1 from retention_holds h where h.clinic_id = ${clinicId} and h.patient_id = ${patientCol} and ${holdActive(c.today, key)})`;
  switch (key) {
    case 'patient_record':
      return sql`
        with p as (
          select p.id, p.birth_date,
            greatest(p.created_at::date,
              (select max(r.visit_date) from rendered_services r where r.clinic_id = p.clinic_id and r.patient_id = p.id),
              (select max(coalesce(q.starts_at, q.registered_at))::date from queue_entries q where q.clinic_id = p.clinic_id and q.patient_id = p.id)
            ) as last_service
          from patients p
          where p.clinic_id = ${clinicId} and p.archive_reason is distinct from ${ANONYMISED}
            and not exists (select 1 from invoices i where i.clinic_id = p.clinic_id and i.patient_id = p.id
              and not (${c.invoicesGoBefore ?? null}::date is not null and i.invoice_date < ${c.invoicesGoBefore ?? null}::date
                and i.retain_until < ${c.today}::date))
            and ${held(sql.raw('p.id'))}
        )
        select id, least(last_service, birth_date)::text as anchor from p
        where (${c.serviceDate ?? null}::date is null or last_service < ${c.serviceDate ?? null}::date)
          and (${c.birthDate ?? null}::date is null or birth_date < ${c.birthDate ?? null}::date)`;
    case 'accounting':
      return sql`
        select i.id, i.invoice_date::text as anchor from invoices i
        where i.clinic_id = ${clinicId} and i.retain_until < ${c.today}::date and i.invoice_date < ${c.documentDate!}::date
          and ${held(sql.raw('i.patient_id'))}`;
    case 'booking_requests':
      return sql`
        select b.id, b.answered_at::date::text as anchor from booking_requests b
        where b.clinic_id = ${clinicId} and b.status <> 'new' and b.answered_at < ${c.event!}
          and (b.patient_id is null or ${held(sql.raw('b.patient_id'))})`;
    case 'portal_access':
      return sql`
        select 'l:' || l.id as id, l.expires_at::date::text as anchor from portal_login_links l
        where l.clinic_id = ${clinicId} and l.expires_at < ${c.event!} and ${held(sql.raw('l.patient_id'))}
        union all
        select 's:' || s.id, coalesce(s.ended_at, s.expires_at)::date::text from portal_sessions s
        where s.clinic_id = ${clinicId} and coalesce(s.ended_at, s.expires_at) < ${c.event!} and ${held(sql.raw('s.patient_id'))}`;
    case 'staff_sessions':
      return sql`
        select 's:' || s.id as id, coalesce(s.ended_at, s.expires_at)::date::text as anchor from sessions s
        where s.clinic_id = ${clinicId} and coalesce(s.ended_at, s.expires_at) < ${c.event!}
        union all
        select 'a:' || a.id, a.at::date::text from login_attempts a where a.clinic_id = ${clinicId} and a.at < ${c.event!}`;
    case 'outbox':
      return sql`
        select o.id::text as id, coalesce(o.finished_at, o.run_at)::date::text as anchor from outbox_jobs o
        where o.clinic_id = ${clinicId} and o.status in ('sent', 'failed', 'cancelled', 'skipped')
          and coalesce(o.finished_at, o.run_at) < ${c.event!}`;
    case 'recordings':
      return sql`
        select r.id::text as id, r.ended_at::date::text as anchor from recordings r
        where r.clinic_id = ${clinicId} and r.ended_at < ${c.event!}
          and ${ignoreHolds ? sql`true` : sql`not exists (select 1 from retention_holds h where h.clinic_id = ${clinicId} and h.recording_id = r.id and ${holdActive(c.today, key)})`}
          and (${c.attemptedBefore ?? null}::timestamptz is null or r.last_delete_attempt_at is null
            or r.last_delete_attempt_at < ${c.attemptedBefore ?? null}::timestamptz)`;
    case 'access_log':
      throw new Error('access logs are archived by the audit chain, not selected here');
  }
}

/** The archive reason that marks a record anonymised by retention (it is never picked again). */
export const ANONYMISED = 'anonymised under the retention rule';

const split = (ids: string[], prefix: string) => ids.filter((i) => i.startsWith(prefix)).map((i) => i.slice(2));

export function createRetentionRepository() {
  return {
    /** Lets this transaction delete what the triggers otherwise refuse (`hoidja.retention = 'on'`). */
    async allowDeletes(tx: Tx) {
      await tx.execute(sql`select set_config('hoidja.retention', 'on', true)`);
    },

    /** How many rows of a target have expired and the oldest anchor date among them (holds ignored: all expired). */
    async count(db: DbOrTx, key: TargetKey, clinicId: string, c: Cutoffs, ignoreHolds = false) {
      const r = rowsOf<{ n: string | number; oldest: string | null }>(
        await db.execute(
          sql`select count(*) as n, min(anchor) as oldest from (${candidateSql(key, clinicId, c, ignoreHolds)}) x`,
        ),
      )[0];
      return { count: Number(r?.n ?? 0), oldest: r?.oldest ?? null };
    },

    /** Access-log events recorded before an instant. */
    async countAuditBefore(db: DbOrTx, clinicId: string, before: Date) {
      const r = rowsOf<{ n: string | number; oldest: string | null }>(
        await db.execute(
          sql`select count(*) as n, min(at)::date::text as oldest from audit_events where clinic_id = ${clinicId} and at < ${before}`,
        ),
      )[0];
      return { count: Number(r?.n ?? 0), oldest: r?.oldest ?? null };
    },

    /** The next batch of a target's expired rows not under a hold. */
    async next(tx: Tx, key: TargetKey, clinicId: string, c: Cutoffs, limit: number): Promise<string[]> {
      const rows = rowsOf<{ id: string }>(
        // Recordings go oldest first (the promise to patients); elsewhere any order will do, and
        // sorting every expired row for each batch would cost more than the deletion itself.
        await tx.execute(
          key === 'recordings'
            ? sql`select id from (${candidateSql(key, clinicId, c)}) x order by anchor, id limit ${limit}`
            : sql`select id from (${candidateSql(key, clinicId, c)}) x limit ${limit}`,
        ),
      );
      return rows.map((r) => r.id);
    },

    /** Removes a batch of a target's rows, with every row that goes with them. */
    async remove(tx: Tx, key: TargetKey, clinicId: string, ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      switch (key) {
        case 'patient_record':
          return deletePatients(tx, clinicId, ids);
        case 'accounting': {
          for (const table of [invoiceLines, invoiceShares, payments, debtNotices, debtHandovers]) {
            await tx.delete(table).where(and(eq(table.clinicId, clinicId), inArray(table.invoiceId, ids)));
          }
          await tx
            .delete(instalmentRequests)
            .where(and(eq(instalmentRequests.clinicId, clinicId), inArray(instalmentRequests.invoiceId, ids)));
          await tx
            .update(renderedServices)
            .set({ invoiceId: null })
            .where(and(eq(renderedServices.clinicId, clinicId), inArray(renderedServices.invoiceId, ids)));
          await tx.delete(invoices).where(and(eq(invoices.clinicId, clinicId), inArray(invoices.id, ids)));
          return;
        }
        case 'booking_requests':
          await tx
            .delete(bookingRequests)
            .where(and(eq(bookingRequests.clinicId, clinicId), inArray(bookingRequests.id, ids)));
          return;
        case 'portal_access': {
          const [l, s] = [split(ids, 'l:'), split(ids, 's:')];
          if (l.length)
            await tx
              .delete(portalLoginLinks)
              .where(and(eq(portalLoginLinks.clinicId, clinicId), inArray(portalLoginLinks.id, l)));
          if (s.length)
            await tx
              .delete(portalSessions)
              .where(and(eq(portalSessions.clinicId, clinicId), inArray(portalSessions.id, s)));
          return;
        }
        case 'staff_sessions': {
          const [s, a] = [split(ids, 's:'), split(ids, 'a:')];
          if (s.length) await tx.delete(sessions).where(and(eq(sessions.clinicId, clinicId), inArray(sessions.id, s)));
          if (a.length)
            await tx
              .delete(loginAttempts)
              .where(and(eq(loginAttempts.clinicId, clinicId), inArray(sql`${loginAttempts.id}::text`, a)));
          return;
        }
        case 'outbox':
          await tx.delete(outboxJobs).where(and(eq(outboxJobs.clinicId, clinicId), inArray(outboxJobs.id, ids)));
          return;
        case 'recordings':
          await tx.delete(recordings).where(and(eq(recordings.clinicId, clinicId), inArray(recordings.id, ids)));
          return;
        case 'access_log':
          throw new Error('access logs are archived by the audit chain');
      }
    },

    /** Where the files of some recordings lie. */
    async recordingLocations(db: DbOrTx, clinicId: string, ids: string[]) {
      return db
        .select({ id: recordings.id, location: recordings.location })
        .from(recordings)
        .where(and(eq(recordings.clinicId, clinicId), inArray(recordings.id, ids)));
    },
    async recordingDeleteFailed(tx: Tx, clinicId: string, id: string, error: string, at: Date) {
      await tx
        .update(recordings)
        .set({ deleteAttempts: sql`${recordings.deleteAttempts} + 1`, lastDeleteError: error, lastDeleteAttemptAt: at })
        .where(and(eq(recordings.clinicId, clinicId), eq(recordings.id, id)));
    },

    /** A patient's booking requests and portal sign-ins, erased on request (nothing keeps them). */
    async erasePatientContacts(
      tx: Tx,
      clinicId: string,
      patientId: string,
      what: 'booking_requests' | 'portal_access',
    ) {
      if (what === 'booking_requests') {
        const r = await tx
          .delete(bookingRequests)
          .where(and(eq(bookingRequests.clinicId, clinicId), eq(bookingRequests.patientId, patientId)))
          .returning({ id: bookingRequests.id });
        return r.length;
      }
      const l = await tx
        .delete(portalLoginLinks)
        .where(and(eq(portalLoginLinks.clinicId, clinicId), eq(portalLoginLinks.patientId, patientId)))
        .returning({ id: portalLoginLinks.id });
      const s = await tx
        .delete(portalSessions)
        .where(and(eq(portalSessions.clinicId, clinicId), eq(portalSessions.patientId, patientId)))
        .returning({ id: portalSessions.id });
      return l.length + s.length;
    },

    /** Holds in force on `today` that cover the patient (their own, or clinic-wide). */
    async patientHolds(db: DbOrTx, clinicId: string, patientId: string, today: string) {
      return db
        .select()
        .from(retentionHolds)
        .where(
          and(
            eq(retentionHolds.clinicId, clinicId),
            sql`(${retentionHolds.patientId} = ${patientId} or ${retentionHolds.patientId} is null) and ${retentionHolds.recordingId} is null`,
            sql`${retentionHolds.releasedAt} is null and ${retentionHolds.startsOn} <= ${today}::date and (${retentionHolds.endsOn} is null or ${retentionHolds.endsOn} >= ${today}::date)`,
          ),
        );
    },

    /** Clinic-wide holds in force (no patient), which stop a whole target or everything. */
    async clinicHolds(db: DbOrTx, clinicId: string, today: string) {
      return db
        .select()
        .from(retentionHolds)
        .where(
          and(
            eq(retentionHolds.clinicId, clinicId),
            sql`${retentionHolds.patientId} is null and ${retentionHolds.recordingId} is null and ${retentionHolds.releasedAt} is null and ${retentionHolds.startsOn} <= ${today}::date and (${retentionHolds.endsOn} is null or ${retentionHolds.endsOn} >= ${today}::date)`,
          ),
        );
    },

    async holds(db: DbOrTx, clinicId: string) {
      return db
        .select()
        .from(retentionHolds)
        .where(eq(retentionHolds.clinicId, clinicId))
        .orderBy(desc(retentionHolds.createdAt));
    },
    async hold(db: DbOrTx, clinicId: string, id: string) {
      const [h] = await db
        .select()
        .from(retentionHolds)
        .where(and(eq(retentionHolds.clinicId, clinicId), eq(retentionHolds.id, id)));
      return h ?? null;
    },
    async insertHold(tx: Tx, row: typeof retentionHolds.$inferInsert) {
      await tx.insert(retentionHolds).values(row);
    },
    async releaseHold(tx: Tx, clinicId: string, id: string, by: string | null, at: Date, endsOn: string) {
      await tx
        .update(retentionHolds)
        .set({ releasedAt: at, releasedBy: by, endsOn })
        .where(and(eq(retentionHolds.clinicId, clinicId), eq(retentionHolds.id, id)));
    },

    async unfinishedRun(db: DbOrTx, clinicId: string) {
      const [r] = await db
        .select()
        .from(retentionRuns)
        .where(and(eq(retentionRuns.clinicId, clinicId), eq(retentionRuns.status, 'running')))
        .limit(1);
      return r ?? null;
    },
    async run(db: DbOrTx, clinicId: string, id: string) {
      const [r] = await db
        .select()
        .from(retentionRuns)
        .where(and(eq(retentionRuns.clinicId, clinicId), eq(retentionRuns.id, id)));
      return r ?? null;
    },
    async runs(db: DbOrTx, clinicId: string, limit = 50) {
      return db
        .select()
        .from(retentionRuns)
        .where(eq(retentionRuns.clinicId, clinicId))
        .orderBy(desc(retentionRuns.startedAt))
        .limit(limit);
    },
    async insertRun(tx: Tx, row: typeof retentionRuns.$inferInsert) {
      await tx.insert(retentionRuns).values(row);
    },
    async updateRun(tx: Tx, clinicId: string, id: string, set: Partial<typeof retentionRuns.$inferInsert>) {
      await tx
        .update(retentionRuns)
        .set(set)
        .where(and(eq(retentionRuns.clinicId, clinicId), eq(retentionRuns.id, id)));
    },

    /** What anonymising a patient needs: the identifiers to mask and the free text to mask them in. */
    async forAnonymising(tx: Tx, clinicId: string, patientId: string) {
      const [p] = await tx
        .select()
        .from(patients)
        .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)));
      if (!p) return null;
      const reps = await tx
        .select({
          first: patientRepresentatives.firstName,
          last: patientRepresentatives.lastName,
          mobile: patientRepresentatives.mobile,
          email: patientRepresentatives.email,
        })
        .from(patientRepresentatives)
        .where(and(eq(patientRepresentatives.clinicId, clinicId), eq(patientRepresentatives.patientId, patientId)));
      const payers = await tx
        .select({ name: patientBillPayers.name, email: patientBillPayers.email, phone: patientBillPayers.phone })
        .from(patientBillPayers)
        .where(and(eq(patientBillPayers.clinicId, clinicId), eq(patientBillPayers.patientId, patientId)));
      const entries = await tx
        .select({
          id: queueEntries.id,
          indicationEnc: queueEntries.indicationEnc,
          complaintEnc: queueEntries.complaintEnc,
        })
        .from(queueEntries)
        .where(and(eq(queueEntries.clinicId, clinicId), eq(queueEntries.patientId, patientId)));
      const changes = entries.length
        ? await tx
            .select({ id: queueEntryChanges.id, reason: queueEntryChanges.reason })
            .from(queueEntryChanges)
            .where(
              and(
                eq(queueEntryChanges.clinicId, clinicId),
                inArray(
                  queueEntryChanges.entryId,
                  entries.map((e) => e.id),
                ),
              ),
            )
        : [];
      return { patient: p, reps, payers, entries, changes };
    },

    /**
     * Writes the anonymised record: identifiers gone, statistics kept (age band, sex, town,
     * services, dates to the month), free text as masked by the caller; the linked people, the
     * change history (earlier values), consents and portal access removed.
     */
    async writeAnonymised(
      tx: Tx,
      clinicId: string,
      patientId: string,
      a: {
        birthDate: string;
        healthNotesEnc: string | null;
        entries: { id: string; indicationEnc: string | null; complaintEnc: string | null }[];
        changes: { id: string; reason: string | null }[];
        at: Date;
      },
    ) {
      await tx
        .update(patients)
        .set({
          firstName: '—',
          lastName: '—',
          firstNameNorm: '',
          lastNameNorm: '',
          idCountry: null,
          idCodeEnc: null,
          idCodeHash: null,
          idWarning: null,
          documentType: null,
          documentNumberEnc: null,
          documentCountry: null,
          birthDate: a.birthDate,
          mobile: null,
          email: null,
          addressStreet: null,
          addressPostalCode: null,
          insuranceEnc: null,
          occupation: null,
          workplace: null,
          healthNotesEnc: a.healthNotesEnc,
          status: 'archived',
          archivedAt: a.at,
          archiveReason: ANONYMISED,
          updatedAt: a.at,
        })
        .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)));
      for (const e of a.entries) {
        await tx
          .update(queueEntries)
          .set({ indicationEnc: e.indicationEnc, complaintEnc: e.complaintEnc })
          .where(and(eq(queueEntries.clinicId, clinicId), eq(queueEntries.id, e.id)));
      }
      for (const ch of a.changes) {
        await tx
          .update(queueEntryChanges)
          .set({ reason: ch.reason })
          .where(and(eq(queueEntryChanges.clinicId, clinicId), eq(queueEntryChanges.id, ch.id)));
      }
      await tx.execute(sql`
        update queue_entries set contact_mobile = null, contact_email = null, referral_professional = null,
          registered_by = null, booking_request_id = null,
          starts_at = date_trunc('month', starts_at), ends_at = date_trunc('month', ends_at),
          registered_at = date_trunc('month', registered_at)
        where clinic_id = ${clinicId} and patient_id = ${patientId}`);
      await tx.execute(sql`
        update rendered_services set visit_date = date_trunc('month', visit_date)::date
        where clinic_id = ${clinicId} and patient_id = ${patientId}`);
      for (const table of [
        consentEvents,
        patientVersions,
        patientRepresentatives,
        patientBillPayers,
        careAssignments,
        portalLoginLinks,
        portalSessions,
        patientBenefitGroups,
        benefitUsedElsewhere,
      ]) {
        await tx.delete(table).where(and(eq(table.clinicId, clinicId), eq(table.patientId, patientId)));
      }
      await tx
        .update(bookingRequests)
        .set({ patientId: null })
        .where(and(eq(bookingRequests.clinicId, clinicId), eq(bookingRequests.patientId, patientId)));
    },

    /** Dates a patient's record runs from: birth date, last service, whether invoices remain. */
    async patientFacts(db: DbOrTx, clinicId: string, patientId: string) {
      const r = rowsOf<{ birth_date: string; last_service: string; invoices_until: string | null }>(
        await db.execute(sql`
          select p.birth_date::text,
            greatest(p.created_at::date,
              (select max(r.visit_date) from rendered_services r where r.clinic_id = p.clinic_id and r.patient_id = p.id),
              (select max(coalesce(q.starts_at, q.registered_at))::date from queue_entries q where q.clinic_id = p.clinic_id and q.patient_id = p.id)
            )::text as last_service,
            (select max(i.retain_until)::text from invoices i where i.clinic_id = p.clinic_id and i.patient_id = p.id) as invoices_until
          from patients p where p.clinic_id = ${clinicId} and p.id = ${patientId}`),
      )[0];
      return r ?? null;
    },
  };
}

/** A patient and every row that is about them (invoices are a target of their own and must be gone first). */
async function deletePatients(tx: Tx, clinicId: string, ids: string[]) {
  await tx.delete(queueEntryChanges).where(
    and(
      eq(queueEntryChanges.clinicId, clinicId),
      inArray(
        queueEntryChanges.entryId,
        tx
          .select({ id: queueEntries.id })
          .from(queueEntries)
          .where(and(eq(queueEntries.clinicId, clinicId), inArray(queueEntries.patientId, ids))),
      ),
    ),
  );
  for (const table of [
    queueEntries,
    renderedServices,
    patientBenefitGroups,
    benefitUsedElsewhere,
    consentEvents,
    careAssignments,
    patientBillPayers,
    patientRepresentatives,
    patientVersions,
    portalLoginLinks,
    portalSessions,
    instalmentRequests,
    debtNotices,
    retentionHolds,
  ]) {
    await tx.delete(table).where(and(eq(table.clinicId, clinicId), inArray(table.patientId, ids)));
  }
  await tx
    .update(bookingRequests)
    .set({ patientId: null })
    .where(and(eq(bookingRequests.clinicId, clinicId), inArray(bookingRequests.patientId, ids)));
  await tx.delete(patients).where(and(eq(patients.clinicId, clinicId), inArray(patients.id, ids)));
}
