import { z } from 'zod';
import { instant, itemsOf, recordId } from '../../platform/http/contract';

export const breachOutput = z.object({
  id: recordId,
  discoveredAt: instant,
  nature: z.string(),
  categories: z.array(z.string()),
  approxPeople: z.number().int(),
  approxRecords: z.number().int(),
  consequences: z.string(),
  measures: z.string(),
  authorityNotifiedAt: instant.nullable(),
  lateReason: z.string().nullable(),
  informPeople: z.enum(['undecided', 'yes', 'no']),
  informReason: z.string().nullable(),
  /** 72 hours after the discovery. */
  deadline: instant,
  /** Minutes until the deadline (negative: late), counted to the notification once it is made. */
  minutesLeft: z.number().int(),
  late: z.boolean(),
});
export const breachListOutput = itemsOf(breachOutput);
export const breachDetailOutput = breachOutput.extend({
  affected: z.array(
    z.object({
      patientId: recordId,
      foundBy: z.string(),
      addedAt: instant,
      /** The Art. 34 letter to this person, as the outbox has it; null: not sent. */
      letter: z.enum(['queued', 'sending', 'sent', 'failed', 'cancelled', 'skipped']).nullable(),
    }),
  ),
});
export const affectedOutput = z.object({ found: z.number().int(), total: z.number().int() });
export const informPeopleOutput = z.object({ queued: z.number().int(), affected: z.number().int() });
