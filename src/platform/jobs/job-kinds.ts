/**
 * Every kind of outbox job, in one place. `enqueue` takes only these, and a module's job handlers
 * are keyed by them, so a typo is a type error rather than a job that no worker ever claims.
 * An interface (not a union) so that a test may add its own kind by declaration merging.
 */
export interface JobKinds {
  /** Messaging: the visit notice e-mail after a booking or a move. */
  visit_notice: true;
  /** Messaging: the reminder N days before the visit (SMS or e-mail, within sending hours). */
  reminder: true;
  /** Messaging: the patient is told that the visit was cancelled. */
  visit_cancelled: true;
  /** Messaging: the patient is told that the clinic moved the visit (old and new time). */
  visit_moved: true;
  /** Register: a new privacy-notice version was published; fans out into one letter per patient. */
  'privacy_notice.changed': true;
  /** Register: the letter to one patient telling of the changed privacy notice. */
  'privacy_notice.letter': true;
  /** Retention: the daily run per clinic (accounting documents, access logs). */
  'retention.daily': true;
  /** Breaches: the letter to one person affected by a breach (GDPR Art. 34), in their language. */
  'breach.letter': true;
  /** Access review: the weekly digest of unreviewed findings to the clinic's DPO. */
  'access_review.digest': true;
  /** Rights: the person is told of an extension or the answer to their request, in their language. */
  'rights.answer': true;
  /** Rights: an encrypted copy of the records e-mailed to the patient or the person they named. */
  'rights.copy': true;
  /** Booking: the person is told that their booking request was declined or lapsed, in their language. */
  'booking_request.ended': true;
  /** Booking: the nightly run per clinic that closes the booking requests nobody answered in time. */
  'booking_request.expire': true;
  /** Rights: the one-time password of that copy, by SMS to the patient. */
  'rights.copy_password': true;
  /** Recall: one check-up invitation, sent only if the register and the ledger still allow it. */
  'recall.invitation': true;
  /** Newsletters: a campaign fans out into one message per person whose consent is in force. */
  'campaign.fanout': true;
  /** Newsletters: the message to one person, decided by the ledger when it goes. */
  'campaign.message': true;
}
export type JobKind = keyof JobKinds;
