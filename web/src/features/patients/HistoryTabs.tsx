import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessHistoryTable } from '../../shell/AccessHistoryTable';
import { ApiError, api } from '../../shell/api';
import { formatWhen } from '../../shell/format';

/** Loads once per `load` (a memoised request): the data, or the error to show. */
function useLoaded<T>(load: () => Promise<T>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    load()
      .then(setData)
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [load]);
  return { data, error };
}

/** The form's label of a stored field (`addressStreet` is the form's street). */
const fieldLabel: Record<string, string> = {
  addressStreet: 'form.street',
  addressCity: 'form.city',
  addressPostalCode: 'form.postalCode',
  addressCountry: 'form.addressCountry',
  idCode: 'form.code',
  idCountry: 'form.country',
  preferredLanguage: 'form.language',
};

/** Earlier versions of the patient's record: what changed, the values before, and why. */
export function HistoryTab({ id, reason }: { id: string; reason?: string }) {
  const { t, i18n } = useTranslation('patients');
  const load = useCallback(() => api('GET /api/patients/{id}/history', { path: { id }, reason }), [id, reason]);
  const { data, error } = useLoaded(load);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p>{t('shell:loading')}</p>;
  if (data.items.length === 0) return <p className="muted card">{t('history.none')}</p>;
  const label = (k: string) => t(fieldLabel[k] ?? `form.${k}`, { defaultValue: k });
  return (
    <table className="card stack" data-testid="patient-history">
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
            <td data-label={t('history.version')}>{v.version}</td>
            <td data-label={t('history.when')}>{formatWhen(v.changedAt, i18n.language)}</td>
            <td data-label={t('history.fields')}>{v.fields.map(label).join(', ')}</td>
            <td data-label={t('history.previous')} style={{ overflowWrap: 'anywhere' }}>
              {Object.entries(v.previous).map(([k, val]) => (
                <div key={k}>
                  <span className="muted">{label(k)}:</span>{' '}
                  {typeof val === 'object' ? JSON.stringify(val) : String(val ?? '—')}
                </div>
              ))}
            </td>
            <td data-label={t('history.reason')}>{v.reason ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Who looked at the patient's data, when and why (break-the-glass flagged). */
export function AccessHistoryTab({ id, reason }: { id: string; reason?: string }) {
  const { t } = useTranslation('patients');
  const load = useCallback(() => api('GET /api/patients/{id}/access-history', { path: { id }, reason }), [id, reason]);
  const { data, error } = useLoaded(load);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p>{t('shell:loading')}</p>;
  if (data.items.length === 0) return <p className="muted card">{t('access.none')}</p>;
  return (
    <AccessHistoryTable
      items={data.items}
      testId="access-history"
      ns="patients"
      flaggedKey="page.flagged"
      roleWord={(r) => t(`shell:roles.${r}`, { defaultValue: r })}
    />
  );
}
