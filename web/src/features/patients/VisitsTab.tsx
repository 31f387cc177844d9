import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiResponse, api } from '../../shell/api';
import { formatDay, formatWhen } from '../../shell/format';

type Entry = ApiResponse<'GET /api/queue/entries'>['items'][number];
type Catalogue = ApiResponse<'GET /api/queue/catalogue'>;
type Invoice = ApiResponse<'GET /api/billing/invoices'>['items'][number] & { openCents: number | null };

/** A part of the record that the user's role may not see: its data, or "not for your role". */
type Part<T> = { data: T } | { refused: true } | null;

async function part<T>(load: () => Promise<T>): Promise<Part<T>> {
  try {
    return { data: await load() };
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) return { refused: true };
    throw err;
  }
}

const euro = (cents: number, lang: string) =>
  new Intl.NumberFormat({ et: 'et-EE', lv: 'lv-LV', en: 'en-IE', ru: 'ru-RU' }[lang] ?? 'en-IE', {
    style: 'currency',
    currency: 'EUR',
  }).format(cents / 100);

/**
 * The patient at the desk: visits to come and past, their place in the treatment queue, and
 * invoices with what the patient still owes; each read is checked and recorded by its own module.
 */
export function VisitsTab({ id, reason }: { id: string; reason?: string }) {
  const { t, i18n } = useTranslation('patients');
  const lang = i18n.language;
  const [entries, setEntries] = useState<Part<Entry[]>>(null);
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [invoices, setInvoices] = useState<Part<Invoice[]>>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const fail = (e: unknown) => setError(e instanceof ApiError ? e.message : String(e));
    part(async () => (await api('GET /api/queue/entries', { query: { patientId: id, limit: 200 }, reason })).items)
      .then(setEntries)
      .catch(fail);
    api('GET /api/queue/catalogue')
      .then(setCatalogue)
      .catch(() => setCatalogue(null));
    part(async () => {
      const list = (await api('GET /api/billing/invoices', { query: { patientId: id, limit: 20 }, reason })).items;
      // What is still open on each invoice (the patient's share), read from the invoice itself.
      return Promise.all(
        list.map(async (inv) => {
          const full = await api('GET /api/billing/invoices/{id}', { path: { id: inv.id }, reason }).catch(() => null);
          const own = full?.shares.filter((s) => s.holder === 'patient') ?? [];
          return { ...inv, openCents: full ? own.reduce((sum, s) => sum + s.openCents, 0) : null };
        }),
      );
    })
      .then(setInvoices)
      .catch(fail);
  }, [id, reason]);

  if (error) return <p className="error">{error}</p>;
  const serviceName = (e: Entry) => {
    const s = catalogue?.services.find((x) => x.id === e.serviceId);
    return s ? ((s.names as Record<string, string | undefined>)[lang] ?? s.name) : '—';
  };
  const proName = (e: Entry) => {
    const p = catalogue?.professionals.find((x) => x.id === e.professionalId);
    return p ? `${p.firstName} ${p.lastName}` : '—';
  };
  const now = Date.now();
  const all = entries && 'data' in entries ? entries.data : [];
  const waiting = all.filter((e) => e.status === 'waiting');
  const upcoming = all.filter((e) => e.startsAt && e.status !== 'waiting' && new Date(e.startsAt).getTime() >= now);
  const past = all
    .filter((e) => e.startsAt && e.status !== 'waiting' && new Date(e.startsAt).getTime() < now)
    .reverse();

  const visitTable = (rows: Entry[], testId: string) =>
    rows.length === 0 ? (
      <p className="muted">{t('record.noVisits')}</p>
    ) : (
      <table className="stack" data-testid={testId}>
        <thead>
          <tr>
            <th>{t('record.when')}</th>
            <th>{t('record.service')}</th>
            <th>{t('record.professional')}</th>
            <th>{t('record.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.id}>
              <td data-label={t('record.when')}>{formatWhen(e.startsAt!, lang)}</td>
              <td data-label={t('record.service')}>{serviceName(e)}</td>
              <td data-label={t('record.professional')}>{proName(e)}</td>
              <td data-label={t('record.status')}>{t(`queue:status.${e.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );

  return (
    <div className="card" data-testid="patient-visits">
      {!entries ? (
        <p>{t('shell:loading')}</p>
      ) : 'refused' in entries ? (
        <p className="muted">{t('record.notForRole')}</p>
      ) : (
        <>
          <h3>{t('record.upcoming')}</h3>
          {visitTable(upcoming, 'upcoming-visits')}
          <h3>{t('record.queue')}</h3>
          {waiting.length === 0 ? (
            <p className="muted">{t('record.noQueue')}</p>
          ) : (
            <ul data-testid="queue-entries">
              {waiting.map((e) => (
                <li key={e.id}>
                  {serviceName(e)} · {proName(e)} · {t('record.registered')} {formatWhen(e.registeredAt, lang)}
                </li>
              ))}
            </ul>
          )}
          <h3>{t('record.past')}</h3>
          {visitTable(past, 'past-visits')}
        </>
      )}
      <h3>{t('record.invoices')}</h3>
      {!invoices ? (
        <p>{t('shell:loading')}</p>
      ) : 'refused' in invoices ? (
        <p className="muted">{t('record.notForRole')}</p>
      ) : invoices.data.length === 0 ? (
        <p className="muted">{t('record.noInvoices')}</p>
      ) : (
        <>
          <p data-testid="patient-balance">
            <strong>{t('record.balance')}:</strong>{' '}
            {euro(
              invoices.data.reduce((sum, i) => sum + (i.openCents ?? 0), 0),
              lang,
            )}
          </p>
          <table className="stack" data-testid="patient-invoices">
            <thead>
              <tr>
                <th>{t('record.number')}</th>
                <th>{t('record.date')}</th>
                <th>{t('record.total')}</th>
                <th>{t('record.patientShare')}</th>
                <th>{t('record.status')}</th>
              </tr>
            </thead>
            <tbody>
              {invoices.data.map((i) => (
                <tr key={i.id}>
                  <td data-label={t('record.number')}>{i.number}</td>
                  <td data-label={t('record.date')}>{formatDay(i.invoiceDate)}</td>
                  <td data-label={t('record.total')}>{i.total} €</td>
                  <td data-label={t('record.patientShare')}>{i.patientShare} €</td>
                  <td data-label={t('record.status')}>
                    {i.openCents === null
                      ? '—'
                      : i.openCents > 0
                        ? `${t('record.open')} ${euro(i.openCents, lang)}`
                        : t('record.paid')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
