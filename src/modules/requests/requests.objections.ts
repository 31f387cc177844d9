import type { AccessContext } from '../../platform/access';
import { ValidationError } from '../../platform/errors';
import type { ConsentsService } from '../consents/consents.service';
import { purposeRights } from '../register/register.model';
import type { RegisterService } from '../register/register.service';
import type { RequestChannel, RequestKind } from './requests.schema';

export interface ObjectionDeps {
  register: Pick<RegisterService, 'inForce'>;
  /** The consent ledger every sender asks (`consents.allows`): an objection stops processing there. */
  consents: Pick<ConsentsService, 'record' | 'recordByPerson'>;
}

/** The ledger's word for how the person told us. */
const ledgerChannel = { letter: 'paper', email: 'email', desk: 'on_site', portal: 'portal' } as const;

/**
 * An objection (Art. 21) or a withdrawal of consent (Art. 7(3)) filed as a request takes effect in
 * the consent ledger at once, so reminders, surveys and newsletters on those purposes stop; the
 * request then records the clinic's answer on its clock.
 */
export function createObjections(deps: ObjectionDeps) {
  const actionOf = (kind: RequestKind) =>
    kind === 'objection' ? ('objected' as const) : kind === 'consent_withdrawal' ? ('withdrawn' as const) : null;

  /** Before anything is written: each purpose named must be one the person can object to (or withdraw). */
  async function check(clinicId: string, kind: RequestKind, purposeKeys: string[] | undefined) {
    const action = actionOf(kind);
    if (!action || !purposeKeys?.length) return;
    const reg = await deps.register.inForce(clinicId);
    for (const key of purposeKeys) {
      const p = reg?.purposes.find((x) => x.key === key);
      if (!p) throw new ValidationError('purposeKeys', `the processing register has no purpose "${key}"`);
      const rights = purposeRights(p);
      if (action === 'objected' && (!rights.object || rights.withdraw))
        throw new ValidationError(
          'purposeKeys',
          `"${key}" does not rest on legitimate interest or a public task: there is nothing to object to (withdraw a consent instead)`,
        );
      if (action === 'withdrawn' && !rights.withdraw)
        throw new ValidationError('purposeKeys', `"${key}" does not rest on consent: there is no consent to withdraw`);
    }
  }

  /** Records the objection or withdrawal of each purpose in the ledger, as staff or as the person. */
  async function apply(
    ctx: AccessContext,
    r: { id: string; patientId: string; kind: RequestKind; channel: RequestChannel; purposeKeys: string[] | null },
    byPerson: boolean,
  ) {
    const action = actionOf(r.kind);
    if (!action || !r.purposeKeys?.length) return;
    for (const purposeKey of r.purposeKeys) {
      if (byPerson) await deps.consents.recordByPerson(ctx, r.patientId, { purposeKey, action });
      else
        await deps.consents.record(ctx, r.patientId, {
          purposeKey,
          action,
          channel: ledgerChannel[r.channel],
          note: `data-subject request ${r.id}`,
        });
    }
  }

  return { check, apply };
}
