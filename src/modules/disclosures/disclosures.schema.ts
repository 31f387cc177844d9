import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { classify } from '../../platform/data-categories';
import { clinics } from '../clinics/clinics.schema';

/** Who receives personal data from the clinic. */
export const recipientKinds = [
  'laboratory',
  'insurer',
  'health_insurance_fund',
  'ehealth_system',
  'bank',
  'credit_provider',
  'debt_collector',
  'court',
  'police',
  'authority',
  'other_provider',
  /** Someone the patient named (by name, ID code and e-mail) to receive a copy of their records. */
  'named_person',
] as const;
export type RecipientKind = (typeof recipientKinds)[number];
/** Recipients who ask under their own legal power: their request is registered with its basis and reference. */
export const authorityKinds: readonly RecipientKind[] = ['court', 'police', 'authority'];

/**
 * The disclosures log: every transfer of a person's data to a recipient, with its legal basis and
 * the categories sent, recorded by the service that makes it in the same transaction. Append-only.
 * Shown to the person (portal, access answers).
 */
export const disclosures = pgTable(
  'disclosures',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    patientId: uuid('patient_id').notNull(),
    recipientKind: text('recipient_kind', { enum: recipientKinds }).notNull(),
    recipientName: text('recipient_name').notNull(),
    recipientRegistryCode: text('recipient_registry_code'),
    legalBasis: text('legal_basis').notNull(),
    /** Data categories sent (the platform catalogue's keys). */
    categories: text('categories').array().notNull(),
    /** The fields sent, in more detail where the sender knows them. */
    fields: text('fields').array(),
    /** An authority's request: its reference number and date. */
    requestReference: text('request_reference'),
    /** What made the disclosure: debt_handover, instalment_request, authority_request, recorded. */
    sourceType: text('source_type').notNull(),
    sourceId: uuid('source_id'),
    disclosedAt: timestamp('disclosed_at', { withTimezone: true, mode: 'date' }).notNull(),
    recordedBy: uuid('recorded_by'),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('disclosures_patient_idx').on(t.clinicId, t.patientId, t.disclosedAt),
  ],
);

export const disclosuresColumns = classify(disclosures, {
  clinicId: null,
  id: null,
  patientId: null,
  recipientKind: 'communication',
  recipientName: 'communication',
  recipientRegistryCode: null,
  legalBasis: 'communication',
  categories: 'communication',
  fields: 'communication',
  requestReference: 'communication',
  sourceType: null,
  sourceId: null,
  disclosedAt: 'communication',
  recordedBy: 'access_log',
  note: 'communication',
});
