import { z } from 'zod';

export const breachInput = z
  .object({
    discoveredAt: z.iso.datetime({ offset: true }),
    nature: z.string().trim().min(10, 'describe what happened (at least a sentence)').max(4000),
    categories: z.array(z.string().min(1)).min(1, 'name the data categories concerned'),
    approxPeople: z.number().int().min(0),
    approxRecords: z.number().int().min(0),
    consequences: z.string().trim().min(3).max(4000),
    measures: z.string().trim().min(3).max(4000),
  })
  .strict();
export type BreachInput = z.input<typeof breachInput>;

/** Everyone whose data one staff member opened between two instants. */
export const affectedQuery = z
  .object({
    actorId: z.uuid(),
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
  })
  .strict()
  .refine((q) => new Date(q.to) > new Date(q.from), { path: ['to'], message: 'the end is after the start' });

export const notifyInput = z
  .object({ at: z.iso.datetime({ offset: true }), lateReason: z.string().trim().min(3).max(2000).optional() })
  .strict();
export const informInput = z
  .object({ decision: z.enum(['yes', 'no']), reason: z.string().trim().min(3).max(2000) })
  .strict();
export const idParam = z.object({ id: z.uuid() });
/** Sending the letters takes nothing but the breach: who and what come from its record. */
export const informPeopleInput = z.object({}).strict();
export const pdfQuery = z.object({ lang: z.enum(['et', 'lv', 'en']).default('en') });
