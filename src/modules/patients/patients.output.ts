import { z } from 'zod';
import { recordId } from '../../platform/http/contract';

/** What the patients' routes answer: the views of patients.view.ts, named field by field. */
const language = z.enum(['et', 'lv', 'en', 'ru']);

const nationalIdentity = z.object({
  kind: z.literal('national'),
  country: z.enum(['EE', 'LV']),
  code: z.string(),
  warning: z.string().nullable(),
});
const documentIdentity = z.object({
  kind: z.literal('document'),
  documentType: z.enum(['passport', 'id_card', 'residence_permit', 'other']),
  documentNumber: z.string(),
  documentCountry: z.string(),
});

const patientOutput = z.object({
  id: recordId,
  firstName: z.string(),
  lastName: z.string(),
  identity: z.discriminatedUnion('kind', [nationalIdentity, documentIdentity]),
  birthDate: z.string(),
  sex: z.enum(['male', 'female']).nullable(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  address: z.object({ street: z.string(), city: z.string(), postalCode: z.string(), country: z.string() }).nullable(),
  preferredLanguage: language,
  insurance: z
    .object({ status: z.string(), insurer: z.string().optional(), validUntil: z.string().optional() })
    .nullable(),
  occupation: z.string().nullable(),
  workplace: z.string().nullable(),
  /** Only with a health grant; otherwise null and healthVisible false. */
  healthNotes: z.string().nullable(),
  healthVisible: z.boolean(),
  processingRestricted: z.boolean(),
  status: z.enum(['active', 'archived']),
  archivedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const representativeOutput = z.object({
  id: recordId,
  kind: z.enum(['parent', 'guardian', 'authorised_person']),
  firstName: z.string(),
  lastName: z.string(),
  identity: z.discriminatedUnion('kind', [
    nationalIdentity.omit({ warning: true }),
    z.object({
      kind: z.literal('document'),
      documentType: z.string(),
      documentNumber: z.string(),
      documentCountry: z.string(),
    }),
  ]),
  birthDate: z.string().nullable(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  basis: z.string(),
  authorityFrom: z.string(),
  authorityUntil: z.string(),
  endedAt: z.string().nullable(),
});

export const billPayerOutput = z.object({
  id: recordId,
  kind: z.enum(['employer', 'victim_support', 'health_insurance_fund', 'municipality', 'other']),
  name: z.string(),
  registryCode: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  reference: z.string().nullable(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  endedAt: z.string().nullable(),
});

export const registeredOutput = z.object({ patient: patientOutput, warning: z.string().nullable() });
export const updatedOutput = z.object({ patient: patientOutput, changed: z.array(z.string()) });

export const patientRecordOutput = z.object({
  patient: patientOutput,
  representatives: z.array(representativeOutput),
  billPayers: z.array(billPayerOutput),
  careTeam: z.array(z.object({ staffUserId: recordId, since: z.string() })),
  /** How the reader reached the record: their role and whether it was break-the-glass. */
  access: z.object({ role: z.string(), breakGlass: z.boolean() }),
});

export const searchOutput = z.object({
  items: z.array(
    z.object({
      id: recordId,
      firstName: z.string(),
      lastName: z.string(),
      birthDate: z.string(),
      /** Only the last four characters of an ID code are shown in a search. */
      idCodeMasked: z.string().nullable(),
      mobile: z.string().nullable(),
      email: z.string().nullable(),
      status: z.enum(['active', 'archived']),
    }),
  ),
  searchedBy: z.string(),
});

export const versionOutput = z.object({
  version: z.number().int(),
  changedAt: z.string(),
  changedBy: recordId.nullable(),
  fields: z.array(z.string()),
  /** The values before this change, by field. */
  previous: z.record(z.string(), z.unknown()),
  reason: z.string().nullable(),
});

export const accessEventOutput = z.object({
  staffName: z.string().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  purpose: z.string(),
  reason: z.string().nullable(),
  breakGlass: z.boolean(),
  outcome: z.string(),
  at: z.string(),
});
