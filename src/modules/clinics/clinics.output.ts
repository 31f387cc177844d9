import { z } from 'zod';
import { instant, recordId } from '../../platform/http/contract';

/** What the clinics' routes answer. */
const language = z.enum(['et', 'lv', 'en', 'ru']);
const address = z.object({ street: z.string(), city: z.string(), postalCode: z.string(), country: z.string() });
const contact = z.object({
  name: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  website: z.string().optional(),
  address: address.optional(),
});

/** The signed-in user's clinic, as its administrator and DPO keep it. */
export const clinicOutput = z.object({
  id: recordId,
  slug: z.string(),
  name: z.string(),
  tradeName: z.string().nullable(),
  groupId: recordId.nullable(),
  country: z.enum(['EE', 'LV']),
  timeZone: z.string(),
  registryCode: z.string(),
  addresses: z.array(address),
  contacts: contact,
  dataProtectionContact: contact,
  supervisoryAuthority: contact,
  bankAccounts: z.array(z.object({ iban: z.string(), bank: z.string(), bic: z.string().optional() })),
  defaultLanguage: language,
  createdAt: instant,
});

/** What a login page or a public page may show about a clinic. */
export const publicClinicOutput = clinicOutput.pick({
  slug: true,
  name: true,
  tradeName: true,
  country: true,
  timeZone: true,
  defaultLanguage: true,
  addresses: true,
  contacts: true,
});

/** A group of clinics, e.g. joint controllers named together in their register and notice. */
export const clinicGroupOutput = z.object({
  id: recordId,
  name: z.string(),
  jointControllers: z.boolean(),
  clinics: z.array(z.string()),
});

/** A new clinic and its first administrator's login; the password is shown this once. */
export const onboardedClinicOutput = z.object({
  clinic: clinicOutput,
  admin: z.object({ email: z.string(), password: z.string() }),
});
