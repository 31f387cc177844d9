import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../shell/api';
import { addDays, dateTime, dayStartIso, today } from './time';

interface Entry {
  id: string;
  status: string;
  emergency: boolean;
  channel: string;
  registeredAt: string;
  startsAt: string | null;
  professionalId: string | null;
  patient: { id: string; firstName?: string; lastName?: string; birthDate?: string; idCode?: string | null };
}
const statuses = ['waiting', 'booked', 'arrived', 'done', 'cancelled', 'no_show', 'removed'];

/** The queue with filters by time, professional and status; the desk's actions on each entry. */
export function QueueList() {
  const { t, i18n } = useTranslation('queue');
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState(addDays(today(), 14));
  const [status, setStatus] = useState('');
  const [pro, setPro] = useState('');
  const [pros, setPros] = useState<{ id: string; firstName: string; lastName: string }[]>([]);
  const [items, setItems] = useState<Entry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [problems, setProblems] = useState<
    { id: string; kind: string; status: string; attempts: number; lastError: string | null; channel: string }[]
  >([]);
  useEffect(() => {
    api('GET', '/api/queue/catalogue')
      .then((c) => setPros(c.professionals))
      .catch(() => undefined);
  }, []);
  // Messages the provider refused or that wait for a retry: reception must see them.
  useEffect(() => {
    api('GET', '/api/queue/message-problems')
      .then((r) => setProblems(r.items))
      .catch(() => undefined);
  }, [tick]);
  useEffect(() => {
    const q = new URLSearchParams();
    if (status !== 'waiting') {
      q.set('from', dayStartIso(from));
      q.set('to', dayStartIso(addDays(to, 1)));
    }
    if (status) q.set('status', status);
    if (pro) q.set('professionalId', pro);
    api<{ items: Entry[] }>('GET', `/api/queue/entries?${q}`)
      .then((r) => setItems(r.items))
      .catch((e) => setError(String(e.message)));
  }, [from, to, status, pro, tick]);

  const act = async (id: string, action: string) => {
    setError(null);
    let body: Record<string, unknown> = {};
    if (action === 'cancel') {
      const reason = window.prompt(t('actions.reason'));
      if (!reason) return;
      body = { reason, by: 'patient', patientInformed: window.confirm(t('actions.informed')) };
    }
    try {
      await api('POST', `/api/queue/entries/${id}/${action}`, body);
      setTick(tick + 1);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const proName = (id: string | null) => {
    const p = pros.find((x) => x.id === id);
    return p ? `${p.firstName} ${p.lastName}` : '—';
  };
  return (
    <div>
      <h1>{t('list.title')}</h1>
      <div className="row card">
        <label>
          {t('list.from')}
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('list.to')}
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>
          {t('list.professional')}
          <select value={pro} onChange={(e) => setPro(e.target.value)}>
            <option value="">{t('list.all')}</option>
            {pros.map((p) => (
              <option key={p.id} value={p.id}>
                {p.firstName} {p.lastName}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('list.status')}
          <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="queue-status">
            <option value="">{t('list.all')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
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
      {problems.length > 0 && (
        <div className="card" data-testid="message-problems">
          <strong className="warn">{t('problems.title')}</strong>
          <ul>
            {problems.map((p) => (
              <li key={p.id}>
                {t(`problems.${p.kind}`)} · {p.channel} · {t(`problems.${p.status}`)} ({p.attempts}×): {p.lastError}
              </li>
            ))}
          </ul>
        </div>
      )}
      {items.length === 0 ? (
        <p className="muted">{t('list.none')}</p>
      ) : (
        <table data-testid="queue-table">
          <thead>
            <tr>
              <th>{t('list.time')}</th>
              <th>{t('list.patient')}</th>
              <th>{t('list.idCode')}</th>
              <th>{t('list.professional')}</th>
              <th>{t('list.status')}</th>
              <th>{t('list.registered')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td>{e.startsAt ? dateTime(e.startsAt, i18n.language) : '—'}</td>
                <td>
                  {e.patient.lastName}, {e.patient.firstName}
                  {e.emergency && <span className="badge warn"> {t('list.emergency')}</span>}
                </td>
                <td>{e.patient.idCode ?? e.patient.birthDate}</td>
                <td>{proName(e.professionalId)}</td>
                <td>{t(`status.${e.status}`)}</td>
                <td>
                  {dateTime(e.registeredAt, i18n.language)} · {t(`channel.${e.channel}`)}
                </td>
                <td className="row">
                  {e.status === 'booked' && (
                    <button onClick={() => act(e.id, 'arrived')}>{t('actions.arrived')}</button>
                  )}
                  {(e.status === 'booked' || e.status === 'arrived') && (
                    <button onClick={() => act(e.id, 'done')}>{t('actions.done')}</button>
                  )}
                  {e.status === 'booked' && <button onClick={() => act(e.id, 'no-show')}>{t('actions.noShow')}</button>}
                  {(e.status === 'booked' || e.status === 'waiting') && (
                    <button onClick={() => act(e.id, 'cancel')}>{t('actions.cancel')}</button>
                  )}
                  {e.startsAt && (
                    <a href={`/api/queue/entries/${e.id}/notice.pdf`} target="_blank" rel="noreferrer">
                      {t('actions.notice')}
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
