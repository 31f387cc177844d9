import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, setCsrfToken } from './api';
import { type Language, languages, type WebFeature } from './feature';
import { setLanguage } from './i18n';
import { Link, matchPath, Router, useRouter } from './router';
import { hasAnyRole, SessionContext, type SessionUser, useSession } from './session';

export function App({ features }: { features: WebFeature[] }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [checked, setChecked] = useState(false);
  useEffect(() => {
    api('GET /api/auth/me')
      .then((r) => {
        setCsrfToken(r.csrfToken);
        setUser(r.user);
      })
      .catch(() => setUser(null))
      .finally(() => setChecked(true));
  }, []);
  if (!checked) return null;
  return (
    <SessionContext.Provider value={{ user, setUser }}>
      <Router>
        <Shell features={features} />
      </Router>
    </SessionContext.Provider>
  );
}

function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  return (
    <label className="lang">
      <span className="sr-only">{t('language')}</span>
      <select
        aria-label={t('language')}
        value={i18n.language}
        onChange={(e) => setLanguage(e.target.value as Language)}
        data-testid="language"
      >
        {languages.map((l) => (
          <option key={l} value={l}>
            {l.toUpperCase()}
          </option>
        ))}
      </select>
    </label>
  );
}

function Shell({ features }: { features: WebFeature[] }) {
  const { t } = useTranslation();
  const { path, navigate } = useRouter();
  const session = useSession();
  const routes = features.flatMap((f) => f.routes);
  const found = routes.map((r) => ({ r, params: matchPath(r.path, path) })).find((m) => m.params);
  if (found?.r.public) return <main className="public">{found.r.render(found.params!)}</main>;
  if (!session.user) return <LoginPage />;
  // A password someone else chose: the server refuses everything but its change, so the page asks for it first.
  const change = session.user.mustChangePassword ? routes.find((r) => r.path === '/password') : undefined;
  if (change) return <main className="login">{change.render({})}</main>;
  const nav = features
    .flatMap((f) => f.nav ?? [])
    .filter((n) => hasAnyRole(session.user, n.roles))
    .sort((a, b) => (a.order ?? 50) - (b.order ?? 50));
  if (path === '/' && nav[0]) queueMicrotask(() => navigate(nav[0]!.path));
  return (
    <div className="layout">
      <header className="topbar">
        <Link to="/" className="brand">
          {t('appName')}
        </Link>
        <nav>
          {nav.map((n) => (
            <Link key={n.path} to={n.path} className={path.startsWith(n.path) ? 'active' : ''}>
              {t(n.labelKey)}
            </Link>
          ))}
        </nav>
        <div className="who">
          <span data-testid="current-user">{session.user.fullName}</span>
          <span className="muted"> · {session.user.roles.map((r) => t(`roles.${r}`)).join(', ')}</span>
          <LanguageSwitch />
          <button
            type="button"
            className="link"
            onClick={async () => {
              await api('POST /api/auth/logout').catch(() => undefined);
              session.setUser(null);
              navigate('/');
            }}
          >
            {t('logout')}
          </button>
        </div>
      </header>
      <main className="content">
        {found ? found.r.render(found.params!) : path === '/' ? null : <p>{t('notFound')}</p>}
      </main>
    </div>
  );
}

function LoginPage() {
  const { t } = useTranslation();
  const { setUser } = useSession();
  const [clinic, setClinic] = useState(() => new URLSearchParams(window.location.search).get('clinic') ?? 'demo');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await api('POST /api/auth/login', { body: { clinic, email, password } });
      setCsrfToken(r.csrfToken);
      setUser(r.user);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 429 ? t('login.tooMany') : t('login.failed'));
    }
  };
  return (
    <main className="login">
      <form onSubmit={submit} className="card narrow">
        <div className="login-head">
          <h1>{t('appName')}</h1>
          <LanguageSwitch />
        </div>
        <p className="muted">{t('tagline')}</p>
        <h2>{t('login.title')}</h2>
        <label>
          {t('login.clinic')}
          <input
            name="clinic"
            value={clinic}
            onChange={(e) => setClinic(e.target.value)}
            required
            autoComplete="organization"
          />
        </label>
        <label>
          {t('login.email')}
          <input
            name="email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
            autoComplete="username"
          />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            autoComplete="current-password"
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary">
          {t('login.submit')}
        </button>
        <p className="hint">
          <a href={`/reset-password?clinic=${encodeURIComponent(clinic)}`}>{t('login.forgot')}</a>
        </p>
        <p className="hint">
          <a href={`/portal?clinic=${encodeURIComponent(clinic)}`}>{t('portalLink')}</a>
        </p>
      </form>
    </main>
  );
}
