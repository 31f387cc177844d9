import { z } from 'zod';

export const cameraInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    area: z.string().trim().min(1).max(200),
    signposted: z.boolean(),
    sound: z.boolean(),
    /** false: a room recorded as having no camera. */
    hasCamera: z.boolean().default(true),
  })
  .strict();
export type CameraInput = z.input<typeof cameraInput>;

export const recordingInput = z
  .object({
    cameraId: z.uuid(),
    startedAt: z.iso.datetime({ offset: true }),
    endedAt: z.iso.datetime({ offset: true }),
    location: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .refine((l) => !l.split(/[\\/]/).includes('..'), 'a location inside the recordings directory'),
  })
  .strict()
  .refine((r) => new Date(r.endedAt) > new Date(r.startedAt), {
    path: ['endedAt'],
    message: 'the end is after the start',
  });
export type RecordingInput = z.input<typeof recordingInput>;

/** Viewing or handing over a recording needs a reason (an incident, a police request). */
export const viewInput = z.object({ reason: z.string().trim().min(3).max(500) }).strict();
export const handOverInput = z
  .object({
    recipient: z.string().trim().min(2).max(200),
    reason: z.string().trim().min(3).max(500),
    legalBasis: z.string().trim().min(2).max(200),
  })
  .strict();
export const idParam = z.object({ id: z.uuid() });
