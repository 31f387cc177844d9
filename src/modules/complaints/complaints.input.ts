import { z } from 'zod';
import { isoDate } from '../../platform/input';
import { feedbackChannels } from './complaints.schema';

const text = (what: string, max = 8000) => z.string().trim().min(3, { message: what }).max(max);

/** A written complaint or suggestion with the fields the clinic's procedure requires. */
export const complaintInput = z.strictObject({
  patientId: z.uuid({ message: 'not a patient id' }).optional(),
  kind: z.enum(['complaint', 'suggestion']).default('complaint'),
  channel: z.enum(['email', 'letter', 'desk']),
  receivedOn: isoDate,
  complainantName: text('the name of the complainant', 200),
  representativeName: z.string().trim().min(3).max(200).optional(),
  contactEmail: z.email().max(200).optional(),
  contactPhone: z.string().trim().min(5).max(40).optional(),
  contactAddress: z.string().trim().min(5).max(300).optional(),
  circumstances: text('describe what happened'),
  claim: text('what does the complainant ask for'),
  feedbackWanted: z.boolean(),
  feedbackChannel: z.enum(feedbackChannels),
  language: z.enum(['et', 'lv', 'en', 'ru']).optional(),
});

export const assignInput = z.strictObject({ staffUserId: z.uuid() });
export const progressInput = z.strictObject({ note: text('what was done so far', 2000) });
export const extendComplaintInput = z.strictObject({
  resolveBy: isoDate,
  reasons: text('the reasons told to the complainant', 2000),
});
export const answerComplaintInput = z.strictObject({ answer: text('the answer letter', 20000) });
export const complaintIdParam = z.object({ id: z.uuid({ message: 'not a complaint id' }) });
export const complaintListQuery = z.object({
  status: z.enum(['open', 'answered', 'archived']).default('open'),
});
export const statsQuery = z.object({ year: z.coerce.number().int().min(2018).max(2100) });

/** Archiving an answered complaint; an optional note (where the paper file went). */
export const archiveInput = z.strictObject({ note: z.string().trim().max(2000).optional() });
