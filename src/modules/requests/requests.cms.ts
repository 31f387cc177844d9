import { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ValidationError } from '../../platform/errors';

const RSA = '1.2.840.113549.1.1.1';
const EC = '1.2.840.10045.2.1';
const SERIAL_NUMBER = '2.5.4.5';
const COMMON_NAME = '2.5.4.3';

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }));

/** A recipient's certificate, read and checked: whose it is, and until when it may be used. */
export interface RecipientCertificate {
  cert: pkijs.Certificate;
  /** The personal code in the subject's serialNumber (ETSI EN 319 412-1 `PNOEE-37605030299`), if any. */
  personalCode: string | null;
  country: string | null;
  commonName: string | null;
  notAfter: Date;
}

function derOf(text: string): Uint8Array {
  const pem = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(text);
  const b64 = (pem ? pem[1]! : text).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64))
    throw new ValidationError('certificate', 'not a PEM or base64 X.509 certificate');
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

/**
 * Reads a certificate given as PEM or base64 DER (an ID card's authentication certificate, for
 * example). Refused: anything that is not an X.509 certificate, one not valid on `now`, and keys
 * other than RSA or elliptic-curve (CMS encrypts to those two).
 */
export function readRecipientCertificate(text: string, now: Date): RecipientCertificate {
  const der = derOf(text);
  const parsed = asn1js.fromBER(der);
  let cert: pkijs.Certificate;
  try {
    if (parsed.offset === -1) throw new Error(parsed.result.error);
    cert = new pkijs.Certificate({ schema: parsed.result });
  } catch {
    throw new ValidationError('certificate', 'not an X.509 certificate');
  }
  const notBefore = cert.notBefore.value;
  const notAfter = cert.notAfter.value;
  if (now < notBefore || now > notAfter)
    throw new ValidationError(
      'certificate',
      `the certificate is valid from ${notBefore.toISOString().slice(0, 10)} to ${notAfter.toISOString().slice(0, 10)}, not today`,
    );
  const alg = cert.subjectPublicKeyInfo.algorithm.algorithmId;
  if (alg !== RSA && alg !== EC)
    throw new ValidationError('certificate', 'the certificate’s key is neither RSA nor elliptic-curve');
  const attr = (oid: string) => {
    const v = cert.subject.typesAndValues.find((t) => t.type === oid)?.value.valueBlock as { value?: unknown };
    return typeof v?.value === 'string' ? v.value : null;
  };
  const serial = attr(SERIAL_NUMBER);
  const pno = serial ? /^(?:PNO|IDC)([A-Z]{2})-(.+)$/.exec(serial) : null;
  return {
    cert,
    personalCode: pno ? pno[2]! : null,
    country: pno ? pno[1]! : null,
    commonName: attr(COMMON_NAME),
    notAfter,
  };
}

/**
 * The content as CMS EnvelopedData (RFC 5652) to the certificate's holder: AES-256-CBC content
 * encryption, the key transported with RSA-OAEP (SHA-256) or agreed by ephemeral-static ECDH
 * (SHA-256 KDF, AES-256 key wrap), whichever the certificate's key allows. DER-encoded ContentInfo,
 * as `openssl cms -decrypt -inform DER` and other S/MIME tools read it.
 */
export async function envelopeTo(recipient: RecipientCertificate, content: Uint8Array): Promise<Buffer> {
  const enveloped = new pkijs.EnvelopedData();
  const isEc = recipient.cert.subjectPublicKeyInfo.algorithm.algorithmId === EC;
  enveloped.addRecipientByCertificate(
    recipient.cert,
    isEc ? { kdfAlgorithm: 'SHA-256', kekEncryptionLength: 256 } : { oaepHashAlgorithm: 'SHA-256' },
    isEc ? 2 : 1,
  );
  const plain = new Uint8Array(content).buffer;
  await enveloped.encrypt({ name: 'AES-CBC', length: 256 } as AesKeyAlgorithm, plain);
  const info = new pkijs.ContentInfo({ contentType: pkijs.ContentInfo.ENVELOPED_DATA, content: enveloped.toSchema() });
  return Buffer.from(info.toSchema().toBER(false));
}
