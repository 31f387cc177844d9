/**
 * The words of the audit log. An action is `<what>.<verb>`; the patient sees them in "who looked
 * at my data", so a stored word is never renamed (old events keep theirs).
 */
export const auditActions = [
  // Staff accounts and sign-in.
  'auth.login',
  'staff.create',
  'staff.disable',
  'staff.enable',
  'staff.update',
  'staff.password_change',
  'staff.password_reset',
  'staff.password_reset_link',
  'staff.password_reset_used',
  'staff.link_professional',
  /** A clinic created by the deployment's operator (CLI or operator API), with its first administrator. */
  'clinic.create',
  'clinic.update',
  'clinic_group.create',
  // Patients and the people around them.
  'patient.create',
  /** A search that found no one (a hit is recorded per patient as patient.search_result). */
  'patient.search',
  'patient.search_result',
  'patient.read',
  'patient.update',
  'patient.archive',
  /** The kept earlier versions of the patient's data. */
  'patient.history',
  /** Who looked at the patient's data (the audit log itself, read by staff). */
  'patient.access_history',
  'representative.create',
  'representative.end',
  'bill_payer.create',
  'bill_payer.end',
  /** A professional put on the care team: what gives a doctor need-to-know. */
  'care.assign',
  // The treatment queue, its resources and bookings.
  'queue.list',
  'queue.demo_seed',
  'queue_entry.create',
  'queue_entry.read',
  'queue_entry.update',
  'queue_entry.book',
  'queue_entry.move',
  'queue_entry.cancel',
  'queue_entry.remove',
  'queue_entry.no_show',
  'queue_entry.arrived',
  'queue_entry.done',
  /** Help given outside the queue. */
  'queue_entry.emergency',
  'location.create',
  'room.create',
  'professional.create',
  'professional.update',
  'visit_service.create',
  'visit_service.update',
  'schedule.create',
  'schedule.delete',
  'schedule_exception.create',
  'queue_settings.update',
  'booking_request.create',
  'booking_request.list',
  'booking_request.confirm',
  'booking_request.decline',
  /** Nobody answered in time: the request lapsed (the nightly run) and the person is told. */
  'booking_request.expire',
  /** The person was told by e-mail or SMS that their request was declined or lapsed. */
  'booking_request.send',
  // Messages to patients: each reads their data at the moment of sending.
  'visit_notice.send',
  'visit_notice.print',
  'visit_cancelled.send',
  'visit_moved.send',
  'visit_notice.resend',
  'reminder.send',
  // Consents and the processing register.
  'consent.given',
  'consent.withdrawn',
  'consent.objected',
  'consent.objection_withdrawn',
  'consent.history',
  'consent.view',
  'register.import',
  'register.update',
  'register.publish',
  /** A new privacy notice version announced to patients (one job per publication). */
  'privacy_notice.announce',
  'privacy_notice.letter',
  // The patient portal: the person's own acts.
  'portal.link_sent',
  'portal.login',
  'portal.acting_for',
  'portal.details.view',
  'portal.access_history.view',
  'portal.consents.view',
  'portal.visits.view',
  'portal.requests.view',
  'portal.disclosures.view',
  'portal.export',
  // Billing.
  'price_list.add',
  /** Evidence of a benefit group (pensioner, pregnancy, …) recorded for a patient. */
  'billing.group_add',
  /** Benefit the patient used at another clinic this year. */
  'billing.used_elsewhere',
  'billing.services_record',
  'billing.pending_visits',
  'billing.benefit_status',
  'billing.benefit_report',
  'billing.accounting_export',
  /** Recorded only when refused: the draft behind a preview or an invoice. */
  'billing.invoice_draft',
  'billing.invoice_preview',
  'billing.invoice_issue',
  'billing.invoice_read',
  'billing.invoice_list',
  'billing.invoice_pdf',
  'billing.invoice_email',
  'billing.credit_note',
  'billing.payment',
  'billing.debt_list',
  'billing.debt_notice',
  'billing.debt_handover',
  'billing.instalment_request',
  'billing.instalment_disclose',
  /** Personal data handed to a third party (collector, credit provider), with recipient and fields. */
  'disclosure',
  // Data-subject rights: requests on their clock, and the disclosures log.
  'rights_request.create',
  'rights_request.read',
  'rights_request.list',
  'rights_request.update',
  'rights_request.extend',
  'rights_request.answer',
  'rights_request.refuse',
  /** The access/portability copy (FHIR, CSV, PDF) generated for a request. */
  'rights_request.export',
  /** The answer (or the extension notice) sent to the person. */
  'rights_request.send',
  /** An encrypted copy of the records e-mailed (to the patient or a person they named). */
  'rights_request.copy',
  'complaint.create',
  'complaint.read',
  'complaint.update',
  'complaint.answer',
  'complaint.archive',
  /** The disclosures log read by staff (a recorded disclosure itself is `disclosure`). */
  'disclosure.list',
  // Retention and the demo.
  'retention.delete',
  /** A retention run began or ended (counts by rule, no personal data); the plan was read. */
  'retention.run',
  /** Records anonymised under a retention rule (counts, no personal data). */
  'retention.anonymise',
  'retention.plan',
  /** A legal hold placed or released. */
  'retention.hold',
  'retention.hold_release',
  /** Data of one patient erased on request (the rights helper's erasure), or its plan read. */
  'retention.erase',
  'retention.erasure_plan',
  /** What of one patient's data goes when, and why it is kept (the patient page). */
  'retention.patient_view',
  /** Cameras and recordings: listed, opened (an access, with the reason). A hand-over is a 'disclosure'. */
  'recording.camera_add',
  'recording.add',
  'recording.view',
  /** The breach register (GDPR Art. 33/34). */
  'breach.report',
  'breach.affected',
  'breach.notify',
  'breach.inform_decision',
  /** The people affected were told (letters queued), and one letter sent to one person. */
  'breach.inform_people',
  'breach.letter',
  /** The DPO's access review read, and a finding marked reviewed. */
  'access_review.read',
  'access_review.mark',
  /** The weekly digest of findings sent to the DPO (counts only). */
  'access_review.digest',
  /** The start of the audit chain removed after its retention period, leaving an anchor. */
  'retention.audit_archive',
  'demo.generate_patients',
  /** Recall: the list of patients due for a check-up, an invitation asked for and sent, the intervals set. */
  'recall.list',
  'recall.invite',
  'recall.send',
  'recall.settings',
  /** Newsletters: a campaign sent, one message to one person, and who got it read. */
  'campaign.create',
  'campaign.send',
  'campaign.read',
] as const;
export type AuditAction = (typeof auditActions)[number];

/**
 * Purposes that are keys of the processing register's purposes: an event with one of them is
 * processing the register describes under that key (presets/demo.yaml names each; a test checks).
 */
export const registerPurposeKeys = [
  'care',
  'booking',
  'billing',
  'debt_collection',
  'security',
  'reminders',
  'newsletter',
] as const;

/**
 * Purposes recorded in the audit log that are not purpose keys of the register: the platform's own
 * duties towards the people and the clinic, which no clinic's register lists under these words.
 */
export const platformPurposes = [
  /** Showing people their own data and who looked at it (GDPR Art. 15), and sending them notices. */
  'transparency',
  /** Recording and reading consents and objections. */
  'consent_management',
  /** Keeping the processing register and its published notices. */
  'data_protection',
  /** The clinic's own setup: its details, rooms, professionals, services, schedules. */
  'administration',
  'staff_administration',
  'retention',
  /** Invented data of the demo clinic. */
  'demonstration',
  /** Handling the person's requests under GDPR Art. 12–22 (access, erasure, restriction …). */
  'data_subject_rights',
  /** Complaints and suggestions: intake, handling, answer and archive. */
  'complaints',
  /** The register's key is `instalments`; the stored word stays so that earlier events keep their meaning. */
  'instalment_financing',
] as const;

type RegisterPurposeKey = (typeof registerPurposeKeys)[number];
type PlatformPurpose = (typeof platformPurposes)[number];
/** Why data was touched: a register purpose key or one of the platform's own purposes. */
export type AuditPurpose = RegisterPurposeKey | PlatformPurpose;
