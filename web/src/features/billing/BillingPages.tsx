import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiBody, ApiError, type ApiResponse, api } from '../../shell/api';
import { Link, useRouter } from '../../shell/router';
import { hasAnyRole, useSession } from '../../shell/session';

type PendingVisit = ApiResponse<'GET /api/billing/visits/pending'>['items'][number];
type InvoiceItem = ApiResponse<'GET /api/billing/invoices'>['items'][number];
type PriceItem = ApiResponse<'GET /api/billing/price-list'>['items'][number];
type Debt = ApiResponse<'GET /api/billing/debts'>['items'][number];

/** The billing desk: visits waiting for an invoice, recent invoices, links to the price list and debts. */
export function BillingHome() {
  const { t } = useTranslation('billing');
  const { navigate } = useRouter();
  const { user } = useSession();
  const biller = hasAnyRole(user, ['accountant', 'admin', 'receptionist']);
  const [pending, setPending] = useState<PendingVisit[] | null>(null);
  const [recent, setRecent] = useState<InvoiceItem[]>([]);
  useEffect(() => {
    if (!biller) return;
    api('GET /api/billing/visits/pending')
      .then((r) => setPending(r.items))
      .catch(() => setPending([]));
    api('GET /api/billing/invoices', { query: { limit: 1000 } })
      .then((r) => setRecent(r.items.slice(-20).reverse()))
      .catch(() => setRecent([]));
  }, [biller]);
  return (
    <section>
      <div className="spread">
        <h1>{t('home.title')}</h1>
        <div className="row">
          {hasAnyRole(user, ['doctor']) && <Link to="/billing/services">{t('home.record')}</Link>}
          <Link to="/billing/prices">{t('home.prices')}</Link>
          {biller && <Link to="/billing/debts">{t('home.debts')}</Link>}
          {hasAnyRole(user, ['accountant', 'admin']) && <Link to="/billing/reports">{t('home.reports')}</Link>}
        </div>
      </div>
      {biller && (
        <>
          <div className="card">
            <h2>{t('home.pending')}</h2>
            {pending && pending.length === 0 && <p className="muted">{t('home.nonePending')}</p>}
            {pending && pending.length > 0 && (
              <table data-testid="pending-visits">
                <thead>
                  <tr>
                    <th>{t('cols.date')}</th>
                    <th>{t('cols.patient')}</th>
                    <th>{t('cols.services')}</th>
                  </tr>
                </thead>
                <tbody>
                  {pending.map((v) => (
                    <tr key={v.visitId} className="clickable" onClick={() => navigate(`/billing/visits/${v.visitId}`)}>
                      <td>{v.visitDate}</td>
                      <td>{v.patientName}</td>
                      <td>{v.services}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
          <div className="card">
            <h2>{t('home.recent')}</h2>
            <table>
              <thead>
                <tr>
                  <th>{t('cols.number')}</th>
                  <th>{t('cols.date')}</th>
                  <th>{t('cols.kind')}</th>
                  <th>{t('cols.total')}</th>
                  <th>{t('cols.benefit')}</th>
                  <th>{t('cols.patientShare')}</th>
                </tr>
              </thead>
              <tbody>
                {recent.map((i) => (
                  <tr key={i.id} className="clickable" onClick={() => navigate(`/billing/invoices/${i.id}`)}>
                    <td>{i.number}</td>
                    <td>{i.invoiceDate}</td>
                    <td>{t(`invoice.${i.kind === 'invoice' ? 'title' : 'credit_note'}`)}</td>
                    <td>{i.total}</td>
                    <td>{i.benefit}</td>
                    <td>{i.patientShare}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

const emptyItem = {
  code: '',
  kind: 'service' as ApiBody<'POST /api/billing/price-list'>['kind'],
  price: '',
  benefitEligible: true,
  validFrom: new Date().toISOString().slice(0, 10),
  et: '',
  lv: '',
  en: '',
  ru: '',
};

export function PriceListPage() {
  const { t, i18n } = useTranslation('billing');
  const { user } = useSession();
  const [items, setItems] = useState<PriceItem[]>([]);
  const [form, setForm] = useState(emptyItem);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const load = useCallback(
    () =>
      api('GET /api/billing/price-list')
        .then((r) => setItems(r.items))
        .catch(() => setItems([])),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const set = (k: keyof typeof emptyItem) => (e: { target: { value: string; checked?: boolean; type?: string } }) =>
    setForm({ ...form, [k]: e.target.type === 'checkbox' ? !!e.target.checked : e.target.value });
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api('POST /api/billing/price-list', {
        body: {
          code: form.code,
          kind: form.kind,
          price: form.price,
          benefitEligible: form.kind === 'visit_fee' ? false : form.benefitEligible,
          validFrom: form.validFrom,
          names: { et: form.et, lv: form.lv, en: form.en, ru: form.ru },
        },
      });
      setMessage({ ok: true, text: t('prices.saved') });
      setForm(emptyItem);
      await load();
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    }
  };
  const lang = (i18n.language as 'et') ?? 'et';
  return (
    <section>
      <h1>{t('prices.title')}</h1>
      <div className="card">
        <table data-testid="price-list">
          <thead>
            <tr>
              <th>{t('cols.code')}</th>
              <th>{t('cols.name')}</th>
              <th>{t('cols.price')}</th>
              <th>{t('cols.eligible')}</th>
              <th>{t('cols.validFrom')}</th>
              <th>{t('cols.validTo')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.id}>
                <td>{p.code}</td>
                <td>{p.names[lang] ?? p.names.et}</td>
                <td>{p.price}</td>
                <td>{p.benefitEligible ? '✓' : ''}</td>
                <td>{p.validFrom}</td>
                <td>{p.validTo ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hasAnyRole(user, ['accountant', 'admin']) && (
        <form className="card" onSubmit={save}>
          <h2>{t('prices.add')}</h2>
          <div className="grid3">
            <label>
              {t('cols.code')}
              <input name="code" value={form.code} onChange={set('code')} required />
            </label>
            <label>
              {t('prices.kind')}
              <select name="kind" value={form.kind} onChange={set('kind')}>
                {['service', 'visit_fee', 'prosthesis'].map((k) => (
                  <option key={k} value={k}>
                    {t(`prices.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('cols.price')}
              <input name="price" value={form.price} onChange={set('price')} inputMode="decimal" required />
            </label>
            <label>
              {t('prices.nameEt')}
              <input name="nameEt" value={form.et} onChange={set('et')} required />
            </label>
            <label>
              {t('prices.nameLv')}
              <input name="nameLv" value={form.lv} onChange={set('lv')} required />
            </label>
            <label>
              {t('prices.nameEn')}
              <input name="nameEn" value={form.en} onChange={set('en')} required />
            </label>
            <label>
              {t('prices.nameRu')}
              <input name="nameRu" value={form.ru} onChange={set('ru')} required />
            </label>
            <label>
              {t('cols.validFrom')}
              <input name="validFrom" type="date" value={form.validFrom} onChange={set('validFrom')} required />
            </label>
          </div>
          <label className="row" style={{ flexDirection: 'row' }}>
            <input type="checkbox" checked={form.benefitEligible} onChange={set('benefitEligible')} />
            {t('prices.eligible')}
          </label>
          {message && (
            <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
              {message.text}
            </p>
          )}
          <button className="primary" type="submit">
            {t('prices.save')}
          </button>
        </form>
      )}
    </section>
  );
}

export function DebtsPage() {
  const { t } = useTranslation('billing');
  const { navigate } = useRouter();
  const [items, setItems] = useState<Debt[] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const load = useCallback(
    () =>
      api('GET /api/billing/debts')
        .then((r) => setItems(r.items))
        .catch(() => setItems([])),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const notice = async (invoiceId: string) => {
    try {
      await api('POST /api/billing/invoices/{id}/debt-notices', {
        path: { id: invoiceId },
        body: { channel: 'letter' },
      });
      setMessage({ ok: true, text: t('debts.sent') });
      await load();
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    }
  };
  return (
    <section>
      <h1>{t('debts.title')}</h1>
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <div className="card">
        {items && items.length === 0 && <p className="muted">{t('debts.none')}</p>}
        {items && items.length > 0 && (
          <table data-testid="debts">
            <thead>
              <tr>
                <th>{t('cols.number')}</th>
                <th>{t('cols.patient')}</th>
                <th>{t('cols.due')}</th>
                <th>{t('cols.open')}</th>
                <th>{t('cols.overdue')}</th>
                <th>{t('cols.notices')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.invoiceId}>
                  <td>
                    <a
                      href={`/billing/invoices/${d.invoiceId}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate(`/billing/invoices/${d.invoiceId}`);
                      }}
                    >
                      {d.number}
                    </a>
                  </td>
                  <td>{d.patientName}</td>
                  <td>{d.dueDate}</td>
                  <td>{d.open}</td>
                  <td>{d.daysOverdue}</td>
                  <td>{d.notices}</td>
                  <td>
                    {d.handedOverTo ? (
                      <span className="badge">
                        {t('debts.handedOver')}: {d.handedOverTo}
                      </span>
                    ) : d.processingRestricted ? (
                      <span className="badge flag">{t('debts.restricted')}</span>
                    ) : (
                      <button type="button" onClick={() => notice(d.invoiceId)}>
                        {t('debts.notice')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
