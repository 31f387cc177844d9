import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiResponse, api } from '../../shell/api';
import { useErrorText } from '../../shell/errors';
import { formatWhen } from '../../shell/format';
import { Link } from '../../shell/router';
import { hasAnyRole, useSession } from '../../shell/session';

type Campaign = ApiResponse<'GET /api/campaigns'>['items'][number];
type Detail = ApiResponse<'GET /api/campaigns/{id}'>;

/**
 * Newsletters and offers: an administrator writes one and sends it; it goes only to those whose
 * consent is in the ledger when each message leaves. The DPO reads who got each and on which consent.
 */
export function CampaignsPage() {
  const { t, i18n } = useTranslation('recalls');
  const { user } = useSession();
  const labelOf = useCallback((field: string) => t(`campaign.${field}`, { defaultValue: '' }) || undefined, [t]);
  const errorText = useErrorText(labelOf);
  const [items, setItems] = useState<Campaign[]>([]);
  const [f, setF] = useState({ channel: 'email' as 'email' | 'sms', subject: '', body: '' });
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setItems((await api('GET /api/campaigns')).items);
    } catch (err) {
      setError(errorText(err));
    }
  }, [errorText]);
  useEffect(() => {
    void load();
  }, [load]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    try {
      await api('POST /api/campaigns', { body: f });
      setNotice(t('campaign.sentNotice'));
      setF({ ...f, subject: '', body: '' });
      await load();
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <div>
      <h1>{t('campaign.title')}</h1>
      <p className="muted">{t('campaign.intro')}</p>
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
      {hasAnyRole(user, ['admin']) && (
        <form className="card" onSubmit={(e) => void submit(e)}>
          <label style={{ display: 'block' }}>
            {t('campaign.channel')}{' '}
            <select
              name="channel"
              value={f.channel}
              onChange={(e) => setF({ ...f, channel: e.target.value as 'email' | 'sms' })}
            >
              <option value="email">{t('channels.email')}</option>
              <option value="sms">{t('channels.sms')}</option>
            </select>
          </label>
          <label style={{ display: 'block' }}>
            {t('campaign.subject')}
            <input
              name="subject"
              value={f.subject}
              onChange={(e) => setF({ ...f, subject: e.target.value })}
              style={{ width: '100%', boxSizing: 'border-box' }}
            />
          </label>
          <label style={{ display: 'block' }}>
            {t('campaign.body')}
            <textarea
              name="body"
              rows={6}
              value={f.body}
              onChange={(e) => setF({ ...f, body: e.target.value })}
              style={{ width: '100%', boxSizing: 'border-box' }}
            />
          </label>
          <p className="muted">{t('campaign.footerNote')}</p>
          <button type="submit">{t('campaign.send')}</button>
        </form>
      )}
      <h2>{t('campaign.sentList')}</h2>
      {items.length === 0 ? (
        <p className="muted">{t('campaign.none')}</p>
      ) : (
        <table className="stack" data-testid="campaigns">
          <thead>
            <tr>
              <th>{t('campaign.when')}</th>
              <th>{t('campaign.subject')}</th>
              <th>{t('campaign.channel')}</th>
              <th>{t('campaign.sent')}</th>
              <th>{t('campaign.skipped')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id}>
                <td data-label={t('campaign.when')}>{formatWhen(c.createdAt, i18n.language)}</td>
                <td data-label={t('campaign.subject')}>
                  <Link to={`/campaigns/${c.id}`}>{c.subject}</Link>
                </td>
                <td data-label={t('campaign.channel')}>{t(`channels.${c.channel}`)}</td>
                <td data-label={t('campaign.sent')}>{c.sent}</td>
                <td data-label={t('campaign.skipped')}>{c.skipped}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** One campaign: who got it, who was skipped and why, and the consent event each message rested on. */
export function CampaignPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation('recalls');
  const errorText = useErrorText();
  const [c, setC] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api('GET /api/campaigns/{id}', { path: { id } }).then(setC, (err) => setError(errorText(err)));
  }, [id, errorText]);
  return (
    <div>
      <p>
        <Link to="/campaigns">← {t('campaign.back')}</Link>
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {c && (
        <>
          <h1>{c.subject}</h1>
          <p className="muted">
            {formatWhen(c.createdAt, i18n.language)} · {t(`channels.${c.channel}`)}
          </p>
          <p style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{c.body}</p>
          <table className="stack" data-testid="campaign-messages">
            <thead>
              <tr>
                <th>{t('patient')}</th>
                <th>{t('state')}</th>
                <th>{t('campaign.consentEvent')}</th>
              </tr>
            </thead>
            <tbody>
              {c.messages.map((m) => (
                <tr key={m.patientId} data-testid="campaign-message" data-status={m.status}>
                  <td data-label={t('patient')}>{m.name}</td>
                  <td data-label={t('state')}>
                    <span className={m.status === 'sent' ? 'badge' : 'badge flag'}>
                      {t(`campaign.status.${m.status}`)} · {formatWhen(m.at, i18n.language)}
                    </span>
                    {m.reason && <div className="muted">{reasonText(t, m.reason)}</div>}
                  </td>
                  <td data-label={t('campaign.consentEvent')}>
                    <code style={{ overflowWrap: 'anywhere' }}>{m.consentEventId ?? '—'}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

/** The server records why a message was skipped in English; the page says it in the reader's words. */
function reasonText(t: (k: string, o?: Record<string, unknown>) => string, reason: string) {
  const key = /withdrew/.test(reason)
    ? 'withdrawn'
    : /objected/.test(reason)
      ? 'objected'
      : /restricted/.test(reason)
        ? 'restricted'
        : /not consented/.test(reason)
          ? 'no_consent'
          : /mobile|e-mail/.test(reason)
            ? 'no_contact'
            : 'other';
  return t(`refusal.${key}`);
}
