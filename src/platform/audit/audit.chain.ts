import { createHash } from 'node:crypto';

/** The genesis link of every clinic's chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** Sorted keys all the way down, so the same row always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface ChainedFields {
  clinicId: string;
  seq: number;
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  patientRef: string | null;
  purpose: string;
  reason: string | null;
  breakGlass: boolean;
  outcome: 'allowed' | 'denied' | 'error';
  requestId: string | null;
  details: Record<string, unknown> | null;
}

/** hash = sha256(prev_hash || canonical row) */
export function linkHash(prevHash: string, row: ChainedFields): string {
  const canonical = canonicalJson({
    clinicId: row.clinicId, seq: row.seq, at: row.at, actorId: row.actorId, actorRole: row.actorRole,
    action: row.action, entityType: row.entityType, entityId: row.entityId, patientRef: row.patientRef,
    purpose: row.purpose, reason: row.reason, breakGlass: row.breakGlass, outcome: row.outcome,
    requestId: row.requestId, details: row.details,
  });
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}
