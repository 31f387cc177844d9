import { z } from 'zod';
import { roles } from './auth.schema';

/** What the staff account routes accept. */
const password = z.string().min(1, 'required').max(256);

export const passwordChangeInput = z.strictObject({
  currentPassword: password,
  newPassword: z.string().min(12, 'at least 12 characters').max(256),
});

export const resetRequestInput = z.strictObject({
  clinic: z.string().min(1).max(60),
  email: z.string().trim().min(3).max(200),
});

export const resetWithLinkInput = z.strictObject({
  token: z.string().min(20).max(200),
  newPassword: z.string().min(12, 'at least 12 characters').max(256),
});

export const staffUpdateInput = z
  .strictObject({
    roles: z.array(z.enum(roles)).min(1, 'choose at least one role').optional(),
    fullName: z.string().trim().min(2).max(200).optional(),
    professionalCode: z.string().trim().max(40).nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });
