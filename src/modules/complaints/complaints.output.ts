import { z } from 'zod';
import { instant, recordId } from '../../platform/http/contract';
import { complaintChannels, complaintEventKinds, complaintStatuses, feedbackChannels } from './complaints.schema';

const date = z.string().meta({ format: 'date' });

/** A complaint with its clocks, the outside bodies its answer names, and its timeline. */
export const complaintOutput = z.object({
  id: recordId,
  patientId: recordId.nullable(),
  kind: z.enum(['complaint', 'suggestion']),
  channel: z.enum(complaintChannels),
  complainantName: z.string(),
  representativeName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactAddress: z.string().nullable(),
  circumstances: z.string(),
  claim: z.string(),
  feedbackWanted: z.boolean(),
  feedbackChannel: z.enum(feedbackChannels),
  language: z.enum(['et', 'lv', 'en', 'ru']),
  receivedOn: date,
  clockRule: z.string(),
  reviewBy: date,
  resolveBy: date,
  extendedResolveBy: date.nullable(),
  effectiveResolveBy: date,
  extensionReasons: z.string().nullable(),
  status: z.enum(complaintStatuses),
  assignedTo: recordId.nullable(),
  answer: z.string().nullable(),
  answeredOn: date.nullable(),
  archivedOn: date.nullable(),
  reviewOverdue: z.boolean(),
  overdue: z.boolean(),
  /** `key` names the body's role for the reader's language; `role` is its English wording for API users. */
  outsideBodies: z.array(
    z.object({
      key: z.enum(['health_board', 'insurance_fund', 'data_protection']),
      name: z.string(),
      role: z.string(),
      contact: z.string(),
    }),
  ),
  timeline: z.array(
    z.object({
      kind: z.enum(complaintEventKinds),
      at: instant,
      actorId: recordId.nullable(),
      note: z.string().nullable(),
    }),
  ),
});

export const complaintStatsOutput = z.object({
  year: z.number().int(),
  byKind: z.array(
    z.object({ kind: z.string(), received: z.number().int(), answered: z.number().int(), late: z.number().int() }),
  ),
});
