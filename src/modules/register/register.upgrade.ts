import type { RecipientRole, Register } from './register.model';

/** Recipient kinds that are public bodies: an old `third_party` of these kinds is a public authority. */
const publicBodies = new Set(['authority', 'court', 'law_enforcement', 'health_insurance_fund', 'ehealth_system']);

/**
 * A register as stored, in today's format. Registers saved before recipients had the four roles
 * said `third_party`; the migration rewrote the registers in force, but published notice versions
 * are immutable, so they are read through this same mapping (kept in step with the migration).
 */
export function upgradeStoredRegister(doc: Register): Register {
  const recipients = doc.recipients as ((typeof doc.recipients)[number] | { role: 'third_party'; kind: string })[];
  if (!Array.isArray(recipients) || !recipients.some((r) => r.role === 'third_party')) return doc;
  return {
    ...doc,
    recipients: recipients.map((r) =>
      r.role === 'third_party'
        ? { ...r, role: (publicBodies.has(r.kind) ? 'public_authority' : 'independent_controller') as RecipientRole }
        : r,
    ) as Register['recipients'],
  };
}
