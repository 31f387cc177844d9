import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { classify } from '../../platform/data-categories';
import { clinics } from '../clinics/clinics.schema';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A patient of one clinic. ID codes, document numbers, insurance details and health notes are
 * stored encrypted (`*_enc`, see platform/crypto); the ID code is found through a keyed hash.
 */
export const patients = pgTable(
  'patients',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    // Lower-case, diacritics folded: "Tõnis Õun" is found by "ton" and by "õun".
    firstNameNorm: text('first_name_norm').notNull(),
    lastNameNorm: text('last_name_norm').notNull(),
    idCountry: text('id_country', { enum: ['EE', 'LV'] }),
    idCodeEnc: text('id_code_enc'),
    idCodeHash: text('id_code_hash'),
    idWarning: text('id_warning'),
    documentType: text('document_type', { enum: ['passport', 'id_card', 'residence_permit', 'other'] }),
    documentNumberEnc: text('document_number_enc'),
    documentCountry: text('document_country'),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    sex: text('sex', { enum: ['male', 'female'] }),
    mobile: text('mobile'),
    email: text('email'),
    addressStreet: text('address_street'),
    addressCity: text('address_city'),
    addressPostalCode: text('address_postal_code'),
    addressCountry: text('address_country'),
    preferredLanguage: text('preferred_language', { enum: ['et', 'lv', 'en', 'ru'] }).notNull(),
    insuranceEnc: text('insurance_enc'),
    occupation: text('occupation'),
    workplace: text('workplace'),
    healthNotesEnc: text('health_notes_enc'),
    processingRestricted: boolean('processing_restricted').notNull().default(false),
    status: text('status', { enum: ['active', 'archived'] })
      .notNull()
      .default('active'),
    archivedAt: ts('archived_at'),
    archiveReason: text('archive_reason'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('patients_id_code_uq').on(t.clinicId, t.idCodeHash).where(sql`${t.idCodeHash} is not null`),
    index('patients_last_name_idx').on(t.clinicId, t.lastNameNorm.op('text_pattern_ops')),
    index('patients_first_name_idx').on(t.clinicId, t.firstNameNorm.op('text_pattern_ops')),
    index('patients_mobile_idx').on(t.clinicId, t.mobile),
    index('patients_email_idx').on(t.clinicId, t.email),
  ],
);

/** The kept history of changes: which fields changed, by whom, and their earlier values (encrypted). */
export const patientVersions = pgTable(
  'patient_versions',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    patientId: uuid('patient_id').notNull(),
    version: integer('version').notNull(),
    changedAt: ts('changed_at').notNull(),
    changedBy: uuid('changed_by'),
    changedFields: text('changed_fields').array().notNull(),
    previousEnc: text('previous_enc').notNull(),
    reason: text('reason'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('patient_versions_patient_idx').on(t.clinicId, t.patientId, t.version),
  ],
);

/** A parent of a minor, a guardian or an authorised person, with the basis and period of their authority. */
export const patientRepresentatives = pgTable(
  'patient_representatives',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    patientId: uuid('patient_id').notNull(),
    kind: text('kind', { enum: ['parent', 'guardian', 'authorised_person'] }).notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    idCountry: text('id_country', { enum: ['EE', 'LV'] }),
    idCodeEnc: text('id_code_enc'),
    idCodeHash: text('id_code_hash'),
    documentType: text('document_type'),
    documentNumberEnc: text('document_number_enc'),
    documentCountry: text('document_country'),
    birthDate: date('birth_date', { mode: 'string' }),
    mobile: text('mobile'),
    email: text('email'),
    basis: text('basis').notNull(),
    authorityFrom: date('authority_from', { mode: 'string' }).notNull(),
    authorityUntil: date('authority_until', { mode: 'string' }).notNull(),
    endedAt: ts('ended_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('patient_representatives_patient_idx').on(t.clinicId, t.patientId),
  ],
);

/** Who pays a patient's bills besides the patient: employer, victim support, the fund, a municipality. */
export const patientBillPayers = pgTable(
  'patient_bill_payers',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    patientId: uuid('patient_id').notNull(),
    kind: text('kind', {
      enum: ['employer', 'victim_support', 'health_insurance_fund', 'municipality', 'other'],
    }).notNull(),
    name: text('name').notNull(),
    registryCode: text('registry_code'),
    email: text('email'),
    phone: text('phone'),
    address: text('address'),
    reference: text('reference'),
    validFrom: date('valid_from', { mode: 'string' }),
    validUntil: date('valid_until', { mode: 'string' }),
    endedAt: ts('ended_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('patient_bill_payers_patient_idx').on(t.clinicId, t.patientId),
  ],
);

/** Which professional treats or is assigned to which patient: the doctor's need-to-know. */
export const careAssignments = pgTable(
  'care_assignments',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    patientId: uuid('patient_id').notNull(),
    staffUserId: uuid('staff_user_id').notNull(),
    since: ts('since').notNull(),
    until: ts('until'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.patientId, t.staffUserId] }),
    index('care_assignments_staff_idx').on(t.clinicId, t.staffUserId),
  ],
);

export const patientsColumns = classify(patients, {
  clinicId: null,
  id: null,
  firstName: 'name',
  lastName: 'name',
  firstNameNorm: 'name',
  lastNameNorm: 'name',
  idCountry: 'national_id',
  idCodeEnc: 'national_id',
  idCodeHash: 'national_id',
  idWarning: 'national_id',
  documentType: 'identity_document',
  documentNumberEnc: 'identity_document',
  documentCountry: 'identity_document',
  birthDate: 'demographic',
  sex: 'demographic',
  mobile: 'contact',
  email: 'contact',
  addressStreet: 'contact',
  addressCity: 'contact',
  addressPostalCode: 'contact',
  addressCountry: 'contact',
  preferredLanguage: 'demographic',
  insuranceEnc: 'health_insurance',
  occupation: 'employment',
  workplace: 'employment',
  healthNotesEnc: 'health',
  processingRestricted: 'consent',
  status: null,
  archivedAt: null,
  archiveReason: null,
  version: null,
  createdAt: null,
  updatedAt: null,
});
export const patientVersionsColumns = classify(patientVersions, {
  clinicId: null,
  id: null,
  patientId: null,
  version: null,
  changedAt: null,
  changedBy: 'access_log',
  changedFields: null,
  previousEnc: 'health',
  reason: null,
});
export const patientRepresentativesColumns = classify(patientRepresentatives, {
  clinicId: null,
  id: null,
  patientId: null,
  kind: 'representation',
  firstName: 'name',
  lastName: 'name',
  idCountry: 'national_id',
  idCodeEnc: 'national_id',
  idCodeHash: 'national_id',
  documentType: 'identity_document',
  documentNumberEnc: 'identity_document',
  documentCountry: 'identity_document',
  birthDate: 'demographic',
  mobile: 'contact',
  email: 'contact',
  basis: 'representation',
  authorityFrom: 'representation',
  authorityUntil: 'representation',
  endedAt: 'representation',
  createdAt: null,
});
export const patientBillPayersColumns = classify(patientBillPayers, {
  clinicId: null,
  id: null,
  patientId: null,
  kind: 'financial',
  name: 'financial',
  registryCode: 'financial',
  email: 'contact',
  phone: 'contact',
  address: 'contact',
  reference: 'financial',
  validFrom: 'financial',
  validUntil: 'financial',
  endedAt: null,
  createdAt: null,
});
export const careAssignmentsColumns = classify(careAssignments, {
  clinicId: null,
  patientId: null,
  staffUserId: null,
  since: 'health',
  until: 'health',
});
