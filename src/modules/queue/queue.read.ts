import { type AccessContext, hasRole } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { FieldCipher } from '../../platform/crypto';
import type { Db, DbOrTx } from '../../platform/db';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import type { PatientReads } from '../patients/patients.reads';
import { listQuery } from './queue.input';
import { createQueueRepository, type QueueEntryRow } from './queue.repository';
import { changeView, entryView } from './queue.view';
import { createResourcesRepository } from './resources.repository';

/**
 * Reading the queue. Reception and administrators see the whole queue; a doctor sees the visits
 * of patients they are assigned to (booking a patient with a doctor assigns them). Every list
 * and every opened entry is written to the audit log with the patients it showed.
 */
export type QueueReadService = ReturnType<typeof createQueueReadService>;

export function createQueueReadService(deps: {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
  audit: AuditService;
  patients: Pick<PatientReads, 'names' | 'isAssigned' | 'caredFor'>;
}) {
  const { db, cipher, audit, patients: patientReads } = deps;
  const repo = createQueueRepository();
  const resources = createResourcesRepository();

  function scope(ctx: AccessContext): { assignedTo?: string; role: string } {
    if (hasRole(ctx, 'receptionist', 'admin')) return { role: hasRole(ctx, 'receptionist') ? 'receptionist' : 'admin' };
    if (hasRole(ctx, 'doctor')) return { role: 'doctor', assignedTo: ctx.user!.id };
    throw new ForbiddenError('your role does not see the treatment queue');
  }

  async function views(tx: DbOrTx, ctx: AccessContext, rows: QueueEntryRow[]) {
    const patients = await patientReads.names(tx, ctx.clinicId, [...new Set(rows.map((r) => r.patientId))]);
    const byId = new Map(patients.map((p) => [p.id, p]));
    return rows.map((r) => entryView(cipher, r, byId.get(r.patientId), true));
  }

  async function list(ctx: AccessContext, raw: unknown) {
    const s = scope(ctx);
    const q = parseInput(listQuery, raw);
    const statuses = q.status === undefined ? undefined : Array.isArray(q.status) ? q.status : [q.status];
    return db.transaction(async (tx) => {
      const rows = await repo.list(tx, {
        clinicId: ctx.clinicId,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        professionalId: q.professionalId,
        serviceId: q.serviceId,
        statuses,
        patientId: q.patientId,
        patientIds: s.assignedTo ? await patientReads.caredFor(tx, ctx.clinicId, s.assignedTo) : undefined,
        limit: q.limit,
      });
      const items = await views(tx, ctx, rows);
      const seen = [...new Set(rows.map((r) => r.patientId))];
      await audit.append(
        tx,
        ctx,
        seen.map((p) =>
          auditEntry({ action: 'queue.list', entityType: 'queue_entry', patientRef: p, purpose: 'care', role: s.role }),
        ),
      );
      return { items };
    });
  }

  async function get(ctx: AccessContext, id: string) {
    const s = scope(ctx);
    return db.transaction(async (tx) => {
      const row = await repo.find(tx, ctx.clinicId, id);
      if (!row) throw new NotFoundError('no such queue entry');
      if (s.assignedTo && !(await patientReads.isAssigned(tx, ctx.clinicId, row.patientId, s.assignedTo))) {
        throw new ForbiddenError('this patient is not yours');
      }
      const [view] = await views(tx, ctx, [row]);
      const changes = (await repo.changes(tx, ctx.clinicId, id)).map(changeView);
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'queue_entry.read',
          entityType: 'queue_entry',
          entityId: id,
          patientRef: row.patientId,
          purpose: 'care',
          role: s.role,
        }),
      ]);
      return { entry: view!, changes };
    });
  }

  /**
   * Waits per service: for visits planned in [from, to), days from registration to the planned
   * time (median, mean, longest), and how many still wait without a time. No personal data.
   */
  async function waits(ctx: AccessContext, from: string, to: string) {
    if (!hasRole(ctx, 'receptionist', 'admin', 'doctor', 'dpo'))
      throw new ForbiddenError('your role does not see queue reports');
    const f = new Date(from),
      t = new Date(to);
    if (Number.isNaN(f.getTime()) || Number.isNaN(t.getTime()) || t <= f)
      throw new ValidationError('to', 'give a period: from before to');
    const [data, services] = await Promise.all([
      repo.waits(db, ctx.clinicId, f, t),
      resources.services(db, ctx.clinicId),
    ]);
    const round = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
    return {
      from: f.toISOString(),
      to: t.toISOString(),
      services: services.map((s) => {
        const p = data.planned.find((r) => r.service_id === s.id);
        const w = data.waiting.find((r) => r.service_id === s.id);
        return {
          serviceId: s.id,
          service: s.name,
          visits: Number(p?.visits ?? 0),
          medianDays: round(p?.median_days),
          meanDays: round(p?.mean_days),
          longestDays: round(p?.max_days),
          waitingWithoutTime: Number(w?.waiting ?? 0),
          longestWaitingDays: round(w?.longest_waiting_days),
        };
      }),
    };
  }

  return { list, get, waits, requireQueueView: (ctx: AccessContext) => void scope(ctx) };
}
