import { z } from 'zod';
import { instant, itemsOf, recordId } from '../../platform/http/contract';
import { holdKinds } from './retention.schema';
import { targetKeys } from './retention.targets';

const target = z.enum(targetKeys);
const endAction = z.enum(['delete', 'anonymise', 'archive']).nullable();

const appliedRule = z.object({
  rule: z.string(),
  from: z.string(),
  period: z.string(),
  end: z.enum(['delete', 'anonymise', 'archive']),
  cutoff: z.string(),
  floor: z.string().optional(),
});

export const planOutput = z.object({
  runDate: z.string(),
  lines: z.array(
    z.object({
      target,
      label: z.string(),
      rules: z.array(appliedRule),
      end: endAction,
      count: z.number().int(),
      oldest: z.string().nullable(),
      held: z.number().int(),
      note: z.string().optional(),
    }),
  ),
});

const reportLine = z.object({
  target,
  rule: z.string(),
  end: endAction,
  deleted: z.number().int(),
  anonymised: z.number().int(),
  archived: z.number().int(),
  failed: z.number().int().optional(),
  done: z.boolean(),
  note: z.string().optional(),
});

export const runOutput = z.object({
  id: recordId,
  runDate: z.string(),
  status: z.enum(['running', 'done']),
  trigger: z.string(),
  batches: z.number().int(),
  startedAt: instant,
  finishedAt: instant.nullable(),
  plan: planOutput,
  report: z.array(reportLine),
});
export const runListOutput = itemsOf(runOutput);

export const holdOutput = z.object({
  id: recordId,
  kind: z.enum(holdKinds),
  reason: z.string(),
  owner: z.string(),
  patientId: recordId.nullable(),
  target: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  releasedAt: instant.nullable(),
  createdAt: instant,
});
export const holdListOutput = itemsOf(holdOutput);

export const erasurePlanOutput = z.object({
  patientId: recordId,
  parts: z.array(
    z.object({
      target,
      status: z.enum(['erasable', 'kept', 'held', 'none']),
      until: z.string().optional(),
      rule: z.string().optional(),
      hold: z.object({ id: recordId, kind: z.string(), reason: z.string(), owner: z.string() }).optional(),
    }),
  ),
});
export const erasureOutput = z.object({ patientId: recordId, erased: z.record(z.string(), z.number().int()) });
