import { type AccessContext, hasRole, systemContext } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import { newId } from '../../platform/crypto';
import type { Db } from '../../platform/db';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import { enqueue } from '../../platform/jobs/outbox';
import type { JobHandler, JobOutcome } from '../../platform/jobs/worker';
import type { Mailer } from '../../platform/mail';
import type { SmsSender } from '../../platform/sms';
import type { ClinicLookup } from '../clinics/clinics.service';
import type { ConsentReads } from '../consents/consents.reads';
import type { ConsentsService } from '../consents/consents.service';
import type { PatientReads } from '../patients/patients.reads';
import { smsCapableMobile } from '../queue/queue.service';
import { campaignInput } from './recalls.input';
import { createRecallsRepository } from './recalls.repository';
import { refusalText } from './recalls.service';
import { langOf, recallWording } from './recalls.wording';

/** Newsletters and offers go under the register's purpose "newsletter", which must rest on consent. */
export const CAMPAIGN_PURPOSE = 'newsletter';

export interface CampaignsDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  mailer: Mailer;
  sms: SmsSender;
  clinics: Pick<ClinicLookup, 'byId'>;
  consentReads: Pick<ConsentReads, 'decision' | 'basisOf' | 'consenting'>;
  consents: Pick<ConsentsService, 'withdrawUrl'>;
  patientReads: Pick<PatientReads, 'forVisit' | 'names'>;
}

export type CampaignsService = ReturnType<typeof createCampaignsService>;

/**
 * Newsletter and offer campaigns. Only an administrator sends one (marketing is the clinic's
 * decision; reception does not mass-mail). The DPO reads every campaign with who got it and on
 * which consent event, to answer "why did I get this". Each message is decided by the ledger at
 * the moment it goes, and carries the one-click withdrawal link of the consents module.
 */
export function createCampaignsService(deps: CampaignsDeps) {
  const { db, clock, audit } = deps;
  const repo = createRecallsRepository();

  async function create(ctx: AccessContext, raw: unknown) {
    if (!hasRole(ctx, 'admin')) throw new ForbiddenError('only an administrator sends newsletters and offers');
    const input = parseInput(campaignInput, raw);
    const basis = await deps.consentReads.basisOf(ctx.clinicId, CAMPAIGN_PURPOSE);
    if (basis !== 'consent')
      throw new ValidationError(
        'purposeKey',
        basis
          ? `the register's purpose "${CAMPAIGN_PURPOSE}" does not rest on consent: newsletters need one`
          : `the processing register in force has no purpose "${CAMPAIGN_PURPOSE}"`,
      );
    const now = clock.now();
    const row = {
      clinicId: ctx.clinicId,
      id: newId(),
      purposeKey: CAMPAIGN_PURPOSE,
      channel: input.channel,
      subject: input.subject,
      body: input.body,
      createdBy: ctx.user?.id ?? null,
      createdAt: now,
    };
    await audit.transaction(db, ctx, async (tx) => {
      await repo.insertCampaign(tx, row);
      await enqueue(
        tx,
        {
          clinicId: ctx.clinicId,
          kind: 'campaign.fanout',
          runAt: now,
          dedupeKey: `campaign:${row.id}`,
          payload: { campaignId: row.id },
          subjectType: 'campaign',
          subjectId: row.id,
        },
        now,
      );
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'campaign.create',
          entityType: 'campaign',
          entityId: row.id,
          purpose: 'newsletter',
          details: { channel: row.channel },
        }),
      ]);
    });
    return row;
  }

  function requireReader(ctx: AccessContext) {
    if (!hasRole(ctx, 'admin', 'dpo')) throw new ForbiddenError('your role does not see newsletters');
  }

  async function list(ctx: AccessContext) {
    requireReader(ctx);
    return repo.campaigns(db, ctx.clinicId);
  }

  /** One campaign with who got it (or was skipped, and why) and the consent event each message rested on. */
  async function get(ctx: AccessContext, id: string) {
    requireReader(ctx);
    const c = await repo.campaign(db, ctx.clinicId, id);
    if (!c) throw new NotFoundError('no such campaign');
    return audit.transaction(db, ctx, async (tx) => {
      const messages = await repo.messages(tx, ctx.clinicId, id);
      const names = new Map(
        (
          await deps.patientReads.names(
            tx,
            ctx.clinicId,
            messages.map((m) => m.patientId),
          )
        ).map((p) => [p.id, `${p.firstName} ${p.lastName}`]),
      );
      if (messages.length)
        await audit.append(
          tx,
          ctx,
          messages.map((m) =>
            auditEntry({
              action: 'campaign.read',
              entityType: 'campaign',
              entityId: id,
              patientRef: m.patientId,
              purpose: 'newsletter',
            }),
          ),
        );
      return {
        ...c,
        messages: messages.map((m) => ({ ...m, name: names.get(m.patientId) ?? '' })),
      };
    });
  }

  /** One message per person whose consent is in force now; each is decided again when it goes. */
  const fanout: JobHandler = async (job): Promise<JobOutcome> => {
    const c = await repo.campaign(db, job.clinicId, String(job.payload.campaignId));
    if (!c) return { status: 'skipped', reason: 'no such campaign' };
    const ids = await deps.consentReads.consenting(c.clinicId, c.purposeKey);
    const now = clock.now();
    await db.transaction(async (tx) => {
      for (const patientId of ids)
        await enqueue(
          tx,
          {
            clinicId: c.clinicId,
            kind: 'campaign.message',
            runAt: now,
            dedupeKey: `campaign:${c.id}:${patientId}`,
            payload: { campaignId: c.id },
            subjectType: 'campaign',
            subjectId: c.id,
            patientId,
          },
          now,
        );
    });
    return { status: 'sent', result: { messages: ids.length } };
  };

  const message: JobHandler = async (job): Promise<JobOutcome> => {
    const c = await repo.campaign(db, job.clinicId, String(job.payload.campaignId));
    const patientId = job.patientId;
    if (!c || !patientId) return { status: 'skipped', reason: 'no such campaign' };
    const record = async (status: 'sent' | 'skipped', reason: string | null, eventId: string | null) =>
      repo.recordMessage(db, {
        clinicId: c.clinicId,
        campaignId: c.id,
        patientId,
        status,
        reason,
        consentEventId: eventId,
        at: clock.now(),
      });
    const skip = async (reason: string, eventId: string | null = null): Promise<JobOutcome> => {
      await record('skipped', reason, eventId);
      return { status: 'skipped', reason };
    };
    const decision = await deps.consentReads.decision(c.clinicId, patientId, c.purposeKey);
    if (!decision.allowed) return skip(refusalText(decision.refusal), decision.eventId);
    const { p, clinic } = await db.transaction(async (tx) => {
      const read = {
        p: await deps.patientReads.forVisit(tx, c.clinicId, patientId),
        clinic: (await deps.clinics.byId(c.clinicId, tx))!,
      };
      await audit.append(tx, systemContext(c.clinicId), [
        auditEntry({
          action: 'campaign.send',
          entityType: 'campaign',
          entityId: c.id,
          patientRef: patientId,
          purpose: 'newsletter',
          details: { job: job.id, consentEvent: decision.eventId, channel: c.channel },
        }),
      ]);
      return read;
    });
    if (!p) return skip('no such patient');
    const lang = langOf(p.preferredLanguage);
    const url = deps.consents.withdrawUrl(c.clinicId, patientId, c.purposeKey);
    const footer = recallWording[lang].newsletterFooter(clinic.name, url);
    let result: Record<string, unknown>;
    if (c.channel === 'sms') {
      const to = smsCapableMobile(p.mobile, clinic.country);
      if (!to) return skip('no valid mobile number');
      result = { channel: 'sms', ...(await deps.sms.send({ to, text: `${c.body}\n\n${footer}` })) };
    } else {
      if (!p.email) return skip('no e-mail address');
      const receipt = await deps.mailer.send({
        to: p.email,
        subject: c.subject,
        text: `${c.body}\n\n--\n${footer}`,
        headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      });
      result = { channel: 'email', messageId: receipt.messageId };
    }
    await record('sent', null, decision.eventId);
    return { status: 'sent', result };
  };

  return { create, list, get, handlers: { 'campaign.fanout': fanout, 'campaign.message': message } };
}
