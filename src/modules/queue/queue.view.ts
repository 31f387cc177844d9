import type { FieldCipher } from '../../platform/crypto';
import type { QueueEntryRow } from './queue.repository';
import type { queueEntryChanges } from './queue.schema';

export interface PatientBrief {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  idCodeEnc: string | null;
}

/**
 * A queue entry as staff see it. The indication and complaint are health data: shown to those who
 * keep the queue (reception, administrators) and to the treating doctor, not to anyone else.
 */
export function entryView(
  cipher: FieldCipher,
  e: QueueEntryRow,
  patient: PatientBrief | undefined,
  showHealth: boolean,
) {
  return {
    id: e.id,
    status: e.status,
    emergency: e.emergency,
    channel: e.channel,
    registeredAt: e.registeredAt.toISOString(),
    startsAt: e.startsAt?.toISOString() ?? null,
    endsAt: e.endsAt?.toISOString() ?? null,
    serviceId: e.serviceId,
    professionalId: e.professionalId,
    locationId: e.locationId,
    roomId: e.roomId,
    patient: patient
      ? {
          id: patient.id,
          firstName: patient.firstName,
          lastName: patient.lastName,
          birthDate: patient.birthDate,
          idCode: patient.idCodeEnc ? cipher.decrypt(patient.idCodeEnc) : null,
        }
      : { id: e.patientId },
    contactMobile: e.contactMobile,
    contactEmail: e.contactEmail,
    language: e.language,
    reminderChannel: e.reminderChannel,
    referral: e.referralProfessional
      ? { professional: e.referralProfessional, institution: e.referralInstitution }
      : null,
    indication: showHealth && e.indicationEnc ? cipher.decrypt(e.indicationEnc) : null,
    complaint: showHealth && e.complaintEnc ? cipher.decrypt(e.complaintEnc) : null,
    bookingRequestId: e.bookingRequestId,
    version: e.version,
  };
}

export function changeView(c: typeof queueEntryChanges.$inferSelect) {
  return {
    at: c.at.toISOString(),
    action: c.action,
    fromStatus: c.fromStatus,
    toStatus: c.toStatus,
    previousStartsAt: c.previousStartsAt?.toISOString() ?? null,
    newStartsAt: c.newStartsAt?.toISOString() ?? null,
    previousProfessionalId: c.previousProfessionalId,
    newProfessionalId: c.newProfessionalId,
    reason: c.reason,
    patientInformed: c.patientInformed,
    informedHow: c.informedHow,
    byUserId: c.byUserId,
    byChannel: c.byChannel,
  };
}
