import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiResponse, api, apiHref } from '../../shell/api';

const thisMonth = () => new Date().toISOString().slice(0, 7);

/** The accountant's month: benefits to claim from the Fund, and the invoices for bookkeeping as CSV. */
export function ReportsPage() {
  const { t } = useTranslation('billing');
  const [month, setMonth] = useState(thisMonth());
  const [report, setReport] = useState<ApiResponse<'GET /api/billing/reports/benefits'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [from, setFrom] = useState(`${thisMonth()}-01`);
  const [to, setTo] = useState(new Date().toISOString().slice(0, 10));
  const run = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setError(null);
      setReport(await api('GET /api/billing/reports/benefits', { query: { month } }));
    } catch (err) {
      setReport(null);
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <section>
      <h1>{t('reports.title')}</h1>
      <form className="card row" onSubmit={run}>
        <label>
          {t('reports.month')}
          <input name="month" type="month" value={month} onChange={(e) => setMonth(e.target.value)} required />
        </label>
        <button className="primary" type="submit">
          {t('reports.show')}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {report && (
        <div className="card" data-testid="benefit-report">
          <h2>
            {t('reports.total')}: {report.total} €
          </h2>
          <table>
            <thead>
              <tr>
                <th>{t('visit.group')}</th>
                <th>{t('reports.invoices')}</th>
                <th>{t('cols.benefit')}</th>
              </tr>
            </thead>
            <tbody>
              {report.groups.map((g) => (
                <tr key={g.group}>
                  <td>{t(`groups.${g.group}`)}</td>
                  <td>{g.invoices}</td>
                  <td>{g.benefit}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('invoice.lines')}</h3>
          <table>
            <thead>
              <tr>
                <th>{t('cols.number')}</th>
                <th>{t('cols.date')}</th>
                <th>{t('cols.patient')}</th>
                <th>{t('reports.idCode')}</th>
                <th>{t('cols.benefit')}</th>
              </tr>
            </thead>
            <tbody>
              {report.items.map((i) => (
                <tr key={i.number}>
                  <td>{i.number}</td>
                  <td>{i.date}</td>
                  <td>{i.patientName}</td>
                  <td>{i.idCode}</td>
                  <td>{i.benefit}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="card row">
        <label>
          {t('cols.validFrom')}
          <input name="from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('cols.validTo')}
          <input name="to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <a href={apiHref('GET /api/billing/exports/accounting.csv', { query: { from, to } })} download>
          {t('reports.csv')}
        </a>
      </div>
    </section>
  );
}
