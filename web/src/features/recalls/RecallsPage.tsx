import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiResponse, api } from '../../shell/api';
import { useErrorText } from '../../shell/errors';
import { formatDay } from '../../shell/format';
import { useSession } from '../../shell/session';

type Due = ApiResponse<'GET /api/recalls/due'>['items'][number];
type Interval = ApiResponse<'GET /api/recalls/intervals'>['items'][number];

const nameIn = (names: Record<string, string>, fallback: string, lang: string) => names[lang] ?? fallback;

/** Reception's recall list: who is due for a check-up, and an invitation where the ledger allows one. */
export function RecallsPage() {
  const { t, i18n } = useTranslation('recalls');
  const errorText = useErrorText();
  const { user } = useSession();
  const [items, setItems] = useState<Due[] | null>(null);
  const [intervals, setIntervals] = useState<Interval[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setItems((await api('GET /api/recalls/due')).items);
      setIntervals((await api('GET /api/recalls/intervals')).items);
    } catch (err) {
      setError(errorText(err));
    }
  }, [errorText]);
  useEffect(() => {
    void load();
  }, [load]);

  const invite = async (d: Due, channel: 'sms' | 'email') => {
    setError(null);
    setNotice(null);
    try {
      await api('POST /api/recalls/invitations', { body: { patientId: d.patientId, serviceId: d.serviceId, channel } });
      setNotice(t('queued', { name: d.name }));
      await load();
    } catch (err) {
      setError(errorText(err));
    }
  };

  const setMonths = async (serviceId: string, months: number) => {
    setError(null);
    try {
      await api('PUT /api/recalls/intervals/{serviceId}', { path: { serviceId }, body: { months } });
      await load();
    } catch (err) {
      setError(errorText(err));
    }
  };

  const state = (d: Due) => {
    if (d.invitation) return t(`invitation.${d.invitation.status}`, { day: formatDay(d.invitation.at) });
    if (!d.allowed) return t(`refusal.${d.refusal ?? 'other'}`);
    return t('invitation.none');
  };

  return (
    <div>
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="ok" role="status">
          {notice}
        </p>
      )}
      {items && items.length === 0 && <p className="muted">{t('empty')}</p>}
      {items && items.length > 0 && (
        <table className="stack" data-testid="recall-list">
          <thead>
            <tr>
              <th>{t('patient')}</th>
              <th>{t('service')}</th>
              <th>{t('lastVisit')}</th>
              <th>{t('due')}</th>
              <th>{t('state')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={`${d.patientId}:${d.serviceId}`} data-testid="recall-row" data-patient={d.patientId}>
                <td data-label={t('patient')}>{d.name}</td>
                <td data-label={t('service')}>{nameIn(d.serviceNames, d.serviceName, i18n.language)}</td>
                <td data-label={t('lastVisit')}>{formatDay(d.lastVisitAt)}</td>
                <td data-label={t('due')}>{formatDay(d.dueOn)}</td>
                <td data-label={t('state')}>
                  <span className={d.allowed ? 'badge' : 'badge flag'}>{state(d)}</span>
                </td>
                <td data-label="">
                  {d.allowed && d.invitation?.status !== 'queued' && (
                    <span style={{ display: 'inline-flex', gap: '0.4rem', flexWrap: 'wrap' }}>
                      <button type="button" disabled={!d.sms} onClick={() => void invite(d, 'sms')}>
                        {t('inviteSms')}
                      </button>
                      <button type="button" disabled={!d.email} onClick={() => void invite(d, 'email')}>
                        {t('inviteEmail')}
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {user?.roles.includes('admin') && intervals.length > 0 && (
        <section className="card">
          <h2>{t('intervals.title')}</h2>
          <p className="muted">{t('intervals.help')}</p>
          {intervals.map((i) => (
            <label key={i.serviceId} style={{ display: 'block' }}>
              {nameIn(i.names, i.name, i18n.language)}{' '}
              <select
                name={`months-${i.serviceId}`}
                value={i.months}
                onChange={(e) => void setMonths(i.serviceId, Number(e.target.value))}
              >
                {[0, 3, 4, 6, 9, 12, 18, 24].map((m) => (
                  <option key={m} value={m}>
                    {m === 0 ? t('intervals.none') : t('intervals.months', { count: m })}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </section>
      )}
    </div>
  );
}
