import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Signed checkpoints of the audit chain, the idea of Certificate Transparency's signed tree heads:
 * every few minutes the head of each of a clinic's lanes (event number, hash, time of that event) is
 * signed with an Ed25519 key that is not in the database and written to a file outside it. Someone
 * with database rights can rewrite the chain and recompute every hash, but not a signed head: `audit
 * verify` finds the checkpointed event changed, missing or removed before its retention ended.
 */
export interface LaneHead {
  lane: number;
  seq: number;
  hash: string;
  /** When the event at `seq` happened: retention may remove it only once it is old enough. */
  newestAt: string | null;
}

export interface Checkpoint {
  v: 1;
  clinicId: string;
  at: string;
  lanes: LaneHead[];
  keyId: string;
  signature: string;
}

type Unsigned = Omit<Checkpoint, 'keyId' | 'signature'>;

// An Ed25519 private key in PKCS#8 is this fixed prefix followed by the 32-byte seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The text that is signed: fixed key order, so a checkpoint read back verifies byte for byte. */
function signedText(c: Unsigned): string {
  return JSON.stringify([c.v, c.clinicId, c.at, c.lanes.map((l) => [l.lane, l.seq, l.hash, l.newestAt])]);
}

export interface CheckpointSigner {
  readonly keyId: string;
  /** The public key (raw, base64url): enough for an auditor to verify, useless for signing. */
  readonly publicKey: string;
  sign(c: Unsigned): Checkpoint;
  verify(c: Checkpoint): boolean;
}

/** `seed`: the 32-byte Ed25519 seed, base64 or base64url (AUDIT_SIGNING_KEY). */
export function createCheckpointSigner(seed: string): CheckpointSigner {
  const raw = Buffer.from(seed, 'base64url');
  if (raw.length !== 32) throw new Error('AUDIT_SIGNING_KEY must be 32 bytes (base64)');
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, raw]),
    format: 'der',
    type: 'pkcs8',
  });
  return signerFor(privateKey, createPublicKey(privateKey));
}

function signerFor(privateKey: KeyObject | null, publicKey: KeyObject): CheckpointSigner {
  const publicRaw = (publicKey.export({ format: 'jwk' }) as { x: string }).x;
  const keyId = createHash('sha256').update(publicRaw).digest('hex').slice(0, 16);
  return {
    keyId,
    publicKey: publicRaw,
    sign(c) {
      if (!privateKey) throw new Error('this key can only verify');
      const signature = sign(null, Buffer.from(signedText(c)), privateKey).toString('base64url');
      return { ...c, keyId, signature };
    },
    verify(c) {
      if (c.keyId !== keyId || typeof c.signature !== 'string') return false;
      try {
        return verify(null, Buffer.from(signedText(c)), publicKey, Buffer.from(c.signature, 'base64url'));
      } catch {
        return false;
      }
    },
  };
}

/** A verifier from the public key alone (AUDIT_VERIFY_KEY), for an auditor without the signing key. */
export function createCheckpointVerifier(publicKey: string): CheckpointSigner {
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
  return signerFor(null, key);
}

export interface CheckpointFile {
  checkpoints: Checkpoint[];
  /** Lines that are not checkpoints at all (a damaged or edited file). */
  unreadable: number;
}

/**
 * Checkpoints as JSON lines, one file per clinic, appended only. The directory belongs outside the
 * database (DATA_DIR by default); an operator may copy it elsewhere, or mail it, as often as they like.
 */
export function createCheckpointStore(dir: string) {
  const fileOf = (clinicId: string) => join(dir, `${clinicId}.jsonl`);
  return {
    dir,
    append(c: Checkpoint) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      appendFileSync(fileOf(c.clinicId), `${JSON.stringify(c)}\n`, { mode: 0o600 });
    },
    /** Every checkpoint in the directory (or in the extra files given), newest last per clinic. */
    readAll(extraFiles: string[] = []): CheckpointFile {
      const files = [
        ...(existsSync(dir)
          ? readdirSync(dir)
              .filter((f) => f.endsWith('.jsonl'))
              .map((f) => join(dir, f))
          : []),
        ...extraFiles,
      ];
      const checkpoints: Checkpoint[] = [];
      let unreadable = 0;
      for (const file of files) {
        for (const line of readFileSync(file, 'utf8').split('\n')) {
          if (!line.trim()) continue;
          try {
            const c = JSON.parse(line) as Checkpoint;
            if (c?.v === 1 && typeof c.clinicId === 'string' && Array.isArray(c.lanes)) checkpoints.push(c);
            else unreadable += 1;
          } catch {
            unreadable += 1;
          }
        }
      }
      checkpoints.sort((a, b) => a.at.localeCompare(b.at));
      return { checkpoints, unreadable };
    },
  };
}

/** Runs `run` at start, every `minutes`, and once more at stop (the last state of a shutdown is signed too). */
export function createCheckpointTimer(opts: {
  minutes: number;
  run: () => Promise<unknown>;
  logger?: { warn: (obj: object, msg: string) => void };
}) {
  let timer: NodeJS.Timeout | null = null;
  const tick = () =>
    opts.run().catch((err: Error) => opts.logger?.warn({ err: err.message }, 'audit checkpoint failed; will retry'));
  return {
    start() {
      if (timer) return;
      void tick();
      timer = setInterval(() => void tick(), opts.minutes * 60_000);
      timer.unref();
    },
    async stop() {
      if (!timer) return;
      clearInterval(timer);
      timer = null;
      await tick();
    },
  };
}
