import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiBody, ApiError, api } from '../../shell/api';
import { useErrorText } from '../../shell/errors';
import { Modal } from './Modal';
import { when } from './time';

/** The patient a visit is booked for, with the contacts the notice goes to. */
export interface PatientChoice {
  id: string;
  firstName: string;
  lastName: string;
  mobile: string | null;
  email: string | null;
}
type Channel = ApiBody<'POST /api/queue/entries'>['channel'];
type Reminder = 'sms' | 'email' | 'none';
const reminderFor = (p: PatientChoice): Reminder => (p.mobile ? 'sms' : p.email ? 'email' : 'none');

/** Books a free time for a patient found by name, ID code or phone (or given by `?patient=`). */
export function BookingDialog({
  slot,
  serviceId,
  rooms,
  patient: given,
  onClose,
  onBooked,
}: {
  slot: { professionalId: string; start: string; professionalName: string };
  serviceId: string;
  rooms: { id: string; name: string }[];
  patient: PatientChoice | null;
  onClose: () => void;
  onBooked: () => void;
}) {
  const { t, i18n } = useTranslation('queue');
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<(PatientChoice & { birthDate: string })[]>([]);
  const [patient, setPatientRaw] = useState<PatientChoice | null>(given);
  const [complaint, setComplaint] = useState('');
  const [reminder, setReminder] = useState<Reminder>(given ? reminderFor(given) : 'none');
  const [channel, setChannel] = useState<Channel>('phone');
  const [roomId, setRoomId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const errorText = useErrorText();
  const setPatient = (p: PatientChoice | null) => {
    setPatientRaw(p);
    if (p) setReminder(reminderFor(p));
  };

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
          ...(roomId ? { roomId } : {}),
        },
      });
      onBooked();
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      setError(code === 'room_taken' ? t('book.errors.room_taken') : errorText(err));
    }
  };
  return (
    <Modal label={t('dialog.title')} testId="booking-dialog" onClose={onClose}>
      <div className="spread">
        <h2>
          {t('dialog.title')}: {when(slot.start, i18n.language)}, {slot.professionalName}
        </h2>
        <button type="button" className="link" data-close onClick={onClose}>
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
            <button type="button" className="link" aria-label={t('dialog.close')} onClick={() => setPatient(null)}>
              ✕
            </button>
          </p>
          {!patient.email && (
            <p className="warn" role="note" data-testid="notice-warning">
              {patient.mobile ? t('book.warn.noEmail') : t('book.warn.noContact')}
            </p>
          )}
          <label>
            {t('dialog.complaint')}
            <textarea value={complaint} onChange={(e) => setComplaint(e.target.value)} required minLength={3} />
          </label>
          <div className="row">
            <label>
              {t('dialog.reminder')}
              <select value={reminder} onChange={(e) => setReminder(e.target.value as Reminder)}>
                {patient.mobile && <option value="sms">{t('dialog.sms')}</option>}
                {patient.email && <option value="email">{t('dialog.email')}</option>}
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
            {rooms.length > 0 && (
              <label>
                {t('book.room')}
                <select value={roomId} onChange={(e) => setRoomId(e.target.value)}>
                  <option value="">{t('book.noRoom')}</option>
                  {rooms.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
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
    </Modal>
  );
}
