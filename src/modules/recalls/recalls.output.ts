import { z } from 'zod';
import { instant, itemsOf, recordId } from '../../platform/http/contract';

const channel = z.enum(['sms', 'email']);
const status = z.enum(['queued', 'sent', 'skipped']);
const names = z.record(z.string(), z.string());

export const intervalsOutput = itemsOf(
  z.object({ serviceId: recordId, name: z.string(), names, months: z.number().int() }),
);
export const intervalOutput = z.object({ serviceId: recordId, months: z.number().int() });

export const dueOutput = itemsOf(
  z.object({
    patientId: recordId,
    name: z.string(),
    serviceId: recordId,
    serviceName: z.string(),
    serviceNames: names,
    lastVisitAt: instant,
    dueOn: z.string(),
    allowed: z.boolean(),
    refusal: z.string().nullable(),
    sms: z.boolean(),
    email: z.boolean(),
    invitation: z.object({ id: recordId, status, channel, at: instant, reason: z.string().nullable() }).nullable(),
  }),
);

export const invitationOutput = z.object({
  id: recordId,
  patientId: recordId,
  serviceId: recordId,
  channel,
  status,
  createdAt: instant,
});

export const campaignOutput = z.object({
  id: recordId,
  purposeKey: z.string(),
  channel,
  subject: z.string(),
  createdAt: instant,
});

export const campaignListOutput = itemsOf(campaignOutput.extend({ sent: z.number().int(), skipped: z.number().int() }));

export const campaignDetailOutput = campaignOutput.extend({
  body: z.string(),
  messages: z.array(
    z.object({
      patientId: recordId,
      name: z.string(),
      status,
      reason: z.string().nullable(),
      consentEventId: recordId.nullable(),
      at: instant,
    }),
  ),
});
