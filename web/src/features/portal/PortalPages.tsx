import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, setCsrfToken } from '../../shell/api';
import { type Language, languages } from '../../shell/feature';
import { setLanguage } from '../../shell/i18n';
import { Link, useRouter } from '../../shell/router';
import { PortalDisclosures, PortalRequests } from '../rights/PortalRights';
import { AccessHistory, Consents, Details, type Me, Visits } from './PortalTabs';

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
      await api('POST /api/portal/login-link', {
        body: { clinic: clinic.trim(), email: email.trim(), lang: i18n.language as Language },
      });
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
  // biome-ignore lint/correctness/useExhaustiveDependencies: the link is spent once, on arrival; navigate must not re-run it.
  useEffect(() => {
    // A link works once: never send it twice (React runs effects twice in development).
    if (spent.current) return;
    spent.current = true;
    const params = new URLSearchParams(window.location.search);
    const token = params.get('token') ?? '';
    const lang = params.get('lang');
    if (lang && (languages as string[]).includes(lang)) setLanguage(lang as Language);
    window.history.replaceState({}, '', '/portal/enter');
    api('POST /api/portal/session', { body: { token } })
      .then((r) => {
        setCsrfToken(r.csrfToken);
        navigate('/portal/home');
      })
      .catch(() => setFailed(true));
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

type Tab = 'details' | 'access' | 'consents' | 'visits' | 'rights' | 'disclosures';

/** /portal/home: the signed-in person's own page. */
export function PortalHome() {
  const { t } = useTranslation('portal');
  const { navigate } = useRouter();
  const [me, setMe] = useState<Me | null>(null);
  const [signedOut, setSignedOut] = useState(false);
  const [tab, setTab] = useState<Tab>('details');
  useEffect(() => {
    api('GET /api/portal/me')
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
            type="button"
            className="link"
            onClick={async () => {
              await api('POST /api/portal/logout').catch(() => undefined);
              setCsrfToken(null);
              navigate('/portal');
            }}
          >
            {t('home.signOut')}
          </button>
        </div>
      </div>
      <div className="tabs" role="tablist">
        {(['details', 'access', 'consents', 'visits', 'rights', 'disclosures'] as Tab[]).map((k) => (
          <button
            type="button"
            key={k}
            role="tab"
            aria-selected={tab === k}
            className={tab === k ? 'active' : ''}
            onClick={() => setTab(k)}
          >
            {k === 'rights' || k === 'disclosures' ? t(`rights:portal.tabs.${k}`) : t(`tabs.${k}`)}
          </button>
        ))}
      </div>
      {tab === 'details' && <Details me={me} />}
      {tab === 'access' && <AccessHistory onExpired={onExpired} />}
      {tab === 'consents' && <Consents onExpired={onExpired} />}
      {tab === 'visits' && <Visits onExpired={onExpired} />}
      {tab === 'rights' && <PortalRequests onExpired={onExpired} />}
      {tab === 'disclosures' && <PortalDisclosures onExpired={onExpired} />}
    </div>
  );
}
