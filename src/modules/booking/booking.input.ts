import { z } from 'zod';
import { birthDate, isoDateTime } from '../../platform/input';
import { identityInput, languages } from '../patients/patients.input';

/** A written booking request from the public booking page (no login). */
export const publicRequestInput = z.strictObject({
  serviceId: z.uuid({ message: 'choose a service' }),
  professionalId: z.uuid().optional(),
  preferredStart: isoDateTime().optional(),
  firstName: z.string().trim().min(1, 'required').max(100),
  lastName: z.string().trim().min(1, 'required').max(100),
  idCode: z.string().trim().max(20).optional(),
  birthDate: birthDate.optional(),
  mobile: z.string().trim().max(30).optional(),
  email: z.email({ message: 'not a valid e-mail address' }).max(200).optional(),
  language: z.enum(languages),
  message: z.string().trim().min(3, 'describe briefly why you wish to come').max(2000),
  wantsSmsReminder: z.boolean().default(false),
  wantsEmailReminder: z.boolean().default(false),
  channel: z.enum(['website', 'email']).default('website'),
});

/** Reception confirms a request: the patient (found or registered from the identity) and the time. */
export const confirmInput = z.strictObject({
  patientId: z.uuid().optional(),
  identity: identityInput.optional(),
  professionalId: z.uuid().optional(),
  startsAt: isoDateTime().optional(),
  note: z.string().trim().max(500).optional(),
});
