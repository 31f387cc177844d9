import { z } from 'zod';
import { type AccessContext, hasRole } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { FieldCipher } from '../../platform/crypto';
import type { Db } from '../../platform/db';
import { ForbiddenError, ValidationError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import { purposeRights } from '../register/register.model';
import type { RegisterService } from '../register/register.service';
import { ageBandBirthDate, maskIdentifiers } from '../retention/retention.anonymise';
import { createResearchRepository } from './research.repository';

export const exportInput = z
  .object({
    /** The project the pseudonyms are stable within (a new project gets new pseudonyms). */
    project: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes'),
    /** The register purpose the use falls under. */
    purposeKey: z.string().min(1).default('research'),
    /** Who receives it (a university, a teaching course). */
    recipient: z.string().trim().min(2).max(200),
  })
  .strict();

/**
 * Pseudonymised research and teaching data: treatment descriptions without identifiers (age band,
 * sex, town, month, service codes, complaints with identifiers masked), keyed pseudonyms stable
 * within one project, only for patients who did not object — and, where the register bases the
 * purpose on consent, only those who gave it. Recorded as a disclosure.
 */
export function createResearchService(deps: {
  db: Db;
  audit: AuditService;
  cipher: FieldCipher;
  register: Pick<RegisterService, 'inForce'>;
}) {
  const repo = createResearchRepository();
  async function exportProject(ctx: AccessContext, input: unknown) {
    if (!hasRole(ctx, 'dpo')) throw new ForbiddenError('research exports are released by the data protection officer');
    const x = parseInput(exportInput, input);
    const reg = await deps.register.inForce(ctx.clinicId);
    const purpose = reg?.purposes.find((p) => p.key === x.purposeKey);
    if (!purpose)
      throw new ValidationError(
        'purposeKey',
        `the register has no purpose "${x.purposeKey}": research use must be in it first`,
      );
    // Consent among the purpose's bases: only those who gave it; otherwise all but those who objected.
    const needsConsent = purposeRights(purpose).withdraw;
    return deps.audit.transaction(deps.db, ctx, async (tx) => {
      const rows = await repo.rows(tx, ctx.clinicId, x.purposeKey);
      const out = [];
      const people = new Set<string>();
      for (const r of rows) {
        const allowed = needsConsent ? r.consent === 'given' : r.consent !== 'objected';
        if (!allowed) continue;
        people.add(r.patient_id);
        const known = { names: [`${r.first_name} ${r.last_name}`], values: [] };
        out.push({
          pseudonym: deps.cipher.searchHash(`research:${x.project}:${r.patient_id}`).slice(0, 16),
          ageBand: ageBandBirthDate(r.birth_date).slice(0, 4),
          sex: r.sex,
          town: r.city,
          month: r.visit_month,
          services: r.codes ?? [],
          complaints: (r.complaints ?? []).map((c) => maskIdentifiers(deps.cipher.decrypt(c), known)),
        });
      }
      await deps.audit.append(tx, ctx, [
        auditEntry({
          action: 'disclosure',
          entityType: 'research_export',
          entityId: null,
          purpose: 'data_protection',
          details: {
            recipient: x.recipient,
            project: x.project,
            registerPurpose: x.purposeKey,
            patients: people.size,
            rows: out.length,
            fields: ['age band', 'sex', 'town', 'month', 'service codes', 'complaints (masked)'],
          },
        }),
      ]);
      return { project: x.project, basis: needsConsent ? 'consent' : 'no objection', patients: people.size, rows: out };
    });
  }
  return { exportProject };
}
export type ResearchService = ReturnType<typeof createResearchService>;
