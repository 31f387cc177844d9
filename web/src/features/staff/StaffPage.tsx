import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiResponse, api } from '../../shell/api';
import { useErrorText } from '../../shell/errors';
import type { StaffRole } from '../../shell/feature';
import { type Professional, StaffAccount } from './StaffAccount';

type StaffUser = ApiResponse<'GET /api/staff'>['items'][number];
const allRoles: StaffRole[] = ['admin', 'receptionist', 'doctor', 'accountant', 'dpo'];

/** A password to read aloud or hand over on paper: 4 groups of 5, no look-alike characters. */
function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

export function StaffPage() {
  const { t } = useTranslation('staff');
  const [items, setItems] = useState<StaffUser[]>([]);
  const [f, setF] = useState({
    fullName: '',
    email: '',
    professionalCode: '',
    password: generatePassword(),
    roles: ['receptionist'] as StaffRole[],
  });
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [professionals, setProfessionals] = useState<Professional[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  // A refused field under its label in the page's language ("roles: Too small…" before).
  const errorText = useErrorText(
    (field) =>
      ({
        fullName: t('name'),
        email: t('email'),
        roles: t('roles'),
        password: t('password'),
        professionalCode: t('code'),
      })[field],
  );
  const load = useCallback(async () => {
    setItems((await api('GET /api/staff')).items);
    setProfessionals((await api('GET /api/queue/catalogue')).professionals);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('POST /api/staff', {
        body: {
          fullName: f.fullName,
          email: f.email,
          roles: f.roles,
          password: f.password,
          ...(f.professionalCode ? { professionalCode: f.professionalCode } : {}),
        },
      });
      await load();
      setMessage(t('created', { password: f.password }));
      setF({ fullName: '', email: '', professionalCode: '', password: generatePassword(), roles: ['receptionist'] });
    } catch (err) {
      setError(errorText(err));
    }
  };
  const toggle = async (u: StaffUser) => {
    try {
      await api(u.disabledAt ? 'POST /api/staff/{id}/enable' : 'POST /api/staff/{id}/disable', { path: { id: u.id } });
      setMessage(u.disabledAt ? null : t('disabledNote'));
      await load();
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <section>
      <h1>{t('title')}</h1>
      <table className="card stack" data-testid="staff-list">
        <thead>
          <tr>
            <th>{t('name')}</th>
            <th>{t('email')}</th>
            <th>{t('roles')}</th>
            <th>{t('code')}</th>
            <th>{t('calendar')}</th>
            <th>{t('state')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((u) => {
            const pro = professionals.find((p) => p.staffUserId === u.id);
            return (
              <tr key={u.id}>
                <td data-label={t('name')}>{u.fullName}</td>
                <td data-label={t('email')} style={{ overflowWrap: 'anywhere' }}>
                  {u.email}
                </td>
                <td data-label={t('roles')}>{u.roles.map((r) => t(`shell:roles.${r}`)).join(', ')}</td>
                <td data-label={t('code')}>{u.professionalCode ?? '—'}</td>
                <td data-label={t('calendar')}>{pro ? `${pro.firstName} ${pro.lastName}` : '—'}</td>
                <td data-label={t('state')}>
                  <span className={u.disabledAt ? 'badge flag' : 'badge'}>
                    {t(u.disabledAt ? 'disabled' : u.mustChangePassword ? 'firstLogin' : 'active')}
                  </span>
                </td>
                <td>
                  <button type="button" className="link" onClick={() => setOpen(open === u.id ? null : u.id)}>
                    {t('manage')}
                  </button>{' '}
                  <button type="button" className="link" onClick={() => toggle(u)}>
                    {t(u.disabledAt ? 'enable' : 'disable')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {items
        .filter((u) => u.id === open)
        .map((u) => (
          <StaffAccount
            key={`${u.id}-${u.roles.join()}-${professionals.length}`}
            user={u}
            professionals={professionals}
            onChanged={(m) => {
              void load().then(() => setMessage(m));
            }}
          />
        ))}
      {message && (
        <p role="status" className="ok">
          {message}
        </p>
      )}
      <form className="card" onSubmit={add}>
        <h2>{t('add')}</h2>
        <div className="grid3">
          <label>
            {t('name')}
            <input
              name="fullName"
              value={f.fullName}
              onChange={(e) => setF({ ...f, fullName: e.target.value })}
              required
            />
          </label>
          <label>
            {t('email')}
            <input
              name="staffEmail"
              type="email"
              value={f.email}
              onChange={(e) => setF({ ...f, email: e.target.value })}
              required
            />
          </label>
          <label>
            {t('code')}
            <input
              name="professionalCode"
              value={f.professionalCode}
              onChange={(e) => setF({ ...f, professionalCode: e.target.value })}
            />
          </label>
        </div>
        <fieldset className="row" style={{ border: 'none', padding: 0 }}>
          <legend>{t('roles')}</legend>
          {allRoles.map((r) => (
            <label key={r} className="row" style={{ flexDirection: 'row', margin: 0 }}>
              <input
                type="checkbox"
                name={`role-${r}`}
                checked={f.roles.includes(r)}
                onChange={(e) =>
                  setF({ ...f, roles: e.target.checked ? [...f.roles, r] : f.roles.filter((x) => x !== r) })
                }
              />
              {t(`shell:roles.${r}`)}
            </label>
          ))}
        </fieldset>
        <div className="row">
          <label style={{ flex: 1 }}>
            {t('password')}
            <input
              name="staffPassword"
              value={f.password}
              onChange={(e) => setF({ ...f, password: e.target.value })}
              minLength={12}
              required
            />
          </label>
          <button type="button" onClick={() => setF({ ...f, password: generatePassword() })}>
            {t('generate')}
          </button>
        </div>
        <p className="hint">{t('passwordHint')}</p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button className="primary" type="submit">
          {t('add')}
        </button>
      </form>
    </section>
  );
}
