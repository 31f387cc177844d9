import { z } from 'zod';
import { isoDate } from '../../platform/input';
import { holdKinds } from './retention.schema';
import { targetKeys } from './retention.targets';

/** A legal hold: what it covers (a patient, a target, or all), why, who owns it, until when. */
export const holdInput = z
  .object({
    kind: z.enum(holdKinds),
    reason: z.string().trim().min(3, 'a hold needs a reason (at least a few words)'),
    owner: z.string().trim().min(1, 'a hold needs an owner who answers for it'),
    patientId: z.uuid().nullable().default(null),
    target: z.enum(targetKeys).nullable().default(null),
    /** One camera recording (its target is then `recordings`). */
    recordingId: z.uuid().nullable().default(null),
    startsOn: isoDate.optional(),
    endsOn: isoDate.nullable().default(null),
  })
  .strict()
  .refine((h) => !h.endsOn || !h.startsOn || h.endsOn >= h.startsOn, {
    path: ['endsOn'],
    message: 'the end of a hold cannot be before its start',
  })
  .refine((h) => !h.recordingId || (!h.patientId && (h.target ?? 'recordings') === 'recordings'), {
    path: ['recordingId'],
    message: 'a hold on a recording covers that recording only',
  });
export type HoldInput = z.input<typeof holdInput>;

export const holdParams = z.object({ id: z.uuid() });
export const runParams = z.object({ id: z.uuid() });
export const patientParams = z.object({ patientId: z.uuid() });

/** What the person (through the rights helper) chose to erase: targets from the erasure plan. */
export const erasureInput = z
  .object({
    targets: z.array(z.enum(['patient_record', 'booking_requests', 'portal_access'])).min(1),
    /** The request this erasure answers (a reference the rights helper keeps). */
    requestRef: z.string().trim().min(1).max(200),
  })
  .strict();
export type ErasureInput = z.input<typeof erasureInput>;

/** Running retention from the screen: the batch size may be given (the CLI's --batch). */
export const runInput = z.object({ batchSize: z.number().int().min(1).max(100_000).optional() }).strict();
/** Releasing a hold: an optional note why (the hold's owner decides). */
export const releaseInput = z.object({ note: z.string().trim().max(500).optional() }).strict();
