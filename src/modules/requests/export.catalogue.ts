/**
 * Which tables hold a person's data and how the access/portability export reaches their rows.
 * A test (export.catalogue.test.ts) loads every schema file: a table with personal columns must be
 * here or in `notAboutThePatient` with the reason, so a new table cannot be forgotten by the export.
 */
export type Reach =
  /** Rows whose column holds the patient's id. */
  | { column: string }
  /** Rows of a child table whose `column` points at a row (`id`) of `parent`, itself reached by patient_id. */
  | { column: string; parent: string; parentColumn: string };

export const exportTables: Record<string, Reach> = {
  patients: { column: 'id' },
  patient_versions: { column: 'patient_id' },
  patient_representatives: { column: 'patient_id' },
  patient_bill_payers: { column: 'patient_id' },
  care_assignments: { column: 'patient_id' },
  consent_events: { column: 'patient_id' },
  queue_entries: { column: 'patient_id' },
  queue_entry_changes: { column: 'entry_id', parent: 'queue_entries', parentColumn: 'patient_id' },
  booking_requests: { column: 'patient_id' },
  rendered_services: { column: 'patient_id' },
  patient_benefit_groups: { column: 'patient_id' },
  benefit_used_elsewhere: { column: 'patient_id' },
  invoices: { column: 'patient_id' },
  invoice_lines: { column: 'invoice_id', parent: 'invoices', parentColumn: 'patient_id' },
  invoice_shares: { column: 'invoice_id', parent: 'invoices', parentColumn: 'patient_id' },
  payments: { column: 'invoice_id', parent: 'invoices', parentColumn: 'patient_id' },
  debt_notices: { column: 'patient_id' },
  debt_handovers: { column: 'patient_id' },
  instalment_requests: { column: 'patient_id' },
  disclosures: { column: 'patient_id' },
  rights_requests: { column: 'patient_id' },
  rights_request_events: { column: 'request_id', parent: 'rights_requests', parentColumn: 'patient_id' },
  portal_sessions: { column: 'patient_id' },
  portal_login_links: { column: 'patient_id' },
  outbox_jobs: { column: 'patient_id' },
  complaints: { column: 'patient_id' },
  complaint_events: { column: 'complaint_id', parent: 'complaints', parentColumn: 'patient_id' },
  audit_events: { column: 'patient_ref' },
  // A breach that affected the person, and a legal hold on their data: both are theirs to know.
  breach_affected: { column: 'patient_id' },
  retention_holds: { column: 'patient_id' },
  // Check-up invitations and newsletters the person was sent (or skipped for), with the consent they rested on.
  recall_invitations: { column: 'patient_id' },
  campaign_messages: { column: 'patient_id' },
};

/** Tables with personal columns that are not about patients, and why they are not exported. */
export const notAboutThePatient: Record<string, string> = {
  staff_users: "staff accounts: the staff member's data, not the patient's",
  sessions: 'staff sign-in sessions',
  login_attempts: 'staff sign-in attempts',
  professionals: "the clinic's professionals (staff data)",
  clinics: 'the controller itself',
  clinic_groups: 'the controller group',
  processing_registers: "the clinic's processing register (its contents are the Art. 15 answer itself)",
  notice_versions: "the clinic's published privacy notices",
  audit_chain_heads: 'anchors of the audit chain: hashes, no person',
  price_list_items: 'the price list (only the staff member who changed it)',
  schedule_exceptions: "professionals' absences (staff data)",
  work_schedules: "professionals' working hours (staff data)",
  login_throttle: 'sign-in throttle counters of staff accounts (hashed keys)',
  breaches: 'the breach itself; the person gets the breaches that affected them (breach_affected)',
  access_review_marks: "the DPO's conclusions on staff access findings (about staff)",
  visitor_consent_events:
    "website visitors' cookie choices, known only by a pseudonymous browser id that no patient record links to",
  recall_intervals: 'check-up intervals per service (clinic settings)',
  campaigns: "the clinic's newsletters; the person gets the messages sent to them (campaign_messages)",
  recordings:
    'camera recording files are not linked to a patient record: a request for one is answered by time and place',
};

/** Columns never put in an export: secrets and search hashes, not data about the person. */
export const secretColumn = (name: string) =>
  name.endsWith('_hash') || name === 'csrf_token' || name === 'hash' || name === 'prev_hash';
