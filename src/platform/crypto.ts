import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomUUID } from 'node:crypto';

/**
 * Field encryption at rest: AES-256-GCM with a random 96-bit IV. A stored value reads
 * `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url), so keys can be rotated: new values use the
 * active key, old ones are read with the key they name.
 */
export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  encryptJson(value: unknown): string;
  decryptJson<T>(stored: string): T;
  /** Keyed hash for equality search (ID codes): never the plain value. */
  searchHash(normalized: string): string;
  activeKeyId: string;
}

export function createFieldCipher(keys: string[], activeKeyId: string, searchKey: string): FieldCipher {
  const byId = new Map<string, Buffer>();
  for (const entry of keys) {
    const [id, b64] = entry.split(':') as [string, string];
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32) throw new Error(`encryption key ${id} is not 32 bytes`);
    byId.set(id, key);
  }
  const active = byId.get(activeKeyId);
  if (!active) throw new Error(`no encryption key ${activeKeyId}`);
  const hmacKey = Buffer.from(searchKey, 'utf8');

  const encrypt = (plain: string): string => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', active, iv);
    cipher.setAAD(Buffer.from(activeKeyId));
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [
      'v1',
      activeKeyId,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      ct.toString('base64url'),
    ].join('.');
  };
  const decrypt = (stored: string): string => {
    const [v, keyId, iv, tag, ct] = stored.split('.');
    if (v !== 'v1' || !keyId || iv === undefined || tag === undefined || ct === undefined) {
      throw new Error('not an encrypted field value');
    }
    const key = byId.get(keyId);
    if (!key) throw new Error(`encrypted with unknown key ${keyId}`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(keyId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  };
  return {
    encrypt,
    decrypt,
    encryptJson: (value) => encrypt(JSON.stringify(value)),
    decryptJson: <T>(stored: string) => JSON.parse(decrypt(stored)) as T,
    searchHash: (normalized) => createHmac('sha256', hmacKey).update(normalized).digest('base64url'),
    activeKeyId,
  };
}

export const newId = (): string => randomUUID();
