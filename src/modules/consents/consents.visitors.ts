import { systemContext } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import { newId } from '../../platform/crypto';
import type { Db } from '../../platform/db';
import { NotFoundError, ValidationError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import type { ClinicLookup } from '../clinics/clinics.service';
import type { Register } from '../register/register.model';
import type { RegisterService } from '../register/register.service';
import { type OptionalCookieCategory, optionalCookieCategories } from './consents.schema';
import { visitorChoicesInput } from './consents.visitors.input';
import { createVisitorConsentsRepository } from './consents.visitors.repository';

export interface VisitorConsentsDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  register: Pick<RegisterService, 'inForce' | 'latestVersionNumber'>;
  clinics: Pick<ClinicLookup, 'findBySlug'>;
}

export type VisitorConsents = ReturnType<typeof createVisitorConsents>;

/** The categories beyond the strictly necessary that the clinic's register says its website uses. */
function categoriesInUse(reg: Register): Set<OptionalCookieCategory> {
  return new Set(reg.cookies.map((c) => c.category).filter((c): c is OptionalCookieCategory => c !== 'necessary'));
}

/**
 * The consent ledger of website visitors who need not be patients (ePrivacy Art. 5(3)): their
 * cookie choices by a pseudonymous id, as append-only events with the notice version shown.
 * Only categories the clinic's register lists can be chosen; strictly necessary ones need none.
 */
export function createVisitorConsents(deps: VisitorConsentsDeps) {
  const { db, clock, audit } = deps;
  const repo = createVisitorConsentsRepository();

  async function clinicAndRegister(slug: string) {
    const clinic = await deps.clinics.findBySlug(slug);
    if (!clinic) throw new NotFoundError('no such clinic');
    const reg = await deps.register.inForce(clinic.id);
    if (!reg || reg.cookies.length === 0)
      throw new NotFoundError('this clinic has not stated the cookies of its website in its register');
    return { clinic, inUse: categoriesInUse(reg) };
  }

  function stateOf(
    visitorId: string,
    inUse: Set<OptionalCookieCategory>,
    latest: Awaited<ReturnType<typeof repo.inForce>>,
  ) {
    const choices: Partial<Record<OptionalCookieCategory, boolean>> = {};
    for (const c of optionalCookieCategories) if (inUse.has(c)) choices[c] = latest.get(c)?.action === 'given';
    const last = [...latest.values()].sort((a, b) => b.seq - a.seq)[0];
    return { visitorId, necessary: true as const, choices, noticeVersion: last?.noticeVersion ?? null };
  }

  /** The visitor's choices in force; nothing chosen yet means no consent (never assumed). */
  async function choices(slug: string, visitorId: string) {
    const { clinic, inUse } = await clinicAndRegister(slug);
    return stateOf(visitorId, inUse, await repo.inForce(db, clinic.id, visitorId));
  }

  /** Records what changed: consent given or withdrawn per category, in one transaction with its audit event. */
  async function record(slug: string, raw: unknown) {
    const input = parseInput(visitorChoicesInput, raw);
    const { clinic, inUse } = await clinicAndRegister(slug);
    for (const [category] of Object.entries(input.choices))
      if (!inUse.has(category as OptionalCookieCategory))
        throw new ValidationError(
          `choices.${category}`,
          `the clinic's website uses no ${category} cookies (its register lists none): there is nothing to consent to`,
        );
    const noticeVersion = await deps.register.latestVersionNumber(clinic.id);
    const ctx = systemContext(clinic.id, 'public');
    const latest = await db.transaction(async (tx) => {
      const current = await repo.inForce(tx, clinic.id, input.visitorId);
      for (const [category, allow] of Object.entries(input.choices) as [OptionalCookieCategory, boolean][]) {
        const given = current.get(category)?.action === 'given';
        if (given === allow) continue;
        const action = allow ? 'given' : 'withdrawn';
        const id = newId();
        await repo.append(tx, {
          clinicId: clinic.id,
          id,
          visitorId: input.visitorId,
          category,
          action,
          noticeVersion,
          recordedAt: clock.now(),
        });
        // The ledger's own actions; the entity tells a visitor's cookie choice from a patient's consent.
        await audit.append(tx, ctx, [
          auditEntry({
            action: `consent.${action}`,
            entityType: 'visitor_consent',
            entityId: id,
            purpose: 'consent_management',
            details: { visitorId: input.visitorId, category, noticeVersion },
          }),
        ]);
      }
      return repo.inForce(tx, clinic.id, input.visitorId);
    });
    return stateOf(input.visitorId, inUse, latest);
  }

  return { choices, record };
}
