import { systemContext } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { enqueue, type OutboxJob } from '../../platform/jobs/outbox';
import type { JobHandlers } from '../../platform/jobs/worker';
import type { Mailer } from '../../platform/mail';
import type { ClinicsService } from '../clinics/clinics.service';
import type { PatientsService } from '../patients/patients.service';

type Lang = 'et' | 'lv' | 'en' | 'ru';

interface LetterText {
  subject: (clinic: string) => string;
  body: (v: { name: string; clinic: string; version: number; date: string; url: string; contact: string }) => string;
}

/** The letter telling people that the privacy notice changed, in our own words in four languages. */
const letters: Record<Lang, LetterText> = {
  et: {
    subject: (c) => `${c}: privaatsusteade on muutunud`,
    body: (v) =>
      `Tere, ${v.name}!\n\n${v.clinic} on uuendanud oma privaatsusteadet (versioon ${v.version}, avaldatud ${v.date}). Teatest leiate, milliseid isikuandmeid me töötleme, mis eesmärgil ja millisel õiguslikul alusel, kellele andmeid edastame, kui kaua neid säilitame ning millised on teie õigused.\n\nUuendatud teade: ${v.url}\n\nKüsimuste korral kirjutage ${v.contact}.\n`,
  },
  lv: {
    subject: (c) => `${c}: privātuma paziņojums ir mainīts`,
    body: (v) =>
      `Labdien, ${v.name}!\n\n${v.clinic} ir atjauninājusi savu privātuma paziņojumu (${v.version}. versija, publicēta ${v.date}). Tajā aprakstīts, kādus personas datus mēs apstrādājam, kādiem nolūkiem un uz kāda tiesiskā pamata, kam datus nododam, cik ilgi tos glabājam un kādas ir jūsu tiesības.\n\nAtjauninātais paziņojums: ${v.url}\n\nJautājumu gadījumā rakstiet uz ${v.contact}.\n`,
  },
  en: {
    subject: (c) => `${c}: our privacy notice has changed`,
    body: (v) =>
      `Dear ${v.name},\n\n${v.clinic} has updated its privacy notice (version ${v.version}, published ${v.date}). It explains which personal data we process, for what purposes and on which legal basis, to whom we disclose it, how long we keep it and what your rights are.\n\nThe updated notice: ${v.url}\n\nIf you have questions, write to ${v.contact}.\n`,
  },
  ru: {
    subject: (c) => `${c}: уведомление о защите персональных данных изменилось`,
    body: (v) =>
      `Здравствуйте, ${v.name}!\n\n${v.clinic} обновила уведомление о защите персональных данных (версия ${v.version}, опубликована ${v.date}). В нём описано, какие персональные данные мы обрабатываем, с какой целью и на каком правовом основании, кому их передаём, как долго храним и какие у вас есть права.\n\nОбновлённое уведомление: ${v.url}\n\nЕсли у вас есть вопросы, напишите на ${v.contact}.\n`,
  },
};

export interface ChangeNoticeDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  mailer: Mailer;
  publicUrl: string;
  clinics: Pick<ClinicsService, 'byId'>;
  patients: Pick<PatientsService, 'find'> & { system: Pick<PatientsService['system'], 'reachableByEmail'> };
}

/**
 * Outbox handlers for a published change of the privacy notice (Art. 13/14 GDPR: people are told
 * of changes). `privacy_notice.changed` turns into one `privacy_notice.letter` per patient with an
 * e-mail address, so each letter is retried, never sent twice, and audited on its own.
 */
export function createChangeNoticeHandlers(deps: ChangeNoticeDeps): JobHandlers {
  const { db, clock, audit, mailer, patients } = deps;

  async function announce(job: OutboxJob) {
    const version = Number(job.payload.version);
    const recipients = await patients.system.reachableByEmail(job.clinicId);
    const now = clock.now();
    await db.transaction(async (tx) => {
      for (const id of recipients) {
        await enqueue(
          tx,
          {
            clinicId: job.clinicId,
            kind: 'privacy_notice.letter',
            runAt: now,
            dedupeKey: `privacy_notice:${version}:${id}`,
            payload: { version, publishedAt: job.createdAt.toISOString() },
            subjectType: 'patient',
            subjectId: id,
            patientId: id,
          },
          now,
        );
      }
      await audit.append(tx, systemContext(job.clinicId), [
        auditEntry({
          action: 'privacy_notice.announce',
          entityType: 'register_version',
          entityId: String(version),
          purpose: 'transparency',
          details: { letters: recipients.length },
        }),
      ]);
    });
    return { status: 'sent' as const, result: { letters: recipients.length } };
  }

  async function letter(job: OutboxJob) {
    const clinic = await deps.clinics.byId(job.clinicId);
    const found = await db.transaction(async (tx) => {
      const row = await patients.find(tx, job.clinicId, job.patientId!);
      if (!row?.email || row.processingRestricted || row.status !== 'active') return null;
      await audit.append(tx, systemContext(job.clinicId), [
        auditEntry({
          action: 'privacy_notice.letter',
          entityType: 'patient',
          entityId: job.patientId,
          patientRef: job.patientId,
          purpose: 'transparency',
          details: { version: job.payload.version, job: job.id },
        }),
      ]);
      return row;
    });
    if (!found) return { status: 'skipped' as const, reason: 'no e-mail address, archived or processing restricted' };
    const lang = found.preferredLanguage as Lang;
    const text = letters[lang];
    const url = `${deps.publicUrl}/clinics/${clinic.slug}/privacy?lang=${lang}`;
    const date = String(job.payload.publishedAt).slice(0, 10).split('-').reverse().join('.');
    const contact = clinic.dataProtectionContact.email ?? clinic.contacts.email ?? '';
    const receipt = await mailer.send({
      to: found.email!,
      subject: text.subject(clinic.name),
      text: text.body({
        name: `${found.firstName} ${found.lastName}`,
        clinic: clinic.name,
        version: Number(job.payload.version),
        date,
        url,
        contact,
      }),
    });
    return { status: 'sent' as const, result: { messageId: receipt.messageId } };
  }

  return { 'privacy_notice.changed': announce, 'privacy_notice.letter': letter };
}
