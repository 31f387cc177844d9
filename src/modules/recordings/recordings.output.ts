import { z } from 'zod';
import { instant, itemsOf, recordId } from '../../platform/http/contract';

export const cameraOutput = z.object({
  id: recordId,
  name: z.string(),
  area: z.string(),
  signposted: z.boolean(),
  sound: z.boolean(),
  hasCamera: z.boolean(),
  createdAt: instant,
});
export const cameraListOutput = itemsOf(cameraOutput);

export const recordingOutput = z.object({
  id: recordId,
  cameraId: recordId,
  startedAt: instant,
  endedAt: instant,
  location: z.string(),
  deleteAttempts: z.number().int(),
  lastDeleteError: z.string().nullable(),
});
export const recordingListOutput = itemsOf(recordingOutput);
export const viewOutput = z.object({ recording: recordingOutput, fileExists: z.boolean() });
