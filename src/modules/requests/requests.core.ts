import type { z } from 'zod';
import { type AccessContext, hasRole } from '../../platform/access';
import { type AuditGrant, auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { AuditAction } from '../../platform/audit/audit.vocabulary';
import type { Clock } from '../../platform/clock';
import { newId } from '../../platform/crypto';
import type { Db, DbOrTx } from '../../platform/db';
import { ForbiddenError, ValidationError } from '../../platform/errors';
import { NoRuleError } from '../../rules/dental-benefits';
import { representationGap } from '../../rules/representation';
import { requestClock } from '../../rules/rights-deadlines';
import { localDate } from '../../rules/zoned-time';
import type { ClinicLookup } from '../clinics/clinics.service';
import type { PatientReads } from '../patients/patients.reads';
import type { PatientsService } from '../patients/patients.service';
import type { portalRequestInput } from './requests.input';
import { createObjections, type ObjectionDeps } from './requests.objections';
import { createRequestsRepository, type RightsRequestRow } from './requests.repository';
import type { RequestEventKind, RequestStatus } from './requests.schema';
import type { Day } from './requests.view';

export interface RequestsServiceDeps extends ObjectionDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  clinics: Pick<ClinicLookup, 'byId'>;
  patients: Pick<PatientsService, 'authorize' | 'find' | 'setProcessingRestricted'>;
  /** The patient's language (the answer's) and whether they are archived; a representative's authority. */
  patientReads: Pick<PatientReads, 'forVisit' | 'representative'>;
}

/** Who registers requests; who decides them (extension, answer, refusal). */
export const INTAKE = ['receptionist', 'admin', 'dpo'] as const;
export const DECIDERS = ['dpo', 'admin'] as const;
export const OPEN: RequestStatus[] = ['open', 'waiting_on_person'];

/** The person acting in the portal: the patient, or a representative acting for them. */
export interface PortalActor {
  clinicId: string;
  patientId: string;
  representativeId: string | null;
  requestId: string | null;
}

export interface EventSpec {
  kind: RequestEventKind;
  note: string | null;
  data?: Record<string, unknown>;
}

export type RequestsCore = ReturnType<typeof createRequestsCore>;

/** What the staff's and the person's sides of requests share: the clock, the timeline, the restriction. */
export function createRequestsCore(deps: RequestsServiceDeps) {
  const { clock, clinics, patients } = deps;
  const repo = createRequestsRepository();
  const objections = createObjections(deps);

  /**
   * GDPR Art. 18: processing is restricted while a restriction request is open, or answered and not
   * yet lifted. The patient's flag is what every sender, export and edit checks.
   */
  async function syncRestriction(tx: DbOrTx, clinicId: string, patientId: string) {
    await patients.setProcessingRestricted(
      tx,
      clinicId,
      patientId,
      await repo.restrictionInForce(tx, clinicId, patientId),
    );
  }

  function requireRole(ctx: AccessContext, roles: readonly (typeof INTAKE)[number][], what: string) {
    if (!hasRole(ctx, ...roles)) throw new ForbiddenError(`your role cannot ${what}`);
  }

  /** The clinic's day (deadlines are counted in its zone) and its country (whose authority a refusal names). */
  async function today(clinicId: string, tx?: DbOrTx): Promise<Day> {
    const clinic = await clinics.byId(clinicId, tx);
    return { date: localDate(clock.now(), clinic.timeZone), country: clinic.country };
  }

  function clockFor(receivedOn: string) {
    try {
      return requestClock(receivedOn);
    } catch (e) {
      if (e instanceof NoRuleError)
        throw new ValidationError('receivedOn', 'before 25 May 2018 no data-subject request clock applies');
      throw e;
    }
  }

  /** The representative's authority must cover the day (a parent's ends when the child comes of age). */
  async function checkRepresentative(tx: DbOrTx, clinicId: string, patientId: string, repId: string, on: string) {
    const rep = await deps.patientReads.representative(tx, clinicId, patientId, repId);
    if (!rep) throw new ValidationError('representativeId', 'not a representative of this patient');
    const patient = await deps.patientReads.forVisit(tx, clinicId, patientId);
    const clinic = await clinics.byId(clinicId, tx);
    const gap = patient ? representationGap(rep, patient.birthDate, clinic.country as 'EE' | 'LV', on) : 'ended';
    if (gap === 'of_age')
      throw new ValidationError(
        'representativeId',
        `the patient had come of age by ${on}: a parent no longer acts for them`,
      );
    if (gap)
      throw new ValidationError(
        'representativeId',
        `the representative's authority (${rep.authorityFrom} to ${rep.authorityUntil}${rep.endedAt ? ', ended' : ''}) does not cover ${on}`,
      );
    return rep;
  }

  async function event(
    tx: DbOrTx,
    r: Pick<RightsRequestRow, 'clinicId' | 'id'>,
    kind: RequestEventKind,
    actor: { id: string | null; role: string },
    note: string | null,
    data: Record<string, unknown> | null = null,
  ) {
    await repo.appendEvent(tx, {
      clinicId: r.clinicId,
      id: newId(),
      requestId: r.id,
      kind,
      at: clock.now(),
      actorId: actor.id,
      actorRole: actor.role,
      note,
      data,
    });
  }

  function entry(action: AuditAction, r: RightsRequestRow, grant: AuditGrant, details?: Record<string, unknown>) {
    return auditEntry(
      {
        action,
        entityType: 'rights_request',
        entityId: r.id,
        patientRef: r.patientId,
        purpose: 'data_subject_rights',
        details: { kind: r.kind, ...details },
      },
      grant,
    );
  }

  function newRow(
    clinicId: string,
    patientId: string,
    input: z.output<typeof portalRequestInput>,
    more: Pick<RightsRequestRow, 'channel' | 'receivedOn' | 'identityCheck' | 'identityNote' | 'representativeId'> & {
      language: RightsRequestRow['language'];
      createdBy: string | null;
    },
  ): RightsRequestRow {
    if (input.kind === 'objection' && !input.purposeKeys?.length)
      throw new ValidationError('purposeKeys', 'an objection names the purposes it objects to');
    const c = clockFor(more.receivedOn);
    return {
      clinicId,
      id: newId(),
      patientId,
      representativeId: more.representativeId,
      kind: input.kind,
      channel: more.channel,
      answerChannel: input.answerChannel ?? more.channel,
      language: input.language ?? more.language,
      receivedOn: more.receivedOn,
      identityCheck: more.identityCheck,
      identityNote: more.identityNote,
      details: input.details ?? null,
      purposeKeys: input.purposeKeys ?? null,
      clockRule: c.rule.id,
      dueOn: c.dueOn,
      extendedDueOn: null,
      extensionReasons: null,
      extensionNoticeOn: null,
      status: 'open',
      refusalReason: null,
      answer: null,
      closedOn: null,
      liftedOn: null,
      createdAt: clock.now(),
      createdBy: more.createdBy,
    };
  }

  /** The patient's language (the answer's) and whether they are archived. */
  async function patientOf(tx: DbOrTx, clinicId: string, patientId: string) {
    const p = await deps.patientReads.forVisit(tx, clinicId, patientId);
    return p && { id: p.id, language: p.preferredLanguage, archivedAt: p.archivedAt };
  }

  return {
    repo,
    patientOf,
    objections,
    syncRestriction,
    requireRole,
    today,
    checkRepresentative,
    event,
    entry,
    newRow,
  };
}
