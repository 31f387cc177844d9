import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiBody, ApiError, type ApiResponse, api, apiHref } from '../../shell/api';
import type { Language } from '../../shell/feature';
import { formatDay } from '../../shell/format';
import { DisclosureList } from './PatientRightsTab';
import { requestKinds } from './RequestsPage';
import { OutcomeLine, Timeline, useAction } from './shared';

type MyRequest = ApiResponse<'GET /api/portal/requests'>['items'][number];
type Disclosure = ApiResponse<'GET /api/portal/disclosures'>['items'][number];
type Kind = ApiBody<'POST /api/portal/requests'>['kind'];

/** The portal's "My rights" tab: ask, follow each request on its clock, download my data. */
export function PortalRequests({ onExpired }: { onExpired: () => void }) {
  const { t, i18n } = useTranslation('rights');
  const [items, setItems] = useState<MyRequest[] | null>(null);
  const [kind, setKind] = useState<Kind>('access');
  const [details, setDetails] = useState('');
  const { outcome, busy, run } = useAction();
  const load = useCallback(() => {
    api('GET /api/portal/requests')
      .then((r) => setItems(r.items))
      .catch((e) => (e instanceof ApiError && e.status === 401 ? onExpired() : setItems([])));
  }, [onExpired]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded once; `load` changes with the page's callback.
  useEffect(load, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api('POST /api/portal/requests', {
        body: { kind, details: details.trim() || undefined, language: i18n.language as Language },
      });
      setDetails('');
      load();
    }, t('portal.filed'));
  };
  return (
    <div className="rights-page">
      <p className="muted">{t('portal.intro')}</p>
      <form className="card" onSubmit={submit} data-testid="portal-new-request">
        <h3>{t('portal.ask')}</h3>
        <label>
          {t('portal.what')}
          <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {requestKinds
              .filter((k) => k !== 'objection' && k !== 'consent_withdrawal')
              .map((k) => (
                <option key={k} value={k}>
                  {t(`portal.kinds.${k}`)}
                </option>
              ))}
          </select>
        </label>
        <label>
          {t('portal.details')}
          <textarea name="details" rows={3} value={details} onChange={(e) => setDetails(e.target.value)} />
        </label>
        <p className="hint">{t('portal.objectionHint')}</p>
        <OutcomeLine outcome={outcome} />
        <button type="submit" className="primary" disabled={busy}>
          {t('portal.send')}
        </button>
      </form>
      <div className="card rights-downloads" data-testid="portal-downloads">
        <h3>{t('portal.download')}</h3>
        <p className="hint">{t('portal.downloadHint')}</p>
        {(['pdf', 'csv', 'fhir'] as const).map((format) => (
          <a key={format} href={apiHref('GET /api/portal/export', { query: { format } })} download>
            {t(`formats.${format}`)}
          </a>
        ))}
      </div>
      <h3>{t('portal.mine')}</h3>
      {items && items.length === 0 && <p className="card muted">{t('portal.none')}</p>}
      {items?.map((r) => (
        <div key={r.id} className="card" data-testid="portal-request">
          <div className="spread">
            <strong>{t(`portal.kinds.${r.kind}`)}</strong>
            <span className={r.status === 'refused' ? 'badge flag' : 'badge'} data-testid="portal-request-status">
              {t(`portal.statuses.${r.status}`)}
            </span>
          </div>
          <p className="muted">
            {t('requests.receivedOn', { date: formatDay(r.receivedOn) })} ·{' '}
            {t('portal.dueOn', { date: formatDay(r.effectiveDueOn) })}
          </p>
          {r.extendedDueOn && (
            <p className="hint">
              {t('portal.extended', { date: formatDay(r.extendedDueOn), reasons: r.extensionReasons })}
            </p>
          )}
          {r.answer && <div className="rights-answer">{r.answer}</div>}
          {r.complaintAuthority && (
            <p className="hint">
              {t('requests.authority', { name: r.complaintAuthority.name })} {r.complaintAuthority.website}
            </p>
          )}
          <details>
            <summary>{t('requests.timeline')}</summary>
            <Timeline steps={r.timeline} prefix="requests" />
          </details>
        </div>
      ))}
    </div>
  );
}

/** The portal's "Who received my data" tab. */
export function PortalDisclosures({ onExpired }: { onExpired: () => void }) {
  const { t } = useTranslation('rights');
  const [items, setItems] = useState<Disclosure[] | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded once when the tab opens.
  useEffect(() => {
    api('GET /api/portal/disclosures')
      .then((r) => setItems(r.items))
      .catch((e) => (e instanceof ApiError && e.status === 401 ? onExpired() : setItems([])));
  }, []);
  return (
    <div className="rights-page">
      <p className="muted">{t('portal.disclosuresIntro')}</p>
      <div className="card">{items ? <DisclosureList items={items} /> : <p>{t('shell:loading')}</p>}</div>
    </div>
  );
}
