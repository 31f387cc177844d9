import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiResponse, api } from '../../shell/api';
import { useErrorText } from '../../shell/errors';
import type { StaffRole } from '../../shell/feature';

type StaffUser = ApiResponse<'GET /api/staff'>['items'][number];
export type Professional = ApiResponse<'GET /api/queue/catalogue'>['professionals'][number];
const allRoles: StaffRole[] = ['admin', 'receptionist', 'doctor', 'accountant', 'dpo'];
const kinds = ['doctor', 'dentist', 'hygienist', 'therapist', 'nurse', 'other'] as const;

/**
 * One account's administration: its roles, its professional in the calendar (an existing one, or
 * a new one made from the account) and a password reset whose generated password is shown once.
 */
export function StaffAccount({
  user,
  professionals,
  onChanged,
}: {
  user: StaffUser;
  professionals: Professional[];
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation('staff');
  const errorText = useErrorText((f) => ({ roles: t('roles'), professionalId: t('link.professional') })[f]);
  const [roles, setRoles] = useState<StaffRole[]>(user.roles);
  const linked = professionals.find((p) => p.staffUserId === user.id);
  const free = professionals.filter((p) => !p.staffUserId && p.active);
  const [choice, setChoice] = useState<string>(free[0]?.id ?? 'new');
  const [kind, setKind] = useState<(typeof kinds)[number]>('doctor');
  const [code, setCode] = useState(user.professionalCode ?? '');
  const [error, setError] = useState<string | null>(null);
  const [password, setPassword] = useState<string | null>(null);

  const run = async (work: () => Promise<string>) => {
    setError(null);
    try {
      onChanged(await work());
    } catch (err) {
      setError(errorText(err));
    }
  };
  const saveRoles = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api('PATCH /api/staff/{id}', { path: { id: user.id }, body: { roles } });
      return t('rolesSaved');
    });
  };
  const link = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const body =
        choice === 'new'
          ? { create: { kind, ...(code ? { registrationCode: code } : {}) } }
          : { professionalId: choice };
      const r = await api('POST /api/staff/{id}/professional', { path: { id: user.id }, body });
      return t('link.done', { n: r.careAssigned });
    });
  };
  const reset = () =>
    void run(async () => {
      const r = await api('POST /api/staff/{id}/reset-password', { path: { id: user.id } });
      setPassword(r.password);
      return t('reset.done');
    });

  return (
    <div className="card" data-testid="staff-account">
      <h2>{user.fullName}</h2>
      <form onSubmit={saveRoles}>
        <fieldset className="row" style={{ border: 'none', padding: 0 }}>
          <legend>{t('roles')}</legend>
          {allRoles.map((r) => (
            <label key={r} className="row" style={{ flexDirection: 'row', margin: 0 }}>
              <input
                type="checkbox"
                name={`edit-role-${r}`}
                checked={roles.includes(r)}
                onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))}
              />
              {t(`shell:roles.${r}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t('saveRoles')}</button>
      </form>
      <h3>{t('link.title')}</h3>
      {linked ? (
        <p data-testid="linked-professional">{t('link.linked', { name: `${linked.firstName} ${linked.lastName}` })}</p>
      ) : (
        <form onSubmit={link} className="grid2">
          <label>
            {t('link.professional')}
            <select name="professional" value={choice} onChange={(e) => setChoice(e.target.value)}>
              {free.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.firstName} {p.lastName}
                  {p.registrationCode ? ` (${p.registrationCode})` : ''}
                </option>
              ))}
              <option value="new">{t('link.new')}</option>
            </select>
          </label>
          {choice === 'new' && (
            <>
              <label>
                {t('link.kind')}
                <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as (typeof kinds)[number])}>
                  {kinds.map((k) => (
                    <option key={k} value={k}>
                      {t(`link.kinds.${k}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('code')}
                <input name="registrationCode" value={code} onChange={(e) => setCode(e.target.value)} />
              </label>
            </>
          )}
          <div>
            <button type="submit" className="primary">
              {t('link.submit')}
            </button>
          </div>
        </form>
      )}
      <h3>{t('reset.title')}</h3>
      <p className="hint">{t('reset.hint')}</p>
      <button type="button" onClick={reset}>
        {t('reset.submit')}
      </button>
      {password && (
        <p className="ok" data-testid="reset-password-value">
          {t('reset.password')} <code>{password}</code>
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
