import type { AccessContext } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { NotFoundError } from '../../platform/errors';
import { minimumsOn } from '../../rules/retention-minimums';
import { addDays, localDate } from '../../rules/zoned-time';
import type { ClinicsService } from '../clinics/clinics.service';
import type { PatientsService } from '../patients/patients.service';
import type { RegisterService } from '../register/register.service';
import { createRetentionRepository } from './retention.repository';
import { type AppliedRule, resolveTargets } from './retention.rules';

export interface PatientRetentionDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  clinics: Pick<ClinicsService, 'byId'>;
  register: Pick<RegisterService, 'inForce'>;
  patients: Pick<PatientsService, 'authorize'>;
}

/** A period in the plan's words ("30 years", "6 months", "10 days") added to a date. */
function plus(date: string, period: string): string | null {
  const m = /^(\d+) (years|months|days)$/.exec(period);
  if (!m) return null;
  const n = Number(m[1]);
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  if (m[2] === 'days') return addDays(date, n);
  const t = m[2] === 'years' ? Date.UTC(y + n, mo - 1, d) : Date.UTC(y, mo - 1 + n, d);
  return new Date(t).toISOString().slice(0, 10);
}

interface RuleDate {
  rule: string;
  from: string;
  period: string;
  /** The first day the rule no longer keeps the data. */
  until: string;
  floor?: string;
  names?: AppliedRule['names'];
}

/**
 * What the patient page shows about retention: when this patient's record and invoices go (and
 * whether they are deleted or anonymised), under which rule of the register (raised to the legal
 * minimum where it is shorter), and the legal holds that keep them now. Anyone who may see the
 * patient's administrative data may see this; reading it is audited like the record.
 */
export function createPatientRetention(deps: PatientRetentionDeps) {
  const { db, clock, audit } = deps;
  const repo = createRetentionRepository();

  async function forPatient(ctx: AccessContext, patientId: string) {
    const clinic = await deps.clinics.byId(ctx.clinicId);
    const today = localDate(clock.now(), clinic.timeZone);
    // Read before the transaction: the embedded database has one connection, and it holds it.
    const register = await deps.register.inForce(ctx.clinicId);
    return audit.transaction(db, ctx, async (tx) => {
      const grant = await deps.patients.authorize(tx, ctx, patientId, 'administrative', 'retention.patient_view');
      const facts = await repo.patientFacts(tx, ctx.clinicId, patientId);
      if (!facts) throw new NotFoundError('no such patient');
      const targets = resolveTargets(register, clinic.country as 'EE' | 'LV', today);
      const holds = (await repo.patientHolds(tx, ctx.clinicId, patientId, today)).map((h) => ({
        id: h.id,
        kind: h.kind,
        reason: h.reason,
        owner: h.owner,
        target: h.target,
        endsOn: h.endsOn,
      }));

      const record = targets.find((t) => t.target.key === 'patient_record')!;
      const anchorOf = (r: AppliedRule) =>
        r.from === 'service_date' ? facts.last_service : r.from === 'birth_date' ? facts.birth_date : null;
      const dated: RuleDate[] = record.rules.flatMap((r) => {
        const anchor = anchorOf(r);
        const end = anchor ? plus(anchor, r.period) : null;
        return end
          ? [
              {
                rule: r.rule,
                from: r.from,
                period: r.period,
                until: addDays(end, 1),
                ...(r.floor ? { floor: r.floor } : {}),
                ...(r.names ? { names: r.names } : {}),
              },
            ]
          : [];
      });
      // The longest keeping wins; invoices still kept keep their patient as well.
      const longest = [...dated].sort((a, b) => b.until.localeCompare(a.until))[0];
      const invoicesUntil = facts.invoices_until ? addDays(facts.invoices_until, 1) : null;
      const recordGoes =
        longest && invoicesUntil && invoicesUntil > longest.until ? invoicesUntil : (longest?.until ?? null);
      const recordEnd: 'anonymise' | 'delete' = record.rules.some((r) => r.end === 'anonymise')
        ? 'anonymise'
        : 'delete';
      const heldBy = (target: string) => holds.filter((h) => h.target === null || h.target === target);

      await audit.append(tx, ctx, [
        auditEntry(
          {
            action: 'retention.patient_view',
            entityType: 'patient',
            entityId: patientId,
            patientRef: patientId,
            purpose: 'retention',
          },
          grant,
        ),
      ]);
      return {
        patientId,
        today,
        lastService: facts.last_service,
        parts: [
          {
            target: 'patient_record' as const,
            end: record.rules.length ? recordEnd : null,
            goesOn: recordGoes,
            keptBy:
              recordGoes && invoicesUntil === recordGoes && longest?.until !== recordGoes
                ? 'invoices'
                : (longest?.rule ?? null),
            rules: dated,
            heldBy: heldBy('patient_record'),
          },
          {
            target: 'accounting' as const,
            end: facts.invoices_until ? ('delete' as const) : null,
            goesOn: invoicesUntil,
            keptBy: facts.invoices_until
              ? (minimumsOn(clinic.country as 'EE' | 'LV', today).find((m) => m.catalogue === 'financial')?.source ??
                'accounting law')
              : null,
            rules: [],
            heldBy: facts.invoices_until ? heldBy('accounting') : [],
          },
        ],
        holds,
      };
    });
  }

  return { forPatient };
}

export type PatientRetention = ReturnType<typeof createPatientRetention>;
