import { z } from 'zod';

/** What clinics accept: a new clinic (installer, CLI) and changes of its addresses and contacts. */
const address = z.strictObject({
  street: z.string().min(1),
  city: z.string().min(1),
  postalCode: z.string(),
  country: z.string().regex(/^[A-Z]{2}$/),
});
const contact = z.strictObject({
  name: z.string().optional(),
  email: z.email().optional(),
  phone: z.string().optional(),
  address: address.optional(),
});

export const clinicInput = z.strictObject({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'lower-case letters, digits and hyphens'),
  name: z.string().trim().min(2).max(200),
  country: z.enum(['EE', 'LV']),
  registryCode: z.string().trim().min(4).max(20),
  groupId: z.uuid().optional(),
  addresses: z.array(address).default([]),
  contacts: contact.default({}),
  dataProtectionContact: contact.default({}),
  supervisoryAuthority: contact.optional(),
  defaultLanguage: z.enum(['et', 'lv', 'en', 'ru']).optional(),
});
export type ClinicInput = z.input<typeof clinicInput>;

/** The clinic's addresses and contacts, changed by an administrator or the DPO. */
export const clinicContactsInput = clinicInput
  .pick({ addresses: true, contacts: true, dataProtectionContact: true, supervisoryAuthority: true })
  .partial();
