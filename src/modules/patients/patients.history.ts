import type { AccessContext } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { PatientRelationsDeps } from './patients.relations';

/** What was kept about a patient: earlier versions of their data, and who looked at it. */
export function createPatientHistories(deps: PatientRelationsDeps) {
  const { cipher, audit, repo, policy, inTx, load } = deps;

  /** The kept history of changes, with earlier values for those allowed to see them. */
  async function history(ctx: AccessContext, id: string) {
    return inTx(ctx, async (tx) => {
      await load(tx, ctx, id);
      const grant = await policy.authorize(tx, ctx, id, 'administrative', 'patient.history');
      const rows = await repo.versions(tx, ctx.clinicId, id);
      await audit.append(tx, ctx, [
        auditEntry(
          {
            action: 'patient.history',
            entityType: 'patient',
            entityId: id,
            patientRef: id,
            purpose: 'care',
          },
          grant,
        ),
      ]);
      return rows.map((v) => {
        const previous = cipher.decryptJson<Record<string, unknown>>(v.previousEnc);
        if (!grant.health) delete previous.healthNotesEnc;
        const shown = Object.fromEntries(Object.entries(previous).map(([k, val]) => [k.replace(/Enc$/, ''), val]));
        return {
          version: v.version,
          changedAt: v.changedAt.toISOString(),
          changedBy: v.changedBy,
          fields: v.changedFields.map((f) => f.replace(/Enc$/, '')),
          previous: shown,
          reason: v.reason,
        };
      });
    });
  }

  /** Who looked at this patient's data; reading it is itself recorded. */
  async function accessHistory(ctx: AccessContext, id: string) {
    return inTx(ctx, async (tx) => {
      await load(tx, ctx, id);
      const grant = await policy.authorize(tx, ctx, id, 'administrative', 'patient.access_history');
      const rows = await audit.patientAccessHistory(tx, ctx.clinicId, id);
      await audit.append(tx, ctx, [
        auditEntry(
          {
            action: 'patient.access_history',
            entityType: 'patient',
            entityId: id,
            patientRef: id,
            purpose: 'transparency',
          },
          grant,
        ),
      ]);
      return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
    });
  }

  return { history, accessHistory };
}
