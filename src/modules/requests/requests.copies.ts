import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { type AccessContext, hasRole } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import { type FieldCipher, newId } from '../../platform/crypto';
import type { Db } from '../../platform/db';
import { ForbiddenError, ValidationError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import { enqueue, type OutboxJob } from '../../platform/jobs/outbox';
import type { JobHandlers, JobOutcome } from '../../platform/jobs/worker';
import type { Mailer } from '../../platform/mail';
import type { SmsSender } from '../../platform/sms';
import type { ClinicLookup } from '../clinics/clinics.service';
import type { DisclosuresService } from '../disclosures/disclosures.service';
import type { PatientsService } from '../patients/patients.service';
import type { RequestExports } from './requests.export';
import type { RequestsService } from './requests.service';

/** Seed 002: a copy goes to the patient, or to a third party the patient names by name, ID code and e-mail. */
export const recordCopyInput = z.strictObject({
  recipient: z.enum(['patient', 'named_person']),
  namedPerson: z
    .strictObject({
      name: z.string().trim().min(3, { message: 'the full name of the person named by the patient' }).max(200),
      idCode: z.string().trim().min(6, { message: 'the ID code of the person named by the patient' }).max(20),
      email: z.email().max(200),
    })
    .optional(),
});

export interface RecordCopyDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  cipher: FieldCipher;
  mailer: Mailer;
  sms: SmsSender;
  clinics: Pick<ClinicLookup, 'byId'>;
  patients: Pick<PatientsService, 'find' | 'authorize'>;
  disclosures: Pick<DisclosuresService, 'record'>;
}

type Lang = 'et' | 'lv' | 'en' | 'ru';
const mailWords: Record<Lang, { subject: (c: string) => string; own: string; named: string }> = {
  et: {
    subject: (c) => `${c}: teie terviseandmete koopia`,
    own: 'Manuses on teie terviseandmete koopia. Fail on parooliga kaitstud; parooli saatsime teile eraldi SMS-iga.',
    named:
      'Manuses on patsiendi soovil saadetud terviseandmete koopia. Fail on parooliga kaitstud; parooli saatsime patsiendile SMS-iga – küsige seda temalt.',
  },
  lv: {
    subject: (c) => `${c}: jūsu veselības datu kopija`,
    own: 'Pielikumā ir jūsu veselības datu kopija. Fails ir aizsargāts ar paroli; paroli nosūtījām jums atsevišķi īsziņā.',
    named:
      'Pielikumā ir pēc pacienta lūguma nosūtīta veselības datu kopija. Fails ir aizsargāts ar paroli; paroli nosūtījām pacientam īsziņā – lūdziet to viņam.',
  },
  en: {
    subject: (c) => `${c}: a copy of your health records`,
    own: 'Attached is a copy of your health records. The file is protected by a password, which we sent you separately by text message.',
    named:
      'Attached is a copy of health records sent at the patient’s request. The file is protected by a password, which we sent to the patient by text message: please ask them for it.',
  },
  ru: {
    subject: (c) => `${c}: копия ваших медицинских данных`,
    own: 'Во вложении — копия ваших медицинских данных. Файл защищён паролем, который мы отправили вам отдельным SMS.',
    named:
      'Во вложении — копия медицинских данных, отправленная по просьбе пациента. Файл защищён паролем, который мы отправили пациенту по SMS: спросите его у пациента.',
  },
};
const smsWords: Record<Lang, (clinic: string, password: string) => string> = {
  et: (c, p) => `${c}: parool teie terviseandmete koopia avamiseks: ${p}`,
  lv: (c, p) => `${c}: parole jūsu veselības datu kopijas atvēršanai: ${p}`,
  en: (c, p) => `${c}: the password to open the copy of your health records: ${p}`,
  ru: (c, p) => `${c}: пароль для открытия копии ваших медицинских данных: ${p}`,
};

/** A one-time password a person can type from a text message: 4 groups of 4, no look-alike characters. */
function oneTimePassword() {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

const masked = (mobile: string) => `${mobile.slice(0, 4)}…${mobile.slice(-3)}`;

/**
 * Copies of medical records by e-mail (seed 002): the PDF copy encrypted with AES-256 under a
 * one-time password; the file by e-mail to the patient or to the third party they named, the
 * password by SMS to the patient's own mobile. A copy to a named person is a disclosure, logged.
 * (Unencrypted copies and CMS to a recipient's certificate are not offered here.)
 */
export function createRecordCopies(deps: RecordCopyDeps, requests: RequestsService, exports: RequestExports) {
  const { db, clock, audit, cipher } = deps;

  async function send(ctx: AccessContext, id: string, raw: unknown) {
    if (!hasRole(ctx, 'dpo', 'admin'))
      throw new ForbiddenError('copies of records are sent by the data protection officer or the administrator');
    const input = parseInput(recordCopyInput, raw);
    if (input.recipient === 'named_person' && !input.namedPerson)
      throw new ValidationError('namedPerson', 'the name, ID code and e-mail of the person the patient named');
    const r = await requests.get(ctx, id);
    const person = await db.transaction((tx) => deps.patients.find(tx, ctx.clinicId, r.patientId));
    if (!person?.mobile)
      throw new ValidationError('recipient', 'the password goes by SMS and the patient has no mobile number on record');
    const to = input.recipient === 'patient' ? person.email : input.namedPerson!.email;
    if (!to)
      throw new ValidationError('recipient', 'the patient has no e-mail address: hand the copy over at the desk');
    const password = oneTimePassword();
    const file = await exports.forRequest(ctx, id, 'pdf', { password });
    const now = clock.now();
    await audit.transaction(db, ctx, async (tx) => {
      const grant = await deps.patients.authorize(tx, ctx, r.patientId, 'administrative', 'rights_request.copy');
      const common = {
        clinicId: ctx.clinicId,
        runAt: now,
        subjectType: 'rights_request',
        subjectId: r.id,
        patientId: r.patientId,
      };
      const copyId = newId();
      await enqueue(
        tx,
        {
          ...common,
          kind: 'rights.copy',
          dedupeKey: `rights_copy:${copyId}`,
          payload: { to, lang: r.language, named: input.recipient === 'named_person', filename: file.filename },
          // The file is already AES-256 encrypted; the field cipher keeps it from the outbox's readers too.
          payloadEnc: cipher.encrypt(file.body.toString('base64')),
        },
        now,
      );
      await enqueue(
        tx,
        {
          ...common,
          kind: 'rights.copy_password',
          dedupeKey: `rights_copy_password:${copyId}`,
          payload: { lang: r.language },
          payloadEnc: cipher.encryptJson({ to: person.mobile, password }),
        },
        now,
      );
      if (input.namedPerson)
        await deps.disclosures.record(
          tx,
          ctx,
          r.patientId,
          {
            recipientKind: 'named_person',
            recipientName: `${input.namedPerson.name} (${input.namedPerson.idCode})`,
            legalBasis: 'the patient’s written application (GDPR Art. 15(3))',
            categories: ['name', 'national_id', 'contact', 'health'],
            requestReference: r.id,
          },
          { type: 'rights_request', id: r.id, purpose: 'data_subject_rights' },
          grant,
        );
      await audit.append(tx, ctx, [
        auditEntry(
          {
            action: 'rights_request.copy',
            entityType: 'rights_request',
            entityId: r.id,
            patientRef: r.patientId,
            purpose: 'data_subject_rights',
            details: { recipient: input.recipient, encrypted: 'pdf-aes256', passwordBy: 'sms' },
          },
          grant,
        ),
      ]);
    });
    return { sentTo: to, passwordTo: masked(person.mobile), filename: file.filename };
  }

  async function mail(job: OutboxJob): Promise<JobOutcome> {
    const clinic = await deps.clinics.byId(job.clinicId);
    const lang = job.payload.lang as Lang;
    const w = mailWords[lang];
    const receipt = await deps.mailer.send({
      to: String(job.payload.to),
      subject: w.subject(clinic.name),
      text: `${job.payload.named ? w.named : w.own}\n\n${clinic.name}\n`,
      attachments: [
        {
          filename: String(job.payload.filename),
          content: Buffer.from(cipher.decrypt(job.payloadEnc!), 'base64'),
          contentType: 'application/pdf',
        },
      ],
    });
    return { status: 'sent', result: { messageId: receipt.messageId } };
  }

  async function password(job: OutboxJob): Promise<JobOutcome> {
    const clinic = await deps.clinics.byId(job.clinicId);
    const secret = cipher.decryptJson<{ to: string; password: string }>(job.payloadEnc!);
    const receipt = await deps.sms.send({
      to: secret.to,
      text: smsWords[job.payload.lang as Lang](clinic.name, secret.password),
    });
    return { status: 'sent', result: { channel: 'sms', ...receipt } };
  }

  const handlers: JobHandlers = { 'rights.copy': mail, 'rights.copy_password': password };
  return { send, handlers };
}
