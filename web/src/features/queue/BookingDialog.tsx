import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiBody, ApiError, type ApiResponse, api } from '../../shell/api';
import { dateTime } from './time';

type Found = ApiResponse<'POST /api/patients/search'>['items'][number];
type Channel = ApiBody<'POST /api/queue/entries'>['channel'];

/** Books a free time for a patient found by name, ID code or phone. */
export function BookingDialog({
  slot,
  serviceId,
  onClose,
  onBooked,
}: {
  slot: { professionalId: string; start: string; professionalName: string };
  serviceId: string;
  onClose: () => void;
  onBooked: () => void;
}) {
  const { t, i18n } = useTranslation('queue');
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Found[]>([]);
  const [patient, setPatient] = useState<Found | null>(null);
  const [complaint, setComplaint] = useState('');
  const [reminder, setReminder] = useState<'sms' | 'email' | 'none'>('sms');
  const [channel, setChannel] = useState<Channel>('phone');
  const [error, setError] = useState<string | null>(null);

  const search = async (e: FormEvent) => {
    e.preventDefault();
    const r = await api('POST /api/patients/search', { body: { query } });
    setFound(r.items);
  };
  const book = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('POST /api/queue/entries', {
        body: {
          patientId: patient!.id,
          serviceId,
          channel,
          professionalId: slot.professionalId,
          startsAt: slot.start,
          complaint,
          reminderChannel: reminder,
        },
      });
      onBooked();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <div className="card" role="dialog" aria-label={t('dialog.title')} data-testid="booking-dialog">
      <div className="spread">
        <h2>
          {t('dialog.title')}: {dateTime(slot.start, i18n.language)}, {slot.professionalName}
        </h2>
        <button type="button" className="link" onClick={onClose}>
          {t('dialog.close')}
        </button>
      </div>
      {!patient ? (
        <form onSubmit={search} className="row">
          <input
            aria-label={t('dialog.search')}
            placeholder={t('dialog.search')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            minLength={2}
            required
          />
          <button type="submit">🔍</button>
          <ul>
            {found.map((p) => (
              <li key={p.id}>
                <button type="button" className="link" onClick={() => setPatient(p)}>
                  {p.lastName}, {p.firstName} ({p.birthDate})
                </button>
              </li>
            ))}
          </ul>
        </form>
      ) : (
        <form onSubmit={book}>
          <p>
            {t('dialog.patient')}:{' '}
            <strong>
              {patient.lastName}, {patient.firstName}
            </strong>{' '}
            <button type="button" className="link" onClick={() => setPatient(null)}>
              ✕
            </button>
          </p>
          <label>
            {t('dialog.complaint')}
            <textarea value={complaint} onChange={(e) => setComplaint(e.target.value)} required minLength={3} />
          </label>
          <div className="row">
            <label>
              {t('dialog.reminder')}
              <select value={reminder} onChange={(e) => setReminder(e.target.value as 'sms')}>
                <option value="sms">{t('dialog.sms')}</option>
                <option value="email">{t('dialog.email')}</option>
                <option value="none">{t('dialog.noReminder')}</option>
              </select>
            </label>
            <label>
              {t('dialog.channel')}
              <select value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
                {['phone', 'on_site', 'email', 'website'].map((c) => (
                  <option key={c} value={c}>
                    {t(`channel.${c}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary">
            {t('dialog.submit')}
          </button>
        </form>
      )}
    </div>
  );
}
