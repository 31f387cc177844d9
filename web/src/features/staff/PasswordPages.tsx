import { type FormEvent, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shell/api';
import { useErrorText } from '../../shell/errors';
import { useSession } from '../../shell/session';

/** Labels of the fields the password routes may refuse, in the page's words. */
function useLabels() {
  const { t } = useTranslation('staff');
  return useCallback(
    (field: string) =>
      ({
        currentPassword: t('passwords.current'),
        newPassword: t('passwords.new'),
        token: t('passwords.link'),
        email: t('email'),
      })[field],
    [t],
  );
}

/**
 * A new password of one's own: asked at once after a login with a password someone else chose
 * (the server refuses every other route until then), and open to anyone signed in at /password.
 */
export function ChangePasswordPage() {
  const { t } = useTranslation('staff');
  const session = useSession();
  const errorText = useErrorText(useLabels());
  const [f, setF] = useState({ current: '', next: '', again: '' });
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const forced = !!session.user?.mustChangePassword;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (f.next !== f.again) return setError(t('passwords.mismatch'));
    try {
      await api('POST /api/auth/password', { body: { currentPassword: f.current, newPassword: f.next } });
      const me = await api('GET /api/auth/me');
      setDone(true);
      session.setUser(me.user);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form className="card narrow" onSubmit={submit} data-testid="change-password">
      <h1>{t('passwords.changeTitle')}</h1>
      {forced && <p className="warn">{t('passwords.forced')}</p>}
      <label>
        {forced ? t('passwords.given') : t('passwords.current')}
        <input
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          value={f.current}
          onChange={(e) => setF({ ...f, current: e.target.value })}
          required
        />
      </label>
      <NewPasswordFields value={f} onChange={(next, again) => setF({ ...f, next, again })} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {done && <p role="status">{t('passwords.changed')}</p>}
      <button className="primary" type="submit">
        {t('passwords.save')}
      </button>
    </form>
  );
}

function NewPasswordFields({
  value,
  onChange,
}: {
  value: { next: string; again: string };
  onChange: (next: string, again: string) => void;
}) {
  const { t } = useTranslation('staff');
  return (
    <>
      <label>
        {t('passwords.new')}
        <input
          name="newPassword"
          type="password"
          autoComplete="new-password"
          minLength={12}
          value={value.next}
          onChange={(e) => onChange(e.target.value, value.again)}
          required
        />
      </label>
      <label>
        {t('passwords.again')}
        <input
          name="newPasswordAgain"
          type="password"
          autoComplete="new-password"
          minLength={12}
          value={value.again}
          onChange={(e) => onChange(value.next, e.target.value)}
          required
        />
      </label>
      <p className="hint">{t('passwords.rule')}</p>
    </>
  );
}

/**
 * A forgotten password (public): without a token, asks for the clinic and e-mail and sends a
 * one-time link; with the link's token, sets the new password.
 */
export function ResetPasswordPage() {
  const { t } = useTranslation('staff');
  const params = new URLSearchParams(window.location.search);
  const token = params.get('token');
  const errorText = useErrorText(useLabels());
  const [clinic, setClinic] = useState(params.get('clinic') ?? 'demo');
  const [email, setEmail] = useState('');
  const [pw, setPw] = useState({ next: '', again: '' });
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const ask = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('POST /api/auth/password-reset/request', { body: { clinic, email } });
      setDone(t('passwords.sent'));
    } catch (err) {
      setError(errorText(err));
    }
  };
  const set = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (pw.next !== pw.again) return setError(t('passwords.mismatch'));
    try {
      await api('POST /api/auth/password-reset', { body: { token: token!, newPassword: pw.next } });
      setDone(t('passwords.resetDone'));
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form className="card narrow" onSubmit={token ? set : ask} data-testid="reset-password">
      <h1>{t('passwords.resetTitle')}</h1>
      {token ? (
        <NewPasswordFields value={pw} onChange={(next, again) => setPw({ next, again })} />
      ) : (
        <>
          <p className="muted">{t('passwords.resetIntro')}</p>
          <label>
            {t('passwords.clinic')}
            <input name="clinic" value={clinic} onChange={(e) => setClinic(e.target.value)} required />
          </label>
          <label>
            {t('email')}
            <input name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
          </label>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {done ? (
        <p role="status">
          {done} <a href={`/?clinic=${encodeURIComponent(clinic)}`}>{t('passwords.toLogin')}</a>
        </p>
      ) : (
        <button className="primary" type="submit">
          {token ? t('passwords.save') : t('passwords.send')}
        </button>
      )}
    </form>
  );
}
