import { z } from 'zod';

/**
 * The pseudonymous id a clinic's website keeps in the visitor's browser (random, e.g. a UUID): the
 * ledger knows the visitor by nothing else.
 */
const visitorId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'a pseudonymous id: 16–64 letters, digits, _ or -');

export const visitorParams = z.object({ slug: z.string().max(60), visitorId });
export const clinicSlugParams = z.object({ slug: z.string().max(60) });

/** A visitor's choices from the cookie banner: true gives consent, false withdraws it; absent leaves it. */
export const visitorChoicesInput = z.strictObject({
  visitorId,
  choices: z
    .strictObject({
      preferences: z.boolean().optional(),
      statistics: z.boolean().optional(),
      marketing: z.boolean().optional(),
    })
    .refine((c) => Object.keys(c).length > 0, 'choose at least one category'),
});
