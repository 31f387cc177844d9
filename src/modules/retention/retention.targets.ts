import type { DataCategory } from '../../platform/data-categories';

/**
 * Every table that holds personal data has one retention path, declared here (a test compares
 * this with the classified schema and fails on a table without one):
 * - a target the engine runs: it finds what a register rule has let expire and removes it, with
 *   the tables that go with it;
 * - or a table kept on purpose, with the reason (the clinic's own staff and controller records,
 *   which are not patients' data and leave with the person's employment, not by a clock).
 */
export const targetKeys = [
  'accounting',
  'patient_record',
  'booking_requests',
  'portal_access',
  'staff_sessions',
  'outbox',
  'recordings',
  'access_log',
] as const;
export type TargetKey = (typeof targetKeys)[number];

/** What a period counts from, in the register's words (register.model.ts retentionStarts). */
type Anchor = 'service_date' | 'birth_date' | 'end_of_financial_year' | 'document_date' | 'recording' | 'event';

export interface RetentionTarget {
  key: TargetKey;
  /** Plain words for the plan and the report. */
  label: string;
  /** The catalogue categories whose register rules govern it. */
  catalogue: DataCategory[];
  /** The anchors the engine can count from for this target (rules with another `from` do not apply). */
  anchors: Anchor[];
  /** Every table whose rows this target removes. */
  tables: string[];
}

export const retentionTargets: readonly RetentionTarget[] = [
  {
    key: 'accounting',
    label: 'invoices and accounting source documents',
    catalogue: ['financial'],
    anchors: ['end_of_financial_year', 'document_date'],
    tables: [
      'invoices',
      'invoice_lines',
      'invoice_shares',
      'payments',
      'debt_notices',
      'debt_handovers',
      'instalment_requests',
    ],
  },
  {
    key: 'patient_record',
    label: 'patient record (health data, identity, contacts, visits, consents)',
    catalogue: ['health'],
    anchors: ['service_date', 'birth_date'],
    tables: [
      'patients',
      'patient_versions',
      'patient_representatives',
      'patient_bill_payers',
      'care_assignments',
      'rendered_services',
      'patient_benefit_groups',
      'benefit_used_elsewhere',
      'queue_entries',
      'queue_entry_changes',
      'consent_events',
      'retention_holds',
      // Go with the patient (and the consent event they name) by the keys' ON DELETE CASCADE.
      'recall_invitations',
      'campaign_messages',
    ],
  },
  {
    key: 'booking_requests',
    label: 'booking requests once answered',
    catalogue: ['communication'],
    anchors: ['event'],
    tables: ['booking_requests'],
  },
  {
    key: 'portal_access',
    label: 'patient portal sign-in links and sessions once ended',
    catalogue: ['online_identifier'],
    anchors: ['event'],
    tables: ['portal_login_links', 'portal_sessions'],
  },
  {
    key: 'staff_sessions',
    label: 'staff sessions and login attempts once ended',
    catalogue: ['online_identifier'],
    anchors: ['event'],
    tables: ['sessions', 'login_attempts'],
  },
  {
    key: 'outbox',
    label: 'sent and finished messages of the outbox',
    catalogue: ['communication'],
    anchors: ['event'],
    tables: ['outbox_jobs'],
  },
  {
    key: 'recordings',
    label: 'camera and sound recordings (files deleted oldest first)',
    catalogue: ['recording'],
    anchors: ['recording'],
    tables: ['recordings'],
  },
  {
    key: 'access_log',
    label: 'access logs (the audit chain, archived behind an anchor)',
    catalogue: ['access_log'],
    anchors: ['recording'],
    tables: ['audit_events'],
  },
];

/** Tables kept on purpose, not by a clock: why each holds personal data and how it ends. */
export const keptTables: Readonly<Record<string, string>> = {
  clinics: "the controller's published data-protection contact, not a data subject's data",
  processing_registers: "the register names the controller's contacts; kept as the Art. 30 record",
  notice_versions: 'published privacy notices, kept as evidence of what patients were told (append-only)',
  price_list_items: 'only the staff member who entered a price (kept with the price list)',
  cameras: 'where the cameras are: no personal data (kept as the signposting record)',
  breaches: 'the breach register: kept as the documentation GDPR Art. 33(5) requires',
  breach_affected: 'who a breach affected: kept with the breach register (Art. 33(5))',
  access_review_marks: "the DPO's conclusions on access findings: kept as accountability records",
  staff_users: 'staff accounts: disabled when employment ends; kept as long as access logs name them',
  professionals: 'work details of the clinic professionals, removed by the administrator when they leave',
  work_schedules: 'working hours of professionals, removed with the professional',
  schedule_exceptions: 'absences of professionals, removed with the professional',
  // Not yet targets of their own (next: the register's rule for requests and complaints, Art. 5(2)):
  rights_requests: 'data-subject requests and their answers: proof of compliance (Art. 5(2)); no rule of their own yet',
  rights_request_events: 'the timeline of a data-subject request, kept with the request',
  complaints: 'complaints and their answers are archived (seed 002); no rule of their own yet',
  complaint_events: 'the timeline of a complaint, kept with the complaint',
  disclosures: 'the disclosures log: kept while the disclosed data may be asked about (Art. 15(1)(c))',
  // Not yet a target of its own (next: a rule from the register's cookie consent purpose):
  visitor_consent_events:
    "website visitors' cookie choices by a pseudonymous id: proof of consent (Art. 7(1)); no rule of its own yet",
  recall_intervals: 'check-up intervals per service: clinic settings (only the administrator who set one)',
  campaigns: 'the newsletters a clinic sent: the text and the administrator who sent it (who got it is per patient)',
  login_throttle:
    'sign-in throttle counters (hashed keys), one row per account and address, overwritten as windows pass',
};
