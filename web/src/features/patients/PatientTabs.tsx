import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../shell/api';
import { emptyIdentity, IdentityFields, identityBody } from './IdentityFields';

export function RepresentativesTab({
  id,
  items,
  reason,
  onChange,
}: {
  id: string;
  items: any[];
  reason?: string;
  onChange: () => void;
}) {
  const { t } = useTranslation('patients');
  const [adding, setAdding] = useState(false);
  const [identity, setIdentity] = useState(emptyIdentity);
  const [f, setF] = useState({
    kind: 'parent',
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
      await api(
        'POST',
        `/api/patients/${id}/representatives`,
        { ...f, mobile: f.mobile || null, identity: identityBody(identity) },
        { reason },
      );
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
                <td>{r.identity.code ?? r.identity.documentNumber}</td>
                <td>{r.basis}</td>
                <td>{r.authorityFrom}</td>
                <td>{r.authorityUntil}</td>
                <td>
                  {r.endedAt ? (
                    <span className="badge">{t('rep.ended')}</span>
                  ) : (
                    <button
                      className="link"
                      onClick={async () => {
                        await api('POST', `/api/patients/${id}/representatives/${r.id}/end`, {}, { reason });
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
        <button onClick={() => setAdding(true)}>{t('rep.add')}</button>
      ) : (
        <form onSubmit={submit}>
          <div className="grid3">
            <label>
              {t('rep.kind')}
              <select name="kind" value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value })}>
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

export function BillPayersTab({
  id,
  items,
  reason,
  onChange,
}: {
  id: string;
  items: any[];
  reason?: string;
  onChange: () => void;
}) {
  const { t } = useTranslation('patients');
  const [adding, setAdding] = useState(false);
  const [f, setF] = useState({ kind: 'employer', name: '', registryCode: '', reference: '' });
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api(
        'POST',
        `/api/patients/${id}/bill-payers`,
        { kind: f.kind, name: f.name, registryCode: f.registryCode || null, reference: f.reference || null },
        { reason },
      );
      setAdding(false);
      onChange();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('shell:errors.generic'));
    }
  };
  return (
    <div className="card">
      <h2>{t('payer.title')}</h2>
      {items.length === 0 ? (
        <p className="muted">{t('payer.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('payer.kind')}</th>
              <th>{t('payer.name')}</th>
              <th>{t('payer.registryCode')}</th>
              <th>{t('payer.reference')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((b) => (
              <tr key={b.id}>
                <td>{t(`payer.${b.kind}`)}</td>
                <td>{b.name}</td>
                <td>{b.registryCode ?? '—'}</td>
                <td>{b.reference ?? '—'}</td>
                <td>
                  {b.endedAt ? (
                    <span className="badge">{t('rep.ended')}</span>
                  ) : (
                    <button
                      className="link"
                      onClick={async () => {
                        await api('POST', `/api/patients/${id}/bill-payers/${b.id}/end`, {}, { reason });
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
        <button onClick={() => setAdding(true)}>{t('payer.add')}</button>
      ) : (
        <form onSubmit={submit} className="grid2">
          <label>
            {t('payer.kind')}
            <select name="payerKind" value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value })}>
              {['employer', 'victim_support', 'health_insurance_fund', 'municipality', 'other'].map((k) => (
                <option key={k} value={k}>
                  {t(`payer.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('payer.name')}
            <input name="payerName" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} required />
          </label>
          <label>
            {t('payer.registryCode')}
            <input
              name="registryCode"
              value={f.registryCode}
              onChange={(e) => setF({ ...f, registryCode: e.target.value })}
            />
          </label>
          <label>
            {t('payer.reference')}
            <input name="reference" value={f.reference} onChange={(e) => setF({ ...f, reference: e.target.value })} />
          </label>
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

function useLoad<T>(url: string, reason?: string) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<T>('GET', url, undefined, { reason })
      .then(setData)
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [url, reason]);
  return { data, error };
}

export function HistoryTab({ id, reason }: { id: string; reason?: string }) {
  const { t, i18n } = useTranslation('patients');
  const { data, error } = useLoad<{ items: any[] }>(`/api/patients/${id}/history`, reason);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p>{t('shell:loading')}</p>;
  if (data.items.length === 0) return <p className="muted card">{t('history.none')}</p>;
  return (
    <table className="card">
      <thead>
        <tr>
          <th>{t('history.version')}</th>
          <th>{t('history.when')}</th>
          <th>{t('history.fields')}</th>
          <th>{t('history.previous')}</th>
          <th>{t('history.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {data.items.map((v) => (
          <tr key={v.version}>
            <td>{v.version}</td>
            <td>{new Date(v.changedAt).toLocaleString(i18n.language)}</td>
            <td>{v.fields.join(', ')}</td>
            <td>
              {Object.entries(v.previous).map(([k, val]) => (
                <div key={k}>
                  <span className="muted">{k}:</span>{' '}
                  {typeof val === 'object' ? JSON.stringify(val) : String(val ?? '—')}
                </div>
              ))}
            </td>
            <td>{v.reason ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AccessHistoryTab({ id, reason }: { id: string; reason?: string }) {
  const { t, i18n } = useTranslation('patients');
  const { data, error } = useLoad<{ items: any[] }>(`/api/patients/${id}/access-history`, reason);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p>{t('shell:loading')}</p>;
  if (data.items.length === 0) return <p className="muted card">{t('access.none')}</p>;
  return (
    <table className="card" data-testid="access-history">
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
            <td>{new Date(a.at).toLocaleString(i18n.language)}</td>
            <td>{a.staffName ?? t('access.system')}</td>
            <td>
              {(a.role ?? '')
                .split(',')
                .map((r: string) => t(`shell:roles.${r}`, { defaultValue: r }))
                .join(', ')}
            </td>
            <td>
              {t(`actions.${a.action}`, { defaultValue: a.action })}
              {a.outcome === 'denied' && (
                <>
                  {' '}
                  <span className="badge flag">✕</span>
                </>
              )}
            </td>
            <td>
              {t(`purposes.${a.purpose}`, { defaultValue: a.purpose })}
              {a.breakGlass && (
                <>
                  {' '}
                  <span className="badge flag">{t('page.flagged')}</span>
                </>
              )}
              {a.reason ? ` — ${a.reason}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
