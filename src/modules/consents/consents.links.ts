import { createHmac, timingSafeEqual } from 'node:crypto';
import { NotFoundError } from '../../platform/errors';

/**
 * Signed one-click withdrawal links. The token names the clinic, the person and the purpose and
 * carries an HMAC (SESSION_SECRET), so it cannot be made up or moved to another person. It does
 * not expire: a withdrawal must stay possible from any old message.
 */
export interface WithdrawToken {
  clinicId: string;
  patientId: string;
  purposeKey: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function createWithdrawLinks(secret: string, publicUrl: string) {
  const sign = (t: WithdrawToken) =>
    createHmac('sha256', secret)
      .update(`consent-withdraw:${t.clinicId}:${t.patientId}:${t.purposeKey}`)
      .digest('base64url');

  function token(t: WithdrawToken): string {
    return `${t.clinicId}.${t.patientId}.${t.purposeKey}.${sign(t)}`;
  }

  function read(raw: string): WithdrawToken {
    const [clinicId, patientId, purposeKey, sig] = raw.split('.');
    const shaped =
      clinicId &&
      patientId &&
      purposeKey &&
      sig &&
      uuid.test(clinicId) &&
      uuid.test(patientId) &&
      /^[a-z][a-z0-9_]*$/.test(purposeKey);
    if (!shaped) throw new NotFoundError('this link is not valid');
    const t = { clinicId: clinicId!, patientId: patientId!, purposeKey: purposeKey! };
    const expected = Buffer.from(sign(t));
    const given = Buffer.from(sig!);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new NotFoundError('this link is not valid');
    return t;
  }

  const url = (t: WithdrawToken) =>
    `${publicUrl.replace(/\/+$/, '')}/consents/withdraw?token=${encodeURIComponent(token(t))}`;

  return { token, read, url };
}
export type WithdrawLinks = ReturnType<typeof createWithdrawLinks>;
