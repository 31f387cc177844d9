import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiBody, ApiError, api } from '../../shell/api';
import type { Language } from '../../shell/feature';
import { Link, useRouter } from '../../shell/router';
import { useSession } from '../../shell/session';
import { emptyIdentity, IdentityFields, type IdentityState, identityBody } from './IdentityFields';

type Insurance = NonNullable<ApiBody<'POST /api/patients'>['insurance']>['status'];

export function RegisterPatientPage() {
  const { t, i18n } = useTranslation('patients');
  const { navigate } = useRouter();
  const { user } = useSession();
  const [identity, setIdentity] = useState<IdentityState>(emptyIdentity);
  const [f, setF] = useState({
    firstName: '',
    lastName: '',
    mobile: '',
    email: '',
    street: '',
    city: '',
    postalCode: '',
    addressCountry: 'EE',
    preferredLanguage: i18n.language as Language,
    insurance: 'insured' as Insurance,
    insurer: '',
    occupation: '',
    workplace: '',
    healthNotes: '',
  });
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  /** The patient already registered with this ID code (a 409 names them), to open instead. */
  const [existing, setExisting] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = (name: keyof typeof f, label: string, props: Record<string, unknown> = {}) => (
    <label>
      {label}
      <input
        name={name}
        value={f[name]}
        onChange={(e) => setF({ ...f, [name]: e.target.value })}
        aria-invalid={error?.field === name || undefined}
        {...props}
      />
    </label>
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setExisting(null);
    const body: ApiBody<'POST /api/patients'> = {
      firstName: f.firstName,
      lastName: f.lastName,
      identity: identityBody(identity),
      mobile: f.mobile || null,
      email: f.email || null,
      preferredLanguage: f.preferredLanguage,
      address: f.street
        ? { street: f.street, city: f.city, postalCode: f.postalCode, country: f.addressCountry.toUpperCase() }
        : null,
      insurance: { status: f.insurance, ...(f.insurer ? { insurer: f.insurer } : {}) },
      occupation: f.occupation || null,
      workplace: f.workplace || null,
      ...(f.healthNotes ? { healthNotes: f.healthNotes } : {}),
    };
    try {
      const r = await api('POST /api/patients', { body });
      navigate(`/patients/${r.patient.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'patient.duplicate_id_code') {
        setExisting(typeof err.body?.existingPatientId === 'string' ? err.body.existingPatientId : '');
        return;
      }
      setError(
        err instanceof ApiError ? { field: err.field, message: err.message } : { message: t('shell:errors.generic') },
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit}>
      <h1>{t('form.title')}</h1>
      <fieldset className="card">
        <legend>{t('form.sections.identity')}</legend>
        <div className="grid2">
          {field('firstName', t('form.firstName'), { required: true })}
          {field('lastName', t('form.lastName'), { required: true })}
        </div>
        <IdentityFields value={identity} onChange={setIdentity} />
      </fieldset>
      <fieldset className="card">
        <legend>{t('form.sections.contacts')}</legend>
        <div className="grid2">
          {field('mobile', t('form.mobile'), { type: 'tel', placeholder: '+372 5…' })}
          {field('email', t('form.email'), { type: 'email' })}
        </div>
        <div className="grid2">
          {field('street', t('form.street'))}
          {field('city', t('form.city'))}
        </div>
        <div className="grid2">
          {field('postalCode', t('form.postalCode'))}
          {field('addressCountry', t('form.addressCountry'), { maxLength: 2 })}
        </div>
        <label>
          {t('form.language')}
          <select
            name="preferredLanguage"
            value={f.preferredLanguage}
            onChange={(e) => setF({ ...f, preferredLanguage: e.target.value as Language })}
          >
            <option value="et">eesti</option>
            <option value="lv">latviešu</option>
            <option value="en">English</option>
            <option value="ru">русский</option>
          </select>
        </label>
      </fieldset>
      <fieldset className="card">
        <legend>{t('form.sections.more')}</legend>
        <div className="grid2">
          <label>
            {t('form.insurance')}
            <select
              name="insurance"
              value={f.insurance}
              onChange={(e) => setF({ ...f, insurance: e.target.value as Insurance })}
            >
              {['insured', 'uninsured', 'unknown'].map((s) => (
                <option key={s} value={s}>
                  {t(`form.${s}`)}
                </option>
              ))}
            </select>
          </label>
          {field('insurer', t('form.insurer'))}
        </div>
        <div className="grid2">
          {field('occupation', t('form.occupation'))}
          {field('workplace', t('form.workplace'))}
        </div>
        {user?.roles.includes('doctor') && (
          <label>
            {t('form.healthNotes')}
            <textarea
              name="healthNotes"
              value={f.healthNotes}
              onChange={(e) => setF({ ...f, healthNotes: e.target.value })}
            />
          </label>
        )}
      </fieldset>
      {error && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
      {existing !== null && (
        <p className="error" role="alert" data-testid="duplicate-patient">
          {t('dup.message')}{' '}
          {existing && (
            <Link to={`/patients/${existing}`} className="button">
              {t('dup.open')}
            </Link>
          )}
        </p>
      )}
      <button className="primary" type="submit" disabled={busy}>
        {t('form.submit')}
      </button>
    </form>
  );
}
