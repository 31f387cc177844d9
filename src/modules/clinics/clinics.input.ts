import { z } from 'zod';
import { compactIban, ibanProblem } from '../../rules/iban';

/** What clinics accept: a new clinic (installer, CLI) and changes of its addresses and contacts. */
const address = z.strictObject({
  street: z.string().min(1),
  city: z.string().min(1),
  postalCode: z.string(),
  country: z.string().regex(/^[A-Z]{2}$/),
});
/** A phone number as people write it: digits, an optional leading +, spaces, hyphens, brackets. */
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{4,22}$/, 'a phone number: digits, an optional leading +, spaces or hyphens');
const contact = z.strictObject({
  name: z.string().trim().max(200).optional(),
  email: z.email().optional(),
  phone: phone.optional(),
  website: z
    .string()
    .trim()
    .regex(/^(https?:\/\/)?[^\s/]+\.[^\s]+$/, 'a web address, e.g. www.clinic.ee')
    .max(200)
    .optional(),
  address: address.optional(),
});

/** An account patients pay to: the IBAN checked by its check digits, the bank's name as printed. */
const bankAccount = z.strictObject({
  iban: z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      const problem = ibanProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .transform(compactIban),
  bank: z.string().trim().min(2).max(100),
  bic: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, 'a BIC (SWIFT code) of 8 or 11 characters, e.g. HABAEE2X')
    .optional(),
});

export const clinicInput = z.strictObject({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'lower-case letters, digits and hyphens'),
  name: z.string().trim().min(2).max(200),
  tradeName: z.string().trim().min(1).max(200).optional(),
  country: z.enum(['EE', 'LV']),
  registryCode: z.string().trim().min(4).max(20),
  groupId: z.uuid().optional(),
  addresses: z.array(address).default([]),
  contacts: contact.default({}),
  dataProtectionContact: contact.default({}),
  supervisoryAuthority: contact.optional(),
  defaultLanguage: z.enum(['et', 'lv', 'en', 'ru']).optional(),
  bankAccounts: z.array(bankAccount).max(3, 'at most three accounts fit on an invoice').default([]),
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
    const codeProblem = registryCodeProblem(v.country, v.registryCode);
    if (codeProblem) ctx.addIssue({ code: 'custom', path: ['registryCode'], message: codeProblem });
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

/** Whether the runtime knows a time zone by this IANA name (e.g. Europe/Tallinn). */
function knownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/');
  } catch {
    return false;
  }
}

/**
 * The clinic's profile, changed by an administrator or the DPO: names, registry code, addresses,
 * contacts by channel, the data protection contact and the time zone deadlines are counted in.
 * The country is not among them: a clinic in another country is another controller.
 */
export const clinicProfileInput = clinicInput
  .pick({ name: true, addresses: true, contacts: true, dataProtectionContact: true, supervisoryAuthority: true })
  .extend({
    /** The name patients know; empty or null clears it. */
    tradeName: z
      .string()
      .trim()
      .max(200)
      .nullable()
      .transform((v) => v || null),
    registryCode: z.string().trim(),
    timeZone: z.string().trim().refine(knownTimeZone, 'an IANA time zone, e.g. Europe/Tallinn or Europe/Riga'),
    bankAccounts: clinicInput.shape.bankAccounts.unwrap(),
  })
  .partial();

/** A registry code of the clinic's country, or why not. */
export function registryCodeProblem(country: 'EE' | 'LV', code: string): string | null {
  if (registryCodeFormat[country].test(code)) return null;
  return country === 'EE'
    ? 'an Estonian registry code has 8 digits (äriregistri kood)'
    : 'a Latvian registration number has 11 digits (reģistrācijas numurs)';
}
