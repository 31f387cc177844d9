import { systemContext } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Db } from '../../platform/db';
import type { OutboxJob } from '../../platform/jobs/outbox';
import type { JobHandlers } from '../../platform/jobs/worker';
import type { Mailer } from '../../platform/mail';
import { supervisoryAuthorities } from '../../rules/supervisory-authorities';
import type { ClinicsService } from '../clinics/clinics.service';
import type { PatientsService } from '../patients/patients.service';
import { createBreachesRepository } from './breaches.repository';

type Lang = 'et' | 'lv' | 'en' | 'ru';
interface Facts {
  name: string;
  clinic: string;
  discovered: string;
  nature: string;
  consequences: string;
  measures: string;
  contact: string;
  authority: string;
}

/**
 * The letter to a person affected by a breach (GDPR Art. 34(2)): what happened, the likely
 * consequences, what the clinic did, whom to ask, and the right to complain, in their language.
 * What happened is in the DPO's own words, as recorded in the register.
 */
const letters: Record<Lang, { subject: (clinic: string) => string; body: (f: Facts) => string }> = {
  et: {
    subject: (c) => `${c}: teade teie isikuandmetega seotud rikkumisest`,
    body: (f) =>
      `Tere, ${f.name}!\n\n${f.clinic} avastas ${f.discovered} isikuandmetega seotud rikkumise, mis puudutab ka teie andmeid. Anname sellest teada, sest see võib teile kaasa tuua suure ohu.\n\nMis juhtus: ${f.nature}\n\nVõimalikud tagajärjed: ${f.consequences}\n\nMida oleme ette võtnud: ${f.measures}\n\nKüsimuste korral pöörduge meie andmekaitsespetsialisti poole: ${f.contact}. Teil on õigus esitada kaebus järelevalveasutusele (${f.authority}).\n`,
  },
  lv: {
    subject: (c) => `${c}: paziņojums par jūsu personas datu aizsardzības pārkāpumu`,
    body: (f) =>
      `Labdien, ${f.name}!\n\n${f.clinic} ${f.discovered} atklāja personas datu aizsardzības pārkāpumu, kas skar arī jūsu datus. Mēs jūs informējam, jo tas var radīt jums augstu risku.\n\nKas notika: ${f.nature}\n\nIespējamās sekas: ${f.consequences}\n\nKo esam darījuši: ${f.measures}\n\nJautājumu gadījumā sazinieties ar mūsu datu aizsardzības speciālistu: ${f.contact}. Jums ir tiesības iesniegt sūdzību uzraudzības iestādei (${f.authority}).\n`,
  },
  en: {
    subject: (c) => `${c}: a breach concerning your personal data`,
    body: (f) =>
      `Dear ${f.name},\n\nOn ${f.discovered} ${f.clinic} discovered a personal data breach that concerns your data as well. We are telling you because it may put you at high risk.\n\nWhat happened: ${f.nature}\n\nLikely consequences: ${f.consequences}\n\nWhat we have done: ${f.measures}\n\nIf you have questions, contact our data protection officer: ${f.contact}. You have the right to complain to the supervisory authority (${f.authority}).\n`,
  },
  ru: {
    subject: (c) => `${c}: нарушение защиты ваших персональных данных`,
    body: (f) =>
      `Здравствуйте, ${f.name}!\n\n${f.discovered} ${f.clinic} обнаружила нарушение защиты персональных данных, которое затрагивает и ваши данные. Мы сообщаем вам об этом, поскольку оно может создать для вас высокий риск.\n\nЧто произошло: ${f.nature}\n\nВозможные последствия: ${f.consequences}\n\nЧто мы предприняли: ${f.measures}\n\nС вопросами обращайтесь к нашему специалисту по защите данных: ${f.contact}. Вы вправе подать жалобу в надзорный орган (${f.authority}).\n`,
  },
};

export interface BreachLetterDeps {
  db: Db;
  audit: AuditService;
  mailer: Mailer;
  clinics: Pick<ClinicsService, 'byId'>;
  patients: Pick<PatientsService, 'find'>;
}

/** `breach.letter`: one e-mail to one affected patient, queued by `informPeople`; sent once (dedupe key). */
export function createBreachLetterHandlers(deps: BreachLetterDeps): Pick<JobHandlers, 'breach.letter'> {
  const { db, audit, mailer } = deps;
  const repo = createBreachesRepository();

  async function letter(job: OutboxJob) {
    const breachId = String(job.payload.breachId);
    const clinic = await deps.clinics.byId(job.clinicId);
    const found = await db.transaction(async (tx) => {
      const b = await repo.byId(tx, job.clinicId, breachId);
      const p = await deps.patients.find(tx, job.clinicId, job.patientId!);
      if (!b || !p?.email) return null;
      await audit.append(tx, systemContext(job.clinicId), [
        auditEntry({
          action: 'breach.letter',
          entityType: 'breach',
          entityId: breachId,
          patientRef: job.patientId,
          purpose: 'data_protection',
          details: { job: job.id },
        }),
      ]);
      return { b, p };
    });
    if (!found) return { status: 'skipped' as const, reason: 'no e-mail address: tell the person another way' };
    const { b, p } = found;
    const lang = p.preferredLanguage as Lang;
    const contact = clinic.dataProtectionContact;
    const authority = supervisoryAuthorities[clinic.country as 'EE' | 'LV'];
    const receipt = await mailer.send({
      to: p.email!,
      subject: letters[lang].subject(clinic.name),
      text: letters[lang].body({
        name: `${p.firstName} ${p.lastName}`,
        clinic: clinic.name,
        discovered: b.discoveredAt.toISOString().slice(0, 10).split('-').reverse().join('.'),
        nature: b.nature,
        consequences: b.consequences,
        measures: b.measures,
        contact: [contact.name, contact.email ?? clinic.contacts.email, contact.phone].filter(Boolean).join(', '),
        authority: `${authority.name[lang]}, ${authority.email}`,
      }),
    });
    return { status: 'sent' as const, result: { messageId: receipt.messageId } };
  }

  return { 'breach.letter': letter };
}
