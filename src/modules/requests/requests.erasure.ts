import { type AccessContext, hasRole } from '../../platform/access';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import type { ClinicLookup } from '../clinics/clinics.service';
import type { RetentionService } from '../retention/retention.service';
import { erasureDecisionInput } from './requests.input';
import { type ErasureOutcome, erasureLetter } from './requests.letters';
import type { RequestsService } from './requests.service';

export interface RequestErasureDeps {
  clinics: Pick<ClinicLookup, 'byId'>;
  /** The one deletion path (DESIGN.md principle 4): the retention engine plans and erases. */
  retention: Pick<RetentionService, 'planErasure' | 'erase'>;
}

export type RequestErasure = ReturnType<typeof createRequestErasure>;

/**
 * An erasure request decided per data category: what no duty keeps is erased through the retention
 * engine, the rest is refused with the rule that keeps it and the day it ends (or the hold), and the
 * outcome is the answer told to the person, in their language.
 */
export function createRequestErasure(deps: RequestErasureDeps, requests: RequestsService) {
  const { retention, clinics } = deps;

  async function erasureRequest(ctx: AccessContext, id: string) {
    if (!hasRole(ctx, 'dpo', 'admin'))
      throw new ForbiddenError('erasure is decided by the data protection officer or the administrator');
    const r = await requests.get(ctx, id);
    if (r.kind !== 'erasure') throw new ConflictError('this request does not ask for erasure');
    return r;
  }

  /** Per data category: erasable now, kept until a date under a rule, or held by a legal hold. */
  async function plan(ctx: AccessContext, id: string) {
    const r = await erasureRequest(ctx, id);
    const p = await retention.planErasure(ctx, r.patientId);
    return { requestId: r.id, parts: p.parts.filter((x) => x.status !== 'none') };
  }

  /**
   * Erases the chosen categories (each must be erasable now: else 400 naming the rule and nothing
   * changes) and closes the request: answered when something was erased or nothing is kept,
   * refused for a legal retention duty when everything asked for is kept.
   */
  async function decide(ctx: AccessContext, id: string, raw: unknown) {
    const input = parseInput(erasureDecisionInput, raw);
    const r = await erasureRequest(ctx, id);
    if (r.status !== 'open' && r.status !== 'waiting_on_person')
      throw new ConflictError(`this request is already ${r.status}`);
    const { parts } = await retention.planErasure(ctx, r.patientId);
    for (const t of input.targets) {
      const p = parts.find((x) => x.target === t);
      if (!p || p.status === 'none') throw new ValidationError('targets', `nothing of the person's is in ${t}`);
      if (p.status === 'kept')
        throw new ValidationError('targets', `${t} is kept until ${p.until} under ${p.rule}: it cannot be erased`);
      if (p.status === 'held') throw new ValidationError('targets', `${t} is under a legal hold: ${p.hold?.reason}`);
    }
    const outcome: ErasureOutcome = {
      erased: input.targets,
      kept: parts
        .filter((p) => p.status === 'kept')
        .map((p) => ({ target: p.target, until: p.until ?? null, rule: p.rule ?? '' })),
      held: parts.filter((p) => p.status === 'held').map((p) => ({ target: p.target, reason: p.hold?.reason ?? '' })),
      notChosen: parts
        .filter((p) => p.status === 'erasable' && !(input.targets as string[]).includes(p.target))
        .map((p) => p.target),
    };
    const clinic = await clinics.byId(ctx.clinicId);
    const refusedAll = outcome.erased.length === 0 && (outcome.kept.length > 0 || outcome.held.length > 0);
    const decision = {
      refusalReason: refusedAll ? ('legal_retention_duty' as const) : null,
      answer: erasureLetter(r.language, clinic.country, outcome, input.note ?? null),
      event: {
        kind: 'erasure_decided' as const,
        note: input.note ?? null,
        data: { ...outcome, erasedRows: {} as Record<string, number> },
      },
    };
    const erase = async () =>
      input.targets.length
        ? (await retention.erase(ctx, r.patientId, { targets: input.targets, requestRef: `rights_request:${r.id}` }))
            .erased
        : {};
    // The patient's own record goes last: once it is erased nothing can be recorded about them.
    if (outcome.erased.includes('patient_record')) {
      const closed = await requests.recordDecision(ctx, id, decision);
      await erase();
      return closed;
    }
    decision.event.data.erasedRows = await erase();
    return requests.recordDecision(ctx, id, decision);
  }

  return { plan, decide };
}
