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

// What a visit is charged and what the Fund pays towards it: the price list, the services recorded
// at a visit, and the evidence of a patient's benefit group. Invoices and money: billing.schema.ts.
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });
const clinicId = () =>
  uuid('clinic_id')
    .notNull()
    .references(() => clinics.id);

export const priceItemKinds = ['service', 'visit_fee', 'prosthesis'] as const;
export const evidencedGroups = [
  'pregnant',
  'mother-of-infant',
  'pensioner',
  'reduced-work-ability',
  'unemployed',
  'child-extension',
] as const;
/**
 * The clinic's price list. A price never changes in place: a new row with a later valid_from
 * replaces it, so an old invoice can always be explained. `benefit_eligible` marks the Fund's
 * list of essential services.
 */
export const priceListItems = pgTable(
  'price_list_items',
  {
    clinicId: clinicId(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    kind: text('kind', { enum: priceItemKinds }).notNull().default('service'),
    nameEt: text('name_et').notNull(),
    nameLv: text('name_lv').notNull(),
    nameEn: text('name_en').notNull(),
    nameRu: text('name_ru').notNull(),
    priceCents: integer('price_cents').notNull(),
    benefitEligible: boolean('benefit_eligible').notNull(),
    validFrom: day('valid_from').notNull(),
    validTo: day('valid_to'),
    createdAt: ts('created_at').notNull(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('price_list_items_code_from_uq').on(t.clinicId, t.code, t.validFrom),
  ],
);

/** Evidence that a patient belongs to a group with a higher benefit (age-based groups are derived instead). */
export const patientBenefitGroups = pgTable(
  'patient_benefit_groups',
  {
    clinicId: clinicId(),
    id: uuid('id').notNull(),
    patientId: uuid('patient_id').notNull(),
    benefitGroup: text('benefit_group', { enum: evidencedGroups }).notNull(),
    evidence: text('evidence').notNull(),
    validFrom: day('valid_from').notNull(),
    validTo: day('valid_to'),
    recordedAt: ts('recorded_at').notNull(),
    recordedBy: uuid('recorded_by'),
    endedAt: ts('ended_at'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('patient_benefit_groups_patient_idx').on(t.clinicId, t.patientId),
  ],
);

/**
 * Benefit used at other clinics in a calendar year, as confirmed by the patient or read from the
 * state portal. The latest confirmation of a year replaces earlier ones (it is a running total).
 */
export const benefitUsedElsewhere = pgTable(
  'benefit_used_elsewhere',
  {
    clinicId: clinicId(),
    id: uuid('id').notNull(),
    patientId: uuid('patient_id').notNull(),
    year: integer('year').notNull(),
    amountCents: integer('amount_cents').notNull(),
    source: text('source', { enum: ['patient', 'state_portal'] }).notNull(),
    confirmedOn: day('confirmed_on').notNull(),
    recordedAt: ts('recorded_at').notNull(),
    recordedBy: uuid('recorded_by'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('benefit_used_elsewhere_patient_idx').on(t.clinicId, t.patientId, t.year),
  ],
);

/** Services a doctor recorded at a visit; `visit_id` groups them (it may be the queue entry's id). */
export const renderedServices = pgTable(
  'rendered_services',
  {
    clinicId: clinicId(),
    id: uuid('id').notNull(),
    visitId: uuid('visit_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    visitDate: day('visit_date').notNull(),
    doctorId: uuid('doctor_id'),
    priceItemId: uuid('price_item_id').notNull(),
    quantity: integer('quantity').notNull(),
    recordedAt: ts('recorded_at').notNull(),
    recordedBy: uuid('recorded_by'),
    invoiceId: uuid('invoice_id'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('rendered_services_visit_idx').on(t.clinicId, t.visitId),
    index('rendered_services_patient_idx').on(t.clinicId, t.patientId),
  ],
);

export const priceListItemsColumns = classify(priceListItems, {
  clinicId: null,
  id: null,
  code: null,
  kind: null,
  nameEt: null,
  nameLv: null,
  nameEn: null,
  nameRu: null,
  priceCents: null,
  benefitEligible: null,
  validFrom: null,
  validTo: null,
  createdAt: null,
  createdBy: 'access_log',
});
// Pregnancy and work ability are health data; the group and its evidence are classified as such.
export const patientBenefitGroupsColumns = classify(patientBenefitGroups, {
  clinicId: null,
  id: null,
  patientId: null,
  benefitGroup: 'health',
  evidence: 'health',
  validFrom: 'health',
  validTo: 'health',
  recordedAt: null,
  recordedBy: 'access_log',
  endedAt: null,
});
export const benefitUsedElsewhereColumns = classify(benefitUsedElsewhere, {
  clinicId: null,
  id: null,
  patientId: null,
  year: 'health_insurance',
  amountCents: 'health_insurance',
  source: 'health_insurance',
  confirmedOn: 'health_insurance',
  recordedAt: null,
  recordedBy: 'access_log',
});
// What was done at a visit tells about the patient's health.
export const renderedServicesColumns = classify(renderedServices, {
  clinicId: null,
  id: null,
  visitId: null,
  patientId: null,
  visitDate: 'health',
  doctorId: 'health',
  priceItemId: 'health',
  quantity: 'health',
  recordedAt: null,
  recordedBy: 'access_log',
  invoiceId: null,
});
