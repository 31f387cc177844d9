import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessHistoryTable } from '../../shell/AccessHistoryTable';
import { type ApiBody, ApiError, type ApiResponse, api } from '../../shell/api';
import type { Language } from '../../shell/feature';
import { formatDay, formatWhen } from '../../shell/format';

/** The portal's tabs: the person's details, who looked at their data, their consents, their visits. */
export type Me = ApiResponse<'GET /api/portal/me'>;
type Consent = ApiResponse<'GET /api/portal/consents'>['items'][number];
type ConsentAction = ApiBody<'POST /api/portal/consents'>['action'];
type Localized = Consent['name'] | null;

const pick = (v: Localized, lang: Language) =>
  typeof v === 'string' ? v : (v?.[lang] ?? v?.en ?? (v ? Object.values(v)[0] : '') ?? '');
const loadAccessHistory = () => api('GET /api/portal/access-history');
const loadVisits = () => api('GET /api/portal/visits');

/** Loads once per `load` (a memoised request); an ended portal session (401) is reported, not shown. */
function useLoad<T>(load: () => Promise<T>, onExpired: () => void) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The page hands a new callback on each render; the latest one is called, without reloading.
  const expired = useRef(onExpired);
  expired.current = onExpired;
  useEffect(() => {
    load()
      .then(setData)
      .catch((e) => (e instanceof ApiError && e.status === 401 ? expired.current() : setError(String(e.message))));
  }, [load]);
  return { data, error };
}

export function Details({ me }: { me: Me }) {
  const { t } = useTranslation('portal');
  const p = me.patient;
  const dpo = me.clinic.dataProtectionContact;
  const dpoText = [dpo.name, dpo.email ?? me.clinic.contacts.email, dpo.phone ?? me.clinic.contacts.phone]
    .filter(Boolean)
    .join(' · ');
  return (
    <div className="card">
      <dl className="facts portal-facts" data-testid="portal-details">
        <dt>{t('details.name')}</dt>
        <dd>
          {p.firstName} {p.lastName}
        </dd>
        <dt>{t('details.birthDate')}</dt>
        <dd>{formatDay(p.birthDate)}</dd>
        <dt>{t('details.mobile')}</dt>
        <dd>{p.mobile ?? t('details.none')}</dd>
        <dt>{t('details.email')}</dt>
        <dd>{p.email ?? t('details.none')}</dd>
        <dt>{t('details.address')}</dt>
        <dd>
          {p.address
            ? `${p.address.street}, ${p.address.postalCode} ${p.address.city}, ${p.address.country}`
            : t('details.none')}
        </dd>
        <dt>{t('details.language')}</dt>
        <dd>{t(`languages.${p.preferredLanguage}`)}</dd>
        <dt>{t('details.clinic')}</dt>
        <dd>{me.clinic.name}</dd>
        <dt>{t('details.dpo')}</dt>
        <dd>{dpoText || t('details.none')}</dd>
      </dl>
      <p className="hint">{t('details.dpoHint')}</p>
    </div>
  );
}

export function AccessHistory({ onExpired }: { onExpired: () => void }) {
  const { t } = useTranslation('portal');
  const { data, error } = useLoad(loadAccessHistory, onExpired);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p>{t('shell:loading')}</p>;
  return (
    <div>
      <p className="muted">{t('access.intro')}</p>
      {data.items.length === 0 ? (
        <p className="card muted">{t('access.none')}</p>
      ) : (
        <AccessHistoryTable
          items={data.items}
          testId="portal-access-history"
          ns="portal"
          flaggedKey="access.breakGlass"
          roleWord={(r) => t(`roles.${r}`, { defaultValue: r })}
          ownWords={(a) => t(`actions.${a}`, { defaultValue: '' }) || undefined}
        />
      )}
    </div>
  );
}

/** The person's consents; a representative sees them (`readOnly`): they are changed at the clinic. */
export function Consents({ onExpired, readOnly = false }: { onExpired: () => void; readOnly?: boolean }) {
  const { t, i18n } = useTranslation('portal');
  const lang = i18n.language as Language;
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the trigger: a recorded choice reloads the list.
  const load = useCallback(() => api('GET /api/portal/consents'), [version]);
  const { data, error } = useLoad(load, onExpired);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p>{t('shell:loading')}</p>;
  const act = async (purposeKey: string, action: ConsentAction) => {
    setBusy(purposeKey);
    setMessage(null);
    try {
      await api('POST /api/portal/consents', { body: { purposeKey, action } });
      setMessage(t('consents.saved'));
      setVersion((v) => v + 1);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) onExpired();
      else setMessage(String((e as Error).message));
    } finally {
      setBusy(null);
    }
  };
  const button = (c: Consent): [ConsentAction, string] =>
    c.basis === 'consent'
      ? c.allowed
        ? ['withdrawn', 'withdraw']
        : ['given', 'give']
      : c.allowed
        ? ['objected', 'object']
        : ['objection_withdrawn', 'unobject'];
  return (
    <div>
      <p className="muted">{readOnly ? t('acting.consentsAtClinic') : t('consents.intro')}</p>
      {message && (
        <p className="ok" role="status">
          {message}
        </p>
      )}
      {data.items.length === 0 ? (
        <p className="card muted">{t('consents.none')}</p>
      ) : (
        data.items.map((c) => {
          const [action, label] = button(c);
          return (
            <div key={c.purposeKey} className="card spread" data-testid={`consent-${c.purposeKey}`}>
              <div>
                <h3>
                  {pick(c.name, lang)} <span className="badge">{t(`consents.basis.${c.basis}`)}</span>
                </h3>
                {c.consentText && <p className="hint">{pick(c.consentText, lang)}</p>}
                <p className={c.allowed ? 'ok' : 'muted'} data-testid="consent-state">
                  {t(`consents.state.${c.state}`)}
                  {c.since ? ` (${t('consents.since', { date: formatDay(c.since) })})` : ''}
                </p>
              </div>
              {!readOnly && (
                <button
                  type="button"
                  className={action === 'given' || action === 'objection_withdrawn' ? 'primary' : ''}
                  disabled={busy === c.purposeKey}
                  onClick={() => act(c.purposeKey, action)}
                >
                  {t(`consents.${label}`)}
                </button>
              )}
            </div>
          );
        })
      )}
    </div>
  );
}

export function Visits({ onExpired }: { onExpired: () => void }) {
  const { t, i18n } = useTranslation('portal');
  const lang = i18n.language as Language;
  const { data, error } = useLoad(loadVisits, onExpired);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p>{t('shell:loading')}</p>;
  return (
    <div>
      <p className="muted">{t('visits.intro')}</p>
      {data.items.length === 0 ? (
        <p className="card muted">{t('visits.none')}</p>
      ) : (
        <table className="card" data-testid="portal-visits">
          <thead>
            <tr>
              <th>{t('visits.when')}</th>
              <th>{t('visits.professional')}</th>
              <th>{t('visits.service')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((v) => (
              <tr key={v.id}>
                <td>{formatWhen(v.startsAt, lang)}</td>
                <td>{v.professional ?? '—'}</td>
                <td>{v.serviceNames[lang] ?? v.service ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
