import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, setCsrfToken } from '../../shell/api';
import { type Language, languages } from '../../shell/feature';
import { setLanguage } from '../../shell/i18n';
import { Link, useRouter } from '../../shell/router';

type Localized = Partial<Record<Language, string>> | string | null | undefined;
const pick = (v: Localized, lang: Language) =>
  typeof v === 'string' ? v : (v?.[lang] ?? v?.en ?? (v ? Object.values(v)[0] : '') ?? '');

interface Me {
  patient: {
    firstName: string;
    lastName: string;
    birthDate: string;
    mobile: string | null;
    email: string | null;
    preferredLanguage: Language;
    address: { street: string; city: string; postalCode: string; country: string } | null;
  };
  clinic: {
    name: string;
    contacts: { email?: string; phone?: string };
    dataProtectionContact: { name?: string; email?: string; phone?: string };
  };
  csrfToken: string;
}
interface Access {
  at: string;
  staffName: string | null;
  role: string | null;
  action: string;
  purpose: string;
  reason: string | null;
  breakGlass: boolean;
  outcome: string;
}
interface Consent {
  purposeKey: string;
  name: Localized;
  basis: 'consent' | 'legitimate_interest';
  consentText: Localized;
  state: string;
  allowed: boolean;
  since: string | null;
}
interface Visit {
  id: string;
  startsAt: string;
  professional: string | null;
  service: string | null;
  serviceNames: Partial<Record<Language, string>>;
}

function LanguageSelect() {
  const { i18n } = useTranslation();
  return (
    <select
      aria-label="language"
      data-testid="portal-language"
      value={i18n.language}
      onChange={(e) => setLanguage(e.target.value as Language)}
    >
      {languages.map((l) => (
        <option key={l} value={l}>
          {l.toUpperCase()}
        </option>
      ))}
    </select>
  );
}

const when = (iso: string, lang: string) =>
  new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
const day = (iso: string) => iso.slice(0, 10).split('-').reverse().join('.');

/** /portal: ask for a sign-in link. The answer is the same whether or not the address is known. */
export function PortalRequest() {
  const { t, i18n } = useTranslation('portal');
  const [clinic, setClinic] = useState(() => new URLSearchParams(window.location.search).get('clinic') ?? '');
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('POST', '/api/portal/login-link', { clinic: clinic.trim(), email: email.trim(), lang: i18n.language });
      setSent(true);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 400 ? t('request.failed') : String((err as Error).message));
    }
  };
  return (
    <form onSubmit={submit} className="card narrow">
      <div className="login-head">
        <h1>{t('title')}</h1>
        <LanguageSelect />
      </div>
      <h2>{t('request.heading')}</h2>
      <p className="muted">{t('request.intro')}</p>
      {sent ? (
        <p className="ok" role="status" data-testid="portal-link-sent">
          {t('request.sent')}
        </p>
      ) : (
        <>
          <label>
            {t('request.clinic')}
            <input
              name="clinic"
              value={clinic}
              onChange={(e) => setClinic(e.target.value)}
              required
              autoComplete="organization"
            />
          </label>
          <label>
            {t('request.email')}
            <input
              name="email"
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
              autoComplete="email"
            />
          </label>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary">
            {t('request.submit')}
          </button>
        </>
      )}
    </form>
  );
}

/** /portal/enter?token=…: spends the link for a session, takes the token out of the address bar, opens the portal. */
export function PortalEnter() {
  const { t } = useTranslation('portal');
  const { navigate } = useRouter();
  const [failed, setFailed] = useState(false);
  const spent = useRef(false);
  useEffect(() => {
    // A link works once: never send it twice (React runs effects twice in development).
    if (spent.current) return;
    spent.current = true;
    const params = new URLSearchParams(window.location.search);
    const token = params.get('token') ?? '';
    const lang = params.get('lang');
    if (lang && (languages as string[]).includes(lang)) setLanguage(lang as Language);
    window.history.replaceState({}, '', '/portal/enter');
    api<{ csrfToken: string }>('POST', '/api/portal/session', { token })
      .then((r) => {
        setCsrfToken(r.csrfToken);
        navigate('/portal/home');
      })
      .catch(() => setFailed(true));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <div className="card narrow">
      <h1>{t('title')}</h1>
      {failed ? (
        <>
          <p className="error" role="alert">
            {t('enter.failed')}
          </p>
          <Link to="/portal">{t('enter.askNew')}</Link>
        </>
      ) : (
        <p>{t('enter.checking')}</p>
      )}
    </div>
  );
}

type Tab = 'details' | 'access' | 'consents' | 'visits';

/** /portal/home: the signed-in person's own page. */
export function PortalHome() {
  const { t } = useTranslation('portal');
  const { navigate } = useRouter();
  const [me, setMe] = useState<Me | null>(null);
  const [signedOut, setSignedOut] = useState(false);
  const [tab, setTab] = useState<Tab>('details');
  useEffect(() => {
    api<Me>('GET', '/api/portal/me')
      .then((m) => {
        setCsrfToken(m.csrfToken);
        setMe(m);
      })
      .catch(() => setSignedOut(true));
  }, []);
  if (signedOut)
    return (
      <div className="card narrow">
        <h1>{t('title')}</h1>
        <p>{t('home.signedOut')}</p>
        <Link to="/portal">{t('home.signIn')}</Link>
      </div>
    );
  if (!me) return <p>{t('shell:loading')}</p>;
  const onExpired = () => setSignedOut(true);
  return (
    <div>
      <div className="spread">
        <div>
          <h1 data-testid="portal-name">
            {t('home.hello', { name: `${me.patient.firstName} ${me.patient.lastName}` })}
          </h1>
          <p className="muted">
            {me.clinic.name} · {t('title')}
          </p>
        </div>
        <div className="row">
          <LanguageSelect />
          <button
            className="link"
            onClick={async () => {
              await api('POST', '/api/portal/logout').catch(() => undefined);
              setCsrfToken(null);
              navigate('/portal');
            }}
          >
            {t('home.signOut')}
          </button>
        </div>
      </div>
      <div className="tabs" role="tablist">
        {(['details', 'access', 'consents', 'visits'] as Tab[]).map((k) => (
          <button
            key={k}
            role="tab"
            aria-selected={tab === k}
            className={tab === k ? 'active' : ''}
            onClick={() => setTab(k)}
          >
            {t(`tabs.${k}`)}
          </button>
        ))}
      </div>
      {tab === 'details' && <Details me={me} />}
      {tab === 'access' && <AccessHistory onExpired={onExpired} />}
      {tab === 'consents' && <Consents onExpired={onExpired} />}
      {tab === 'visits' && <Visits onExpired={onExpired} />}
    </div>
  );
}

function useLoad<T>(url: string, onExpired: () => void, version = 0) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<T>('GET', url)
      .then(setData)
      .catch((e) => (e instanceof ApiError && e.status === 401 ? onExpired() : setError(String(e.message))));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url, version]);
  return { data, error };
}

function Details({ me }: { me: Me }) {
  const { t } = useTranslation('portal');
  const p = me.patient;
  const dpo = me.clinic.dataProtectionContact;
  const dpoText = [dpo.name, dpo.email ?? me.clinic.contacts.email, dpo.phone ?? me.clinic.contacts.phone]
    .filter(Boolean)
    .join(' · ');
  return (
    <div className="card">
      <dl className="facts" data-testid="portal-details">
        <dt>{t('details.name')}</dt>
        <dd>
          {p.firstName} {p.lastName}
        </dd>
        <dt>{t('details.birthDate')}</dt>
        <dd>{day(p.birthDate)}</dd>
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

function AccessHistory({ onExpired }: { onExpired: () => void }) {
  const { t, i18n } = useTranslation('portal');
  const { data, error } = useLoad<{ items: Access[] }>('/api/portal/access-history', onExpired);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p>{t('shell:loading')}</p>;
  const what = (action: string) =>
    t(`actions.${action}`, { defaultValue: t(`areas.${action.split('.')[0]}`, { defaultValue: t('areas.other') }) });
  return (
    <div>
      <p className="muted">{t('access.intro')}</p>
      {data.items.length === 0 ? (
        <p className="card muted">{t('access.none')}</p>
      ) : (
        <table className="card" data-testid="portal-access-history">
          <thead>
            <tr>
              <th>{t('access.when')}</th>
              <th>{t('access.who')}</th>
              <th>{t('access.role')}</th>
              <th>{t('access.what')}</th>
              <th>{t('access.why')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((a, i) => (
              <tr key={i}>
                <td>{when(a.at, i18n.language)}</td>
                <td>{a.staffName ?? t('access.system')}</td>
                <td>
                  {(a.role ?? '')
                    .split(',')
                    .filter(Boolean)
                    .map((r) => t(`roles.${r}`, { defaultValue: r }))
                    .join(', ')}
                </td>
                <td>
                  {what(a.action)}
                  {a.outcome === 'denied' && (
                    <>
                      {' '}
                      <span className="badge flag">{t('access.denied')}</span>
                    </>
                  )}
                </td>
                <td>
                  {t(`purposes.${a.purpose}`, { defaultValue: a.purpose })}
                  {a.breakGlass && (
                    <>
                      {' '}
                      <span className="badge flag">{t('access.breakGlass')}</span>
                    </>
                  )}
                  {a.reason ? ` — ${a.reason}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Consents({ onExpired }: { onExpired: () => void }) {
  const { t, i18n } = useTranslation('portal');
  const lang = i18n.language as Language;
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { data, error } = useLoad<{ items: Consent[] }>('/api/portal/consents', onExpired, version);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p>{t('shell:loading')}</p>;
  const act = async (purposeKey: string, action: string) => {
    setBusy(purposeKey);
    setMessage(null);
    try {
      await api('POST', '/api/portal/consents', { purposeKey, action });
      setMessage(t('consents.saved'));
      setVersion((v) => v + 1);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) onExpired();
      else setMessage(String((e as Error).message));
    } finally {
      setBusy(null);
    }
  };
  const button = (c: Consent): [string, string] =>
    c.basis === 'consent'
      ? c.allowed
        ? ['withdrawn', 'withdraw']
        : ['given', 'give']
      : c.allowed
        ? ['objected', 'object']
        : ['objection_withdrawn', 'unobject'];
  return (
    <div>
      <p className="muted">{t('consents.intro')}</p>
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
                  {c.since ? ` (${t('consents.since', { date: day(c.since) })})` : ''}
                </p>
              </div>
              <button
                className={action === 'given' || action === 'objection_withdrawn' ? 'primary' : ''}
                disabled={busy === c.purposeKey}
                onClick={() => act(c.purposeKey, action)}
              >
                {t(`consents.${label}`)}
              </button>
            </div>
          );
        })
      )}
    </div>
  );
}

function Visits({ onExpired }: { onExpired: () => void }) {
  const { t, i18n } = useTranslation('portal');
  const lang = i18n.language as Language;
  const { data, error } = useLoad<{ items: Visit[] }>('/api/portal/visits', onExpired);
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
                <td>{when(v.startsAt, lang)}</td>
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
