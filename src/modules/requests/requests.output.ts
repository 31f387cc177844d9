import { z } from 'zod';
import { instant, recordId } from '../../platform/http/contract';
import {
  identityChecks,
  refusalReasons,
  requestChannels,
  requestEventKinds,
  requestKinds,
  requestStatuses,
} from './requests.schema';

const date = z.string().meta({ format: 'date' });

const timelineStepOutput = z.object({
  kind: z.enum(requestEventKinds),
  at: instant,
  actorRole: z.string(),
  actorId: recordId.nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});

/** A data-subject request with its clock, its state and its timeline. */
export const requestOutput = z.object({
  id: recordId,
  patientId: recordId,
  patientName: z.string().nullable(),
  representativeId: recordId.nullable(),
  kind: z.enum(requestKinds),
  channel: z.enum(requestChannels),
  answerChannel: z.enum(requestChannels),
  language: z.enum(['et', 'lv', 'en', 'ru']),
  receivedOn: date,
  identityCheck: z.enum(identityChecks),
  identityNote: z.string().nullable(),
  details: z.string().nullable(),
  purposeKeys: z.array(z.string()).nullable(),
  /** The dated rule the clock was computed with. */
  clockRule: z.string(),
  dueOn: date,
  extendedDueOn: date.nullable(),
  extendableUntil: date.nullable(),
  effectiveDueOn: date,
  extensionReasons: z.string().nullable(),
  extensionNoticeOn: date.nullable(),
  status: z.enum(requestStatuses),
  overdue: z.boolean(),
  refusalReason: z.enum(refusalReasons).nullable(),
  complaintAuthority: z
    .object({ name: z.string(), address: z.string(), email: z.string(), website: z.string() })
    .nullable(),
  answer: z.string().nullable(),
  closedOn: date.nullable(),
  /** A restriction stays in force after its answer until lifted. */
  liftedOn: date.nullable(),
  timeline: z.array(timelineStepOutput),
});

/** The DPO's deadline radar. */
export const radarOutput = z.object({
  today: date,
  overdue: z.array(requestOutput),
  dueThisWeek: z.array(requestOutput),
  waitingOnPerson: z.array(requestOutput),
  /** Open requests due after this week. */
  later: z.number().int(),
});

/** The erasure plan of a request's person, per data category of the retention engine. */
export const erasurePlanOutput = z.object({
  requestId: recordId,
  parts: z.array(
    z.object({
      target: z.string(),
      status: z.enum(['erasable', 'kept', 'held', 'none']),
      until: date.optional(),
      rule: z.string().optional(),
      hold: z.object({ id: recordId, kind: z.string(), reason: z.string(), owner: z.string() }).optional(),
    }),
  ),
});

/** Where the encrypted copy and (for a password-protected PDF) its password went. */
export const recordCopySentOutput = z.object({
  sentTo: z.string(),
  /** The patient's mobile, masked; null for a copy encrypted to a certificate (no password). */
  passwordTo: z.string().nullable(),
  encryption: z.enum(['password', 'certificate']),
  filename: z.string(),
});
