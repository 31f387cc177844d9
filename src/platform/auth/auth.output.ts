import { z } from 'zod';
import { instant, recordId } from '../http/contract';
import { roles } from './auth.schema';

/** What the login and staff routes answer. */
const sessionUserOutput = z.object({
  clinicId: recordId,
  clinicSlug: z.string(),
  id: recordId,
  email: z.string(),
  fullName: z.string(),
  roles: z.array(z.enum(roles)),
  /** The password was chosen by someone else: change it before anything else. */
  mustChangePassword: z.boolean(),
});

/** The signed-in user, the CSRF token to send on writes, and how long a session may stay idle. */
export const sessionOutput = z.object({
  user: sessionUserOutput,
  csrfToken: z.string().nullable(),
  idleMinutes: z.number().int(),
});

export const staffUserOutput = z.object({
  id: recordId,
  email: z.string(),
  fullName: z.string(),
  roles: z.array(z.enum(roles)),
  professionalCode: z.string().nullable(),
  disabledAt: instant.nullable(),
  mustChangePassword: z.boolean(),
});
