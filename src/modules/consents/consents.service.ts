import { z } from 'zod';
import { type AccessContext, hasRole } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { AuditAction } from '../../platform/audit/audit.vocabulary';
import type { Clock } from '../../platform/clock';
import { newId } from '../../platform/crypto';
import type { Db, Tx } from '../../platform/db';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import type { PatientReads } from '../patients/patients.reads';
import type { PatientsService } from '../patients/patients.service';
import { purposeRights, type Register } from '../register/register.model';
import type { RegisterService } from '../register/register.service';
import type { WithdrawLinks } from './consents.links';
import { type ConsentEventRow, createConsentsRepository } from './consents.repository';
import { type ConsentAction, consentActions, consentChannels } from './consents.schema';

export interface ConsentsServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  register: Pick<RegisterService, 'inForce' | 'latestVersionNumber'>;
  links: WithdrawLinks;
  /** The need-to-know decision of the patients module: staff see a person's consents as they see the person. */
  patients: Pick<PatientsService, 'authorize'>;
  /** Whether the person is a patient of the clinic, and whether their processing is restricted (Art. 18). */
  patientReads: Pick<PatientReads, 'forVisit'>;
}

export const consentInput = z.strictObject({
  purposeKey: z.string().regex(/^[a-z][a-z0-9_]*$/),
  action: z.enum(consentActions),
  channel: z.enum(consentChannels),
  representativeId: z.uuid().optional(),
  noticeVersion: z.number().int().positive().optional(),
  note: z.string().trim().max(500).optional(),
});

/** `legitimate_interest` stands for every purpose the person may object to (Art. 6(1)(e) or (f)). */
type Basis = 'consent' | 'legitimate_interest' | 'other';
const RECORDERS = ['receptionist', 'admin', 'dpo', 'doctor'] as const;
// Giving and withdrawing belong to purposes with consent among their bases; objecting to those
// on legitimate interest or a public task that the law does not require (register.model purposeRights).
const actionsFor: Record<Basis, ConsentAction[]> = {
  consent: ['given', 'withdrawn'],
  legitimate_interest: ['objected', 'objection_withdrawn'],
  other: [],
};

function basisOf(reg: Register | null, purposeKey: string): Basis | null {
  const p = reg?.purposes.find((x) => x.key === purposeKey);
  if (!p) return null;
  // A purpose resting on consent for one part and legitimate interest for another is governed by
  // the consent: without it the purpose does not run.
  const rights = purposeRights(p);
  if (rights.withdraw) return 'consent';
  if (rights.object) return 'legitimate_interest';
  return 'other';
}

export type ConsentsService = ReturnType<typeof createConsentsService>;

/** The consent ledger: append-only events, the state derived from them, and the question every sender asks. */
export function createConsentsService(deps: ConsentsServiceDeps) {
  const { db, clock, audit, register, links, patients } = deps;
  const repo = createConsentsRepository();

  function requireRecorder(ctx: AccessContext) {
    if (!hasRole(ctx, ...RECORDERS)) throw new ForbiddenError('your role cannot record consents');
  }

  async function requirePatient(clinicId: string, patientId: string) {
    const p = await deps.patientReads.forVisit(db, clinicId, patientId);
    if (!p) throw new NotFoundError('no such patient');
    return p;
  }

  /** Staff act on a person's consents under need-to-know; the person's own click through a signed link does not. */
  async function append(
    ctx: AccessContext,
    patientId: string,
    input: z.output<typeof consentInput>,
    byStaff: boolean,
    personRole?: string,
  ): Promise<Omit<ConsentEventRow, 'seq'>> {
    const reg = await register.inForce(ctx.clinicId);
    const basis = basisOf(reg, input.purposeKey);
    if (!basis) throw new ValidationError('purposeKey', `the register has no purpose "${input.purposeKey}"`);
    if (!actionsFor[basis].includes(input.action)) {
      throw new ValidationError(
        'action',
        basis === 'consent'
          ? `purpose "${input.purposeKey}" is based on consent, not on legitimate interest or a public task: it can be withdrawn, not objected to (record given or withdrawn)`
          : basis === 'legitimate_interest'
            ? `purpose "${input.purposeKey}" is not based on consent: there is nothing to give or withdraw; the person may object (GDPR Art. 21: record objected or objection_withdrawn)`
            : `purpose "${input.purposeKey}" rests on neither consent nor legitimate interest or a public task (or the law requires it): there is no consent to withdraw and no right to object`,
      );
    }
    await requirePatient(ctx.clinicId, patientId);
    const row: Omit<ConsentEventRow, 'seq'> = {
      clinicId: ctx.clinicId,
      id: newId(),
      patientId,
      purposeKey: input.purposeKey,
      action: input.action,
      channel: input.channel,
      noticeVersion: input.noticeVersion ?? (await register.latestVersionNumber(ctx.clinicId)),
      representativeId: input.representativeId ?? null,
      recordedBy: ctx.user?.id ?? null,
      recordedAt: clock.now(),
      note: input.note ?? null,
    };
    await audit.transaction(db, ctx, async (tx) => {
      const grant = byStaff
        ? await patients.authorize(tx, ctx, patientId, 'administrative', `consent.${input.action}`)
        : null;
      await repo.append(tx, row);
      await audit.append(tx, ctx, [
        auditEntry({
          action: `consent.${input.action}`,
          entityType: 'consent_event',
          entityId: row.id,
          patientRef: patientId,
          purpose: 'consent_management',
          role: grant?.role ?? personRole,
          breakGlass: grant?.breakGlass,
          reason: grant?.reason,
          details: { purposeKey: input.purposeKey, channel: input.channel, noticeVersion: row.noticeVersion },
        }),
      ]);
    });
    return row;
  }

  /** Staff record a consent, a withdrawal or an objection given on paper, on site, by phone or e-mail. */
  async function record(ctx: AccessContext, patientId: string, raw: unknown) {
    requireRecorder(ctx);
    return append(ctx, patientId, parseInput(consentInput, raw), true);
  }

  /** Every consent and legitimate-interest purpose of the register with this person's current state. */
  async function state(ctx: AccessContext, patientId: string) {
    requireRecorder(ctx);
    await requirePatient(ctx.clinicId, patientId);
    const reg = await register.inForce(ctx.clinicId);
    const history = await readAudited(ctx, patientId, 'consent.view');
    return stateOf(reg, history, ctx.clinicId, patientId);
  }

  function stateOf(reg: Register | null, history: ConsentEventRow[], clinicId: string, patientId: string) {
    return (reg?.purposes ?? []).flatMap((p) => {
      const basis = basisOf(reg, p.key);
      if (basis !== 'consent' && basis !== 'legitimate_interest') return [];
      const last = history.filter((e) => e.purposeKey === p.key && actionsFor[basis].includes(e.action)).at(-1);
      return [
        {
          purposeKey: p.key,
          name: p.name,
          basis,
          consentText: p.consentText ?? null,
          state: last?.action ?? (basis === 'consent' ? 'none' : 'not_objected'),
          allowed: basis === 'consent' ? last?.action === 'given' : last?.action !== 'objected',
          since: last?.recordedAt ?? null,
          channel: last?.channel ?? null,
          noticeVersion: last?.noticeVersion ?? null,
          withdrawUrl:
            basis === 'consent' && last?.action === 'given'
              ? links.url({ clinicId, patientId, purposeKey: p.key })
              : null,
        },
      ];
    });
  }

  async function history(ctx: AccessContext, patientId: string) {
    requireRecorder(ctx);
    await requirePatient(ctx.clinicId, patientId);
    return readAudited(ctx, patientId, 'consent.history');
  }

  /** A person's consents are personal data: reading them is recorded like any other access. */
  function readAudited(ctx: AccessContext, patientId: string, action: AuditAction) {
    return audit.transaction(db, ctx, async (tx) => {
      const grant = await patients.authorize(tx, ctx, patientId, 'administrative', action);
      const rows = await repo.history(tx, ctx.clinicId, patientId);
      await audit.append(tx, ctx, [
        auditEntry({
          action,
          entityType: 'consent_event',
          patientRef: patientId,
          purpose: 'consent_management',
          role: grant.role,
          breakGlass: grant.breakGlass,
          reason: grant.reason,
        }),
      ]);
      return rows;
    });
  }

  /**
   * The person's own view of their consents (patient portal). The caller has established who the
   * person is; `audited` writes the record of the read in the same transaction as the read.
   */
  async function stateForPerson(clinicId: string, patientId: string, audited: (tx: Tx) => Promise<void>) {
    const reg = await register.inForce(clinicId);
    const history = await db.transaction(async (tx) => {
      const rows = await repo.history(tx, clinicId, patientId);
      await audited(tx);
      return rows;
    });
    return stateOf(reg, history, clinicId, patientId);
  }

  /** The person gives, withdraws or objects themselves in the portal: recorded as their own act. */
  async function recordByPerson(ctx: AccessContext, patientId: string, raw: unknown) {
    const input = parseInput(consentInput.pick({ purposeKey: true, action: true }), raw);
    return append(ctx, patientId, { ...input, channel: 'portal' }, false, 'patient');
  }

  /**
   * Asked at the moment of processing by every sender or export that relies on consent or
   * legitimate interest. Unknown purposes and restricted processing say no. Not audited: it
   * reads only the ledger, and the processing it guards writes its own audit record.
   */
  async function allows(ctx: Pick<AccessContext, 'clinicId'>, patientId: string, purposeKey: string): Promise<boolean> {
    const reg = await register.inForce(ctx.clinicId);
    const basis = basisOf(reg, purposeKey);
    if (basis === null) return false;
    if (basis === 'other') return true;
    const patient = await deps.patientReads.forVisit(db, ctx.clinicId, patientId);
    if (!patient || patient.processingRestricted) return false;
    const last = await repo.latest(db, ctx.clinicId, patientId, purposeKey, actionsFor[basis]);
    return basis === 'consent' ? last?.action === 'given' : last?.action !== 'objected';
  }

  /** The one-click link put in every message sent on consent. */
  const withdrawUrl = (clinicId: string, patientId: string, purposeKey: string) =>
    links.url({ clinicId, patientId, purposeKey });

  /** What a withdrawal link is about, for the page that asks for the one click. */
  async function describeLink(token: string) {
    const t = links.read(token);
    const reg = await register.inForce(t.clinicId);
    const purpose = reg?.purposes.find((p) => p.key === t.purposeKey);
    if (!reg || !purpose) throw new NotFoundError('this link is not valid');
    const last = await repo.latest(db, t.clinicId, t.patientId, t.purposeKey, [
      'given',
      'withdrawn',
      'objected',
      'objection_withdrawn',
    ]);
    return { ...t, register: reg, purpose, withdrawn: last?.action === 'withdrawn' || last?.action === 'objected' };
  }

  /**
   * The person withdraws through a signed link: recorded at once, as the person's own act.
   * For a legitimate-interest purpose the same click is an objection.
   */
  async function withdrawByLink(token: string, requestId: string | null) {
    const info = await describeLink(token);
    if (info.withdrawn) return { ...info, recorded: false };
    const basis = basisOf(info.register, info.purposeKey);
    const ctx: AccessContext = { clinicId: info.clinicId, user: null, requestId, channel: 'public' };
    await append(
      ctx,
      info.patientId,
      { purposeKey: info.purposeKey, action: basis === 'consent' ? 'withdrawn' : 'objected', channel: 'link' },
      false,
      'patient',
    );
    return { ...info, recorded: true };
  }

  return { record, state, history, allows, withdrawUrl, describeLink, withdrawByLink, stateForPerson, recordByPerson };
}
