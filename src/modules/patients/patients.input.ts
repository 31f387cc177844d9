import { z } from 'zod';
import { type Clock, utcDate } from '../../platform/clock';
import { ValidationError } from '../../platform/errors';
import { birthDate, isoDate, refuseFutureBirthDate } from '../../platform/input';
import { checkIdCode } from '../../rules/id-codes';

const nationalIdentity = z.strictObject({
  kind: z.literal('national'),
  country: z.enum(['EE', 'LV']),
  code: z.string().min(1).max(20),
  /** Only for new-format Latvian codes, which carry no birth date. */
  birthDate: birthDate.optional(),
});

const documentIdentity = z.strictObject({
  kind: z.literal('document'),
  documentType: z.enum(['passport', 'id_card', 'residence_permit', 'other']),
  documentNumber: z.string().trim().min(3).max(40),
  documentCountry: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166 two-letter country code'),
  birthDate,
  sex: z.enum(['male', 'female']).optional(),
});

export const identityInput = z.discriminatedUnion('kind', [nationalIdentity, documentIdentity]);
export type IdentityInput = z.infer<typeof identityInput>;

export const addressInput = z.strictObject({
  street: z.string().trim().min(1).max(200),
  city: z.string().trim().min(1).max(100),
  postalCode: z.string().trim().max(20).default(''),
  country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166 two-letter country code'),
});

export const insuranceInput = z.strictObject({
  status: z.enum(['insured', 'uninsured', 'unknown']),
  insurer: z.string().trim().max(200).optional(),
  validUntil: isoDate.optional(),
});

const name = z.string().trim().min(1, 'required').max(100);
export const languages = ['et', 'lv', 'en', 'ru'] as const;

export const patientInput = z.strictObject({
  firstName: name,
  lastName: name,
  identity: identityInput,
  mobile: z.string().trim().max(30).optional().nullable(),
  email: z.email({ message: 'not a valid e-mail address' }).max(200).optional().nullable(),
  address: addressInput.optional().nullable(),
  preferredLanguage: z.enum(languages),
  insurance: insuranceInput.optional().nullable(),
  occupation: z.string().trim().max(200).optional().nullable(),
  workplace: z.string().trim().max(200).optional().nullable(),
  healthNotes: z.string().trim().max(4000).optional().nullable(),
});
export type PatientInput = z.infer<typeof patientInput>;

export const patientUpdateInput = patientInput.partial().extend({
  version: z.number().int().min(1),
  reason: z.string().trim().max(500).optional(),
});

export const representativeInput = z.strictObject({
  kind: z.enum(['parent', 'guardian', 'authorised_person']),
  firstName: name,
  lastName: name,
  identity: identityInput,
  mobile: z.string().trim().max(30).optional().nullable(),
  email: z.email({ message: 'not a valid e-mail address' }).optional().nullable(),
  basis: z
    .string()
    .trim()
    .min(3, 'state the basis of the authority (e.g. birth certificate, court ruling, power of attorney)')
    .max(500),
  authorityFrom: isoDate,
  authorityUntil: isoDate,
});

export const billPayerInput = z.strictObject({
  kind: z.enum(['employer', 'victim_support', 'health_insurance_fund', 'municipality', 'other']),
  name: z.string().trim().min(1).max(200),
  registryCode: z.string().trim().max(40).optional().nullable(),
  email: z.email({ message: 'not a valid e-mail address' }).optional().nullable(),
  phone: z.string().trim().max(30).optional().nullable(),
  address: z.string().trim().max(300).optional().nullable(),
  reference: z.string().trim().max(100).optional().nullable(),
  validFrom: isoDate.optional().nullable(),
  validUntil: isoDate.optional().nullable(),
});

export interface ResolvedIdentity {
  idCountry: 'EE' | 'LV' | null;
  idCode: string | null;
  idWarning: string | null;
  documentType: 'passport' | 'id_card' | 'residence_permit' | 'other' | null;
  documentNumber: string | null;
  documentCountry: string | null;
  birthDate: string;
  sex: 'male' | 'female' | null;
}

/** Validates an identity exactly as the rules say; birth date and sex come from the code. */
export function resolveIdentity(identity: IdentityInput, clock: Clock, field = 'identity'): ResolvedIdentity {
  if (identity.birthDate) refuseFutureBirthDate(identity.birthDate, clock, `${field}.birthDate`);
  if (identity.kind === 'document') {
    return {
      idCountry: null,
      idCode: null,
      idWarning: null,
      documentType: identity.documentType,
      documentNumber: identity.documentNumber,
      documentCountry: identity.documentCountry,
      birthDate: identity.birthDate,
      sex: identity.sex ?? null,
    };
  }
  const r = checkIdCode(identity.code, identity.country, utcDate(clock));
  if (!r.valid) throw new ValidationError(`${field}.code`, r.reason);
  // A code that carries its birth date (Estonian, old-format Latvian) is read for it; a different
  // date typed beside it is a mistake to show, not a second truth (issue 12, finding 7).
  if (r.birthDate && identity.birthDate && identity.birthDate !== r.birthDate)
    throw new ValidationError(`${field}.birthDate`, `the code says ${r.birthDate}`);
  const birthDate = r.birthDate ?? identity.birthDate;
  if (!birthDate) throw new ValidationError(`${field}.birthDate`, 'this code carries no birth date: enter it');
  return {
    idCountry: r.country,
    idCode: r.normalized,
    idWarning: r.warning ?? null,
    documentType: null,
    documentNumber: null,
    documentCountry: null,
    birthDate,
    sex: r.sex,
  };
}

/** Lower case, diacritics folded, so search does not depend on how a name was typed. */
export function normalizeName(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
