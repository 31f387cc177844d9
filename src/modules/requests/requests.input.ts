import { z } from 'zod';
import { isoDate } from '../../platform/input';
import { identityChecks, refusalReasons, requestChannels, requestKinds, requestStatuses } from './requests.schema';

const languages = ['et', 'lv', 'en', 'ru'] as const;
const purposeKey = z.string().regex(/^[a-z][a-z0-9_]*$/, { message: 'a purpose key of the register' });

/** Shared by staff registration and the portal: what the person asks for. */
const requestFields = {
  kind: z.enum(requestKinds),
  details: z.string().trim().max(4000).optional(),
  /** Objection: the legitimate-interest purposes it names. Withdrawal: the consents withdrawn. */
  purposeKeys: z.array(purposeKey).min(1).max(30).optional(),
  /** How the answer should go, if not by the channel the request came by. */
  answerChannel: z.enum(requestChannels).optional(),
  language: z.enum(languages).optional(),
};

/** Staff register a request received by letter, e-mail or at the desk. */
export const registerRequestInput = z.strictObject({
  patientId: z.uuid({ message: 'not a patient id' }),
  ...requestFields,
  channel: z.enum(['letter', 'email', 'desk']),
  receivedOn: isoDate,
  identityCheck: z.enum(identityChecks),
  identityNote: z.string().trim().min(1).max(500).optional(),
  /** A parent, guardian or authorised person who asked for the patient. */
  representativeId: z.uuid({ message: 'not a representative id' }).optional(),
});

/** The person files a request in the portal (for themselves, or for the person they represent). */
export const portalRequestInput = z.strictObject(requestFields);

export const extendRequestInput = z.strictObject({
  months: z
    .number()
    .int()
    .min(1, { message: 'an extension is one or two months' })
    .max(2, { message: 'an extension is at most two further months (GDPR Art. 12(3))' }),
  reasons: z
    .string()
    .trim()
    .min(10, { message: 'state the reasons (complexity or number of requests) as told to the person' })
    .max(2000),
  /** When the person was told of the extension and its reasons (default: today). */
  noticeSentOn: isoDate.optional(),
});

export const answerRequestInput = z.strictObject({
  answer: z.string().trim().min(1, { message: 'the answer as told to the person' }).max(8000),
  /** The day the answer was sent (default: today). */
  answeredOn: isoDate.optional(),
});

export const refuseRequestInput = z.strictObject({
  legalReason: z.enum(refusalReasons, { message: 'a refusal needs its legal reason' }),
  explanation: z
    .string()
    .trim()
    .min(10, { message: 'explain the refusal to the person in a sentence or more' })
    .max(4000),
});

export const requestNoteInput = z.strictObject({
  note: z.string().trim().min(1, { message: 'say what happened' }).max(2000),
});

export const requestListQuery = z.strictObject({
  status: z.enum(requestStatuses).optional(),
  patientId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const requestIdParam = z.object({ id: z.uuid({ message: 'not a request id' }) });

/** The categories the retention engine can erase for one person (retention.input.ts `erasureInput`). */
export const erasableTargets = ['patient_record', 'booking_requests', 'portal_access'] as const;

/** The DPO's decision on an erasure request: which erasable categories go now, and a word to the person. */
export const erasureDecisionInput = z.strictObject({
  targets: z.array(z.enum(erasableTargets)).max(erasableTargets.length),
  note: z.string().trim().min(1).max(2000).optional(),
});
