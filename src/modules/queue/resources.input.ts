import { z } from 'zod';
import { isoDate } from '../../platform/input';

/** What the clinic's resources (professionals, places, services, working hours, settings) accept. */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a time HH:MM');
const localized = z.strictObject({
  et: z.string().max(500).optional(),
  lv: z.string().max(500).optional(),
  en: z.string().max(500).optional(),
  ru: z.string().max(500).optional(),
});

export const professionalInput = z.strictObject({
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  kind: z.enum(['doctor', 'dentist', 'hygienist', 'therapist', 'nurse', 'other']),
  registrationCode: z
    .string()
    .trim()
    .regex(/^[A-Z]{0,3}\d{3,8}$/, 'a registration code like D01234')
    .optional(),
  specialities: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
  staffUserId: z.uuid().optional(),
  workPhone: z.string().trim().max(40).optional(),
  workEmail: z.email().optional(),
});
export const professionalUpdateInput = professionalInput.partial().extend({ active: z.boolean().optional() });
export const locationInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  street: z.string().trim().min(1).max(200),
  city: z.string().trim().min(1).max(100),
  postalCode: z.string().trim().max(20).default(''),
  country: z.enum(['EE', 'LV']),
  phone: z.string().trim().max(40).optional(),
  email: z.email().optional(),
});
export const roomInput = z.strictObject({ locationId: z.uuid(), name: z.string().trim().min(1).max(100) });
export const serviceInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  names: localized.default({}),
  code: z.string().trim().max(40).optional(),
  durationMinutes: z
    .number()
    .int()
    .min(5)
    .max(8 * 60),
  professionalIds: z.array(z.uuid()).default([]),
  publicBooking: z.boolean().default(true),
});
export const serviceUpdateInput = serviceInput.partial().extend({ active: z.boolean().optional() });
export const scheduleInput = z
  .strictObject({
    professionalId: z.uuid(),
    weekday: z.number().int().min(1).max(7),
    start: hhmm,
    end: hhmm,
    locationId: z.uuid().optional(),
    roomId: z.uuid().optional(),
    validFrom: isoDate.optional(),
    validUntil: isoDate.optional(),
  })
  .refine((s) => s.start < s.end, { message: 'the end must be after the start', path: ['end'] });
export const exceptionInput = z
  .strictObject({
    professionalId: z.uuid().nullable().default(null),
    kind: z.enum(['leave', 'closed', 'extra']),
    date: isoDate,
    until: isoDate.optional(),
    start: hhmm.optional(),
    end: hhmm.optional(),
    locationId: z.uuid().optional(),
    note: z.string().trim().max(500).optional(),
    /** Record it even though it falls on booked visits (the answer lists them). */
    confirm: z.boolean().optional(),
  })
  .refine((e) => (e.start === undefined) === (e.end === undefined), {
    message: 'give both start and end, or neither',
    path: ['end'],
  })
  .refine((e) => e.kind !== 'extra' || (e.start && e.end), {
    message: 'extra hours need a start and an end',
    path: ['start'],
  })
  .refine((e) => !e.until || e.until >= e.date, { message: 'until is before the date', path: ['until'] });
export const settingsInput = z.strictObject({
  reminderDaysBefore: z.number().int().min(0).max(14).optional(),
  sendingFrom: hhmm.optional(),
  sendingUntil: hhmm.optional(),
  reminderTemplates: localized.optional(),
  cancelInstructions: localized.optional(),
  publicBooking: z.boolean().optional(),
  slotStepMinutes: z.number().int().min(5).max(120).optional(),
  minNoticeMinutes: z
    .number()
    .int()
    .min(0)
    .max(14 * 24 * 60)
    .optional(),
});
