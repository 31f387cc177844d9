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
  names: z.partialRecord(z.enum(['et', 'lv', 'en', 'ru']), z.string()).optional(),
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
  recordingId: recordId.nullable(),
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

const heldBy = z.object({
  id: recordId,
  kind: z.enum(holdKinds),
  reason: z.string(),
  owner: z.string(),
  target: z.string().nullable(),
  endsOn: z.string().nullable(),
});
/** The patient page: when the record and the invoices go, under which rule, and what holds keep them. */
export const patientRetentionOutput = z.object({
  patientId: recordId,
  today: z.string(),
  lastService: z.string(),
  parts: z.array(
    z.object({
      target: z.enum(['patient_record', 'accounting']),
      end: endAction,
      /** The first day the data may go (null: nothing to go, or no rule the engine counts from). */
      goesOn: z.string().nullable(),
      /** The rule (or law) that keeps it longest; 'invoices' when the patient's invoices keep the record. */
      keptBy: z.string().nullable(),
      rules: z.array(
        z.object({
          rule: z.string(),
          from: z.string(),
          period: z.string(),
          until: z.string(),
          floor: z.string().optional(),
          names: z.partialRecord(z.enum(['et', 'lv', 'en', 'ru']), z.string()).optional(),
        }),
      ),
      heldBy: z.array(heldBy),
    }),
  ),
  holds: z.array(heldBy),
});
