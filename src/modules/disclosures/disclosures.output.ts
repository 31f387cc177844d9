import { z } from 'zod';
import { instant, recordId } from '../../platform/http/contract';
import { recipientKinds } from './disclosures.schema';

/** One entry of the disclosures log. */
export const disclosureOutput = z.object({
  id: recordId,
  patientId: recordId,
  recipientKind: z.enum(recipientKinds),
  recipientName: z.string(),
  recipientRegistryCode: z.string().nullable(),
  legalBasis: z.string(),
  categories: z.array(z.string()),
  fields: z.array(z.string()).nullable(),
  requestReference: z.string().nullable(),
  sourceType: z.string(),
  disclosedAt: instant,
  note: z.string().nullable(),
});
