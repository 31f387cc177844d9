import { bigserial, boolean, date, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { classify } from '../../platform/data-categories';
import { clinics } from '../clinics/clinics.schema';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const complaintChannels = ['portal', 'email', 'letter', 'desk'] as const;
export const feedbackChannels = ['email', 'letter', 'phone', 'none'] as const;
export const complaintStatuses = ['received', 'in_review', 'answered', 'archived'] as const;
export const complaintEventKinds = [
  'received',
  'assigned',
  'progress_notice',
  'extended',
  'answered',
  'archived',
] as const;

/** A written complaint or suggestion (seed 002): its required fields and its two clocks. */
export const complaints = pgTable(
  'complaints',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    /** The patient it is about, when known to the clinic. */
    patientId: uuid('patient_id'),
    kind: text('kind', { enum: ['complaint', 'suggestion'] }).notNull(),
    channel: text('channel', { enum: complaintChannels }).notNull(),
    complainantName: text('complainant_name').notNull(),
    /** Set when a representative writes for the person. */
    representativeName: text('representative_name'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    contactAddress: text('contact_address'),
    circumstances: text('circumstances').notNull(),
    claim: text('claim').notNull(),
    feedbackWanted: boolean('feedback_wanted').notNull(),
    feedbackChannel: text('feedback_channel', { enum: feedbackChannels }).notNull(),
    language: text('language', { enum: ['et', 'lv', 'en', 'ru'] }).notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    clockRule: text('clock_rule').notNull(),
    reviewBy: date('review_by', { mode: 'string' }).notNull(),
    resolveBy: date('resolve_by', { mode: 'string' }).notNull(),
    extendedResolveBy: date('extended_resolve_by', { mode: 'string' }),
    extensionReasons: text('extension_reasons'),
    status: text('status', { enum: complaintStatuses }).notNull(),
    assignedTo: uuid('assigned_to'),
    answer: text('answer'),
    answeredOn: date('answered_on', { mode: 'string' }),
    archivedOn: date('archived_on', { mode: 'string' }),
    createdAt: ts('created_at').notNull(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('complaints_status_idx').on(t.clinicId, t.status, t.reviewBy),
    index('complaints_patient_idx').on(t.clinicId, t.patientId),
  ],
);

export const complaintsColumns = classify(complaints, {
  clinicId: null,
  id: null,
  patientId: null,
  kind: 'communication',
  channel: 'communication',
  complainantName: 'name',
  representativeName: 'representation',
  contactEmail: 'contact',
  contactPhone: 'contact',
  contactAddress: 'contact',
  circumstances: 'health',
  claim: 'communication',
  feedbackWanted: 'communication',
  feedbackChannel: 'communication',
  language: 'demographic',
  receivedOn: 'communication',
  clockRule: null,
  reviewBy: 'communication',
  resolveBy: 'communication',
  extendedResolveBy: 'communication',
  extensionReasons: 'communication',
  status: 'communication',
  assignedTo: 'access_log',
  answer: 'communication',
  answeredOn: 'communication',
  archivedOn: 'communication',
  createdAt: 'communication',
  createdBy: 'access_log',
});

/** Every step of a complaint, in order. */
export const complaintEvents = pgTable(
  'complaint_events',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    complaintId: uuid('complaint_id').notNull(),
    kind: text('kind', { enum: complaintEventKinds }).notNull(),
    at: ts('at').notNull(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    actorId: uuid('actor_id'),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('complaint_events_complaint_idx').on(t.clinicId, t.complaintId, t.seq),
  ],
);

export const complaintEventsColumns = classify(complaintEvents, {
  clinicId: null,
  id: null,
  complaintId: null,
  kind: 'communication',
  at: 'communication',
  seq: null,
  actorId: 'access_log',
  note: 'communication',
});
