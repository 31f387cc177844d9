import { z } from 'zod';
import { instant, recordId } from '../../platform/http/contract';
import { queueChannels, queueStatuses } from './queue.schema';

/** What the queue's routes answer: the fields staff screens read, never ciphertext or internal keys. */
const language = z.enum(['et', 'lv', 'en', 'ru']);
const reminderChannel = z.enum(['sms', 'email', 'none']);
const localized = z.object({
  et: z.string().optional(),
  lv: z.string().optional(),
  en: z.string().optional(),
  ru: z.string().optional(),
});

/** An entry as staff see it (entryView): health fields only for those who may see them, else null. */
export const entryOutput = z.object({
  id: recordId,
  status: z.enum(queueStatuses),
  emergency: z.boolean(),
  channel: z.enum(queueChannels),
  registeredAt: z.string(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  serviceId: recordId,
  professionalId: recordId.nullable(),
  locationId: recordId.nullable(),
  roomId: recordId.nullable(),
  patient: z.object({
    id: recordId,
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    birthDate: z.string().optional(),
    idCode: z.string().nullable().optional(),
  }),
  contactMobile: z.string().nullable(),
  contactEmail: z.string().nullable(),
  language,
  reminderChannel,
  referral: z.object({ professional: z.string(), institution: z.string().nullable() }).nullable(),
  indication: z.string().nullable(),
  complaint: z.string().nullable(),
  bookingRequestId: recordId.nullable(),
  version: z.number().int(),
});

export const entryChangeOutput = z.object({
  at: z.string(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  previousStartsAt: z.string().nullable(),
  newStartsAt: z.string().nullable(),
  previousProfessionalId: recordId.nullable(),
  newProfessionalId: recordId.nullable(),
  reason: z.string().nullable(),
  patientInformed: z.boolean(),
  informedHow: z.string().nullable(),
  byUserId: recordId.nullable(),
  byChannel: z.string(),
});

/**
 * The entry a command wrote, as stored: no health text (encrypted at rest, shown through the
 * entry view only), and no clinic or staff keys.
 */
export const writtenEntryOutput = z.object({
  entry: z.object({
    id: recordId,
    patientId: recordId,
    status: z.enum(queueStatuses),
    emergency: z.boolean(),
    channel: z.enum(queueChannels),
    serviceId: recordId,
    professionalId: recordId.nullable(),
    locationId: recordId.nullable(),
    roomId: recordId.nullable(),
    registeredAt: instant,
    startsAt: instant.nullable(),
    endsAt: instant.nullable(),
    contactMobile: z.string().nullable(),
    contactEmail: z.string().nullable(),
    language,
    reminderChannel,
    bookingRequestId: recordId.nullable(),
    version: z.number().int(),
  }),
});

export const createdId = z.object({ id: recordId });

export const catalogueOutput = z.object({
  professionals: z.array(
    z.object({
      id: recordId,
      staffUserId: recordId.nullable(),
      firstName: z.string(),
      lastName: z.string(),
      kind: z.enum(['doctor', 'dentist', 'hygienist', 'therapist', 'nurse', 'other']),
      registrationCode: z.string().nullable(),
      specialities: z.array(z.string()),
      workPhone: z.string().nullable(),
      workEmail: z.string().nullable(),
      active: z.boolean(),
    }),
  ),
  locations: z.array(
    z.object({
      id: recordId,
      name: z.string(),
      street: z.string(),
      city: z.string(),
      postalCode: z.string(),
      country: z.enum(['EE', 'LV']),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      active: z.boolean(),
    }),
  ),
  rooms: z.array(z.object({ id: recordId, locationId: recordId, name: z.string(), active: z.boolean() })),
  services: z.array(
    z.object({
      id: recordId,
      code: z.string().nullable(),
      name: z.string(),
      names: localized,
      durationMinutes: z.number().int(),
      professionalIds: z.array(recordId),
      publicBooking: z.boolean(),
      active: z.boolean(),
    }),
  ),
  schedules: z.array(
    z.object({
      id: recordId,
      professionalId: recordId,
      weekday: z.number().int(),
      startTime: z.string(),
      endTime: z.string(),
      locationId: recordId.nullable(),
      roomId: recordId.nullable(),
      validFrom: z.string().nullable(),
      validUntil: z.string().nullable(),
    }),
  ),
});

export const exceptionOutput = z.object({
  id: recordId,
  professionalId: recordId.nullable(),
  kind: z.enum(['leave', 'closed', 'extra']),
  date: z.string(),
  until: z.string().nullable(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  locationId: recordId.nullable(),
  note: z.string().nullable(),
  createdAt: instant,
});

export const settingsOutput = z.object({
  reminderDaysBefore: z.number().int(),
  sendingFrom: z.string(),
  sendingUntil: z.string(),
  reminderTemplates: localized,
  cancelInstructions: localized,
  publicBooking: z.boolean(),
  slotStepMinutes: z.number().int(),
  minNoticeMinutes: z.number().int(),
});

export const slotsOutput = z.object({
  slots: z.array(
    z.object({ professionalId: recordId, start: z.string(), end: z.string(), locationId: recordId.nullable() }),
  ),
});

export const deliveryOutput = z.object({
  id: recordId,
  kind: z.string(),
  status: z.enum(['queued', 'sending', 'sent', 'failed', 'cancelled', 'skipped']),
  attempts: z.number().int(),
  runAt: z.string(),
  lastError: z.string().nullable(),
  finishedAt: z.string().nullable(),
  channel: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
});

export const waitsOutput = z.object({
  from: z.string(),
  to: z.string(),
  services: z.array(
    z.object({
      serviceId: recordId,
      service: z.string(),
      visits: z.number().int(),
      medianDays: z.number().nullable(),
      meanDays: z.number().nullable(),
      longestDays: z.number().nullable(),
      waitingWithoutTime: z.number().int(),
      longestWaitingDays: z.number().nullable(),
    }),
  ),
});

/** The appointment book's frame: holidays, working hours and absences per professional and day. */
export const bookFrameOutput = z.object({
  days: z.array(z.object({ date: z.string(), holiday: z.string().nullable() })),
  professionals: z.array(
    z.object({
      professionalId: recordId,
      days: z.array(
        z.object({
          date: z.string(),
          hours: z.array(z.object({ start: z.string(), end: z.string(), locationId: recordId.nullable() })),
          absences: z.array(
            z.object({ kind: z.enum(['leave', 'closed']), start: z.string().nullable(), end: z.string().nullable() }),
          ),
        }),
      ),
    }),
  ),
});

/** An absence recorded, with the booked visits it falls on (to move or cancel). */
export const exceptionCreatedOutput = z.object({
  id: recordId,
  affected: z.array(z.object({ id: recordId, startsAt: z.string(), professionalId: recordId.nullable() })),
});
