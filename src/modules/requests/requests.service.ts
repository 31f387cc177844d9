import type { z } from 'zod';
import { type AccessContext, hasRole } from '../../platform/access';
import { type AuditGrant, auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { AuditAction } from '../../platform/audit/audit.vocabulary';
import type { Clock } from '../../platform/clock';
import { newId } from '../../platform/crypto';
import type { Db, DbOrTx, Tx } from '../../platform/db';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import { NoRuleError } from '../../rules/dental-benefits';
import { addCalendarMonths, extendedDueOn, requestClock } from '../../rules/rights-deadlines';
import { supervisoryAuthorities } from '../../rules/supervisory-authorities';
import { addDays, localDate } from '../../rules/zoned-time';
import type { ClinicLookup } from '../clinics/clinics.service';
import type { PatientReads } from '../patients/patients.reads';
import type { PatientsService } from '../patients/patients.service';
import {
  answerRequestInput,
  extendRequestInput,
  portalRequestInput,
  refuseRequestInput,
  registerRequestInput,
  requestListQuery,
  requestNoteInput,
} from './requests.input';
import { createRequestsRepository, type RequestEventRow, type RightsRequestRow } from './requests.repository';
import type { RequestChannel, RequestEventKind, RequestStatus } from './requests.schema';

export interface RequestsServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  clinics: Pick<ClinicLookup, 'byId'>;
  patients: Pick<PatientsService, 'authorize'>;
  /** The patient's language (the answer's) and whether they are archived; a representative's authority. */
  patientReads: Pick<PatientReads, 'forVisit' | 'representative'>;
}

/** Who registers requests; who decides them (extension, answer, refusal). */
const INTAKE = ['receptionist', 'admin', 'dpo'] as const;
const DECIDERS = ['dpo', 'admin'] as const;
const OPEN: RequestStatus[] = ['open', 'waiting_on_person'];

/** The person acting in the portal: the patient, or a representative acting for them. */
export interface PortalActor {
  clinicId: string;
  patientId: string;
  representativeId: string | null;
  requestId: string | null;
}

export type RequestsService = ReturnType<typeof createRequestsService>;

/** Data-subject requests on their legal clock, with every step on a timeline and in the audit log. */
export function createRequestsService(deps: RequestsServiceDeps) {
  const { db, clock, audit, clinics, patients } = deps;
  const repo = createRequestsRepository();
  const patientOf = async (tx: DbOrTx, clinicId: string, patientId: string) => {
    const p = await deps.patientReads.forVisit(tx, clinicId, patientId);
    return p && { id: p.id, language: p.preferredLanguage, archivedAt: p.archivedAt };
  };

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

  async function checkRepresentative(tx: DbOrTx, clinicId: string, patientId: string, repId: string, on: string) {
    const rep = await deps.patientReads.representative(tx, clinicId, patientId, repId);
    if (!rep) throw new ValidationError('representativeId', 'not a representative of this patient');
    if (rep.endedAt || on < rep.authorityFrom || on > rep.authorityUntil)
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
      createdAt: clock.now(),
      createdBy: more.createdBy,
    };
  }

  /** Staff register a request received by letter, e-mail or at the desk, with how identity was checked. */
  async function register(ctx: AccessContext, raw: unknown) {
    requireRole(ctx, INTAKE, 'register data-subject requests');
    const input = parseInput(registerRequestInput, raw);
    if (input.identityCheck === 'portal_login')
      throw new ValidationError('identityCheck', 'a portal sign-in identifies only requests filed in the portal');
    if (input.identityCheck === 'not_established' && !input.identityNote)
      throw new ValidationError('identityNote', 'say why the identity could not be established');
    return audit.transaction(db, ctx, async (tx) => {
      const now = await today(ctx.clinicId, tx);
      if (input.receivedOn > now.date)
        throw new ValidationError('receivedOn', 'a request cannot be received in the future');
      const grant = await patients.authorize(tx, ctx, input.patientId, 'administrative', 'rights_request.create');
      const patient = await patientOf(tx, ctx.clinicId, input.patientId);
      if (!patient) throw new NotFoundError('no such patient');
      if (input.representativeId)
        await checkRepresentative(tx, ctx.clinicId, input.patientId, input.representativeId, input.receivedOn);
      const row = newRow(ctx.clinicId, input.patientId, input, {
        channel: input.channel,
        receivedOn: input.receivedOn,
        identityCheck: input.identityCheck,
        identityNote: input.identityNote ?? null,
        representativeId: input.representativeId ?? null,
        language: patient.language,
        createdBy: ctx.user?.id ?? null,
      });
      await repo.insert(tx, row);
      const actor = { id: ctx.user?.id ?? null, role: grant.role };
      await event(tx, row, 'received', actor, null, { channel: row.channel, receivedOn: row.receivedOn });
      if (input.identityCheck !== 'not_established')
        await event(tx, row, 'identity_verified', actor, input.identityNote ?? null, { how: input.identityCheck });
      await audit.append(tx, ctx, [entry('rights_request.create', row, grant, { channel: row.channel })]);
      return view(row, await repo.events(tx, ctx.clinicId, [row.id]), now);
    });
  }

  /**
   * The person (or their representative) files a request in the portal. The caller (the portal
   * session) has established who they are and for whom they act; received today, identity by sign-in.
   */
  async function fileByPerson(actor: PortalActor, raw: unknown) {
    const input = parseInput(portalRequestInput, raw);
    const ctx: AccessContext = { clinicId: actor.clinicId, user: null, requestId: actor.requestId, channel: 'public' };
    const role = actor.representativeId ? 'representative' : 'patient';
    return db.transaction(async (tx) => {
      const now = await today(actor.clinicId, tx);
      const patient = await patientOf(tx, actor.clinicId, actor.patientId);
      if (!patient) throw new NotFoundError('no such patient');
      if (actor.representativeId)
        await checkRepresentative(tx, actor.clinicId, actor.patientId, actor.representativeId, now.date);
      const row = newRow(actor.clinicId, actor.patientId, input, {
        channel: 'portal',
        receivedOn: now.date,
        identityCheck: 'portal_login',
        identityNote: null,
        representativeId: actor.representativeId,
        language: patient.language,
        createdBy: null,
      });
      await repo.insert(tx, row);
      const who = { id: null, role };
      await event(tx, row, 'received', who, null, { channel: 'portal', receivedOn: now.date });
      await event(tx, row, 'identity_verified', who, null, { how: 'portal_login' });
      const grant: AuditGrant = { role, breakGlass: false, reason: null };
      await audit.append(tx, ctx, [
        entry('rights_request.create', row, grant, { channel: 'portal', representativeId: actor.representativeId }),
      ]);
      return view(row, await repo.events(tx, actor.clinicId, [row.id]), now);
    });
  }

  /** The person's own requests with their timelines (portal): the read is recorded as theirs. */
  async function listForPerson(actor: PortalActor) {
    const ctx: AccessContext = { clinicId: actor.clinicId, user: null, requestId: actor.requestId, channel: 'public' };
    const role = actor.representativeId ? 'representative' : 'patient';
    return db.transaction(async (tx) => {
      const now = await today(actor.clinicId, tx);
      const rows = await repo.list(tx, actor.clinicId, { patientId: actor.patientId, limit: 500 });
      const events = await repo.events(
        tx,
        actor.clinicId,
        rows.map((r) => r.id),
      );
      await audit.append(tx, ctx, [
        auditEntry(
          {
            action: 'portal.requests.view',
            entityType: 'rights_request',
            patientRef: actor.patientId,
            purpose: 'transparency',
          },
          { role, breakGlass: false, reason: null },
        ),
      ]);
      return rows.map((r) =>
        view(
          r,
          events.filter((e) => e.requestId === r.id),
          now,
        ),
      );
    });
  }

  /** One request with its timeline. */
  async function get(ctx: AccessContext, id: string) {
    requireRole(ctx, INTAKE, 'read data-subject requests');
    return audit.transaction(db, ctx, async (tx) => {
      const r = await load(tx, ctx, id);
      const grant = await patients.authorize(tx, ctx, r.patientId, 'administrative', 'rights_request.read');
      await audit.append(tx, ctx, [entry('rights_request.read', r, grant)]);
      return view(r, await repo.events(tx, ctx.clinicId, [r.id]), await today(ctx.clinicId, tx));
    });
  }

  async function load(tx: DbOrTx, ctx: AccessContext, id: string, forUpdate = false) {
    const r = await repo.find(tx, ctx.clinicId, id, forUpdate);
    if (!r) throw new NotFoundError('no such request');
    return r;
  }

  /** The inbox: requests by status or person, soonest due first. Each request listed is a read. */
  async function list(ctx: AccessContext, raw: unknown) {
    requireRole(ctx, INTAKE, 'read data-subject requests');
    const q = parseInput(requestListQuery, raw);
    return audit.transaction(db, ctx, async (tx) => {
      const rows = await repo.list(tx, ctx.clinicId, {
        statuses: q.status ? [q.status] : undefined,
        patientId: q.patientId,
        limit: q.limit,
      });
      const grant: AuditGrant = { role: roleOf(ctx), breakGlass: false, reason: null };
      if (rows.length)
        await audit.append(
          tx,
          ctx,
          rows.map((r) => entry('rights_request.list', r, grant)),
        );
      const now = await today(ctx.clinicId, tx);
      const events = await repo.events(
        tx,
        ctx.clinicId,
        rows.map((r) => r.id),
      );
      return rows.map((r) =>
        view(
          r,
          events.filter((e) => e.requestId === r.id),
          now,
        ),
      );
    });
  }

  /**
   * The data protection officer's deadline radar: open requests overdue, due within seven days,
   * and waiting on the person; each request is in one group.
   */
  async function radar(ctx: AccessContext) {
    requireRole(ctx, DECIDERS, 'see the deadline radar');
    return audit.transaction(db, ctx, async (tx) => {
      const rows = await repo.list(tx, ctx.clinicId, { statuses: OPEN, limit: 1000 });
      const day = await today(ctx.clinicId, tx);
      const now = day.date;
      const weekEnd = addDays(now, 7);
      const grant: AuditGrant = { role: roleOf(ctx), breakGlass: false, reason: null };
      if (rows.length)
        await audit.append(
          tx,
          ctx,
          rows.map((r) => entry('rights_request.list', r, grant)),
        );
      const views = rows.map((r) => view(r, [], day)).sort((a, b) => a.effectiveDueOn.localeCompare(b.effectiveDueOn));
      return {
        today: now,
        overdue: views.filter((v) => v.status === 'open' && v.effectiveDueOn < now),
        dueThisWeek: views.filter((v) => v.status === 'open' && v.effectiveDueOn >= now && v.effectiveDueOn <= weekEnd),
        waitingOnPerson: views.filter((v) => v.status === 'waiting_on_person'),
        later: views.filter((v) => v.status === 'open' && v.effectiveDueOn > weekEnd).length,
      };
    });
  }

  /** A change of an open request by a decider, in one transaction with its event and audit entry. */
  async function change(
    ctx: AccessContext,
    id: string,
    roles: readonly (typeof INTAKE)[number][],
    action: AuditAction,
    fn: (r: RightsRequestRow, now: string, tx: Tx) => Promise<{ patch: Partial<RightsRequestRow>; event: EventSpec }>,
  ) {
    requireRole(ctx, roles, 'decide data-subject requests');
    return audit.transaction(db, ctx, async (tx) => {
      const r = await load(tx, ctx, id, true);
      const grant = await patients.authorize(tx, ctx, r.patientId, 'administrative', action);
      if (!OPEN.includes(r.status)) throw new ConflictError(`this request is already ${r.status}`);
      const day = await today(ctx.clinicId, tx);
      const { patch, event: ev } = await fn(r, day.date, tx);
      await repo.update(tx, ctx.clinicId, id, patch);
      const next = { ...r, ...patch };
      await event(tx, next, ev.kind, { id: ctx.user?.id ?? null, role: grant.role }, ev.note, ev.data ?? null);
      await audit.append(tx, ctx, [entry(action, next, grant, { step: ev.kind, ...ev.data })]);
      return view(next, await repo.events(tx, ctx.clinicId, [id]), day);
    });
  }

  /** Up to two further months, only with reasons told to the person before the first due date. */
  function extend(ctx: AccessContext, id: string, raw: unknown) {
    const input = parseInput(extendRequestInput, raw);
    return change(ctx, id, DECIDERS, 'rights_request.extend', async (r, now) => {
      if (r.extendedDueOn)
        throw new ValidationError('months', `the request was already extended to ${r.extendedDueOn}`);
      const noticeOn = input.noticeSentOn ?? now;
      if (now > r.dueOn || noticeOn > r.dueOn)
        throw new ValidationError(
          'noticeSentOn',
          `the first due date (${r.dueOn}) has passed: an extension must be told to the person before it`,
        );
      if (noticeOn > now) throw new ValidationError('noticeSentOn', 'the notice cannot be sent in the future');
      if (noticeOn < r.receivedOn) throw new ValidationError('noticeSentOn', 'the notice cannot precede the request');
      const until = extendedDueOn(requestClock(r.receivedOn), input.months);
      return {
        patch: { extendedDueOn: until, extensionReasons: input.reasons, extensionNoticeOn: noticeOn },
        event: {
          kind: 'extended',
          note: input.reasons,
          data: { months: input.months, extendedDueOn: until, noticeOn },
        },
      };
    });
  }

  /** The answer sent to the person: closes the request (late if after its due date). */
  function answer(ctx: AccessContext, id: string, raw: unknown) {
    const input = parseInput(answerRequestInput, raw);
    return change(ctx, id, DECIDERS, 'rights_request.answer', async (r, now) => {
      const on = input.answeredOn ?? now;
      if (on > now) throw new ValidationError('answeredOn', 'an answer cannot be sent in the future');
      if (on < r.receivedOn) throw new ValidationError('answeredOn', 'an answer cannot precede the request');
      const late = on > (r.extendedDueOn ?? r.dueOn);
      return {
        patch: { status: 'answered', answer: input.answer, closedOn: on },
        event: { kind: 'answered', note: null, data: { on, late, channel: r.answerChannel, language: r.language } },
      };
    });
  }

  /** A refusal: only with its legal reason, told with the right to complain to the supervisory authority. */
  function refuse(ctx: AccessContext, id: string, raw: unknown) {
    const input = parseInput(refuseRequestInput, raw);
    return change(ctx, id, DECIDERS, 'rights_request.refuse', async (r, now) => ({
      patch: { status: 'refused', refusalReason: input.legalReason, answer: input.explanation, closedOn: now },
      event: {
        kind: 'refused',
        note: input.explanation,
        data: { legalReason: input.legalReason, late: now > (r.extendedDueOn ?? r.dueOn) },
      },
    }));
  }

  /** Asked the person for something (identity, clarification): the radar shows it apart. */
  function waitOnPerson(ctx: AccessContext, id: string, raw: unknown) {
    const input = parseInput(requestNoteInput, raw);
    return change(ctx, id, INTAKE, 'rights_request.update', async (r) => {
      if (r.status === 'waiting_on_person') throw new ConflictError('already waiting on the person');
      return { patch: { status: 'waiting_on_person' }, event: { kind: 'waiting_on_person', note: input.note } };
    });
  }

  /** The person answered (or identity was established): the request is open again. */
  function resume(ctx: AccessContext, id: string, raw: unknown) {
    const input = parseInput(requestNoteInput, raw);
    return change(ctx, id, INTAKE, 'rights_request.update', async (r) => {
      if (r.status !== 'waiting_on_person') throw new ConflictError('the request is not waiting on the person');
      return { patch: { status: 'open' }, event: { kind: 'resumed', note: input.note } };
    });
  }

  /** A step worth keeping on the timeline (a call, a letter sent, a decision prepared). */
  function note(ctx: AccessContext, id: string, raw: unknown) {
    const input = parseInput(requestNoteInput, raw);
    return change(ctx, id, INTAKE, 'rights_request.update', async () => ({
      patch: {},
      event: { kind: 'note', note: input.note },
    }));
  }

  /** The person withdrew the request (recorded by staff from their letter or call). */
  function withdraw(ctx: AccessContext, id: string, raw: unknown) {
    const input = parseInput(requestNoteInput, raw);
    return change(ctx, id, INTAKE, 'rights_request.update', async (_r, now) => ({
      patch: { status: 'withdrawn', closedOn: now },
      event: { kind: 'withdrawn', note: input.note },
    }));
  }

  return {
    register,
    fileByPerson,
    listForPerson,
    get,
    list,
    radar,
    extend,
    answer,
    refuse,
    waitOnPerson,
    resume,
    note,
    withdraw,
  };
}

interface Day {
  date: string;
  country: string;
}

interface EventSpec {
  kind: RequestEventKind;
  note: string | null;
  data?: Record<string, unknown>;
}

function roleOf(ctx: AccessContext): string {
  return ctx.user?.roles.find((r) => r === 'dpo' || r === 'admin' || r === 'receptionist') ?? 'staff';
}

/** A request as answered over the API: its clock, its state, the authority named in a refusal, its timeline. */
function view(r: RightsRequestRow, events: RequestEventRow[], day: Day) {
  const today = day.date;
  const effectiveDueOn = r.extendedDueOn ?? r.dueOn;
  const open = r.status === 'open' || r.status === 'waiting_on_person';
  return {
    id: r.id,
    patientId: r.patientId,
    representativeId: r.representativeId,
    kind: r.kind,
    channel: r.channel,
    answerChannel: r.answerChannel as RequestChannel,
    language: r.language,
    receivedOn: r.receivedOn,
    identityCheck: r.identityCheck,
    identityNote: r.identityNote,
    details: r.details,
    purposeKeys: r.purposeKeys,
    clockRule: r.clockRule,
    dueOn: r.dueOn,
    extendedDueOn: r.extendedDueOn,
    /** The latest day an extension could still reach (while none is recorded). */
    extendableUntil: r.extendedDueOn ? null : addCalendarMonths(r.dueOn, 2),
    effectiveDueOn,
    extensionReasons: r.extensionReasons,
    extensionNoticeOn: r.extensionNoticeOn,
    status: r.status,
    overdue: open ? today > effectiveDueOn : (r.closedOn ?? today) > effectiveDueOn,
    refusalReason: r.refusalReason,
    /** Named in every refusal: where the person may complain. */
    complaintAuthority: r.status === 'refused' ? complaintAuthority(day.country) : null,
    answer: r.answer,
    closedOn: r.closedOn,
    timeline: events.map((e) => ({
      kind: e.kind,
      at: e.at,
      actorRole: e.actorRole,
      actorId: e.actorId,
      note: e.note,
      data: e.data ?? null,
    })),
  };
}

/** The supervisory authority a refused person may complain to, for the clinic's country. */
function complaintAuthority(country: string) {
  const a = supervisoryAuthorities[country === 'LV' ? 'LV' : 'EE'];
  return {
    name: a.officialName,
    address: `${a.street}, ${a.postalCode} ${a.city}`,
    email: a.email,
    website: a.website,
  };
}
