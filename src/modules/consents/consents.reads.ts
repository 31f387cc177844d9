import type { Db } from '../../platform/db';
import type { PatientReads } from '../patients/patients.reads';
import { purposeRights } from '../register/register.model';
import type { RegisterService } from '../register/register.service';
import { createConsentListRepository } from './consents.reads.repository';
import { createConsentsRepository } from './consents.repository';
import type { ConsentAction } from './consents.schema';

/** Why the ledger says no: no such purpose in the register, restricted processing, no consent, a withdrawal, an objection. */
export type Refusal = 'no_purpose' | 'restricted' | 'no_consent' | 'withdrawn' | 'objected' | 'not_a_patient';

export interface LedgerDecision {
  allowed: boolean;
  basis: 'consent' | 'legitimate_interest' | 'other' | null;
  /** The event the answer rests on (the consent given, or the objection); null when there is none. */
  eventId: string | null;
  since: Date | null;
  refusal: Refusal | null;
}

const CONSENT: ConsentAction[] = ['given', 'withdrawn'];
const OBJECTION: ConsentAction[] = ['objected', 'objection_withdrawn'];

/**
 * What senders read of the consent ledger (recall, newsletters): the answer for one person and
 * purpose at this moment with the event it rests on, and who consents to a purpose now. No access
 * check and no audit: each sender asks on behalf of work it has checked and records what it sends.
 */
export function createConsentReads(deps: {
  db: Db;
  register: Pick<RegisterService, 'inForce'>;
  patientReads: Pick<PatientReads, 'forVisit'>;
}) {
  const repo = createConsentsRepository();
  const list = createConsentListRepository();

  async function basisOf(clinicId: string, purposeKey: string) {
    const p = (await deps.register.inForce(clinicId))?.purposes.find((x) => x.key === purposeKey);
    if (!p) return null;
    const rights = purposeRights(p);
    return rights.withdraw ? 'consent' : rights.object ? 'legitimate_interest' : 'other';
  }

  return {
    basisOf,

    /**
     * The ledger's answer now, asked again by every sender at the moment of sending. Not inside the
     * caller's transaction: it reads the register too (PGlite has one connection).
     */
    async decision(clinicId: string, patientId: string, purposeKey: string): Promise<LedgerDecision> {
      const db = deps.db;
      const basis = await basisOf(clinicId, purposeKey);
      const no = (refusal: Refusal, eventId: string | null = null, since: Date | null = null): LedgerDecision => ({
        allowed: false,
        basis,
        eventId,
        since,
        refusal,
      });
      if (!basis) return no('no_purpose');
      const patient = await deps.patientReads.forVisit(db, clinicId, patientId);
      if (!patient || patient.archivedAt) return no('not_a_patient');
      if (patient.processingRestricted) return no('restricted');
      if (basis === 'other') return { allowed: true, basis, eventId: null, since: null, refusal: null };
      const last = await repo.latest(db, clinicId, patientId, purposeKey, basis === 'consent' ? CONSENT : OBJECTION);
      if (basis === 'consent') {
        if (last?.action === 'given')
          return { allowed: true, basis, eventId: last.id, since: last.recordedAt, refusal: null };
        return last ? no('withdrawn', last.id, last.recordedAt) : no('no_consent');
      }
      if (last?.action === 'objected') return no('objected', last.id, last.recordedAt);
      return { allowed: true, basis, eventId: null, since: null, refusal: null };
    },

    /** The patients whose consent to a consent-based purpose is in force now (latest event: given). */
    consenting: (clinicId: string, purposeKey: string) =>
      list.latestIs(deps.db, clinicId, purposeKey, CONSENT, 'given'),
  };
}
export type ConsentReads = ReturnType<typeof createConsentReads>;
