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

/**
 * Who the person of a request is when it carries no code reception can use: an ID code of either
 * country, an identity document, or (the queue regulation allows it) the birth date alone.
 */
const birthDateOnly = z.strictObject({ kind: z.literal('birth_date'), birthDate });
export const requestIdentityInput = z.discriminatedUnion('kind', [...identityInput.options, birthDateOnly]);

const name = z.string().trim().min(1, 'required').max(100);

/**
 * Reception confirms a request: the patient (an existing one chosen, or registered from the identity,
 * with the names as corrected in the dialog) and the time.
 */
export const confirmInput = z.strictObject({
  patientId: z.uuid().optional(),
  identity: requestIdentityInput.optional(),
  firstName: name.optional(),
  lastName: name.optional(),
  professionalId: z.uuid().optional(),
  startsAt: isoDateTime().optional(),
  note: z.string().trim().max(500).optional(),
});

/** Reception declines a request: the message goes to the person in their language, by e-mail or SMS. */
export const declineInput = z.strictObject({
  message: z.string().trim().min(3, 'write the person a message: why, and what they can do instead').max(1000),
});
