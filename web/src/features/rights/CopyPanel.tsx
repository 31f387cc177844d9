import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shell/api';
import { OutcomeLine, useAction } from './shared';

/**
 * Seed 002: a copy of the records e-mailed encrypted (AES-256 PDF) to the patient or to a person
 * they named by name, ID code and e-mail; the one-time password goes to the patient by SMS.
 */
export function CopyPanel({ requestId }: { requestId: string }) {
  const { t } = useTranslation('rights');
  const { outcome, busy, run } = useAction();
  const [recipient, setRecipient] = useState<'patient' | 'named_person'>('patient');
  const [name, setName] = useState('');
  const [idCode, setIdCode] = useState('');
  const [email, setEmail] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    let sent = { sentTo: '', passwordTo: '' };
    void run(async () => {
      sent = await api('POST /api/requests/{id}/copy', {
        path: { id: requestId },
        body:
          recipient === 'patient'
            ? { recipient }
            : { recipient, namedPerson: { name: name.trim(), idCode: idCode.trim(), email: email.trim() } },
      });
    }, undefined).then((ok) => ok && setDone(t('copy.sent', sent)));
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
      <OutcomeLine outcome={outcome ?? (done ? { ok: true, text: done } : null)} />
      <button type="submit" disabled={busy}>
        {t('copy.send')}
      </button>
    </form>
  );
}
