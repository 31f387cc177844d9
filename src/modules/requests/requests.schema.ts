import { bigserial, date, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { classify } from '../../platform/data-categories';
import { clinics } from '../clinics/clinics.schema';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The rights a person may exercise (GDPR Art. 15–18, 20, 21 and 7(3)). */
export const requestKinds = [
  'access',
  'rectification',
  'erasure',
  'restriction',
  'portability',
  'objection',
  'consent_withdrawal',
] as const;
export type RequestKind = (typeof requestKinds)[number];
/** How the request came in; the answer goes back the same way unless the person asked otherwise. */
export const requestChannels = ['portal', 'letter', 'email', 'desk'] as const;
export type RequestChannel = (typeof requestChannels)[number];
/** How the requester's identity was established, or that it could not be. */
export const identityChecks = ['id_document', 'digital_signature', 'portal_login', 'not_established'] as const;
export const requestStatuses = ['open', 'waiting_on_person', 'answered', 'refused', 'withdrawn'] as const;
export type RequestStatus = (typeof requestStatuses)[number];
/** The legal reasons a request may be refused for (Art. 12(2), 12(5), 17(3), 23; national law). */
export const refusalReasons = [
  'identity_not_established',
  'manifestly_unfounded',
  'excessive',
  'rights_of_others',
  'national_security',
  'crime_prevention',
  'legal_claims',
  'legal_retention_duty',
] as const;
export type RefusalReason = (typeof refusalReasons)[number];
export const requestEventKinds = [
  'received',
  'identity_verified',
  'waiting_on_person',
  'resumed',
  'extended',
  'note',
  'answered',
  'refused',
  'withdrawn',
  /** Erasure decided per data category: what was erased, what is kept (rule, until) or held. */
  'erasure_decided',
  /** A restriction of processing lifted (the person was told before, Art. 18(3)). */
  'restriction_lifted',
  /** A copy of the records sent encrypted (a PDF under a one-time password, or CMS to a certificate). */
  'copy_sent',
] as const;
export type RequestEventKind = (typeof requestEventKinds)[number];

/** A data-subject request: one case on its legal clock (src/rules/rights-deadlines.ts). */
export const rightsRequests = pgTable(
  'rights_requests',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    patientId: uuid('patient_id').notNull(),
    /** A parent, guardian or authorised person who asked for the patient. */
    representativeId: uuid('representative_id'),
    kind: text('kind', { enum: requestKinds }).notNull(),
    channel: text('channel', { enum: requestChannels }).notNull(),
    /** The channel the answer goes by (the request's own, unless the person asked otherwise). */
    answerChannel: text('answer_channel', { enum: requestChannels }).notNull(),
    language: text('language', { enum: ['et', 'lv', 'en', 'ru'] }).notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    identityCheck: text('identity_check', { enum: identityChecks }).notNull(),
    /** What was seen (document kind), or why the identity could not be established. */
    identityNote: text('identity_note'),
    /** The person's own words: what they ask for. */
    details: text('details'),
    /** Objection: the legitimate-interest purposes it names. */
    purposeKeys: text('purpose_keys').array(),
    /** The id of the clock rule in force on the day of receipt. */
    clockRule: text('clock_rule').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    extendedDueOn: date('extended_due_on', { mode: 'string' }),
    extensionReasons: text('extension_reasons'),
    extensionNoticeOn: date('extension_notice_on', { mode: 'string' }),
    status: text('status', { enum: requestStatuses }).notNull(),
    refusalReason: text('refusal_reason', { enum: refusalReasons }),
    /** The answer as told to the person (or the refusal's explanation). */
    answer: text('answer'),
    closedOn: date('closed_on', { mode: 'string' }),
    /** A restriction (Art. 18) stays in force after its answer until lifted, told to the person first (18(3)). */
    liftedOn: date('lifted_on', { mode: 'string' }),
    createdAt: ts('created_at').notNull(),
    /** The staff member who registered it; null when the person filed it in the portal. */
    createdBy: uuid('created_by'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('rights_requests_patient_idx').on(t.clinicId, t.patientId),
    index('rights_requests_due_idx').on(t.clinicId, t.status, t.dueOn),
  ],
);

export const rightsRequestsColumns = classify(rightsRequests, {
  clinicId: null,
  id: null,
  patientId: null,
  representativeId: 'representation',
  kind: 'communication',
  channel: 'communication',
  answerChannel: 'communication',
  language: 'demographic',
  receivedOn: 'communication',
  identityCheck: 'identity_document',
  identityNote: 'identity_document',
  details: 'communication',
  purposeKeys: 'consent',
  clockRule: null,
  dueOn: 'communication',
  extendedDueOn: 'communication',
  extensionReasons: 'communication',
  extensionNoticeOn: 'communication',
  status: 'communication',
  refusalReason: 'communication',
  answer: 'communication',
  closedOn: 'communication',
  liftedOn: 'consent',
  createdAt: 'communication',
  createdBy: 'access_log',
});

/** Every step of a request, in order: its timeline. Append-only. */
export const rightsRequestEvents = pgTable(
  'rights_request_events',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    requestId: uuid('request_id').notNull(),
    kind: text('kind', { enum: requestEventKinds }).notNull(),
    at: ts('at').notNull(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    /** Staff member who acted; null for the person (or their representative) in the portal. */
    actorId: uuid('actor_id'),
    /** The role acted under: a staff role, `patient` or `representative`. */
    actorRole: text('actor_role').notNull(),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('rights_request_events_request_idx').on(t.clinicId, t.requestId, t.seq),
  ],
);

export const rightsRequestEventsColumns = classify(rightsRequestEvents, {
  clinicId: null,
  id: null,
  requestId: null,
  kind: 'communication',
  at: 'communication',
  seq: null,
  actorId: 'access_log',
  actorRole: 'access_log',
  note: 'communication',
  data: 'communication',
});
