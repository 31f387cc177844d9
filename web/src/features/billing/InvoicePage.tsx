import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiBody, ApiError, type ApiResponse, api, apiHref } from '../../shell/api';
import { useRouter } from '../../shell/router';
import { hasAnyRole, useSession } from '../../shell/session';

type Invoice = ApiResponse<'GET /api/billing/invoices/{id}'>;
type Method = ApiBody<'POST /api/billing/invoices/{id}/payments'>['method'];

/** One invoice: lines, who pays what, payments (partial allowed), PDF, and a credit note for the accountant. */
export function InvoicePage({ id }: { id: string }) {
  const { t } = useTranslation('billing');
  const { navigate } = useRouter();
  const { user } = useSession();
  const [inv, setInv] = useState<Invoice | null>(null);
  const [method, setMethod] = useState<Method>('card');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const load = useCallback(
    () =>
      api('GET /api/billing/invoices/{id}', { path: { id } })
        .then((r) => {
          setInv(r);
          setAmount(r.patientOpenCents > 0 ? r.patientOpen : '');
        })
        .catch((err) => setMessage({ ok: false, text: err instanceof ApiError ? err.message : String(err) })),
    [id],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const pay = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const r = await api('POST /api/billing/invoices/{id}/payments', { path: { id }, body: { method, amount } });
      setInv(r);
      setAmount(r.patientOpenCents > 0 ? r.patientOpen : '');
      setMessage(null);
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    }
  };
  const credit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const cn = await api('POST /api/billing/invoices/{id}/credit-notes', { path: { id }, body: { reason } });
      navigate(`/billing/invoices/${cn.id}`);
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    }
  };
  if (!inv)
    return message ? (
      <p className="error" role="alert">
        {message.text}
      </p>
    ) : null;
  const isInvoice = inv.kind === 'invoice';
  return (
    <section>
      <div className="spread">
        <h1 data-testid="invoice-number">
          {t(isInvoice ? 'invoice.title' : 'invoice.credit_note')} {inv.number}
        </h1>
        <a href={apiHref('GET /api/billing/invoices/{id}/pdf', { path: { id } })} target="_blank" rel="noreferrer">
          {t('invoice.pdf')}
        </a>
      </div>
      <div className="card">
        <dl className="facts">
          <dt>{t('cols.patient')}</dt>
          {/* The patient's share carries the name the invoice was issued to. */}
          <dd>{inv.shares.find((s) => s.holder === 'patient')?.name ?? '—'}</dd>
          <dt>{t('cols.date')}</dt>
          <dd>{inv.invoiceDate}</dd>
          {isInvoice && (
            <>
              <dt>{t('cols.due')}</dt>
              <dd>{inv.dueDate}</dd>
            </>
          )}
          <dt>{t('visit.group')}</dt>
          <dd>{t(`groups.${inv.group}`)}</dd>
        </dl>
        <h3>{t('invoice.lines')}</h3>
        <table>
          <thead>
            <tr>
              <th>{t('cols.code')}</th>
              <th>{t('cols.name')}</th>
              <th>{t('cols.qty')}</th>
              <th>{t('cols.amount')}</th>
              <th>{t('cols.benefit')}</th>
            </tr>
          </thead>
          <tbody>
            {inv.lines.map((l) => (
              <tr key={l.lineNo}>
                <td>{l.code}</td>
                <td>{l.description}</td>
                <td>{l.quantity}</td>
                <td>{l.amount}</td>
                <td>{l.benefit}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>{t('invoice.shares')}</h3>
        <table data-testid="invoice-shares">
          <thead>
            <tr>
              <th />
              <th>{t('cols.amount')}</th>
              <th>{t('cols.open')}</th>
            </tr>
          </thead>
          <tbody>
            {inv.shares.map((s) => (
              <tr key={`${s.holder}${s.billPayerId ?? ''}`}>
                <td>{s.holder === 'bill_payer' ? s.name : t(`invoice.${s.holder}`)}</td>
                <td>{s.amount}</td>
                <td>{s.holder === 'fund' ? '' : s.open}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {inv.payments.length > 0 && (
        <div className="card">
          <h3>{t('invoice.payments')}</h3>
          <table data-testid="payments">
            <tbody>
              {inv.payments.map((p) => (
                <tr key={p.id}>
                  <td>{p.paidOn}</td>
                  <td>{t(`invoice.${p.method}`)}</td>
                  <td>{p.amount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role="alert">
          {message.text}
        </p>
      )}
      {isInvoice && inv.paid && (
        <p className="ok" role="status" data-testid="paid">
          {t('invoice.paid')}
        </p>
      )}
      {isInvoice && !inv.paid && inv.patientOpenCents > 0 && (
        <form className="card row" onSubmit={pay}>
          <label>
            {t('invoice.method')}
            <select name="method" value={method} onChange={(e) => setMethod(e.target.value as Method)}>
              {['cash', 'card', 'transfer'].map((m) => (
                <option key={m} value={m}>
                  {t(`invoice.${m}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('invoice.amount')}
            <input
              name="amount"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              inputMode="decimal"
              required
            />
          </label>
          <button className="primary" type="submit">
            {t('invoice.pay')}
          </button>
        </form>
      )}
      {isInvoice && hasAnyRole(user, ['accountant', 'admin']) && (
        <form className="card row" onSubmit={credit}>
          <label style={{ flex: 1 }}>
            {t('invoice.creditReason')}
            <input
              name="creditReason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              minLength={3}
            />
          </label>
          <button type="submit">{t('invoice.credit')}</button>
        </form>
      )}
    </section>
  );
}
