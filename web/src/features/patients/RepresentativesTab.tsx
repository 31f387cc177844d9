import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiResponse, api } from '../../shell/api';
import { emptyIdentity, IdentityFields, identityBody } from './IdentityFields';

type Representative = ApiResponse<'GET /api/patients/{id}'>['representatives'][number];

/** Parents, guardians and authorised persons of a patient, with the basis of their authority. */
export function RepresentativesTab({
  id,
  items,
  reason,
  onChange,
}: {
  id: string;
  items: Representative[];
  reason?: string;
  onChange: () => void;
}) {
  const { t } = useTranslation('patients');
  const [adding, setAdding] = useState(false);
  const [identity, setIdentity] = useState(emptyIdentity);
  const [f, setF] = useState({
    kind: 'parent' as Representative['kind'],
    firstName: '',
    lastName: '',
    basis: '',
    authorityFrom: '',
    authorityUntil: '',
    mobile: '',
  });
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api('POST /api/patients/{id}/representatives', {
        path: { id },
        body: { ...f, mobile: f.mobile || null, identity: identityBody(identity) },
        reason,
      });
      setAdding(false);
      onChange();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('shell:errors.generic'));
    }
  };
  return (
    <div className="card">
      <h2>{t('rep.title')}</h2>
      {items.length === 0 ? (
        <p className="muted">{t('rep.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('rep.kind')}</th>
              <th>{t('cols.name')}</th>
              <th>{t('form.code')}</th>
              <th>{t('rep.basis')}</th>
              <th>{t('rep.from')}</th>
              <th>{t('rep.until')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <td>{t(`rep.${r.kind}`)}</td>
                <td>
                  {r.firstName} {r.lastName}
                </td>
                <td>{r.identity.kind === 'national' ? r.identity.code : r.identity.documentNumber}</td>
                <td>{r.basis}</td>
                <td>{r.authorityFrom}</td>
                <td>{r.authorityUntil}</td>
                <td>
                  {r.endedAt ? (
                    <span className="badge">{t('rep.ended')}</span>
                  ) : (
                    <button
                      type="button"
                      className="link"
                      onClick={async () => {
                        await api('POST /api/patients/{id}/representatives/{repId}/end', {
                          path: { id, repId: r.id },
                          reason,
                        });
                        onChange();
                      }}
                    >
                      {t('rep.end')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!adding ? (
        <button type="button" onClick={() => setAdding(true)}>
          {t('rep.add')}
        </button>
      ) : (
        <form onSubmit={submit}>
          <div className="grid3">
            <label>
              {t('rep.kind')}
              <select
                name="kind"
                value={f.kind}
                onChange={(e) => setF({ ...f, kind: e.target.value as Representative['kind'] })}
              >
                {['parent', 'guardian', 'authorised_person'].map((k) => (
                  <option key={k} value={k}>
                    {t(`rep.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('form.firstName')}
              <input
                name="repFirstName"
                value={f.firstName}
                onChange={(e) => setF({ ...f, firstName: e.target.value })}
                required
              />
            </label>
            <label>
              {t('form.lastName')}
              <input
                name="repLastName"
                value={f.lastName}
                onChange={(e) => setF({ ...f, lastName: e.target.value })}
                required
              />
            </label>
          </div>
          <IdentityFields value={identity} onChange={setIdentity} prefix="rep-" />
          <label>
            {t('rep.basis')}
            <input name="basis" value={f.basis} onChange={(e) => setF({ ...f, basis: e.target.value })} required />
          </label>
          <div className="grid3">
            <label>
              {t('rep.from')}
              <input
                name="authorityFrom"
                type="date"
                value={f.authorityFrom}
                onChange={(e) => setF({ ...f, authorityFrom: e.target.value })}
                required
              />
            </label>
            <label>
              {t('rep.until')}
              <input
                name="authorityUntil"
                type="date"
                value={f.authorityUntil}
                onChange={(e) => setF({ ...f, authorityUntil: e.target.value })}
                required
              />
            </label>
            <label>
              {t('form.mobile')}
              <input name="repMobile" value={f.mobile} onChange={(e) => setF({ ...f, mobile: e.target.value })} />
            </label>
          </div>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <div className="row">
            <button className="primary" type="submit">
              {t('shell:add')}
            </button>
            <button type="button" onClick={() => setAdding(false)}>
              {t('shell:cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
