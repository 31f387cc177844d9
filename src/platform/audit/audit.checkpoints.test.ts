import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { createCheckpointSigner, createCheckpointVerifier } from './audit.checkpoints';

const lanes = [{ lane: 3, seq: 42, hash: 'a'.repeat(64), newestAt: '2026-01-02T03:04:05.000Z' }];

test('a checkpoint verifies with the public key alone, and not once any signed field changed', () => {
  const signer = createCheckpointSigner(randomBytes(32).toString('base64url'));
  const signed = signer.sign({ v: 1, clinicId: 'c1', at: '2026-01-02T04:00:00.000Z', lanes });
  const auditor = createCheckpointVerifier(signer.publicKey);
  assert.equal(auditor.keyId, signer.keyId);
  assert.equal(auditor.verify(signed), true);
  assert.equal(auditor.verify({ ...signed, at: '2026-01-02T05:00:00.000Z' }), false);
  assert.equal(auditor.verify({ ...signed, lanes: [{ ...lanes[0]!, seq: 41 }] }), false);
  assert.equal(auditor.verify({ ...signed, clinicId: 'c2' }), false);
  assert.throws(() => auditor.sign({ v: 1, clinicId: 'c1', at: signed.at, lanes }), /only verify/);
});

test('another key does not verify it, and a key of the wrong length is refused', () => {
  const one = createCheckpointSigner(randomBytes(32).toString('base64url'));
  const other = createCheckpointSigner(randomBytes(32).toString('base64url'));
  const signed = one.sign({ v: 1, clinicId: 'c1', at: '2026-01-02T04:00:00.000Z', lanes });
  assert.equal(other.verify(signed), false);
  assert.equal(other.verify({ ...signed, keyId: other.keyId }), false);
  assert.throws(() => createCheckpointSigner(randomBytes(16).toString('base64url')), /32 bytes/);
});
