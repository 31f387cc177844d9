import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { classify } from '../../platform/data-categories';
import { clinics } from '../clinics/clinics.schema';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const messageChannels = ['sms', 'email'] as const;
export type MessageChannel = (typeof messageChannels)[number];
export const sendStatuses = ['queued', 'sent', 'skipped'] as const;

/**
 * How long after a visit of a service a patient is due for the next check-up. No row: the
 * clinic's default (six months); 0 months: the service needs no recall. Clinic settings, no person.
 */
export const recallIntervals = pgTable(
  'recall_intervals',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    serviceId: uuid('service_id').notNull(),
    months: integer('months').notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.serviceId] })],
);

export const recallIntervalsColumns = classify(recallIntervals, {
  clinicId: null,
  serviceId: null,
  months: null,
  updatedBy: 'access_log',
  updatedAt: null,
});

/**
 * An invitation to a check-up, asked for at the desk and sent by the outbox after the register's
 * purpose and the patient's choice in the ledger were asked again at the moment of sending.
 */
export const recallInvitations = pgTable(
  'recall_invitations',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    patientId: uuid('patient_id').notNull(),
    serviceId: uuid('service_id').notNull(),
    /** The visit the recall counts from. */
    lastVisitAt: ts('last_visit_at').notNull(),
    channel: text('channel', { enum: messageChannels }).notNull(),
    status: text('status', { enum: sendStatuses }).notNull(),
    /** Why it was not sent (objection, no contact, restriction). */
    reason: text('reason'),
    /** The ledger event the sending rested on (a consent); null on legitimate interest without one. */
    consentEventId: uuid('consent_event_id'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
    sentAt: ts('sent_at'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('recall_invitations_patient_idx').on(t.clinicId, t.patientId, t.createdAt),
  ],
);

export const recallInvitationsColumns = classify(recallInvitations, {
  clinicId: null,
  id: null,
  patientId: null,
  serviceId: 'health',
  lastVisitAt: 'health',
  channel: 'communication',
  status: 'communication',
  reason: 'communication',
  consentEventId: 'consent',
  createdBy: 'access_log',
  createdAt: 'communication',
  sentAt: 'communication',
});

/** A newsletter or offer sent to everyone whose consent to the purpose is in the ledger when it goes. */
export const campaigns = pgTable(
  'campaigns',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    id: uuid('id').notNull(),
    /** The register purpose it is sent under (newsletter). */
    purposeKey: text('purpose_key').notNull(),
    channel: text('channel', { enum: messageChannels }).notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.clinicId, t.id] }), index('campaigns_created_idx').on(t.clinicId, t.createdAt)],
);

export const campaignsColumns = classify(campaigns, {
  clinicId: null,
  id: null,
  purposeKey: null,
  channel: null,
  subject: null,
  body: null,
  createdBy: 'access_log',
  createdAt: null,
});

/** Who got a campaign (or was skipped, and why), and the consent event the message rested on. */
export const campaignMessages = pgTable(
  'campaign_messages',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    campaignId: uuid('campaign_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    status: text('status', { enum: sendStatuses }).notNull(),
    reason: text('reason'),
    consentEventId: uuid('consent_event_id'),
    at: ts('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.campaignId, t.patientId] }),
    index('campaign_messages_patient_idx').on(t.clinicId, t.patientId),
  ],
);

export const campaignMessagesColumns = classify(campaignMessages, {
  clinicId: null,
  campaignId: null,
  patientId: null,
  status: 'communication',
  reason: 'communication',
  consentEventId: 'consent',
  at: 'communication',
});
