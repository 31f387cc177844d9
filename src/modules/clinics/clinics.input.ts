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

/**
 * The registry code a new clinic gives: the Estonian business register's 8 digits, the Latvian
 * enterprise register's 11-digit registration number.
 */
const registryCodeFormat = { EE: /^\d{8}$/, LV: /^\d{11}$/ } as const;

/**
 * A clinic set up by the deployment's operator (`hoidja clinic add`, `POST /api/operator/clinics`),
 * with its first administrator. The administrator then completes the profile in the web app.
 */
export const onboardClinicInput = clinicInput
  .omit({ groupId: true })
  .extend({
    adminEmail: z.email().optional(),
    adminName: z.string().trim().min(2).max(200).optional(),
  })
  .superRefine((v, ctx) => {
    if (!registryCodeFormat[v.country].test(v.registryCode))
      ctx.addIssue({
        code: 'custom',
        path: ['registryCode'],
        message:
          v.country === 'EE'
            ? 'an Estonian registry code has 8 digits (äriregistri kood)'
            : 'a Latvian registration number has 11 digits (reģistrācijas numurs)',
      });
    for (const [i, a] of v.addresses.entries())
      if (a.country !== v.country)
        ctx.addIssue({
          code: 'custom',
          path: ['addresses', i, 'country'],
          message: `the clinic is in ${v.country}: its addresses are too (a branch abroad is another clinic)`,
        });
  });
/** A group of clinics formed by the deployment's operator, e.g. joint controllers (GDPR Art. 26). */
export const clinicGroupInput = z.strictObject({
  name: z.string().trim().min(2).max(200),
  clinics: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/)).min(2, 'a group has at least two clinics'),
  jointControllers: z.boolean().default(true),
});
export type ClinicGroupInput = z.input<typeof clinicGroupInput>;

export type OnboardClinicInput = z.input<typeof onboardClinicInput>;

/** The clinic's addresses and contacts, changed by an administrator or the DPO. */
export const clinicContactsInput = clinicInput
  .pick({ addresses: true, contacts: true, dataProtectionContact: true, supervisoryAuthority: true })
  .partial();
