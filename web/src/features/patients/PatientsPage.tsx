import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiResponse, api } from '../../shell/api';
import { formatDay } from '../../shell/format';
import { Link, useRouter } from '../../shell/router';

type Item = ApiResponse<'POST /api/patients/search'>['items'][number];

export function PatientsPage() {
  const { t } = useTranslation('patients');
  const { navigate } = useRouter();
  const [query, setQuery] = useState('');
  const [archived, setArchived] = useState(false);
  const [items, setItems] = useState<Item[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [needReason, setNeedReason] = useState(false);

  const run = async (e?: FormEvent) => {
    e?.preventDefault();
    setError(null);
    try {
      const r = await api('POST /api/patients/search', {
        body: { query, includeArchived: archived },
        reason: reason || undefined,
      });
      setItems(r.items);
    } catch (err) {
      setItems(null);
      setError(err instanceof ApiError ? err.message : t('shell:errors.generic'));
    }
  };

  return (
    <section>
      <div className="spread">
        <h1>{t('search.title')}</h1>
        <Link to="/patients/new" className="button-link">
          <button className="primary" type="button">
            {t('search.register')}
          </button>
        </Link>
      </div>
      <search>
        <form className="card row" onSubmit={run}>
          <input
            name="query"
            aria-label={t('search.placeholder')}
            placeholder={t('search.placeholder')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            style={{ flex: 1, minWidth: 260 }}
          />
          <label className="row" style={{ margin: 0, flexDirection: 'row' }}>
            <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.target.checked)} />
            {t('search.archived')}
          </label>
          <button className="primary" type="submit">
            {t('shell:search')}
          </button>
          <button type="button" className="link" onClick={() => setNeedReason(!needReason)}>
            {t('page.reason')}…
          </button>
          {needReason && (
            <input
              aria-label={t('search.reasonPrompt')}
              placeholder={t('search.reasonPrompt')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              style={{ flexBasis: '100%' }}
            />
          )}
        </form>
      </search>
      <p className="hint">{t('search.hint')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {items &&
        (items.length === 0 ? (
          <p>{t('search.none')}</p>
        ) : (
          <table className="card stack" data-testid="patient-results">
            <thead>
              <tr>
                <th>{t('cols.name')}</th>
                <th>{t('cols.birthDate')}</th>
                <th>{t('cols.idCode')}</th>
                <th>{t('cols.mobile')}</th>
                <th>{t('cols.email')}</th>
                <th>{t('cols.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id} className="clickable" onClick={() => navigate(`/patients/${p.id}`)}>
                  <td data-label={t('cols.name')}>
                    <Link to={`/patients/${p.id}`}>
                      {p.lastName}, {p.firstName}
                    </Link>
                  </td>
                  <td data-label={t('cols.birthDate')}>{formatDay(p.birthDate)}</td>
                  <td data-label={t('cols.idCode')}>{p.idCodeMasked ?? '—'}</td>
                  <td data-label={t('cols.mobile')}>{p.mobile ?? '—'}</td>
                  <td data-label={t('cols.email')} style={{ overflowWrap: 'anywhere' }}>
                    {p.email ?? '—'}
                  </td>
                  <td data-label={t('cols.status')}>
                    <span className="badge">{t(`status.${p.status}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
