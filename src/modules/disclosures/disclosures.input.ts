import { z } from 'zod';
import { dataCategories } from '../../platform/data-categories';
import { recipientKinds } from './disclosures.schema';

const categoryKeys = Object.keys(dataCategories) as [keyof typeof dataCategories, ...(keyof typeof dataCategories)[]];

/** A disclosure as its sender describes it (a service in its transaction, or staff recording one). */
export const disclosureInput = z.strictObject({
  recipientKind: z.enum(recipientKinds),
  recipientName: z.string().trim().min(2, { message: 'name the recipient' }).max(200),
  recipientRegistryCode: z.string().trim().max(40).optional(),
  legalBasis: z.string().trim().min(5, { message: 'state the legal basis of the disclosure' }).max(500),
  categories: z.array(z.enum(categoryKeys)).min(1, { message: 'name the categories of data sent' }).max(20),
  fields: z.array(z.string().max(60)).max(60).optional(),
  /** An authority's request: its reference number (required for courts, police and authorities). */
  requestReference: z.string().trim().min(1).max(200).optional(),
  note: z.string().trim().max(1000).optional(),
});

export const patientIdParam = z.object({ id: z.uuid({ message: 'not a patient id' }) });
