import type { AuditAction, AuditPurpose } from './audit.vocabulary';

/** What one audit event says; made into an entry only by `auditEntry`. */
export interface AuditEntryFields {
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  patientRef?: string | null;
  purpose: AuditPurpose;
  /** The acting role; without it the user's roles (or the channel, for the system) are recorded. */
  role?: string | null;
  /** The break-the-glass reason the user stated. */
  reason?: string | null;
  breakGlass?: boolean;
  outcome?: 'allowed' | 'denied' | 'error';
  details?: Record<string, unknown> | null;
}

/** The access decision behind an event: the role it was granted to, and whether the glass was broken. */
export interface AuditGrant {
  role: string;
  breakGlass: boolean;
  reason: string | null;
}

declare const built: unique symbol;
/** An audit event ready to append; `AuditService.append` takes nothing else. */
export type AuditEntry = Readonly<AuditEntryFields> & { readonly [built]: true };

/**
 * The one way an audit entry is made. A grant (from the patients' need-to-know policy, or the
 * patient acting in the portal) supplies role, break-the-glass and reason; fields given override it.
 */
export function auditEntry(fields: AuditEntryFields, grant?: AuditGrant | null): AuditEntry {
  const fromGrant = grant ? { role: grant.role, breakGlass: grant.breakGlass, reason: grant.reason } : {};
  return { ...fromGrant, ...fields } as AuditEntry;
}

/** The patient acting on their own data (portal, one-click links): recorded with the role `patient`. */
export const patientSelf: AuditGrant = { role: 'patient', breakGlass: false, reason: null };
