import { z } from 'zod';
import { recordId } from '../../platform/http/contract';

/** What the public booking page and reception's requests inbox are answered. */
const language = z.enum(['et', 'lv', 'en', 'ru']);
const address = z.object({ street: z.string(), city: z.string(), postalCode: z.string(), country: z.string() });

export const publicBookingInfoOutput = z.object({
  clinic: z.object({
    name: z.string(),
    slug: z.string(),
    country: z.enum(['EE', 'LV']),
    defaultLanguage: language,
    contacts: z.object({ phone: z.string().nullable(), email: z.string().nullable() }),
    address: address.nullable(),
  }),
  services: z.array(
    z.object({
      id: recordId,
      name: z.string(),
      names: z.object({
        et: z.string().optional(),
        lv: z.string().optional(),
        en: z.string().optional(),
        ru: z.string().optional(),
      }),
      durationMinutes: z.number().int(),
    }),
  ),
  professionals: z.array(
    z.object({
      id: recordId,
      name: z.string(),
      kind: z.enum(['doctor', 'dentist', 'hygienist', 'therapist', 'nurse', 'other']),
      specialities: z.array(z.string()),
    }),
  ),
});

export const publicSlotsOutput = z.object({
  slots: z.array(z.object({ professionalId: recordId, start: z.string(), end: z.string() })),
});

export const bookingRequestReceived = z.object({ id: recordId, dueDate: z.string() });

export const inboxOutput = z.object({
  items: z.array(
    z.object({
      id: recordId,
      receivedAt: z.string(),
      dueDate: z.string(),
      dueAt: z.string(),
      state: z.enum(['open', 'due_today', 'overdue', 'answered', 'declined', 'expired']),
      status: z.enum(['new', 'answered', 'declined', 'expired']),
      answerNote: z.string().nullable(),
      channel: z.enum(['website', 'email']),
      serviceId: recordId,
      professionalId: recordId.nullable(),
      preferredStart: z.string().nullable(),
      firstName: z.string(),
      lastName: z.string(),
      birthDate: z.string().nullable(),
      idCode: z.string().nullable(),
      mobile: z.string().nullable(),
      email: z.string().nullable(),
      language,
      message: z.string().nullable(),
      wantsSmsReminder: z.boolean(),
      wantsEmailReminder: z.boolean(),
      queueEntryId: recordId.nullable(),
      patientId: recordId.nullable(),
    }),
  ),
  overdue: z.number().int(),
  dueToday: z.number().int(),
});

export const confirmedOutput = z.object({ entryId: recordId, patientId: recordId, startsAt: z.string().nullable() });
