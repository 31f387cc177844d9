import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiBody, ApiError, type ApiResponse, api } from '../../shell/api';
import { useRouter } from '../../shell/router';

const today = () => new Date().toISOString().slice(0, 10);

type PriceItem = ApiResponse<'GET /api/billing/price-list'>['items'][number];
type Found = ApiResponse<'POST /api/patients/search'>['items'][number];
type Preview = ApiResponse<'POST /api/billing/invoices/preview'>;
type EvidencedGroup = ApiBody<'POST /api/billing/patients/{id}/groups'>['group'];

// Each service line keeps its own key while lines are added and edited.
let lastLine = 0;
const newLine = () => ({ id: ++lastLine, code: '', quantity: 1 });

/** The doctor records what was done at a visit, by price-list code. */
export function RecordServicesPage() {
  const { t, i18n } = useTranslation('billing');
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Found[] | null>(null);
  const [patient, setPatient] = useState<{ id: string; name: string } | null>(null);
  const [date, setDate] = useState(today());
  const [prices, setPrices] = useState<PriceItem[]>([]);
  const [lines, setLines] = useState([newLine()]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    api('GET /api/billing/price-list', { query: { on: date } })
      .then((r) => setPrices(r.items.filter((p) => p.kind !== 'visit_fee')))
      .catch(() => setPrices([]));
  }, [date]);
  const search = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setFound((await api('POST /api/patients/search', { body: { query } })).items);
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    }
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!patient) return;
    try {
      await api('POST /api/billing/visits/services', {
        body: {
          patientId: patient.id,
          visitDate: date,
          services: lines.filter((l) => l.code).map((l) => ({ code: l.code, quantity: Number(l.quantity) })),
        },
      });
      setMessage({ ok: true, text: t('services.saved') });
      setLines([newLine()]);
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    }
  };
  const lang = i18n.language as keyof PriceItem['names'];
  return (
    <section>
      <h1>{t('services.title')}</h1>
      <search>
        <form className="card row" onSubmit={search}>
          <input
            name="patientQuery"
            aria-label={t('services.find')}
            placeholder={t('services.find')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            style={{ flex: 1 }}
          />
          <button type="submit">{t('services.search')}</button>
        </form>
      </search>
      {found && !patient && (
        <div className="card">
          <table data-testid="patient-choices">
            <tbody>
              {found.map((p) => (
                <tr
                  key={p.id}
                  className="clickable"
                  onClick={() => setPatient({ id: p.id, name: `${p.firstName} ${p.lastName}` })}
                >
                  <td>
                    {p.lastName}, {p.firstName}
                  </td>
                  <td>{p.birthDate}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {patient && (
        <form className="card" onSubmit={save}>
          <h2 data-testid="chosen-patient">{patient.name}</h2>
          <label>
            {t('services.date')}
            <input name="visitDate" type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
          </label>
          {lines.map((l, i) => (
            <div className="row" key={l.id}>
              <select
                aria-label={t('services.choose')}
                name={`code-${i}`}
                value={l.code}
                onChange={(e) => setLines(lines.map((x, j) => (j === i ? { ...x, code: e.target.value } : x)))}
              >
                <option value="">{t('services.choose')}</option>
                {prices.map((p) => (
                  <option key={p.id} value={p.code}>
                    {p.code} · {p.names[lang] ?? p.names.et} · {p.price} €
                  </option>
                ))}
              </select>
              <input
                aria-label={t('cols.qty')}
                name={`qty-${i}`}
                type="number"
                min={1}
                max={99}
                value={l.quantity}
                onChange={(e) =>
                  setLines(lines.map((x, j) => (j === i ? { ...x, quantity: Number(e.target.value) } : x)))
                }
                style={{ width: 80 }}
              />
            </div>
          ))}
          <div className="row">
            <button type="button" onClick={() => setLines([...lines, newLine()])}>
              {t('services.add')}
            </button>
            <button className="primary" type="submit">
              {t('services.save')}
            </button>
          </div>
          {message && (
            <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
              {message.text}
            </p>
          )}
        </form>
      )}
    </section>
  );
}

/** Reception sees what the invoice of a visit will be (group, benefit, shares) and issues it. */
export function VisitInvoicePage({ visitId }: { visitId: string }) {
  const { t } = useTranslation('billing');
  const { navigate } = useRouter();
  const [fee, setFee] = useState<string>('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const body = useMemo(() => ({ visitId, ...(fee.trim() ? { visitFee: fee.trim() } : {}) }), [visitId, fee]);
  useEffect(() => {
    api('POST /api/billing/invoices/preview', { body })
      .then((p) => {
        setPreview(p);
        setError(null);
      })
      .catch((err) => setError(err instanceof ApiError ? err.message : String(err)));
  }, [body]);
  const issue = async () => {
    try {
      const inv = await api('POST /api/billing/invoices', { body });
      navigate(`/billing/invoices/${inv.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <section>
      <h1>
        {t('visit.title')}
        {preview ? `: ${preview.patientName}` : ''}
      </h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {preview && (
        <div className="card" data-testid="invoice-preview">
          <dl className="facts">
            <dt>{t('cols.date')}</dt>
            <dd>{preview.date}</dd>
            <dt>{t('visit.group')}</dt>
            <dd>{t(`groups.${preview.group}`)}</dd>
            <dt>{t('visit.reason')}</dt>
            <dd>{preview.groupReason}</dd>
            {preview.balanceAfter !== null && (
              <>
                <dt>{t('visit.balance')}</dt>
                <dd>{preview.balanceAfter} €</dd>
              </>
            )}
          </dl>
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
              {preview.lines.map((l) => (
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
          <p>
            <strong>
              {t('cols.total')}: {preview.total} €
            </strong>{' '}
            · {t('cols.benefit')}: {preview.benefit} € ·{' '}
            <span data-testid="patient-share">
              {t('cols.patientShare')}: {preview.patientShare} €
            </span>
          </p>
          <BenefitBasis
            patientId={preview.patientId}
            date={preview.date}
            reload={() => api('POST /api/billing/invoices/preview', { body }).then(setPreview)}
          />
          <label style={{ maxWidth: 200 }}>
            {t('visit.fee')}
            <input
              name="visitFee"
              value={fee}
              onChange={(e) => setFee(e.target.value)}
              inputMode="decimal"
              placeholder="5.00"
            />
          </label>
          <button className="primary" type="button" onClick={issue}>
            {t('visit.issue')}
          </button>
        </div>
      )}
    </section>
  );
}

const evidencedGroups: EvidencedGroup[] = [
  'pregnant',
  'mother-of-infant',
  'pensioner',
  'reduced-work-ability',
  'unemployed',
  'child-extension',
];

/** Evidence of a higher-benefit group and benefit used at other clinics, recorded before the invoice is issued. */
function BenefitBasis({
  patientId,
  date,
  reload,
}: {
  patientId: string;
  date: string;
  reload: () => Promise<unknown>;
}) {
  const { t } = useTranslation('billing');
  const [open, setOpen] = useState(false);
  const [group, setGroup] = useState<EvidencedGroup>('pregnant');
  const [evidence, setEvidence] = useState('');
  const [from, setFrom] = useState(date);
  const [until, setUntil] = useState('');
  const [used, setUsed] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = async (fn: () => Promise<unknown>) => {
    try {
      setError(null);
      await fn();
      await reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  if (!open)
    return (
      <p>
        <button type="button" className="link" onClick={() => setOpen(true)}>
          {t('basis.open')}
        </button>
      </p>
    );
  return (
    <div className="card">
      <h3>{t('basis.title')}</h3>
      <div className="row">
        <select
          aria-label={t('visit.group')}
          name="evidenceGroup"
          value={group}
          onChange={(e) => setGroup(e.target.value as EvidencedGroup)}
        >
          {evidencedGroups.map((g) => (
            <option key={g} value={g}>
              {t(`basis.groups.${g}`)}
            </option>
          ))}
        </select>
        <input
          aria-label={t('basis.evidence')}
          placeholder={t('basis.evidence')}
          name="evidence"
          value={evidence}
          onChange={(e) => setEvidence(e.target.value)}
        />
        <input
          aria-label={t('cols.validFrom')}
          type="date"
          name="evidenceFrom"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
        <input
          aria-label={t('cols.validTo')}
          type="date"
          name="evidenceUntil"
          value={until}
          onChange={(e) => setUntil(e.target.value)}
        />
        <button
          type="button"
          onClick={() =>
            run(() =>
              api('POST /api/billing/patients/{id}/groups', {
                path: { id: patientId },
                body: { group, evidence, validFrom: from, validTo: until || null },
              }),
            )
          }
        >
          {t('basis.saveGroup')}
        </button>
      </div>
      <div className="row">
        <input
          aria-label={t('basis.usedElsewhere')}
          placeholder={t('basis.usedElsewhere')}
          name="usedElsewhere"
          value={used}
          onChange={(e) => setUsed(e.target.value)}
          inputMode="decimal"
        />
        <button
          type="button"
          onClick={() =>
            run(() =>
              api('POST /api/billing/patients/{id}/benefit-used-elsewhere', {
                path: { id: patientId },
                body: { year: Number(date.slice(0, 4)), amount: used, source: 'state_portal', confirmedOn: date },
              }),
            )
          }
        >
          {t('basis.saveUsed')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
