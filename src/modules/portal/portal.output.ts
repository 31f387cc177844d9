import { z } from 'zod';
import { recordId } from '../../platform/http/contract';
import { consentAction, consentChannel, registerText } from '../consents/consents.output';

/** What the patient portal answers the patient: their own data, nothing about other people. */
const address = z.object({ street: z.string(), city: z.string(), postalCode: z.string(), country: z.string() });
const contact = z.object({
  name: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  address: address.optional(),
});

export const linkRequestedOutput = z.object({ ok: z.boolean(), message: z.string() });
export const portalSessionOutput = z.object({ csrfToken: z.string(), idleMinutes: z.number().int() });

/** One person the signed-in person may act for: themselves, or someone they represent. */
export const portalChoiceOutput = z.object({
  representativeId: recordId.nullable(),
  kind: z.enum(['self', 'parent', 'guardian', 'authorised_person']),
  patientName: z.string(),
  authorityUntil: z.string().nullable(),
  available: z.boolean(),
  /** Why a representation cannot be used today: ended, not_begun, expired, of_age, patient_inactive. */
  gap: z.string().nullable(),
});

export const portalActingOutput = z.object({ representativeId: recordId.nullable() });

export const portalMeOutput = z.object({
  patient: z.object({
    firstName: z.string(),
    lastName: z.string(),
    birthDate: z.string(),
    mobile: z.string().nullable(),
    email: z.string().nullable(),
    address: address.nullable(),
    preferredLanguage: z.enum(['et', 'lv', 'en', 'ru']),
  }),
  clinic: z.object({ name: z.string(), contacts: contact, dataProtectionContact: contact }),
  /** Set when the signed-in person acts for someone they represent (`patient` is that person). */
  actingAs: z.object({ representativeId: recordId, kind: portalChoiceOutput.shape.kind }).nullable(),
  choices: z.array(portalChoiceOutput),
  csrfToken: z.string(),
  idleMinutes: z.number().int(),
});

export const portalAccessOutput = z.object({
  at: z.string(),
  staffName: z.string().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  purpose: z.string(),
  reason: z.string().nullable(),
  breakGlass: z.boolean(),
  outcome: z.string(),
});

export const portalConsentOutput = z.object({
  purposeKey: z.string(),
  name: registerText,
  basis: z.enum(['consent', 'legitimate_interest']),
  consentText: registerText.nullable(),
  state: z.string(),
  allowed: z.boolean(),
  channel: consentChannel.nullable(),
  noticeVersion: z.number().int().nullable(),
  since: z.string().nullable(),
});

export const portalConsentRecorded = z.object({
  id: recordId,
  purposeKey: z.string(),
  action: consentAction,
  channel: consentChannel,
  recordedAt: z.string(),
});

export const portalVisitOutput = z.object({
  id: recordId,
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  professional: z.string().nullable(),
  service: z.string().nullable(),
  serviceNames: z.object({
    et: z.string().optional(),
    lv: z.string().optional(),
    en: z.string().optional(),
    ru: z.string().optional(),
  }),
});
