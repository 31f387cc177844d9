import type { DbOrTx } from '../../platform/db';
import { ValidationError } from '../../platform/errors';
import { prosthesisRuleOn, yearlyBenefitTier } from '../../rules/dental-benefits';
import type { PatientRow } from '../patients/patients.service';
import { decideGroup, type GroupDecision, type GroupEvidence } from './billing.groups';
import type { BillingKit } from './billing.kit';
import { prosthesisLeft, withRuleErrors } from './billing.quote';

/** The patient's group and yearly benefit on a day: the one computation invoices and previews share. */
export async function benefitPosition(
  kit: BillingKit,
  tx: DbOrTx,
  clinicId: string,
  patient: PatientRow,
  date: string,
  forcedGroup?: GroupDecision['group'],
) {
  const evidenceRows = await kit.repo.groupEvidence(tx, clinicId, patient.id);
  const childExtension = evidenceRows.some(
    (e) => e.benefitGroup === 'child-extension' && e.validFrom <= date && (!e.validTo || date <= e.validTo),
  );
  const evidence: GroupEvidence[] = evidenceRows
    .filter((e) => e.benefitGroup !== 'child-extension')
    .map((e) => ({ group: e.benefitGroup as GroupEvidence['group'], validFrom: e.validFrom, validTo: e.validTo }));
  const decision = decideGroup({
    date,
    birthDate: patient.birthDate,
    evidence,
    needFoundBeforeAdulthood: childExtension,
  });
  if (forcedGroup && !decision.applicable.includes(forcedGroup)) {
    throw new ValidationError(
      'group',
      `the patient is not in the group ${forcedGroup} on ${date} (applicable: ${decision.applicable.join(', ')})`,
    );
  }
  const group = forcedGroup ?? decision.group;
  const year = Number(date.slice(0, 4));
  const [usedHere, usedElsewhere] = await Promise.all([
    kit.repo.usedHere(tx, clinicId, patient.id, year),
    kit.repo.usedElsewhere(tx, clinicId, patient.id, year),
  ]);
  // The prosthesis benefit follows any of the patient's groups that has it (a pregnant pensioner keeps it).
  const prosthesisRule = withRuleErrors('date', () => prosthesisRuleOn(date));
  const prosthesisGroup = decision.applicable.find((g) => prosthesisRule.groups.includes(g));
  const prosthesis = prosthesisGroup
    ? prosthesisLeft(date, prosthesisGroup, await kit.repo.prosthesisHistory(tx, clinicId, patient.id))
    : null;
  const yearly =
    group === 'child' ? null : withRuleErrors('date', () => yearlyBenefitTier(date, group)).tier.yearlyCents;
  const used = usedHere + usedElsewhere;
  return {
    group,
    decision,
    year,
    usedHereCents: usedHere,
    usedElsewhereCents: usedElsewhere,
    usedCents: used,
    yearlyCents: yearly,
    balanceCents: yearly === null ? null : Math.max(0, yearly - used),
    prosthesisLeftCents: prosthesis?.leftCents ?? null,
    prosthesisPeriodStartedOn: prosthesis?.periodStartedOn ?? null,
  };
}
