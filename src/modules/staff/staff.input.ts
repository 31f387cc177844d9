import { z } from 'zod';

/** Link a staff account to a professional of the calendar, or make the professional from the account. */
export const professionalLinkInput = z.union([
  z.strictObject({ professionalId: z.uuid() }),
  z.strictObject({
    create: z.strictObject({
      kind: z.enum(['doctor', 'dentist', 'hygienist', 'therapist', 'nurse', 'other']),
      registrationCode: z
        .string()
        .trim()
        .regex(/^[A-Z]{0,3}\d{3,8}$/, 'a registration code like D01234')
        .optional(),
    }),
  }),
]);
