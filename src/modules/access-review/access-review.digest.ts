import { systemContext } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { enqueue, type OutboxJob } from '../../platform/jobs/outbox';
import type { JobHandlers } from '../../platform/jobs/worker';
import type { Mailer } from '../../platform/mail';
import { addDays, isoWeekday, localDate, zonedInstant } from '../../rules/zoned-time';
import type { ClinicsService } from '../clinics/clinics.service';
import type { AccessReviewService } from './access-review.service';

type Lang = 'et' | 'lv' | 'en' | 'ru';
type Kind = 'break_glass' | 'untreated_patients' | 'bulk_read' | 'outside_hours' | 'same_surname';
interface Digest {
  clinic: string;
  from: string;
  to: string;
  total: number;
  open: number;
  kinds: Partial<Record<Kind, number>>;
  url: string;
}

/** The weekly digest in the clinic's language: counts only (no patient, no staff name), and the link. */
const texts: Record<
  Lang,
  { subject: (d: Digest) => string; kinds: Record<Kind, string>; body: (d: Digest, lines: string) => string }
> = {
  et: {
    subject: (d) => `${d.clinic}: juurdepääsude ülevaatus ${d.from}–${d.to} (üle vaatamata ${d.open})`,
    kinds: {
      break_glass: 'erakorraline juurdepääs',
      untreated_patients: 'mitte oma patsiendid',
      bulk_read: 'palju andmeid ühe päevaga',
      outside_hours: 'väljaspool tööaega',
      same_surname: 'sama perekonnanimi',
    },
    body: (d, lines) =>
      `Juurdepääsulogis leiti ajavahemikul ${d.from}–${d.to} tavatuid juurdepääse: ${d.total}, neist üle vaatamata ${d.open}.\n\n${lines}\n\nVaadake need üle: ${d.url}\n`,
  },
  lv: {
    subject: (d) => `${d.clinic}: piekļuves pārskats ${d.from}–${d.to} (neizskatīti: ${d.open})`,
    kinds: {
      break_glass: 'ārkārtas piekļuve',
      untreated_patients: 'ne savi pacienti',
      bulk_read: 'daudz datu vienā dienā',
      outside_hours: 'ārpus darba laika',
      same_surname: 'tas pats uzvārds',
    },
    body: (d, lines) =>
      `Piekļuves žurnālā laikā no ${d.from} līdz ${d.to} atrastas neparastas piekļuves: ${d.total}, no tām neizskatītas: ${d.open}.\n\n${lines}\n\nIzskatiet tās: ${d.url}\n`,
  },
  en: {
    subject: (d) => `${d.clinic}: access review ${d.from} to ${d.to} (${d.open} to review)`,
    kinds: {
      break_glass: 'break the glass',
      untreated_patients: 'patients not in their care',
      bulk_read: 'many records in one day',
      outside_hours: 'outside working hours',
      same_surname: 'same surname',
    },
    body: (d, lines) =>
      `The access log shows ${d.total} unusual access finding(s) from ${d.from} to ${d.to}; ${d.open} not reviewed yet.\n\n${lines}\n\nReview them: ${d.url}\n`,
  },
  ru: {
    subject: (d) => `${d.clinic}: проверка доступа ${d.from}–${d.to} (не проверено: ${d.open})`,
    kinds: {
      break_glass: 'экстренный доступ',
      untreated_patients: 'не свои пациенты',
      bulk_read: 'много данных за день',
      outside_hours: 'вне рабочего времени',
      same_surname: 'та же фамилия',
    },
    body: (d, lines) =>
      `В журнале доступа за период ${d.from}–${d.to} найдено необычных обращений: ${d.total}, из них не проверено: ${d.open}.\n\n${lines}\n\nПроверьте их: ${d.url}\n`,
  },
};

/** The Monday on or after a date. */
const nextMonday = (date: string) => addDays(date, (8 - isoWeekday(date)) % 7);

export interface DigestDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  mailer: Mailer;
  publicUrl: string;
  clinics: Pick<ClinicsService, 'byId' | 'all'>;
  accessReview: Pick<AccessReviewService, 'collect'>;
}

/**
 * The weekly digest to the clinic's data protection officer: every Monday at 07:00 on the clinic's
 * clock the outbox sends the past week's findings, counted by kind, to the DPO contact of the
 * register; each digest queues the next one (one dedupe key per clinic and week).
 */
export function createAccessReviewDigest(deps: DigestDeps) {
  const { db, clock, audit } = deps;

  const queue = (
    tx: Db | Parameters<Parameters<Db['transaction']>[0]>[0],
    clinicId: string,
    monday: string,
    zone: string,
  ) =>
    enqueue(
      tx,
      {
        clinicId,
        kind: 'access_review.digest',
        runAt: zonedInstant(monday, 7 * 60, zone),
        dedupeKey: `access_review_digest:${monday}`,
        payload: { week: monday },
      },
      clock.now(),
    );

  async function digest(job: OutboxJob) {
    const clinic = await deps.clinics.byId(job.clinicId);
    const monday = String(job.payload.week);
    const r = await deps.accessReview.collect(job.clinicId, { from: addDays(monday, -7), to: addDays(monday, -1) });
    const to = clinic.dataProtectionContact.email ?? clinic.contacts.email;
    const open = r.items.filter((f) => !f.reviewed).length;
    const kinds: Partial<Record<Kind, number>> = {};
    for (const f of r.items) kinds[f.kind as Kind] = (kinds[f.kind as Kind] ?? 0) + 1;
    await db.transaction(async (tx) => {
      await audit.append(tx, systemContext(job.clinicId), [
        auditEntry({
          action: 'access_review.digest',
          entityType: 'audit_events',
          purpose: 'data_protection',
          details: { from: r.from, to: r.to, findings: r.items.length, open, sent: !!to },
        }),
      ]);
      await queue(tx, job.clinicId, addDays(monday, 7), clinic.timeZone);
    });
    if (!to) return { status: 'skipped' as const, reason: 'the clinic has no data protection contact e-mail' };
    const lang = clinic.defaultLanguage as Lang;
    const text = texts[lang];
    const d: Digest = {
      clinic: clinic.name,
      from: r.from,
      to: r.to,
      total: r.items.length,
      open,
      kinds,
      url: `${deps.publicUrl}/access-review`,
    };
    const lines = (Object.keys(text.kinds) as Kind[])
      .filter((k) => kinds[k])
      .map((k) => `- ${text.kinds[k]}: ${kinds[k]}`)
      .join('\n');
    const receipt = await deps.mailer.send({ to, subject: text.subject(d), text: text.body(d, lines || '-') });
    return { status: 'sent' as const, result: { messageId: receipt.messageId, findings: r.items.length, open } };
  }

  /** When background work starts: every clinic has its next Monday's digest queued. */
  async function schedule() {
    const all = await deps.clinics.all();
    await db.transaction(async (tx) => {
      for (const c of all) await queue(tx, c.id, nextMonday(localDate(clock.now(), c.timeZone)), c.timeZone);
    });
  }

  const handlers: Pick<JobHandlers, 'access_review.digest'> = { 'access_review.digest': digest };
  return { handlers, schedule };
}
