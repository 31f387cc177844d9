import { randomUUID } from 'node:crypto';
import { type AccessContext, hasRole, systemContext } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { FieldCipher } from '../../platform/crypto';
import type { Db, Tx } from '../../platform/db';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import { minimumsOn } from '../../rules/retention-minimums';
import { addDays, localDate, zonedInstant } from '../../rules/zoned-time';
import type { ClinicsService } from '../clinics/clinics.service';
import type { RecordingStore } from '../recordings/recordings.store';
import type { RegisterService } from '../register/register.service';
import { ageBandBirthDate, maskIdentifiers } from './retention.anonymise';
import { type ErasureInput, erasureInput, type HoldInput, holdInput } from './retention.input';
import { type Cutoffs, createRetentionRepository } from './retention.repository';
import {
  type PlanLine,
  type ReportLine,
  type ResolvedTarget,
  type RetentionPlan,
  resolveTargets,
} from './retention.rules';
import type { TargetKey } from './retention.targets';

/**
 * The one deletion path of Hoidja. The processing register in force says, per data category,
 * how long and from what; `resolveTargets` turns that (with the legal minimums as a floor) into
 * cut-offs per target; a run removes what expired, in batches, each batch one transaction that
 * also counts it into the run's report and the audit log, so a run killed half-way resumes to the
 * same end state. A legal hold in force stops every deletion it covers.
 *
 * For the data subject rights helper:
 * - `planErasure(ctx, patientId)`: per target, `erasable` now, `kept` until a date under a rule
 *   (a legal minimum of src/rules, or invoices still kept), or `held` by a hold (with its reason);
 * - `erase(ctx, patientId, { targets, requestRef })`: erases the chosen targets, each only if the
 *   plan says erasable at that moment (else 409), in one transaction, audited.
 * Both need the DPO or administrator role.
 */
export interface RetentionServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  clinics: Pick<ClinicsService, 'byId' | 'all'>;
  register: Pick<RegisterService, 'inForce'>;
  cipher: FieldCipher;
  /** Where recording files are deleted (a directory by default). */
  recordingStore: RecordingStore;
}

export interface RunProgress {
  target: TargetKey;
  done: number;
  total: number;
}

const DEFAULT_BATCH = 500;

export function createRetentionService(deps: RetentionServiceDeps) {
  const { db, clock, audit } = deps;
  const repo = createRetentionRepository();

  function requireDpo(ctx: AccessContext) {
    if (ctx.user && !hasRole(ctx, 'dpo', 'admin'))
      throw new ForbiddenError('retention is for the data protection officer or the administrator');
  }

  async function clinicOf(clinicId: string) {
    const c = await deps.clinics.byId(clinicId);
    return { zone: c.timeZone, country: c.country as 'EE' | 'LV' };
  }

  /** Cut-offs of one target from its rules: the earliest per anchor (the longest keeping wins). */
  function cutoffsOf(r: ResolvedTarget, today: string, zone: string): Cutoffs | null {
    if (r.rules.length === 0) return null;
    const min = (from: string[]) =>
      r.rules
        .filter((x) => from.includes(x.from))
        .map((x) => x.cutoff)
        .sort()[0];
    const c: Cutoffs = { today };
    const sd = min(['service_date']);
    const bd = min(['birth_date']);
    const doc = min(['end_of_financial_year', 'document_date']);
    const ev = r.rules
      .filter((x) => !['service_date', 'birth_date', 'end_of_financial_year', 'document_date'].includes(x.from))
      .map((x) => x.cutoff)
      .sort()[0];
    if (sd) c.serviceDate = sd;
    if (bd) c.birthDate = bd;
    if (doc) c.documentDate = doc;
    if (ev) c.event = zonedInstant(ev, 0, zone);
    if (r.target.key === 'accounting' && !c.documentDate) return null;
    if (r.target.key === 'patient_record' && !c.serviceDate && !c.birthDate) return null;
    if (!['accounting', 'patient_record'].includes(r.target.key) && !c.event) return null;
    return c;
  }

  const endOf = (r: ResolvedTarget) =>
    r.rules.length === 0
      ? null
      : r.rules.some((x) => x.end === 'anonymise')
        ? 'anonymise'
        : r.target.key === 'access_log'
          ? 'archive'
          : r.rules.some((x) => x.end === 'archive')
            ? 'archive'
            : 'delete';

  async function resolved(clinicId: string, today: string) {
    const { country } = await clinicOf(clinicId);
    return resolveTargets(await deps.register.inForce(clinicId), country, today);
  }

  /** What a run would do today (or on `runDate`), by target and rule, with counts and oldest dates. */
  async function computePlan(clinicId: string, runDate?: string): Promise<RetentionPlan> {
    const { zone } = await clinicOf(clinicId);
    const today = runDate ?? localDate(clock.now(), zone);
    const holds = await repo.clinicHolds(db, clinicId, today);
    const lines: PlanLine[] = [];
    const all = await resolved(clinicId, today);
    const accounting = all.find((r) => r.target.key === 'accounting')!;
    const accountingHeld = holds.some((h) => h.target === null || h.target === 'accounting');
    const invoicesGoBefore = accountingHeld ? undefined : cutoffsOf(accounting, today, zone)?.documentDate;
    for (const r of all) {
      const line: PlanLine = {
        target: r.target.key,
        label: r.target.label,
        rules: r.rules,
        end: endOf(r),
        count: 0,
        oldest: null,
        held: 0,
        ...(r.note ? { note: r.note } : {}),
      };
      const c = cutoffsOf(r, today, zone);
      if (c && r.target.key === 'patient_record' && invoicesGoBefore) c.invoicesGoBefore = invoicesGoBefore;
      const clinicHold = holds.find((h) => h.target === null || h.target === r.target.key);
      if (c && r.target.key === 'access_log') {
        const a = await repo.countAuditBefore(db, clinicId, c.event!);
        if (clinicHold) Object.assign(line, { held: a.count, note: `held: ${clinicHold.reason}` });
        else Object.assign(line, a);
      } else if (c) {
        const all = await repo.count(db, r.target.key, clinicId, c, true);
        if (clinicHold)
          Object.assign(line, { held: all.count, oldest: all.oldest, note: `held: ${clinicHold.reason}` });
        else {
          const free = await repo.count(db, r.target.key, clinicId, c);
          Object.assign(line, { count: free.count, oldest: free.oldest, held: all.count - free.count });
        }
      } else if (!line.note) line.note = 'no rule the engine can count from';
      if (line.end === 'anonymise' && line.count > 0) line.note = 'anonymised, not deleted';
      lines.push(line);
    }
    return { runDate: today, lines };
  }

  async function plan(ctx: AccessContext): Promise<RetentionPlan> {
    requireDpo(ctx);
    const p = await computePlan(ctx.clinicId);
    await db.transaction((tx) =>
      audit.append(tx, ctx, [
        auditEntry({
          action: 'retention.plan',
          entityType: 'retention_plan',
          purpose: 'retention',
          details: { runDate: p.runDate, counts: Object.fromEntries(p.lines.map((l) => [l.target, l.count])) },
        }),
      ]),
    );
    return p;
  }

  /**
   * Runs retention for the clinic: resumes an unfinished run (same date, same counts) or starts
   * one. Each batch is one transaction: rows removed, counted into the report, audited.
   */
  async function run(
    ctx: AccessContext,
    opts: { trigger?: 'cli' | 'worker' | 'web'; batchSize?: number; onProgress?: (p: RunProgress) => void } = {},
  ) {
    requireDpo(ctx);
    const clinicId = ctx.clinicId;
    const { zone } = await clinicOf(clinicId);
    const batchSize = opts.batchSize ?? DEFAULT_BATCH;
    let existing = await repo.unfinishedRun(db, clinicId);
    let resumed = true;
    if (!existing) {
      resumed = false;
      const p = await computePlan(clinicId);
      const id = randomUUID();
      const report: ReportLine[] = p.lines.map((l) => ({
        target: l.target,
        rule: l.rules.map((r) => r.rule).join('; '),
        end: l.end,
        deleted: 0,
        anonymised: 0,
        archived: 0,
        done: false,
        ...(l.note ? { note: l.note } : {}),
      }));
      await db.transaction(async (tx) => {
        await repo.insertRun(tx, {
          clinicId,
          id,
          runDate: p.runDate,
          status: 'running',
          trigger: opts.trigger ?? 'cli',
          plan: p,
          report,
          startedAt: clock.now(),
        });
        await audit.append(tx, ctx, [
          auditEntry({
            action: 'retention.run',
            entityType: 'retention_run',
            entityId: id,
            purpose: 'retention',
            details: { phase: 'start', runDate: p.runDate },
          }),
        ]);
      });
      existing = (await repo.run(db, clinicId, id))!;
    }
    const runId = existing.id;
    const today = existing.runDate;
    const planned = existing.plan as RetentionPlan;
    const report = existing.report as ReportLine[];
    let batches = existing.batches;
    const holds = await repo.clinicHolds(db, clinicId, today);

    for (const r of await resolved(clinicId, today)) {
      const line = report.find((l) => l.target === r.target.key);
      if (!line || line.done) continue;
      const c = cutoffsOf(r, today, zone);
      const clinicHold = holds.find((h) => h.target === null || h.target === r.target.key);
      const end = endOf(r);
      const total = planned.lines.find((l) => l.target === r.target.key)?.count ?? 0;
      const anonymise = end === 'anonymise';
      if (c && !clinicHold && (!anonymise || r.target.key === 'patient_record')) {
        if (r.target.key === 'access_log') {
          const { removed } = await audit.archiveBefore(db, clinicId, c.event!);
          line.archived += removed;
          opts.onProgress?.({ target: r.target.key, done: line.archived, total });
        } else if (r.target.key === 'recordings') {
          await deleteRecordings(ctx, runId, c, line, batchSize, () => {
            batches += 1;
            return { report, batches };
          });
          opts.onProgress?.({ target: r.target.key, done: line.deleted, total });
        } else {
          for (;;) {
            const n = await db.transaction(async (tx) => {
              await repo.allowDeletes(tx);
              const ids = await repo.next(tx, r.target.key, clinicId, c, batchSize);
              if (ids.length === 0) return 0;
              if (anonymise) {
                for (const id of ids) await anonymisePatient(tx, clinicId, id);
                line.anonymised += ids.length;
              } else {
                await repo.remove(tx, r.target.key, clinicId, ids);
                line.deleted += ids.length;
              }
              batches += 1;
              await repo.updateRun(tx, clinicId, runId, { report, batches });
              await audit.append(tx, systemContext(clinicId, ctx.channel), [
                auditEntry({
                  action: anonymise ? 'retention.anonymise' : 'retention.delete',
                  entityType: r.target.key,
                  entityId: runId,
                  purpose: 'retention',
                  details: { run: runId, rows: ids.length, rule: line.rule, runDate: today },
                }),
              ]);
              return ids.length;
            });
            opts.onProgress?.({ target: r.target.key, done: line.deleted + line.anonymised, total });
            if (n < batchSize) break;
          }
        }
      } else if (clinicHold) line.note = `held: ${clinicHold.reason}`;
      line.done = true;
      await db.transaction((tx) => repo.updateRun(tx, clinicId, runId, { report, batches }));
    }
    await db.transaction(async (tx) => {
      await repo.updateRun(tx, clinicId, runId, { report, batches, status: 'done', finishedAt: clock.now() });
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'retention.run',
          entityType: 'retention_run',
          entityId: runId,
          purpose: 'retention',
          details: {
            phase: 'done',
            runDate: today,
            resumed,
            counts: Object.fromEntries(report.map((l) => [l.target, l.deleted + l.anonymised + l.archived])),
          },
        }),
      ]);
    });
    return { id: runId, runDate: today, resumed, plan: planned, report };
  }

  /**
   * Recordings past their period, oldest first: each file is deleted through the store, then its
   * row (in that order, so a crash in between only leaves a row whose file is already gone). A
   * file that cannot be deleted keeps its row with the error and is tried again by the next run.
   */
  async function deleteRecordings(
    ctx: AccessContext,
    runId: string,
    c: Cutoffs,
    line: ReportLine,
    batchSize: number,
    progress: () => { report: ReportLine[]; batches: number },
  ) {
    const clinicId = ctx.clinicId;
    const cut: Cutoffs = { ...c, attemptedBefore: clock.now() };
    for (;;) {
      const ids = await db.transaction((tx) => repo.next(tx, 'recordings', clinicId, cut, batchSize));
      if (ids.length === 0) return;
      const files = await repo.recordingLocations(db, clinicId, ids);
      const gone: string[] = [];
      const failed: { id: string; error: string }[] = [];
      for (const f of files) {
        try {
          await deps.recordingStore.remove(f.location);
          gone.push(f.id);
        } catch (err) {
          failed.push({ id: f.id, error: (err as Error).message.slice(0, 500) });
        }
      }
      await db.transaction(async (tx) => {
        await repo.allowDeletes(tx);
        await repo.remove(tx, 'recordings', clinicId, gone);
        for (const x of failed) await repo.recordingDeleteFailed(tx, clinicId, x.id, x.error, clock.now());
        line.deleted += gone.length;
        line.failed = (line.failed ?? 0) + failed.length;
        if (line.failed) line.note = `${line.failed} file(s) could not be deleted; tried again next run`;
        await repo.updateRun(tx, clinicId, runId, progress());
        await audit.append(tx, systemContext(clinicId, ctx.channel), [
          auditEntry({
            action: 'retention.delete',
            entityType: 'recordings',
            entityId: runId,
            purpose: 'retention',
            details: { run: runId, rows: gone.length, failed: failed.length, rule: line.rule },
          }),
        ]);
      });
      if (ids.length < batchSize) return;
    }
  }

  /** One patient's record anonymised in the caller's transaction (retention.anonymise.ts says what stays). */
  async function anonymisePatient(tx: Tx, clinicId: string, patientId: string) {
    const d = await repo.forAnonymising(tx, clinicId, patientId);
    if (!d) return;
    const p = d.patient;
    const dec = (v: string | null) => (v ? deps.cipher.decrypt(v) : null);
    const known = {
      names: [
        `${p.firstName} ${p.lastName}`,
        ...d.reps.map((r) => `${r.first} ${r.last}`),
        ...d.payers.map((x) => x.name),
      ],
      values: [
        dec(p.idCodeEnc),
        p.mobile,
        p.email,
        dec(p.documentNumberEnc),
        p.addressStreet,
        ...d.reps.flatMap((r) => [r.mobile, r.email]),
        ...d.payers.flatMap((x) => [x.email, x.phone]),
      ].filter((v): v is string => !!v),
    };
    const mask = (enc: string | null) =>
      enc ? deps.cipher.encrypt(maskIdentifiers(deps.cipher.decrypt(enc), known)) : null;
    await repo.writeAnonymised(tx, clinicId, patientId, {
      birthDate: ageBandBirthDate(p.birthDate),
      healthNotesEnc: mask(p.healthNotesEnc),
      entries: d.entries.map((e) => ({
        id: e.id,
        indicationEnc: mask(e.indicationEnc),
        complaintEnc: mask(e.complaintEnc),
      })),
      changes: d.changes.map((ch) => ({ id: ch.id, reason: ch.reason ? maskIdentifiers(ch.reason, known) : null })),
      at: clock.now(),
    });
  }

  async function runs(ctx: AccessContext) {
    requireDpo(ctx);
    return repo.runs(db, ctx.clinicId);
  }

  async function runById(ctx: AccessContext, id: string) {
    requireDpo(ctx);
    const r = await repo.run(db, ctx.clinicId, id);
    if (!r) throw new NotFoundError('no such retention run');
    return r;
  }

  // ---- holds ----

  async function placeHold(ctx: AccessContext, input: HoldInput) {
    requireDpo(ctx);
    const h = parseInput(holdInput, input);
    const { zone } = await clinicOf(ctx.clinicId);
    const id = randomUUID();
    return audit.transaction(db, ctx, async (tx) => {
      if (h.patientId && !(await repo.patientFacts(tx, ctx.clinicId, h.patientId)))
        throw new NotFoundError('no such patient');
      if (h.recordingId && (await repo.recordingLocations(tx, ctx.clinicId, [h.recordingId])).length === 0)
        throw new NotFoundError('no such recording');
      const row = {
        clinicId: ctx.clinicId,
        id,
        kind: h.kind,
        reason: h.reason,
        owner: h.owner,
        patientId: h.patientId,
        target: h.recordingId ? 'recordings' : h.target,
        recordingId: h.recordingId,
        startsOn: h.startsOn ?? localDate(clock.now(), zone),
        endsOn: h.endsOn,
        createdBy: ctx.user?.id ?? null,
        createdAt: clock.now(),
      };
      await repo.insertHold(tx, row);
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'retention.hold',
          entityType: 'retention_hold',
          entityId: id,
          patientRef: h.patientId,
          purpose: 'retention',
          details: { kind: h.kind, target: h.target, recording: h.recordingId, endsOn: h.endsOn },
        }),
      ]);
      return (await repo.hold(tx, ctx.clinicId, id))!;
    });
  }

  async function releaseHold(ctx: AccessContext, id: string) {
    requireDpo(ctx);
    const { zone } = await clinicOf(ctx.clinicId);
    return audit.transaction(db, ctx, async (tx) => {
      const h = await repo.hold(tx, ctx.clinicId, id);
      if (!h) throw new NotFoundError('no such hold');
      if (h.releasedAt) throw new ConflictError('the hold is already released');
      // In force through yesterday: today's run may delete what it kept.
      await repo.releaseHold(
        tx,
        ctx.clinicId,
        id,
        ctx.user?.id ?? null,
        clock.now(),
        addDays(localDate(clock.now(), zone), -1),
      );
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'retention.hold_release',
          entityType: 'retention_hold',
          entityId: id,
          patientRef: h.patientId,
          purpose: 'retention',
        }),
      ]);
      return (await repo.hold(tx, ctx.clinicId, id))!;
    });
  }

  async function holds(ctx: AccessContext) {
    requireDpo(ctx);
    return repo.holds(db, ctx.clinicId);
  }

  // ---- erasure (for the data subject rights helper) ----

  interface ErasurePart {
    target: TargetKey;
    status: 'erasable' | 'kept' | 'held' | 'none';
    until?: string;
    rule?: string;
    hold?: { id: string; kind: string; reason: string; owner: string };
  }

  async function erasurePlanIn(clinicId: string, patientId: string): Promise<ErasurePart[]> {
    const { zone, country } = await clinicOf(clinicId);
    const today = localDate(clock.now(), zone);
    const facts = await repo.patientFacts(db, clinicId, patientId);
    if (!facts) throw new NotFoundError('no such patient');
    const holdsNow = await repo.patientHolds(db, clinicId, patientId, today);
    const heldBy = (t: TargetKey) => holdsNow.find((h) => h.target === null || h.target === t);
    const minimums = minimumsOn(country, today);
    const plusYears = (d: string, y: number) => `${Number(d.slice(0, 4)) + y}${d.slice(4)}`;
    const parts: ErasurePart[] = [];
    const withHold = (p: ErasurePart): ErasurePart => {
      const h = heldBy(p.target);
      return h && p.status !== 'none'
        ? { ...p, status: 'held', hold: { id: h.id, kind: h.kind, reason: h.reason, owner: h.owner } }
        : p;
    };
    // Invoices: kept for the accounting law's period, whatever the person asks (Art. 17(3)(b)).
    if (facts.invoices_until && facts.invoices_until >= today) {
      const m = minimums.find((x) => x.catalogue === 'financial');
      parts.push(
        withHold({
          target: 'accounting',
          status: 'kept',
          until: facts.invoices_until,
          rule: m?.source ?? 'accounting law',
        }),
      );
    } else parts.push({ target: 'accounting', status: facts.invoices_until ? 'erasable' : 'none' });
    // The treatment record: kept for the statutory minimum from the last service.
    const health = minimums.find((x) => x.catalogue === 'health' && x.runsFrom === 'service_date');
    const healthUntil = health ? plusYears(facts.last_service, health.years) : null;
    if (healthUntil && healthUntil >= today)
      parts.push(
        withHold({
          target: 'patient_record',
          status: 'kept',
          until: healthUntil,
          rule: `${health!.what}: ${health!.source}`,
        }),
      );
    else if (facts.invoices_until)
      parts.push(
        withHold({
          target: 'patient_record',
          status: 'kept',
          until: facts.invoices_until,
          rule: 'invoices of the patient are still kept',
        }),
      );
    else parts.push(withHold({ target: 'patient_record', status: 'erasable' }));
    parts.push(withHold({ target: 'booking_requests', status: 'erasable' }));
    parts.push(withHold({ target: 'portal_access', status: 'erasable' }));
    return parts;
  }

  async function planErasure(ctx: AccessContext, patientId: string) {
    requireDpo(ctx);
    const parts = await erasurePlanIn(ctx.clinicId, patientId);
    await db.transaction((tx) =>
      audit.append(tx, ctx, [
        auditEntry({
          action: 'retention.erasure_plan',
          entityType: 'patient',
          entityId: patientId,
          patientRef: patientId,
          purpose: 'retention',
        }),
      ]),
    );
    return { patientId, parts };
  }

  async function erase(ctx: AccessContext, patientId: string, input: ErasureInput) {
    requireDpo(ctx);
    const d = parseInput(erasureInput, input);
    const parts = await erasurePlanIn(ctx.clinicId, patientId);
    for (const t of d.targets) {
      const p = parts.find((x) => x.target === t)!;
      if (p.status === 'held') throw new ConflictError(`${t} is held: ${p.hold!.reason}`, { target: t, hold: p.hold });
      if (p.status === 'kept')
        throw new ConflictError(`${t} is kept until ${p.until} under ${p.rule}`, {
          target: t,
          until: p.until,
          rule: p.rule,
        });
    }
    return audit.transaction(db, ctx, async (tx) => {
      await repo.allowDeletes(tx);
      const erased: Record<string, number> = {};
      for (const t of d.targets) {
        if (t === 'patient_record') continue;
        erased[t] = await repo.erasePatientContacts(tx, ctx.clinicId, patientId, t);
      }
      if (d.targets.includes('patient_record')) {
        await repo.remove(tx, 'patient_record', ctx.clinicId, [patientId]);
        erased.patient_record = 1;
      }
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'retention.erase',
          entityType: 'patient',
          entityId: patientId,
          patientRef: patientId,
          purpose: 'retention',
          details: { requestRef: d.requestRef, erased },
        }),
      ]);
      return { patientId, erased };
    });
  }

  return { plan, run, runs, runById, placeHold, releaseHold, holds, planErasure, erase, computePlan };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
