import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiBody, type ApiResponse, api } from '../../shell/api';
import { useErrorText } from '../../shell/errors';
import { emptyIdentity, IdentityFields, type IdentityState, identityBody } from '../patients/IdentityFields';
import { whenLabel } from './PublicTimes';
import { addDays, today } from './time';

type Request = ApiResponse<'GET /api/booking-requests'>['items'][number];
type Found = ApiResponse<'POST /api/patients/search'>['items'][number];
type Slot = ApiResponse<'GET /api/queue/slots'>['slots'][number];
type ConfirmBody = ApiBody<'POST /api/booking-requests/{id}/confirm'>;

/**
 * Reception's answer to one request, in one dialog: the patient (found by the request's ID code, or
 * chosen by a search, or registered from a Latvian code, a foreign document or the birth date alone),
 * the time (the requested one, or a free one chosen here), then confirm; or decline with a message
 * that the person receives. No request is left without a way to end.
 */
export function RequestAnswer({
  request: r,
  nameOf,
  onDone,
  onClose,
}: {
  request: Request;
  nameOf: (professionalId: string) => string;
  onDone: (text: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('queue');
  const errorText = useErrorText(
    (f) =>
      ({ identity: t('answer.patient'), startsAt: t('answer.time'), message: t('answer.decline') })[
        f.split('.')[0] ?? ''
      ],
  );
  const person = `${r.firstName} ${r.lastName}`;
  const [who, setWho] = useState<'existing' | 'new'>('existing');
  const [query, setQuery] = useState(r.lastName);
  const [found, setFound] = useState<Found[] | null>(null);
  const [patient, setPatient] = useState<Found | null>(null);
  const [how, setHow] = useState<'document' | 'birth'>(r.birthDate ? 'birth' : 'document');
  const [identity, setIdentity] = useState<IdentityState>({ ...emptyIdentity, birthDate: r.birthDate ?? '' });
  const [birthDate, setBirthDate] = useState(r.birthDate ?? '');
  const [names, setNames] = useState({ firstName: r.firstName, lastName: r.lastName });
  const [slots, setSlots] = useState<Slot[]>([]);
  const [slot, setSlot] = useState('');
  const [declining, setDeclining] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const wanted = r.preferredStart && r.professionalId ? r.preferredStart : null;

  useEffect(() => {
    if (wanted) return;
    const from = today();
    api('GET /api/queue/slots', { query: { serviceId: r.serviceId, from, to: addDays(from, 13) } })
      .then((s) => setSlots(s.slots))
      .catch(() => setSlots([]));
  }, [r.serviceId, wanted]);

  const search = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      setFound((await api('POST /api/patients/search', { body: { query } })).items);
    } catch (err) {
      setError(errorText(err));
    }
  };

  const confirm = async () => {
    setError(null);
    const body: ConfirmBody = {};
    if (!r.idCode) {
      if (who === 'existing') {
        if (!patient) return setError(t('answer.needPatient'));
        body.patientId = patient.id;
      } else {
        body.identity = how === 'birth' ? { kind: 'birth_date', birthDate } : identityBody(identity);
        body.firstName = names.firstName;
        body.lastName = names.lastName;
      }
    }
    if (!wanted) {
      const s = slots.find((x) => `${x.professionalId}|${x.start}` === slot);
      if (!s) return setError(t('answer.needTime'));
      body.professionalId = s.professionalId;
      body.startsAt = s.start;
    }
    try {
      await api('POST /api/booking-requests/{id}/confirm', { path: { id: r.id }, body });
      onDone(t('answer.confirmed'));
    } catch (err) {
      setError(errorText(err));
    }
  };

  const decline = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (message.trim().length < 3) return setError(t('answer.needMessage'));
    try {
      await api('POST /api/booking-requests/{id}/decline', { path: { id: r.id }, body: { message } });
      onDone(t('answer.declined'));
    } catch (err) {
      setError(errorText(err));
    }
  };

  const radio = (name: string, value: string, current: string, set: (v: string) => void, label: string) => (
    <label style={{ flexDirection: 'row', alignItems: 'center', gap: '0.3rem' }}>
      <input
        type="radio"
        name={name}
        value={value}
        checked={current === value}
        onChange={() => {
          setError(null);
          set(value);
        }}
      />
      {label}
    </label>
  );

  return (
    <div className="card" role="dialog" aria-label={t('answer.title', { name: person })} data-testid="request-answer">
      <div className="spread">
        <h2>{t('answer.title', { name: person })}</h2>
        <button type="button" className="link" onClick={onClose}>
          {t('answer.close')}
        </button>
      </div>
      <h3>{t('answer.patient')}</h3>
      {r.idCode ? (
        <p>{t('answer.byCode', { code: r.idCode })}</p>
      ) : (
        <>
          <div className="row" role="radiogroup">
            {radio(`who-${r.id}`, 'existing', who, (v) => setWho(v as 'existing'), t('answer.existing'))}
            {radio(`who-${r.id}`, 'new', who, (v) => setWho(v as 'new'), t('answer.newPatient'))}
          </div>
          {who === 'existing' ? (
            patient ? (
              <p data-testid="chosen-patient">
                {t('answer.chosen', { name: `${patient.lastName}, ${patient.firstName}` })} ({patient.birthDate}){' '}
                <button type="button" className="link" onClick={() => setPatient(null)}>
                  ✕
                </button>
              </p>
            ) : (
              <form onSubmit={search}>
                <div className="row">
                  <input
                    aria-label={t('answer.search')}
                    placeholder={t('answer.search')}
                    value={query}
                    onChange={(e) => setQuery(e.target.value)}
                  />
                  <button type="submit">{t('answer.searchButton')}</button>
                </div>
                {found?.length === 0 && <p className="muted">{t('answer.noneFound')}</p>}
                <ul>
                  {found?.map((p) => (
                    <li key={p.id}>
                      {p.lastName}, {p.firstName} ({p.birthDate}
                      {p.idCodeMasked ? `, ${p.idCodeMasked}` : ''}){' '}
                      <button type="button" data-testid="choose-patient" onClick={() => setPatient(p)}>
                        {t('answer.choose')}
                      </button>
                    </li>
                  ))}
                </ul>
              </form>
            )
          ) : (
            <div data-testid="new-patient">
              <div className="grid2">
                <label>
                  {t('answer.firstName')}
                  <input
                    name="firstName"
                    value={names.firstName}
                    onChange={(e) => setNames({ ...names, firstName: e.target.value })}
                  />
                </label>
                <label>
                  {t('answer.lastName')}
                  <input
                    name="lastName"
                    value={names.lastName}
                    onChange={(e) => setNames({ ...names, lastName: e.target.value })}
                  />
                </label>
              </div>
              <p>{t('answer.identity')}:</p>
              <div className="row" role="radiogroup">
                {radio(`how-${r.id}`, 'document', how, (v) => setHow(v as 'document'), t('answer.withDocument'))}
                {radio(`how-${r.id}`, 'birth', how, (v) => setHow(v as 'birth'), t('answer.birthOnly'))}
              </div>
              {how === 'birth' ? (
                <label>
                  {t('answer.birthDate')}
                  <input
                    name="answerBirthDate"
                    type="date"
                    value={birthDate}
                    onChange={(e) => setBirthDate(e.target.value)}
                  />
                </label>
              ) : (
                <IdentityFields value={identity} onChange={setIdentity} prefix="answer-" />
              )}
            </div>
          )}
        </>
      )}
      <h3>{t('answer.time')}</h3>
      {wanted ? (
        <p>{t('answer.wanted', { when: `${whenLabel(wanted)}, ${nameOf(r.professionalId!)}` })}</p>
      ) : slots.length === 0 ? (
        <p className="muted">{t('answer.noTimes')}</p>
      ) : (
        <label>
          {t('answer.pickTime')}
          <select name="answerSlot" value={slot} onChange={(e) => setSlot(e.target.value)}>
            <option value="">—</option>
            {slots.map((s) => (
              <option key={`${s.professionalId}|${s.start}`} value={`${s.professionalId}|${s.start}`}>
                {whenLabel(s.start)} · {nameOf(s.professionalId)}
              </option>
            ))}
          </select>
        </label>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="row" style={{ marginTop: '0.6rem' }}>
        <button type="button" className="primary" data-testid="answer-confirm" onClick={confirm}>
          {t('answer.confirm')}
        </button>
        <button type="button" onClick={() => setDeclining(!declining)} aria-expanded={declining}>
          {t('answer.decline')}
        </button>
      </div>
      {declining && (
        <form onSubmit={decline} style={{ marginTop: '0.6rem' }}>
          <label>
            {t('answer.declineMessage', { name: person })}
            <textarea name="declineMessage" value={message} onChange={(e) => setMessage(e.target.value)} />
          </label>
          <button type="submit">{t('answer.declineSend')}</button>
        </form>
      )}
    </div>
  );
}
