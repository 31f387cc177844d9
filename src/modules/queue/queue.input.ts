import { z } from 'zod';
import { isoDateTime } from '../../platform/input';
import { queueChannels, queueStatuses } from './queue.schema';

/** What the queue accepts from routes, the CLI and the web, in the clinic's words. */
// The route reads the body first and the service reads it again (the CLI and other services call it
// directly), so an instant already read as a Date passes the second time.
const instant = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString() : v),
  isoDateTime('expected a date and time with a zone, e.g. 2026-12-21T10:00:00+02:00').transform((s) => new Date(s)),
);
const informed = {
  /** Whether the patient was told of the change (the queue regulation asks to record it). */
  patientInformed: z.boolean(),
  informedHow: z.string().trim().max(200).optional(),
};
const reason = z.string().trim().min(3, 'give the reason (at least 3 characters)').max(500);

export const referralInput = z.strictObject({
  professional: z.string().trim().min(2).max(200),
  institution: z.string().trim().min(2).max(200),
});

export const registerInput = z
  .strictObject({
    patientId: z.uuid(),
    serviceId: z.uuid(),
    channel: z.enum(queueChannels),
    professionalId: z.uuid().optional(),
    startsAt: instant.optional(),
    locationId: z.uuid().optional(),
    roomId: z.uuid().optional(),
    indication: z.string().trim().max(2000).optional(),
    complaint: z.string().trim().min(3).max(4000).optional(),
    referral: referralInput.optional(),
    reminderChannel: z.enum(['sms', 'email', 'none']).default('none'),
    /** Contacts for this visit when they differ from the patient's record. */
    contactMobile: z.string().trim().max(40).optional(),
    contactEmail: z.email({ message: 'not an e-mail address' }).optional(),
  })
  .refine((r) => r.complaint || r.referral, {
    message: 'describe the complaint or give the referral (professional and institution)',
    path: ['complaint'],
  })
  .refine((r) => !r.startsAt || r.professionalId, {
    message: 'a planned time needs a professional',
    path: ['professionalId'],
  });

export const bookInput = z.strictObject({
  professionalId: z.uuid(),
  startsAt: instant,
  locationId: z.uuid().optional(),
  roomId: z.uuid().optional(),
  ...informed,
});

/** Who asked for a move or a cancellation: when it is the clinic, the patient is told in writing. */
const by = z.enum(['patient', 'clinic']);

export const moveInput = z.strictObject({
  startsAt: instant,
  professionalId: z.uuid().optional(),
  /** Another room (chair), or null to free it; left out, the visit keeps its room. */
  roomId: z.uuid().nullable().optional(),
  reason,
  by,
  ...informed,
});

export const cancelInput = z.strictObject({ reason, by, ...informed });
export const removeInput = z.strictObject({ reason, ...informed });
export const markInput = z.strictObject({ note: z.string().trim().max(500).optional() });

/** Changing what was registered (not the time): the reason and whether the patient was told are kept. */
export const updateInput = z.strictObject({
  indication: z.string().trim().max(2000).nullable().optional(),
  complaint: z.string().trim().min(3).max(4000).optional(),
  referral: referralInput.nullable().optional(),
  contactMobile: z.string().trim().max(40).nullable().optional(),
  contactEmail: z.email({ message: 'not an e-mail address' }).nullable().optional(),
  reminderChannel: z.enum(['sms', 'email', 'none']).optional(),
  reason,
  ...informed,
});

export const emergencyInput = z.strictObject({
  patientId: z.uuid(),
  serviceId: z.uuid(),
  professionalId: z.uuid().optional(),
  complaint: z.string().trim().min(3).max(4000),
});

export const listQuery = z.strictObject({
  from: isoDateTime().optional(),
  to: isoDateTime().optional(),
  professionalId: z.uuid().optional(),
  serviceId: z.uuid().optional(),
  status: z.union([z.enum(queueStatuses), z.array(z.enum(queueStatuses))]).optional(),
  patientId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
