import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiBody, ApiError, type ApiResponse, api } from '../../shell/api';
import { formatWhen } from '../../shell/format';

type ConsentState = ApiResponse<'GET /api/patients/{id}/consents'>['items'][number];
type ConsentEvent = ApiResponse<'GET /api/patients/{id}/consents/history'>['items'][number];
type Text = ConsentState['name'];
type Action = ApiBody<'POST /api/patients/{id}/consents'>['action'];

const pick = (text: Text | null, lang: string) =>
  text === null
    ? ''
    : typeof text === 'string'
      ? text
      : (text[lang as keyof typeof text] ?? Object.values(text)[0] ?? '');
const channels = ['on_site', 'paper', 'phone', 'email'] as const;

/** A patient's consents and objections: staff record what the person said, through which channel. */
export function ConsentsPanel({ patientId }: { patientId: string }) {
  const { t, i18n } = useTranslation('consents');
  const [items, setItems] = useState<ConsentState[]>([]);
  const [history, setHistory] = useState<ConsentEvent[]>([]);
  const [channel, setChannel] = useState<(typeof channels)[number]>('on_site');
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const path = { id: patientId };
    setItems((await api('GET /api/patients/{id}/consents', { path })).items);
    setHistory((await api('GET /api/patients/{id}/consents/history', { path })).items);
  }, [patientId]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (purposeKey: string, action: Action) => {
    try {
      setError(null);
      await api('POST /api/patients/{id}/consents', { path: { id: patientId }, body: { purposeKey, action, channel } });
      await load();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  const names = new Map(items.map((i) => [i.purposeKey, pick(i.name, i18n.language)]));
  return (
    <div className="card" data-testid="consents">
      <div className="spread">
        <h2>{t('title')}</h2>
        <label>
          {t('channel')}
          <select name="consentChannel" value={channel} onChange={(e) => setChannel(e.target.value as typeof channel)}>
            {channels.map((c) => (
              <option key={c} value={c}>
                {t(`channels.${c}`)}
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
      {items.length === 0 ? (
        <p className="muted">{t('empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('purpose')}</th>
              <th>{t('basis')}</th>
              <th>{t('state')}</th>
              <th>{t('since')}</th>
              <th>{t('version')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.purposeKey} data-purpose={c.purposeKey}>
                <td>
                  <strong>{pick(c.name, i18n.language)}</strong>
                  {c.consentText && <div className="hint">{pick(c.consentText, i18n.language)}</div>}
                </td>
                <td>{t(c.basis)}</td>
                <td data-testid={`state-${c.purposeKey}`}>
                  <span className={c.allowed ? 'badge' : 'badge flag'}>{t(c.state)}</span>
                </td>
                <td>{c.since ? `${formatWhen(c.since, i18n.language)} (${t(`channels.${c.channel}`)})` : '—'}</td>
                <td>{c.noticeVersion ?? '—'}</td>
                <td>
                  {c.basis === 'consent' ? (
                    c.state === 'given' ? (
                      <button type="button" onClick={() => act(c.purposeKey, 'withdrawn')}>
                        {t('withdraw')}
                      </button>
                    ) : (
                      <button type="button" onClick={() => act(c.purposeKey, 'given')}>
                        {t('give')}
                      </button>
                    )
                  ) : c.state === 'objected' ? (
                    <button type="button" onClick={() => act(c.purposeKey, 'objection_withdrawn')}>
                      {t('lift')}
                    </button>
                  ) : (
                    <button type="button" onClick={() => act(c.purposeKey, 'objected')}>
                      {t('object')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {history.length > 0 && (
        <>
          <h3 style={{ marginTop: '1rem' }}>{t('history')}</h3>
          <ul>
            {history
              .slice()
              .reverse()
              .map((e) => (
                <li key={e.id}>
                  {formatWhen(e.recordedAt, i18n.language)} — {names.get(e.purposeKey) ?? e.purposeKey}: {t(e.action)} (
                  {t(`channels.${e.channel}`)})
                </li>
              ))}
          </ul>
        </>
      )}
    </div>
  );
}
