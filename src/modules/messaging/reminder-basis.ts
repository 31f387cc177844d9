import type { AccessContext } from '../../platform/access';
import type { ConsentsService } from '../consents/consents.service';
import { purposeRights } from '../register/register.model';
import type { RegisterService } from '../register/register.service';

/**
 * The legal basis of reminders comes from the clinic's processing register: the purpose
 * "reminders". On consent (art. 6(1)(a)) a reminder needs a consent in the ledger, which the
 * patient's own choice of a reminder records; on legitimate interest (f) it goes unless the
 * patient objected. Without such a purpose in the register in force, no reminder is sent.
 */
export const REMINDER_PURPOSE = 'reminders';

export interface ReminderBasis {
  /** Why no reminder may be sent to this patient now; null when the register allows it. */
  refusal(clinicId: string, patientId: string): Promise<string | null>;
  /** The opt-out link: withdraws the consent, or records the objection. */
  optOutUrl(clinicId: string, patientId: string): string;
  /** The patient asked for reminders (booking form, at the desk): recorded as consent where consent is the basis. */
  chosen(ctx: AccessContext, patientId: string, channel: 'web' | 'on_site' | 'phone' | 'email'): Promise<void>;
}

export function createReminderBasis(deps: {
  register: Pick<RegisterService, 'inForce'>;
  consents: Pick<ConsentsService, 'allows' | 'withdrawUrl' | 'record'>;
}): ReminderBasis {
  async function purpose(clinicId: string) {
    const reg = await deps.register.inForce(clinicId);
    return reg?.purposes.find((p) => p.key === REMINDER_PURPOSE) ?? null;
  }
  return {
    async refusal(clinicId, patientId) {
      const p = await purpose(clinicId);
      if (!p) return `the processing register in force has no purpose "${REMINDER_PURPOSE}"`;
      if (await deps.consents.allows({ clinicId }, patientId, REMINDER_PURPOSE)) return null;
      const consent = purposeRights(p).withdraw;
      return consent ? 'no consent to reminders in force' : 'the patient objected to reminders';
    },
    optOutUrl: (clinicId, patientId) => deps.consents.withdrawUrl(clinicId, patientId, REMINDER_PURPOSE),
    async chosen(ctx, patientId, channel) {
      const p = await purpose(ctx.clinicId);
      if (!p || !purposeRights(p).withdraw) return;
      if (await deps.consents.allows(ctx, patientId, REMINDER_PURPOSE)) return;
      await deps.consents.record(ctx, patientId, { purposeKey: REMINDER_PURPOSE, action: 'given', channel });
    },
  };
}
