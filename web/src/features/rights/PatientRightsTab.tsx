import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiBody, type ApiResponse, api } from '../../shell/api';
import { formatDay } from '../../shell/format';
import { Link } from '../../shell/router';
import { RequestLine } from './RequestsPage';
import { OutcomeLine, useAction } from './shared';

type Disclosure = ApiResponse<'GET /api/patients/{id}/disclosures'>['items'][number];
type RequestView = ApiResponse<'GET /api/requests/{id}'>;
type NewDisclosure = ApiBody<'POST /api/patients/{id}/disclosures'>;
type RecipientKind = NewDisclosure['recipientKind'];
type Category = NewDisclosure['categories'][number];

export const recipientKinds: RecipientKind[] = [
  'laboratory',
  'insurer',
  'health_insurance_fund',
  'ehealth_system',
  'other_provider',
  'bank',
  'credit_provider',
  'debt_collector',
  'court',
  'police',
  'authority',
];
const categories: Category[] = ['name', 'national_id', 'contact', 'health', 'health_insurance', 'financial'];

/** The disclosures log as the patient's page and the portal show it: to whom, on what basis, what, when. */
export function DisclosureList({ items }: { items: Disclosure[] }) {
  const { t } = useTranslation('rights');
  if (items.length === 0) return <p className="muted">{t('disclosures.none')}</p>;
  return (
    <ul className="rights-list" data-testid="disclosures">
      {items.map((d) => (
        <li key={d.id}>
          <strong>{d.recipientName}</strong> <span className="badge">{t(`recipients.${d.recipientKind}`)}</span>
          <div>
            {formatDay(d.disclosedAt)} · {d.categories.map((c) => t(`categories.${c}`, { defaultValue: c })).join(', ')}
          </div>
          <div className="hint">
            {t('disclosures.basis')}: {d.legalBasis}
            {d.requestReference ? ` · ${t('disclosures.reference')}: ${d.requestReference}` : ''}
          </div>
        </li>
      ))}
    </ul>
  );
}

/**
 * The patient page's "Rights" tab: the person's data-subject requests, a new one from their letter,
 * and everyone their data was given to (with a form to record a disclosure made by hand).
 */
export function PatientRightsTab({ patientId }: { patientId: string }) {
  const { t } = useTranslation('rights');
  const [requests, setRequests] = useState<RequestView[] | null>(null);
  const [disclosures, setDisclosures] = useState<Disclosure[] | null>(null);
  const load = useCallback(() => {
    api('GET /api/requests', { query: { patientId } })
      .then((r) => setRequests(r.items))
      .catch(() => setRequests([]));
    api('GET /api/patients/{id}/disclosures', { path: { id: patientId } })
      .then((r) => setDisclosures(r.items))
      .catch(() => setDisclosures([]));
  }, [patientId]);
  useEffect(load, [load]);
  return (
    <div className="rights-page" data-testid="patient-rights">
      <div className="card">
        <div className="spread">
          <h2>{t('requests.title')}</h2>
          <Link to={`/rights/requests/new?patient=${patientId}`} className="button">
            {t('requests.register')}
          </Link>
        </div>
        {requests && requests.length === 0 && <p className="muted">{t('requests.none')}</p>}
        <ul className="rights-list">
          {requests?.map((r) => (
            <RequestLine key={r.id} r={r} />
          ))}
        </ul>
      </div>
      <div className="card">
        <h2>{t('disclosures.title')}</h2>
        <p className="hint">{t('disclosures.intro')}</p>
        {disclosures && <DisclosureList items={disclosures} />}
      </div>
      <RecordDisclosure patientId={patientId} onSaved={load} />
    </div>
  );
}

function RecordDisclosure({ patientId, onSaved }: { patientId: string; onSaved: () => void }) {
  const { t } = useTranslation('rights');
  const { outcome, busy, run } = useAction();
  const [kind, setKind] = useState<RecipientKind>('laboratory');
  const [name, setName] = useState('');
  const [basis, setBasis] = useState('');
  const [reference, setReference] = useState('');
  const [chosen, setChosen] = useState<Category[]>(['name', 'health']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api('POST /api/patients/{id}/disclosures', {
        path: { id: patientId },
        body: {
          recipientKind: kind,
          recipientName: name.trim(),
          legalBasis: basis.trim(),
          categories: chosen,
          requestReference: reference.trim() || undefined,
        },
      });
      setName('');
      setBasis('');
      setReference('');
      onSaved();
    }, t('disclosures.saved'));
  };
  return (
    <form className="card" onSubmit={submit} data-testid="record-disclosure">
      <h3>{t('disclosures.record')}</h3>
      <div className="grid2">
        <label>
          {t('fields.recipientKind')}
          <select name="recipientKind" value={kind} onChange={(e) => setKind(e.target.value as RecipientKind)}>
            {recipientKinds.map((k) => (
              <option key={k} value={k}>
                {t(`recipients.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('fields.recipientName')}
          <input name="recipientName" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('fields.legalBasis')}
          <input name="legalBasis" value={basis} onChange={(e) => setBasis(e.target.value)} />
        </label>
        <label>
          {t('fields.requestReference')}
          <input name="requestReference" value={reference} onChange={(e) => setReference(e.target.value)} />
        </label>
      </div>
      <fieldset className="rights-choice">
        <legend>{t('fields.categories')}</legend>
        {categories.map((c) => (
          <label key={c}>
            <input
              type="checkbox"
              checked={chosen.includes(c)}
              onChange={() => setChosen(chosen.includes(c) ? chosen.filter((x) => x !== c) : [...chosen, c])}
            />
            {t(`categories.${c}`)}
          </label>
        ))}
      </fieldset>
      <OutcomeLine outcome={outcome} />
      <button type="submit" disabled={busy}>
        {t('disclosures.record')}
      </button>
    </form>
  );
}
