import type { AccessContext } from '../../platform/access';
import type { AuditGrant } from '../../platform/audit/audit.entry';
import type { AuditAction } from '../../platform/audit/audit.vocabulary';
import type { DbOrTx, Tx } from '../../platform/db';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import { extendedDueOn, requestClock } from '../../rules/rights-deadlines';
import { addDays } from '../../rules/zoned-time';
import { queueAnswer } from './requests.answers';
import { createRequestsCore, DECIDERS, type EventSpec, INTAKE, OPEN, type RequestsServiceDeps } from './requests.core';
import {
  answerRequestInput,
  extendRequestInput,
  refuseRequestInput,
  registerRequestInput,
  requestListQuery,
  requestNoteInput,
} from './requests.input';
import { createPersonRequests } from './requests.person';
import type { RightsRequestRow } from './requests.repository';
import type { RefusalReason, RequestStatus } from './requests.schema';
import { view } from './requests.view';

export type RequestsService = ReturnType<typeof createRequestsService>;

/** Data-subject requests on their legal clock, with every step on a timeline and in the audit log. */
export function createRequestsService(deps: RequestsServiceDeps) {
  const { db, clock, audit, patients } = deps;
  const core = createRequestsCore(deps);
  const {
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
  } = core;
  const person = createPersonRequests(deps, core);

  /** Staff register a request received by letter, e-mail or at the desk, with how identity was checked. */
  async function register(ctx: AccessContext, raw: unknown) {
    requireRole(ctx, INTAKE, 'register data-subject requests');
    const input = parseInput(registerRequestInput, raw);
    if (input.identityCheck === 'portal_login')
      throw new ValidationError('identityCheck', 'a portal sign-in identifies only requests filed in the portal');
    if (input.identityCheck === 'not_established' && !input.identityNote)
      throw new ValidationError('identityNote', 'say why the identity could not be established');
    await objections.check(ctx.clinicId, input.kind, input.purposeKeys);
    const registered = await audit.transaction(db, ctx, async (tx) => {
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
      if (row.kind === 'restriction') await syncRestriction(tx, ctx.clinicId, row.patientId);
      const actor = { id: ctx.user?.id ?? null, role: grant.role };
      await event(tx, row, 'received', actor, null, { channel: row.channel, receivedOn: row.receivedOn });
      if (input.identityCheck !== 'not_established')
        await event(tx, row, 'identity_verified', actor, input.identityNote ?? null, { how: input.identityCheck });
      await audit.append(tx, ctx, [entry('rights_request.create', row, grant, { channel: row.channel })]);
      const name = await namesOf(tx, ctx.clinicId, [row]);
      return view(row, await repo.events(tx, ctx.clinicId, [row.id]), now, name(row.patientId));
    });
    await objections.apply(ctx, registered, false);
    return registered;
  }

  /** One request with its timeline. */
  async function get(ctx: AccessContext, id: string) {
    requireRole(ctx, INTAKE, 'read data-subject requests');
    return audit.transaction(db, ctx, async (tx) => {
      const r = await load(tx, ctx, id);
      const grant = await patients.authorize(tx, ctx, r.patientId, 'administrative', 'rights_request.read');
      await audit.append(tx, ctx, [entry('rights_request.read', r, grant)]);
      const name = await namesOf(tx, ctx.clinicId, [r]);
      return view(r, await repo.events(tx, ctx.clinicId, [r.id]), await today(ctx.clinicId, tx), name(r.patientId));
    });
  }

  async function load(tx: DbOrTx, ctx: AccessContext, id: string, forUpdate = false) {
    const r = await repo.find(tx, ctx.clinicId, id, forUpdate);
    if (!r) throw new NotFoundError('no such request');
    return r;
  }

  /** Who each request is about, for staff lists (the caller records the read of each request). */
  async function namesOf(tx: DbOrTx, clinicId: string, rows: Pick<RightsRequestRow, 'patientId'>[]) {
    const names = new Map<string, string>();
    for (const id of new Set(rows.map((r) => r.patientId))) {
      const p = await patients.find(tx, clinicId, id);
      if (p) names.set(id, `${p.firstName} ${p.lastName}`);
    }
    return (id: string) => names.get(id) ?? null;
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
      const name = await namesOf(tx, ctx.clinicId, rows);
      return rows.map((r) =>
        view(
          r,
          events.filter((e) => e.requestId === r.id),
          now,
          name(r.patientId),
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
      const name = await namesOf(tx, ctx.clinicId, rows);
      const views = rows
        .map((r) => view(r, [], day, name(r.patientId)))
        .sort((a, b) => a.effectiveDueOn.localeCompare(b.effectiveDueOn));
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
    statuses: RequestStatus[] = OPEN,
  ) {
    requireRole(ctx, roles, 'decide data-subject requests');
    return audit.transaction(db, ctx, async (tx) => {
      const r = await load(tx, ctx, id, true);
      const grant = await patients.authorize(tx, ctx, r.patientId, 'administrative', action);
      if (!statuses.includes(r.status)) throw new ConflictError(`this request is ${r.status}`);
      const day = await today(ctx.clinicId, tx);
      const { patch, event: ev } = await fn(r, day.date, tx);
      await repo.update(tx, ctx.clinicId, id, patch);
      if (r.kind === 'restriction') await syncRestriction(tx, ctx.clinicId, r.patientId);
      const next = { ...r, ...patch };
      await event(tx, next, ev.kind, { id: ctx.user?.id ?? null, role: grant.role }, ev.note, ev.data ?? null);
      await queueAnswer(tx, next, ev.kind, clock.now());
      await audit.append(tx, ctx, [entry(action, next, grant, { step: ev.kind, ...ev.data })]);
      const name = await namesOf(tx, ctx.clinicId, [r]);
      return view(next, await repo.events(tx, ctx.clinicId, [id]), day, name(r.patientId));
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

  /**
   * Lifts a granted restriction (Art. 18(3)): the note says how and when the person was told
   * before; processing resumes unless another restriction is in force.
   */
  function lift(ctx: AccessContext, id: string, raw: unknown) {
    const input = parseInput(requestNoteInput, raw);
    return change(
      ctx,
      id,
      DECIDERS,
      'rights_request.update',
      async (r, now) => {
        if (r.kind !== 'restriction') throw new ConflictError('only a restriction of processing is lifted');
        if (r.liftedOn) throw new ConflictError(`the restriction was lifted on ${r.liftedOn}`);
        return { patch: { liftedOn: now }, event: { kind: 'restriction_lifted', note: input.note } };
      },
      ['answered'],
    );
  }

  /** The person withdrew the request (recorded by staff from their letter or call). */
  function withdraw(ctx: AccessContext, id: string, raw: unknown) {
    const input = parseInput(requestNoteInput, raw);
    return change(ctx, id, INTAKE, 'rights_request.update', async (_r, now) => ({
      patch: { status: 'withdrawn', closedOn: now },
      event: { kind: 'withdrawn', note: input.note },
    }));
  }

  /**
   * Closes an open request with a decision made elsewhere in this module (the erasure decided per
   * data category): answered, or refused with its legal reason; the event carries what was decided.
   */
  function recordDecision(
    ctx: AccessContext,
    id: string,
    decision: { refusalReason: RefusalReason | null; answer: string; event: EventSpec },
  ) {
    const action = decision.refusalReason ? 'rights_request.refuse' : 'rights_request.answer';
    return change(ctx, id, DECIDERS, action, async (_r, now) => ({
      patch: {
        status: decision.refusalReason ? 'refused' : 'answered',
        refusalReason: decision.refusalReason,
        answer: decision.answer,
        closedOn: now,
      },
      event: decision.event,
    }));
  }

  return {
    ...person,
    register,
    recordDecision,
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
    lift,
  };
}

function roleOf(ctx: AccessContext): string {
  return ctx.user?.roles.find((r) => r === 'dpo' || r === 'admin' || r === 'receptionist') ?? 'staff';
}
