import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiResponse, api, apiHref } from '../../shell/api';
import { addDays, dateTime, dayStartIso, localDay, today } from './time';
import { VisitDialog } from './VisitDialog';

/** Arrived and done from the visit's day on (the server refuses earlier). */
const due = (e: { startsAt: string | null }) => !e.startsAt || localDay(e.startsAt) <= today();

type Entry = ApiResponse<'GET /api/queue/entries'>['items'][number];
type Status = Entry['status'];
type Catalogue = ApiResponse<'GET /api/queue/catalogue'>;
type Problem = ApiResponse<'GET /api/queue/message-problems'>['items'][number];
const statuses: Status[] = ['waiting', 'booked', 'arrived', 'done', 'cancelled', 'no_show', 'removed'];

/** The queue with filters by time, professional and status; the desk's actions on each entry. */
export function QueueList() {
  const { t, i18n } = useTranslation('queue');
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState(addDays(today(), 14));
  const [status, setStatus] = useState<Status | ''>('');
  const [pro, setPro] = useState('');
  const [cat, setCat] = useState<Catalogue | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const pros = cat?.professionals ?? [];
  const [items, setItems] = useState<Entry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [problems, setProblems] = useState<Problem[]>([]);
  useEffect(() => {
    api('GET /api/queue/catalogue')
      .then(setCat)
      .catch(() => undefined);
  }, []);
  // Messages the provider refused or that wait for a retry: reception must see them.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is the trigger: an action on the page reloads this.
  useEffect(() => {
    api('GET /api/queue/message-problems')
      .then((r) => setProblems(r.items))
      .catch(() => undefined);
  }, [tick]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is the trigger: an action on the page reloads this.
  useEffect(() => {
    // The waiting list has no time: it is shown whole.
    const period = status === 'waiting' ? {} : { from: dayStartIso(from), to: dayStartIso(addDays(to, 1)) };
    api('GET /api/queue/entries', {
      query: { ...period, status: status || undefined, professionalId: pro || undefined },
    })
      .then((r) => setItems(r.items))
      .catch((e) => setError(String(e.message)));
  }, [from, to, status, pro, tick]);

  const run = async (call: () => Promise<unknown>) => {
    setError(null);
    try {
      await call();
      setTick(tick + 1);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const mark = (id: string, action: 'arrived' | 'done' | 'no-show') =>
    run(() => api(`POST /api/queue/entries/{id}/${action}`, { path: { id }, body: {} }));
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
          <select value={status} onChange={(e) => setStatus(e.target.value as Status | '')} data-testid="queue-status">
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
      {open && cat && (
        <VisitDialog id={open} cat={cat} onClose={() => setOpen(null)} onChanged={() => setTick((n) => n + 1)} />
      )}
      {items.length === 0 ? (
        <p className="muted">{t('list.none')}</p>
      ) : (
        <table className="stack" data-testid="queue-table">
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
                <td data-label={t('list.time')}>{e.startsAt ? dateTime(e.startsAt, i18n.language) : '—'}</td>
                <td data-label={t('list.patient')}>
                  {e.patient.lastName}, {e.patient.firstName}
                  {e.emergency && <span className="badge warn"> {t('list.emergency')}</span>}
                </td>
                <td data-label={t('list.idCode')}>{e.patient.idCode ?? e.patient.birthDate}</td>
                <td data-label={t('list.professional')}>{proName(e.professionalId)}</td>
                <td data-label={t('list.status')}>{t(`status.${e.status}`)}</td>
                <td data-label={t('list.registered')}>
                  {dateTime(e.registeredAt, i18n.language)} · {t(`channel.${e.channel}`)}
                </td>
                <td className="row" style={{ flexWrap: 'wrap' }}>
                  {e.status === 'booked' && due(e) && (
                    <button type="button" onClick={() => mark(e.id, 'arrived')}>
                      {t('actions.arrived')}
                    </button>
                  )}
                  {(e.status === 'booked' || e.status === 'arrived') && due(e) && (
                    <button type="button" onClick={() => mark(e.id, 'done')}>
                      {t('actions.done')}
                    </button>
                  )}
                  {e.status === 'booked' && e.startsAt && new Date(e.startsAt).getTime() <= Date.now() && (
                    <button type="button" onClick={() => mark(e.id, 'no-show')}>
                      {t('actions.noShow')}
                    </button>
                  )}
                  {(e.status === 'booked' || e.status === 'waiting') && (
                    <button type="button" onClick={() => setOpen(e.id)}>
                      {t('actions.cancel')}
                    </button>
                  )}
                  {e.startsAt && (
                    <a
                      href={apiHref('GET /api/queue/entries/{id}/notice.pdf', { path: { id: e.id } })}
                      target="_blank"
                      rel="noreferrer"
                    >
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
