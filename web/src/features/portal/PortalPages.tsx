import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, setCsrfToken } from '../../shell/api';
import { useErrorText } from '../../shell/errors';
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

/** /portal: ask for a sign-in link by e-mail or SMS. The answer is the same whether or not the address is known. */
export function PortalRequest() {
  const { t, i18n } = useTranslation('portal');
  const [clinic, setClinic] = useState(() => new URLSearchParams(window.location.search).get('clinic') ?? '');
  const [by, setBy] = useState<'email' | 'mobile'>('email');
  const [address, setAddress] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const lang = i18n.language as Language;
      const to = by === 'email' ? { email: address.trim() } : { mobile: address.trim() };
      await api('POST /api/portal/login-link', { body: { clinic: clinic.trim(), ...to, lang } });
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
          {by === 'email' ? t('request.sent') : t('request.sentSms')}
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
          <div className="tabs" role="tablist">
            {(['email', 'mobile'] as const).map((k) => (
              <button
                type="button"
                key={k}
                role="tab"
                aria-selected={by === k}
                className={by === k ? 'active' : ''}
                onClick={() => {
                  setBy(k);
                  setAddress('');
                }}
              >
                {k === 'email' ? t('request.byEmail') : t('request.byMobile')}
              </button>
            ))}
          </div>
          <label>
            {by === 'email' ? t('request.email') : t('request.mobile')}
            <input
              name={by}
              type={by === 'email' ? 'email' : 'tel'}
              value={address}
              onChange={(e) => setAddress(e.target.value)}
              required
              autoComplete={by === 'email' ? 'email' : 'tel'}
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

/** Whom the signed-in person acts for: themselves or a person they represent (shown when there is a choice). */
function ActingFor({ me, onChanged }: { me: Me; onChanged: () => void }) {
  const { t } = useTranslation('portal');
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const current = me.actingAs?.representativeId ?? '';
  const person = `${me.patient.firstName} ${me.patient.lastName}`;
  const choose = async (value: string) => {
    setError(null);
    try {
      await api('POST /api/portal/acting-for', { body: { representativeId: value === '' ? null : value } });
      onChanged();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <div className="card" data-testid="portal-acting">
      {me.actingAs && (
        <p className="warn" data-testid="portal-representing">
          {t('acting.banner', { name: person, kind: t(`acting.kind.${me.actingAs.kind}`) })}
        </p>
      )}
      {me.choices.length > 1 && (
        <label>
          {t('acting.label')}
          <select data-testid="portal-acting-for" value={current} onChange={(e) => choose(e.target.value)}>
            {me.choices.map((c) => (
              <option key={c.representativeId ?? 'self'} value={c.representativeId ?? ''} disabled={!c.available}>
                {c.kind === 'self'
                  ? t('acting.self', { name: c.patientName })
                  : t('acting.other', { name: c.patientName, kind: t(`acting.kind.${c.kind}`) })}
                {c.gap ? ` — ${t(`acting.gap.${c.gap}`)}` : ''}
              </option>
            ))}
          </select>
        </label>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** /portal/home: the signed-in person's own page. */
export function PortalHome() {
  const { t } = useTranslation('portal');
  const { navigate } = useRouter();
  const [me, setMe] = useState<Me | null>(null);
  const [signedOut, setSignedOut] = useState(false);
  const [tab, setTab] = useState<Tab>('details');
  // Bumped when the person chooses whom to act for: every tab is then reloaded for that person.
  const [acting, setActing] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `acting` is the trigger: a new choice reloads.
  useEffect(() => {
    api('GET /api/portal/me')
      .then((m) => {
        setCsrfToken(m.csrfToken);
        setMe(m);
      })
      .catch(() => setSignedOut(true));
  }, [acting]);
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
            {me.actingAs
              ? `${me.patient.firstName} ${me.patient.lastName}`
              : t('home.hello', { name: `${me.patient.firstName} ${me.patient.lastName}` })}
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
      {(me.choices.length > 1 || me.actingAs) && <ActingFor me={me} onChanged={() => setActing((n) => n + 1)} />}
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
      <div key={`for-${me.actingAs?.representativeId ?? 'self'}-${acting}`}>
        {tab === 'details' && <Details me={me} />}
        {tab === 'access' && <AccessHistory onExpired={onExpired} />}
        {tab === 'consents' && <Consents onExpired={onExpired} readOnly={me.actingAs !== null} />}
        {tab === 'visits' && <Visits onExpired={onExpired} />}
        {tab === 'rights' && <PortalRequests onExpired={onExpired} />}
        {tab === 'disclosures' && <PortalDisclosures onExpired={onExpired} />}
      </div>
    </div>
  );
}
