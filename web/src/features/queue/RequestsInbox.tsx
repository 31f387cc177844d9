import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiResponse, api } from '../../shell/api';
import { dateTime } from './time';

type Inbox = ApiResponse<'GET /api/booking-requests'>;
type Request = Inbox['items'][number];

/** Written booking requests, soonest due first: due today and overdue stand out. */
export function RequestsInbox() {
  const { t, i18n } = useTranslation('queue');
  const [data, setData] = useState<Inbox | null>(null);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is the trigger: an action on the page reloads this.
  useEffect(() => {
    api('GET /api/booking-requests')
      .then(setData)
      .catch((e) => setMsg({ ok: false, text: String(e.message) }));
  }, [tick]);
  const confirm = async (r: Request) => {
    try {
      await api('POST /api/booking-requests/{id}/confirm', { path: { id: r.id }, body: {} });
      setMsg({ ok: true, text: t('requests.confirmed') });
      setTick(tick + 1);
    } catch (e) {
      setMsg({ ok: false, text: e instanceof ApiError ? e.message : String(e) });
    }
  };
  const decline = async (r: Request) => {
    const note = window.prompt(t('requests.note'));
    if (!note) return;
    await api('POST /api/booking-requests/{id}/decline', { path: { id: r.id }, body: { note } });
    setTick(tick + 1);
  };
  if (!data) return msg ? <p className="error">{msg.text}</p> : null;
  return (
    <div>
      <h1>{t('requests.title')}</h1>
      <p className="row">
        <span className="badge error" data-testid="overdue-count">
          {t('requests.overdueCount', { n: data.overdue })}
        </span>
        <span className="badge warn">{t('requests.dueTodayCount', { n: data.dueToday })}</span>
      </p>
      {msg && (
        <p className={msg.ok ? 'ok' : 'error'} role="status">
          {msg.text}
        </p>
      )}
      {data.items.length === 0 ? (
        <p className="muted">{t('requests.none')}</p>
      ) : (
        data.items.map((r) => (
          <div key={r.id} className="card" data-testid="booking-request">
            <div className="spread">
              <strong>
                {r.lastName}, {r.firstName} <span className="muted">({r.idCode ?? r.birthDate})</span>
              </strong>
              <span className={`badge ${r.state === 'overdue' ? 'error' : r.state === 'due_today' ? 'warn' : ''}`}>
                {t(`requests.${r.state}`)} · {t('requests.due')} {r.dueDate}
              </span>
            </div>
            <p>
              {t('requests.contacts')}: {[r.mobile, r.email].filter(Boolean).join(', ')} · {t(`channel.${r.channel}`)} ·{' '}
              {dateTime(r.receivedAt, i18n.language)}
            </p>
            {r.preferredStart && (
              <p>
                {t('requests.wanted')}: <strong>{dateTime(r.preferredStart, i18n.language)}</strong>
              </p>
            )}
            {r.message && (
              <p>
                {t('requests.message')}: {r.message}
              </p>
            )}
            <div className="row">
              {r.preferredStart && (
                <button type="button" className="primary" onClick={() => confirm(r)}>
                  {t('requests.confirm')}
                </button>
              )}
              <button type="button" onClick={() => decline(r)}>
                {t('requests.decline')}
              </button>
            </div>
          </div>
        ))
      )}
    </div>
  );
}
