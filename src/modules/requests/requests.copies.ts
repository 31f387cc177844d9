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
import { envelopeTo, readRecipientCertificate } from './requests.cms';
import type { RequestExports } from './requests.export';
import { createRequestsRepository } from './requests.repository';
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
  /**
   * `password`: an AES-256 PDF whose one-time password goes by SMS to the patient; `certificate`: CMS
   * enveloped data to the recipient's X.509 certificate (an ID card's authentication certificate).
   */
  encryption: z.enum(['password', 'certificate']).default('password'),
  /** The recipient's certificate, PEM or base64 DER, with `encryption: 'certificate'`. */
  certificate: z.string().trim().min(1).max(20_000).optional(),
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
const mailWords: Record<
  Lang,
  { subject: (c: string) => string; own: string; named: string; ownCms: string; namedCms: string }
> = {
  et: {
    subject: (c) => `${c}: teie terviseandmete koopia`,
    own: 'Manuses on teie terviseandmete koopia. Fail on parooliga kaitstud; parooli saatsime teile eraldi SMS-iga.',
    named:
      'Manuses on patsiendi soovil saadetud terviseandmete koopia. Fail on parooliga kaitstud; parooli saatsime patsiendile SMS-iga – küsige seda temalt.',
    ownCms:
      'Manuses on teie terviseandmete koopia, krüpteeritud teie antud sertifikaadile (näiteks ID-kaardi isikutuvastuse sertifikaadile). Faili saab avada ainult selle sertifikaadi omanik oma privaatvõtmega (ID-kaardi puhul kaardi ja PIN-koodiga).',
    namedCms:
      'Manuses on patsiendi soovil saadetud terviseandmete koopia, krüpteeritud teie sertifikaadile. Faili saate avada ainult teie ise oma privaatvõtmega (ID-kaardi puhul kaardi ja PIN-koodiga).',
  },
  lv: {
    subject: (c) => `${c}: jūsu veselības datu kopija`,
    own: 'Pielikumā ir jūsu veselības datu kopija. Fails ir aizsargāts ar paroli; paroli nosūtījām jums atsevišķi īsziņā.',
    named:
      'Pielikumā ir pēc pacienta lūguma nosūtīta veselības datu kopija. Fails ir aizsargāts ar paroli; paroli nosūtījām pacientam īsziņā – lūdziet to viņam.',
    ownCms:
      'Pielikumā ir jūsu veselības datu kopija, šifrēta jūsu norādītajam sertifikātam (piemēram, eID kartes autentifikācijas sertifikātam). Failu var atvērt tikai šī sertifikāta īpašnieks ar savu privāto atslēgu (eID kartes gadījumā – ar karti un PIN kodu).',
    namedCms:
      'Pielikumā ir pēc pacienta lūguma nosūtīta veselības datu kopija, šifrēta jūsu sertifikātam. Failu varat atvērt tikai jūs ar savu privāto atslēgu (eID kartes gadījumā – ar karti un PIN kodu).',
  },
  en: {
    subject: (c) => `${c}: a copy of your health records`,
    own: 'Attached is a copy of your health records. The file is protected by a password, which we sent you separately by text message.',
    named:
      'Attached is a copy of health records sent at the patient’s request. The file is protected by a password, which we sent to the patient by text message: please ask them for it.',
    ownCms:
      'Attached is a copy of your health records, encrypted to the certificate you gave us (for example your ID card’s authentication certificate). Only the holder of that certificate can open it, with its private key (for an ID card: the card and its PIN).',
    namedCms:
      'Attached is a copy of health records sent at the patient’s request, encrypted to your certificate. Only you can open it, with your private key (for an ID card: the card and its PIN).',
  },
  ru: {
    subject: (c) => `${c}: копия ваших медицинских данных`,
    own: 'Во вложении — копия ваших медицинских данных. Файл защищён паролем, который мы отправили вам отдельным SMS.',
    named:
      'Во вложении — копия медицинских данных, отправленная по просьбе пациента. Файл защищён паролем, который мы отправили пациенту по SMS: спросите его у пациента.',
    ownCms:
      'Во вложении — копия ваших медицинских данных, зашифрованная для указанного вами сертификата (например, сертификата аутентификации ID-карты). Открыть файл может только владелец этого сертификата с помощью своего закрытого ключа (для ID-карты — картой и PIN-кодом).',
    namedCms:
      'Во вложении — копия медицинских данных, отправленная по просьбе пациента и зашифрованная для вашего сертификата. Открыть файл можете только вы с помощью своего закрытого ключа (для ID-карты — картой и PIN-кодом).',
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

const CMS_TYPE = 'application/pkcs7-mime; smime-type=enveloped-data';
const masked = (mobile: string) => `${mobile.slice(0, 4)}…${mobile.slice(-3)}`;

/**
 * Copies of medical records by e-mail (seed 002), encrypted one of two ways: a PDF under AES-256
 * with a one-time password by SMS to the patient's own mobile, or the PDF as CMS enveloped data to
 * the recipient's X.509 certificate (no password to send). The file goes by e-mail to the patient
 * or to the third party they named; a copy to a named person is a disclosure, logged. Each copy
 * sent is a step on the request's timeline. (Unencrypted copies are not offered here.)
 */
export function createRecordCopies(deps: RecordCopyDeps, requests: RequestsService, exports: RequestExports) {
  const { db, clock, audit, cipher } = deps;
  const repo = createRequestsRepository();

  /** The recipient's certificate, when the copy is encrypted to one: valid today and theirs. */
  function certificateFor(input: z.output<typeof recordCopyInput>, patientIdCode: string | null) {
    if (input.encryption !== 'certificate') return null;
    if (!input.certificate)
      throw new ValidationError(
        'certificate',
        'the recipient’s X.509 certificate (PEM or base64), to encrypt the copy to',
      );
    const cert = readRecipientCertificate(input.certificate, clock.now());
    const expected = input.recipient === 'patient' ? patientIdCode : input.namedPerson!.idCode;
    if (cert.personalCode && expected && cert.personalCode !== expected)
      throw new ValidationError(
        'certificate',
        'the certificate names another person: its personal code is not the recipient’s ID code',
      );
    return cert;
  }

  async function send(ctx: AccessContext, id: string, raw: unknown) {
    if (!hasRole(ctx, 'dpo', 'admin'))
      throw new ForbiddenError('copies of records are sent by the data protection officer or the administrator');
    const input = parseInput(recordCopyInput, raw);
    if (input.recipient === 'named_person' && !input.namedPerson)
      throw new ValidationError('namedPerson', 'the name, ID code and e-mail of the person the patient named');
    const r = await requests.get(ctx, id);
    const person = await db.transaction((tx) => deps.patients.find(tx, ctx.clinicId, r.patientId));
    const cert = certificateFor(input, person?.idCodeEnc ? cipher.decrypt(person.idCodeEnc) : null);
    if (!cert && !person?.mobile)
      throw new ValidationError('recipient', 'the password goes by SMS and the patient has no mobile number on record');
    const to = input.recipient === 'patient' ? person?.email : input.namedPerson!.email;
    if (!to)
      throw new ValidationError('recipient', 'the patient has no e-mail address: hand the copy over at the desk');
    const password = cert ? null : oneTimePassword();
    const pdf = await exports.forRequest(ctx, id, 'pdf', password ? { password } : {});
    if (!Buffer.isBuffer(pdf.body)) throw new Error('the PDF copy is made in memory');
    const file = cert
      ? { filename: `${pdf.filename}.p7m`, body: await envelopeTo(cert, pdf.body as Buffer), contentType: CMS_TYPE }
      : { filename: pdf.filename, body: pdf.body as Buffer, contentType: 'application/pdf' };
    const encrypted = cert ? 'cms' : 'pdf-aes256';
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
          payload: {
            to,
            lang: r.language,
            named: input.recipient === 'named_person',
            filename: file.filename,
            contentType: file.contentType,
            encrypted,
          },
          // The file is already encrypted; the field cipher keeps it from the outbox's readers too.
          payloadEnc: cipher.encrypt(file.body.toString('base64')),
        },
        now,
      );
      if (password)
        await enqueue(
          tx,
          {
            ...common,
            kind: 'rights.copy_password',
            dedupeKey: `rights_copy_password:${copyId}`,
            payload: { lang: r.language },
            payloadEnc: cipher.encryptJson({ to: person!.mobile, password }),
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
      const details = {
        recipient: input.recipient,
        encrypted,
        ...(password ? { passwordBy: 'sms' } : { certificateUntil: cert!.notAfter.toISOString().slice(0, 10) }),
      };
      await repo.appendEvent(tx, {
        clinicId: ctx.clinicId,
        id: newId(),
        requestId: r.id,
        kind: 'copy_sent',
        at: now,
        actorId: ctx.user?.id ?? null,
        actorRole: grant.role,
        note: null,
        data: { ...details, filename: file.filename },
      });
      await audit.append(tx, ctx, [
        auditEntry(
          {
            action: 'rights_request.copy',
            entityType: 'rights_request',
            entityId: r.id,
            patientRef: r.patientId,
            purpose: 'data_subject_rights',
            details,
          },
          grant,
        ),
      ]);
    });
    return {
      sentTo: to,
      passwordTo: password ? masked(person!.mobile!) : null,
      encryption: input.encryption,
      filename: file.filename,
    };
  }

  async function mail(job: OutboxJob): Promise<JobOutcome> {
    const clinic = await deps.clinics.byId(job.clinicId);
    const lang = job.payload.lang as Lang;
    const w = mailWords[lang];
    const receipt = await deps.mailer.send({
      to: String(job.payload.to),
      subject: w.subject(clinic.name),
      text: `${job.payload.encrypted === 'cms' ? (job.payload.named ? w.namedCms : w.ownCms) : job.payload.named ? w.named : w.own}\n\n${clinic.name}\n`,
      attachments: [
        {
          filename: String(job.payload.filename),
          content: Buffer.from(cipher.decrypt(job.payloadEnc!), 'base64'),
          contentType: String(job.payload.contentType ?? 'application/pdf'),
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
