import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiBody, ApiError, type ApiResponse, api } from '../../shell/api';
import { type Language, languages } from '../../shell/feature';
import { setLanguage } from '../../shell/i18n';
import { explain } from './ClinicProfilePage';

type Onboarded = ApiResponse<'POST /api/operator/clinics'>;
type Body = ApiBody<'POST /api/operator/clinics'>;

/** A short name for signing in, suggested from the clinic's name (the operator may change it). */
const suggestSlug = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\b(ou|as|sia|mtu)\b/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);

/**
 * The deployment operator adds a clinic and its first administrator from the browser: the same
 * operation as `hoidja clinic add` (POST /api/operator/clinics with the OPERATOR_TOKEN as bearer).
 * The administrator's one-time password is shown once; they complete the profile themselves.
 */
export function OperatorPage() {
  const { t, i18n } = useTranslation('clinic');
  const [f, setF] = useState({ token: '', country: 'EE', name: '', slug: '', registryCode: '', adminEmail: '' });
  const [slugTouched, setSlugTouched] = useState(false);
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [done, setDone] = useState<Onboarded | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f, v: string) =>
    setF((x) => ({ ...x, [k]: v, ...(k === 'name' && !slugTouched ? { slug: suggestSlug(v) } : {}) }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body: Body = {
      slug: f.slug,
      name: f.name,
      country: f.country as 'EE' | 'LV',
      registryCode: f.registryCode,
      defaultLanguage: i18n.language as Language,
      ...(f.adminEmail ? { adminEmail: f.adminEmail } : {}),
    };
    try {
      setDone(await api('POST /api/operator/clinics', { body, authorization: `Bearer ${f.token}` }));
    } catch (err) {
      setError({ field: err instanceof ApiError ? err.field : undefined, message: say(err) });
    } finally {
      setBusy(false);
    }
  }

  function say(err: unknown): string {
    if (!(err instanceof ApiError)) return t('shell:errors.generic');
    if (err.status === 401) return t('operator.badToken');
    if (err.status === 403) return t('operator.off');
    if (err.status === 409) return t('operator.taken');
    if (err.field === 'slug') return t('fieldError', { label: t('operator.slug'), reason: t('operator.slugReason') });
    if (err.field === 'adminEmail')
      return t('fieldError', { label: t('operator.adminEmail'), reason: t('reasons.email') });
    return explain(t, f.country, err);
  }

  const invalid = (field: string) => (error?.field === field ? { 'aria-invalid': true as const } : {});
  const switcher = (
    <select aria-label="language" value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)}>
      {languages.map((l) => (
        <option key={l} value={l}>
          {l.toUpperCase()}
        </option>
      ))}
    </select>
  );

  if (done)
    return (
      <section className="card" data-testid="operator-done">
        <div className="spread">
          <h1>{t('operator.title')}</h1>
          {switcher}
        </div>
        <p role="status">{t('operator.created', { name: done.clinic.name })}</p>
        <p>{t('operator.login', { slug: done.clinic.slug, email: done.admin.email })}</p>
        <p>
          <code data-testid="operator-password">{done.admin.password}</code>
        </p>
        <p className="muted">{t('operator.passwordOnce')}</p>
        <p>
          <a href={`/?clinic=${encodeURIComponent(done.clinic.slug)}`}>{t('operator.goLogin')}</a>
          {' · '}
          <button type="button" onClick={() => setDone(null)}>
            {t('operator.another')}
          </button>
        </p>
      </section>
    );

  return (
    <form className="card" onSubmit={submit} noValidate>
      <div className="spread">
        <h1>{t('operator.title')}</h1>
        {switcher}
      </div>
      <p className="muted">{t('operator.intro')}</p>
      {error && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
      <label>
        {t('operator.token')}
        <input name="token" type="password" value={f.token} onChange={(e) => set('token', e.target.value)} required />
      </label>
      <label>
        {t('country')}
        <select name="country" value={f.country} onChange={(e) => set('country', e.target.value)}>
          <option value="EE">{t('countries.EE')}</option>
          <option value="LV">{t('countries.LV')}</option>
        </select>
      </label>
      <label>
        {t('name')}
        <input name="name" value={f.name} onChange={(e) => set('name', e.target.value)} {...invalid('name')} required />
      </label>
      <label>
        {t(`registryCode.${f.country}`)}
        <input
          name="registryCode"
          inputMode="numeric"
          value={f.registryCode}
          onChange={(e) => set('registryCode', e.target.value)}
          {...invalid('registryCode')}
          required
        />
      </label>
      <label>
        {t('operator.slug')}
        <input
          name="slug"
          value={f.slug}
          onChange={(e) => {
            setSlugTouched(true);
            set('slug', e.target.value);
          }}
          {...invalid('slug')}
          required
        />
      </label>
      <label>
        {t('operator.adminEmail')}
        <input
          name="adminEmail"
          type="email"
          value={f.adminEmail}
          onChange={(e) => set('adminEmail', e.target.value)}
          {...invalid('adminEmail')}
        />
      </label>
      <button className="primary" type="submit" disabled={busy}>
        {t('operator.create')}
      </button>
    </form>
  );
}
