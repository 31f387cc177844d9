import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiResponse, api } from '../../shell/api';
import { useErrorText } from '../../shell/errors';
import { formatDay, formatWhen } from '../../shell/format';
import { whenLabel } from './PublicTimes';
import { RequestAnswer } from './RequestAnswer';

type Inbox = ApiResponse<'GET /api/booking-requests'>;

/**
 * Written booking requests, soonest due first: due today and overdue stand out. Each is answered in
 * one dialog (confirm with the patient and the time, or decline with a message); answered, declined
 * and lapsed requests are shown on demand.
 */
export function RequestsInbox() {
  const { t, i18n } = useTranslation('queue');
  const errorText = useErrorText();
  const [data, setData] = useState<Inbox | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const [all, setAll] = useState(false);
  const [answering, setAnswering] = useState<string | null>(null);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is the trigger: an action on the page reloads this.
  useEffect(() => {
    api('GET /api/booking-requests', { query: { all: all ? 'true' : 'false' } })
      .then(setData)
      .catch((e) => setMsg({ ok: false, text: errorText(e) }));
  }, [tick, all]);
  useEffect(() => {
    api('GET /api/queue/catalogue')
      .then((c) => setNames(Object.fromEntries(c.professionals.map((p) => [p.id, `${p.firstName} ${p.lastName}`]))))
      .catch(() => setNames({}));
  }, []);
  if (!data) return msg ? <p className="error">{msg.text}</p> : null;
  const nameOf = (id: string) => names[id] ?? '';
  const badge = (s: string) => (s === 'overdue' ? 'error' : s === 'due_today' ? 'warn' : '');
  return (
    <div>
      <h1>{t('requests.title')}</h1>
      <p className="row">
        <span className="badge error" data-testid="overdue-count">
          {t('requests.overdueCount', { n: data.overdue })}
        </span>
        <span className="badge warn">{t('requests.dueTodayCount', { n: data.dueToday })}</span>
        <button type="button" className="link" onClick={() => setAll(!all)}>
          {all ? t('answer.showOpen') : t('answer.showAll')}
        </button>
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
          <div key={r.id} className="card" data-testid="booking-request" data-name={`${r.firstName} ${r.lastName}`}>
            <div className="spread" style={{ flexWrap: 'wrap' }}>
              <strong>
                {r.lastName}, {r.firstName} <span className="muted">({r.idCode ?? formatDay(r.birthDate)})</span>
              </strong>
              <span className={`badge ${badge(r.state)}`} data-testid="request-state">
                {r.status === 'new'
                  ? `${t(`requests.${r.state}`)} · ${t('requests.due')} ${formatDay(r.dueDate)}`
                  : t(`answer.state.${r.status}`)}
              </span>
            </div>
            <p>
              {t('requests.contacts')}: {[r.mobile, r.email].filter(Boolean).join(', ')} · {t(`channel.${r.channel}`)} ·{' '}
              {formatWhen(r.receivedAt, i18n.language)}
            </p>
            {r.preferredStart && (
              <p>
                {t('requests.wanted')}: <strong>{whenLabel(r.preferredStart)}</strong>
                {r.professionalId && `, ${nameOf(r.professionalId)}`}
              </p>
            )}
            {r.message && (
              <p>
                {t('requests.message')}: {r.message}
              </p>
            )}
            {r.status === 'declined' && r.answerNote && <p className="muted">{r.answerNote}</p>}
            {r.status === 'new' &&
              (answering === r.id ? (
                <RequestAnswer
                  request={r}
                  nameOf={nameOf}
                  onClose={() => setAnswering(null)}
                  onDone={(text) => {
                    setAnswering(null);
                    setMsg({ ok: true, text });
                    setTick(tick + 1);
                  }}
                />
              ) : (
                <button
                  type="button"
                  className="primary"
                  data-testid="answer-request"
                  onClick={() => {
                    setMsg(null);
                    setAnswering(r.id);
                  }}
                >
                  {t('answer.open')}
                </button>
              ))}
          </div>
        ))
      )}
    </div>
  );
}
