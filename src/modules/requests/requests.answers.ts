import { systemContext } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Db, DbOrTx } from '../../platform/db';
import { enqueue, type OutboxJob } from '../../platform/jobs/outbox';
import type { JobHandlers, JobOutcome } from '../../platform/jobs/worker';
import type { Mailer } from '../../platform/mail';
import { supervisoryAuthorities } from '../../rules/supervisory-authorities';
import type { ClinicLookup } from '../clinics/clinics.service';
import type { PatientsService } from '../patients/patients.service';
import { answerMail, type ToldStep } from './requests.mail';
import { createRequestsRepository, type RightsRequestRow } from './requests.repository';

export interface AnswerSenderDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  mailer: Mailer;
  clinics: Pick<ClinicLookup, 'byId'>;
  patients: Pick<PatientsService, 'find'>;
  /** Where the portal is, for the mail that says the answer waits there. */
  publicUrl: string;
}

const told: ToldStep[] = ['extended', 'answered', 'refused', 'erasure_decided'];

/**
 * Queues the message telling the person of a step, in the step's own transaction; one per request
 * and step, so it is never sent twice.
 */
export async function queueAnswer(tx: DbOrTx, r: RightsRequestRow, step: string, now: Date) {
  if (!told.includes(step as ToldStep)) return;
  await enqueue(
    tx,
    {
      clinicId: r.clinicId,
      kind: 'rights.answer',
      runAt: now,
      dedupeKey: `rights_request:${r.id}:${step}`,
      payload: { requestId: r.id, step },
      subjectType: 'rights_request',
      subjectId: r.id,
      patientId: r.patientId,
    },
    now,
  );
}

/**
 * Sends the answer (or the extension notice) by the channel the request came by unless the person
 * asked otherwise, in their language. E-mail carries the letter; a portal request gets an e-mail
 * that the answer waits in the portal; a letter or the desk is the clinic's to post or hand over
 * (the letter is on the request's page). A restriction of processing does not stop it: answering
 * the person is the clinic's duty (Art. 12).
 */
export function createAnswerSender(deps: AnswerSenderDeps) {
  const { db, audit, mailer, clinics, patients } = deps;
  const repo = createRequestsRepository();

  async function send(job: OutboxJob): Promise<JobOutcome> {
    const step = String(job.payload.step) as ToldStep;
    const r = await repo.find(db, job.clinicId, String(job.payload.requestId));
    if (!r) return { status: 'skipped', reason: 'the request is gone' };
    if (r.answerChannel === 'letter' || r.answerChannel === 'desk')
      return { status: 'skipped', reason: `the answer goes by ${r.answerChannel}: printed from the request's page` };
    const clinic = await clinics.byId(job.clinicId);
    const person = await db.transaction(async (tx) => {
      const p = await patients.find(tx, job.clinicId, r.patientId);
      if (!p?.email) return null;
      await audit.append(tx, systemContext(job.clinicId), [
        auditEntry({
          action: 'rights_request.send',
          entityType: 'rights_request',
          entityId: r.id,
          patientRef: r.patientId,
          purpose: 'data_subject_rights',
          details: { step, channel: r.answerChannel, job: job.id },
        }),
      ]);
      return p;
    });
    if (!person?.email) return { status: 'skipped', reason: 'no e-mail address: post the letter' };
    const authority = supervisoryAuthorities[clinic.country === 'LV' ? 'LV' : 'EE'];
    const mail = answerMail(r.language, step, {
      clinic: clinic.name,
      kind: r.kind,
      receivedOn: r.receivedOn,
      extendedDueOn: r.extendedDueOn,
      extensionReasons: r.extensionReasons,
      answer: r.answer,
      refusalReason: r.refusalReason,
      authority: `${authority.officialName} (${authority.email}, ${authority.website})`,
      portalUrl: r.answerChannel === 'portal' ? `${deps.publicUrl}/portal?clinic=${clinic.slug}` : null,
    });
    const receipt = await mailer.send({ to: person.email, subject: mail.subject, text: mail.text });
    return { status: 'sent', result: { channel: 'email', messageId: receipt.messageId } };
  }

  const handlers: JobHandlers = { 'rights.answer': send };
  return { handlers };
}
