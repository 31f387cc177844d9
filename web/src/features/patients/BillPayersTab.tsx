import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiResponse, api } from '../../shell/api';

type BillPayer = ApiResponse<'GET /api/patients/{id}'>['billPayers'][number];

/** Who pays a patient's bills instead of them (employer, victim support, municipality). */
export function BillPayersTab({
  id,
  items,
  reason,
  onChange,
}: {
  id: string;
  items: BillPayer[];
  reason?: string;
  onChange: () => void;
}) {
  const { t } = useTranslation('patients');
  const [adding, setAdding] = useState(false);
  const [f, setF] = useState({ kind: 'employer' as BillPayer['kind'], name: '', registryCode: '', reference: '' });
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api('POST /api/patients/{id}/bill-payers', {
        path: { id },
        body: { kind: f.kind, name: f.name, registryCode: f.registryCode || null, reference: f.reference || null },
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
                      type="button"
                      className="link"
                      onClick={async () => {
                        await api('POST /api/patients/{id}/bill-payers/{payerId}/end', {
                          path: { id, payerId: b.id },
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
          {t('payer.add')}
        </button>
      ) : (
        <form onSubmit={submit} className="grid2">
          <label>
            {t('payer.kind')}
            <select
              name="payerKind"
              value={f.kind}
              onChange={(e) => setF({ ...f, kind: e.target.value as BillPayer['kind'] })}
            >
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
