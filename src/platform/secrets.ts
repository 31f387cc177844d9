import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GeneratedSecrets } from './config';

/** Generates fresh secrets, the way a demo install gets its own. */
export function generateSecrets(): GeneratedSecrets {
  return {
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    FIELD_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    SEARCH_HASH_KEY: randomBytes(32).toString('base64url'),
    AUDIT_SIGNING_KEY: randomBytes(32).toString('base64url'),
    OPERATOR_TOKEN: randomBytes(32).toString('base64url'),
  };
}

/**
 * The demo keeps generated secrets beside its data (mode 0600): losing them would make the
 * encrypted fields of the embedded database unreadable.
 */
export function loadOrCreateDemoSecrets(dataDir: string): GeneratedSecrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as Partial<GeneratedSecrets>;
    // A demo from before a secret existed gets it added; the ones it has stay as they are.
    const complete = { ...generateSecrets(), ...kept };
    if (Object.keys(complete).length !== Object.keys(kept).length)
      writeFileSync(file, JSON.stringify(complete, null, 2), { mode: 0o600 });
    return complete;
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets = generateSecrets();
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
