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
import { addCalendarMonths, complaintBodies, complaintClock } from '../../rules/rights-deadlines';
import { localDate } from '../../rules/zoned-time';
import type { ClinicLookup } from '../clinics/clinics.service';
import type { PatientsService } from '../patients/patients.service';
import {
  answerComplaintInput,
  archiveInput,
  assignInput,
  complaintInput,
  complaintListQuery,
  extendComplaintInput,
  progressInput,
  statsQuery,
} from './complaints.input';
import { type ComplaintEventRow, type ComplaintRow, createComplaintsRepository } from './complaints.repository';

export interface ComplaintsServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  clinics: Pick<ClinicLookup, 'byId'>;
  patients: Pick<PatientsService, 'authorize'>;
}

const INTAKE = ['receptionist', 'admin', 'dpo'] as const;
const HANDLERS = ['admin', 'dpo'] as const;

export type ComplaintsService = ReturnType<typeof createComplaintsService>;

/** Complaints and suggestions: intake with the required fields, review and resolution clocks, answer, archive. */
export function createComplaintsService(deps: ComplaintsServiceDeps) {
  const { db, clock, audit, clinics, patients } = deps;
  const repo = createComplaintsRepository();

  async function day(clinicId: string, tx: DbOrTx) {
    const c = await clinics.byId(clinicId, tx);
    return { today: localDate(clock.now(), c.timeZone), country: (c.country === 'LV' ? 'LV' : 'EE') as 'EE' | 'LV' };
  }

  const grantOf = (ctx: AccessContext): AuditGrant => ({
    role: ctx.user?.roles.find((r) => r === 'dpo' || r === 'admin' || r === 'receptionist') ?? 'staff',
    breakGlass: false,
    reason: null,
  });

  function entry(action: AuditAction, c: ComplaintRow, grant: AuditGrant, details?: Record<string, unknown>) {
    return auditEntry(
      {
        action,
        entityType: 'complaint',
        entityId: c.id,
        patientRef: c.patientId,
        purpose: 'complaints',
        details: { kind: c.kind, ...details },
      },
      grant,
    );
  }

  async function event(
    tx: DbOrTx,
    c: ComplaintRow,
    kind: ComplaintEventRow['kind'],
    actorId: string | null,
    note: string | null,
  ) {
    await repo.appendEvent(tx, {
      clinicId: c.clinicId,
      id: newId(),
      complaintId: c.id,
      kind,
      at: clock.now(),
      actorId,
      note,
    });
  }

  function check(input: z.output<typeof complaintInput>, today: string) {
    if (!input.contactEmail && !input.contactPhone && !input.contactAddress)
      throw new ValidationError('contacts', 'give at least one contact: e-mail, phone or postal address');
    if (input.feedbackWanted && input.feedbackChannel === 'none')
      throw new ValidationError('feedbackChannel', 'say how the complainant wants the feedback');
    if (input.feedbackChannel === 'email' && !input.contactEmail)
      throw new ValidationError('contactEmail', 'feedback by e-mail needs the e-mail address');
    if (input.feedbackChannel === 'letter' && !input.contactAddress)
      throw new ValidationError('contactAddress', 'feedback by letter needs the postal address');
    if (input.receivedOn > today)
      throw new ValidationError('receivedOn', 'a complaint cannot be received in the future');
  }

  /** Staff register a written complaint from e-mail, a letter or the desk. */
  async function register(ctx: AccessContext, raw: unknown) {
    if (!hasRole(ctx, ...INTAKE)) throw new ForbiddenError('your role cannot register complaints');
    const input = parseInput(complaintInput, raw);
    return audit.transaction(db, ctx, async (tx) => {
      const { today, country } = await day(ctx.clinicId, tx);
      check(input, today);
      let clockOf: ReturnType<typeof complaintClock>;
      try {
        clockOf = complaintClock(input.receivedOn);
      } catch (e) {
        if (e instanceof NoRuleError) throw new ValidationError('receivedOn', 'no complaint clock applies on that day');
        throw e;
      }
      const grant = input.patientId
        ? await patients.authorize(tx, ctx, input.patientId, 'administrative', 'complaint.create')
        : grantOf(ctx);
      const row: ComplaintRow = {
        clinicId: ctx.clinicId,
        id: newId(),
        patientId: input.patientId ?? null,
        kind: input.kind,
        channel: input.channel,
        complainantName: input.complainantName,
        representativeName: input.representativeName ?? null,
        contactEmail: input.contactEmail ?? null,
        contactPhone: input.contactPhone ?? null,
        contactAddress: input.contactAddress ?? null,
        circumstances: input.circumstances,
        claim: input.claim,
        feedbackWanted: input.feedbackWanted,
        feedbackChannel: input.feedbackChannel,
        language: input.language ?? (country === 'LV' ? 'lv' : 'et'),
        receivedOn: input.receivedOn,
        clockRule: clockOf.rule.id,
        reviewBy: clockOf.reviewBy,
        resolveBy: clockOf.resolveBy,
        extendedResolveBy: null,
        extensionReasons: null,
        status: 'received',
        assignedTo: null,
        answer: null,
        answeredOn: null,
        archivedOn: null,
        createdAt: clock.now(),
        createdBy: ctx.user?.id ?? null,
      };
      await repo.insert(tx, row);
      await event(tx, row, 'received', ctx.user?.id ?? null, null);
      await audit.append(tx, ctx, [entry('complaint.create', row, grant, { channel: row.channel })]);
      return view(row, await repo.events(tx, ctx.clinicId, row.id), today, country);
    });
  }

  async function get(ctx: AccessContext, id: string) {
    if (!hasRole(ctx, ...INTAKE)) throw new ForbiddenError('your role cannot read complaints');
    return audit.transaction(db, ctx, async (tx) => {
      const c = await load(tx, ctx, id);
      await audit.append(tx, ctx, [entry('complaint.read', c, grantOf(ctx))]);
      const d = await day(ctx.clinicId, tx);
      return view(c, await repo.events(tx, ctx.clinicId, id), d.today, d.country);
    });
  }

  async function load(tx: DbOrTx, ctx: AccessContext, id: string) {
    const c = await repo.find(tx, ctx.clinicId, id);
    if (!c) throw new NotFoundError('no such complaint');
    return c;
  }

  /** Open complaints soonest due first, answered ones, or the archive. */
  async function list(ctx: AccessContext, raw: unknown) {
    if (!hasRole(ctx, ...INTAKE)) throw new ForbiddenError('your role cannot read complaints');
    const q = parseInput(complaintListQuery, raw);
    const statuses: ComplaintRow['status'][] =
      q.status === 'open' ? ['received', 'in_review'] : q.status === 'answered' ? ['answered'] : ['archived'];
    return audit.transaction(db, ctx, async (tx) => {
      const rows = await repo.list(tx, ctx.clinicId, statuses);
      if (rows.length)
        await audit.append(
          tx,
          ctx,
          rows.map((c) => entry('complaint.read', c, grantOf(ctx))),
        );
      const d = await day(ctx.clinicId, tx);
      return rows.map((c) => view(c, [], d.today, d.country));
    });
  }

  /** One step of a complaint by the DPO or an administrator (or the staff member it is assigned to). */
  async function step(
    ctx: AccessContext,
    id: string,
    action: AuditAction,
    fn: (
      c: ComplaintRow,
      today: string,
      tx: Tx,
    ) => Promise<{ patch: Partial<ComplaintRow>; kind: ComplaintEventRow['kind']; note: string | null }>,
  ) {
    return audit.transaction(db, ctx, async (tx) => {
      const c = await load(tx, ctx, id);
      if (!hasRole(ctx, ...HANDLERS) && c.assignedTo !== ctx.user?.id)
        throw new ForbiddenError('only the DPO, an administrator or the assigned staff member handles a complaint');
      const d = await day(ctx.clinicId, tx);
      const { patch, kind, note } = await fn(c, d.today, tx);
      await repo.update(tx, ctx.clinicId, id, patch);
      const next = { ...c, ...patch };
      await event(tx, next, kind, ctx.user?.id ?? null, note);
      await audit.append(tx, ctx, [entry(action, next, grantOf(ctx), { step: kind })]);
      return view(next, await repo.events(tx, ctx.clinicId, id), d.today, d.country);
    });
  }

  const open = (c: ComplaintRow) => {
    if (c.status === 'answered' || c.status === 'archived')
      throw new ConflictError(`this complaint is already ${c.status}`);
  };

  const assign = (ctx: AccessContext, id: string, raw: unknown) => {
    const input = parseInput(assignInput, raw);
    return step(ctx, id, 'complaint.update', async (c) => {
      open(c);
      return { patch: { assignedTo: input.staffUserId, status: 'in_review' }, kind: 'assigned', note: null };
    });
  };

  const progress = (ctx: AccessContext, id: string, raw: unknown) => {
    const input = parseInput(progressInput, raw);
    return step(ctx, id, 'complaint.update', async (c) => {
      open(c);
      return { patch: { status: 'in_review' }, kind: 'progress_notice', note: input.note };
    });
  };

  /** Longer than two months only with a reasoned notice, sent before the resolution date. */
  const extend = (ctx: AccessContext, id: string, raw: unknown) => {
    const input = parseInput(extendComplaintInput, raw);
    return step(ctx, id, 'complaint.update', async (c, today) => {
      open(c);
      if (c.extendedResolveBy) throw new ValidationError('resolveBy', `already extended to ${c.extendedResolveBy}`);
      if (today > c.resolveBy)
        throw new ValidationError(
          'resolveBy',
          `the resolution date (${c.resolveBy}) has passed: the notice comes before it`,
        );
      if (input.resolveBy <= c.resolveBy) throw new ValidationError('resolveBy', `must be after ${c.resolveBy}`);
      if (input.resolveBy > addCalendarMonths(c.resolveBy, 2))
        throw new ValidationError('resolveBy', 'at most two months beyond the first resolution date');
      return {
        patch: { extendedResolveBy: input.resolveBy, extensionReasons: input.reasons },
        kind: 'extended',
        note: input.reasons,
      };
    });
  };

  /** The answer letter: closes the case; it names the outside bodies the complainant may turn to. */
  const answer = (ctx: AccessContext, id: string, raw: unknown) => {
    const input = parseInput(answerComplaintInput, raw);
    return step(ctx, id, 'complaint.answer', async (c, today) => {
      open(c);
      return { patch: { status: 'answered', answer: input.answer, answeredOn: today }, kind: 'answered', note: null };
    });
  };

  const archive = (ctx: AccessContext, id: string, raw: unknown) => {
    const input = parseInput(archiveInput, raw ?? {});
    return step(ctx, id, 'complaint.archive', async (c, today) => {
      if (c.status !== 'answered') throw new ConflictError('only an answered complaint is archived');
      return { patch: { status: 'archived', archivedOn: today }, kind: 'archived', note: input.note ?? null };
    });
  };

  /** Yearly statistics for the clinic's report. */
  async function stats(ctx: AccessContext, raw: unknown) {
    if (!hasRole(ctx, ...HANDLERS)) throw new ForbiddenError('your role cannot see complaint statistics');
    const q = parseInput(statsQuery, raw);
    return { year: q.year, byKind: await repo.yearStats(db, ctx.clinicId, q.year) };
  }

  return { register, get, list, assign, progress, extend, answer, archive, stats };
}

function view(c: ComplaintRow, events: ComplaintEventRow[], today: string, country: 'EE' | 'LV') {
  const due = c.extendedResolveBy ?? c.resolveBy;
  const closed = c.status === 'answered' || c.status === 'archived';
  return {
    ...c,
    effectiveResolveBy: due,
    reviewOverdue: !closed && c.status === 'received' && today > c.reviewBy,
    overdue: closed ? (c.answeredOn ?? today) > due : today > due,
    outsideBodies: complaintBodies[country],
    timeline: events.map((e) => ({ kind: e.kind, at: e.at, actorId: e.actorId, note: e.note })),
  };
}
