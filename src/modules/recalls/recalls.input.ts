import { z } from 'zod';
import { messageChannels } from './recalls.schema';

export const idParam = z.object({ id: z.uuid() }).strict();
export const serviceParam = z.object({ serviceId: z.uuid() }).strict();

/** Months after a visit of the service when the patient is due again; 0: no recall for it. */
export const intervalInput = z.object({ months: z.number().int().min(0).max(120) }).strict();

export const inviteInput = z
  .object({
    patientId: z.uuid(),
    serviceId: z.uuid(),
    channel: z.enum(messageChannels),
  })
  .strict();

export const campaignInput = z
  .object({
    channel: z.enum(messageChannels),
    subject: z.string().trim().min(1, 'give the message a subject').max(200),
    body: z.string().trim().min(10, 'write the message (at least a sentence)').max(5000),
  })
  .strict();
