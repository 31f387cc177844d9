import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shell/api';
import { OutcomeLine, useAction } from './shared';

/**
 * Seed 002: a copy of the records e-mailed encrypted to the patient or to a person they named by
 * name, ID code and e-mail: an AES-256 PDF whose one-time password goes to the patient by SMS, or
 * CMS enveloped data to the recipient's certificate (uploaded as a file or pasted as PEM).
 */
export function CopyPanel({ requestId }: { requestId: string }) {
  const { t } = useTranslation('rights');
  const { outcome, busy, run } = useAction();
  const [recipient, setRecipient] = useState<'patient' | 'named_person'>('patient');
  const [name, setName] = useState('');
  const [idCode, setIdCode] = useState('');
  const [email, setEmail] = useState('');
  const [encryption, setEncryption] = useState<'password' | 'certificate'>('password');
  const [certificate, setCertificate] = useState('');
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    // PEM as it is; a binary .cer (DER) as base64.
    setCertificate(text.includes('-----BEGIN') ? text : btoa(String.fromCharCode(...bytes)));
  };
  const [done, setDone] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    let sent: { sentTo: string; passwordTo: string | null } = { sentTo: '', passwordTo: null };
    const cert = encryption === 'certificate' ? { encryption, certificate: certificate.trim() || undefined } : {};
    void run(async () => {
      sent = await api('POST /api/requests/{id}/copy', {
        path: { id: requestId },
        body:
          recipient === 'patient'
            ? { recipient, ...cert }
            : { recipient, namedPerson: { name: name.trim(), idCode: idCode.trim(), email: email.trim() }, ...cert },
      });
    }, undefined).then((ok) => ok && setDone(sent.passwordTo ? t('copy.sent', sent) : t('copy.sentCms', sent)));
  };
  return (
    <form className="card" onSubmit={submit} data-testid="copy">
      <h2>{t('copy.title')}</h2>
      <p className="hint">{t('copy.intro')}</p>
      <label>
        {t('copy.recipient')}
        <select name="recipient" value={recipient} onChange={(e) => setRecipient(e.target.value as typeof recipient)}>
          <option value="patient">{t('copy.toPatient')}</option>
          <option value="named_person">{t('copy.toNamed')}</option>
        </select>
      </label>
      {recipient === 'named_person' && (
        <div className="grid3">
          <label>
            {t('copy.name')}
            <input name="namedName" value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            {t('copy.idCode')}
            <input name="namedIdCode" value={idCode} onChange={(e) => setIdCode(e.target.value)} />
          </label>
          <label>
            {t('copy.email')}
            <input name="namedEmail" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          </label>
        </div>
      )}
      <label>
        {t('copy.encryption')}
        <select
          name="encryption"
          value={encryption}
          onChange={(e) => setEncryption(e.target.value as typeof encryption)}
        >
          <option value="password">{t('copy.byPassword')}</option>
          <option value="certificate">{t('copy.byCertificate')}</option>
        </select>
      </label>
      {encryption === 'certificate' && (
        <>
          <p className="hint">{t('copy.certificateHint')}</p>
          <input
            type="file"
            name="certificateFile"
            accept=".cer,.crt,.pem,.der"
            aria-label={t('copy.certificate')}
            onChange={(e) => void readFile(e.target.files?.[0])}
          />
          <label>
            {t('copy.certificate')}
            <textarea
              name="certificate"
              rows={4}
              value={certificate}
              onChange={(e) => setCertificate(e.target.value)}
            />
          </label>
        </>
      )}
      <OutcomeLine outcome={outcome ?? (done ? { ok: true, text: done } : null)} />
      <button type="submit" disabled={busy}>
        {t('copy.send')}
      </button>
    </form>
  );
}
