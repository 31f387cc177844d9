import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiBody, type ApiResponse, api } from '../../shell/api';
import { formatDay } from '../../shell/format';
import { Link, useRouter } from '../../shell/router';
import { hasAnyRole, useSession } from '../../shell/session';
import { OutcomeLine, useAction, useRightsErrorText } from './shared';

type RequestView = ApiResponse<'GET /api/requests/{id}'>;
type Radar = ApiResponse<'GET /api/requests/radar'>;
type NewRequest = ApiBody<'POST /api/requests'>;
type Found = ApiResponse<'POST /api/patients/search'>['items'][number];

const statuses = ['open', 'waiting_on_person', 'answered', 'refused', 'withdrawn'] as const;
export const requestKinds = [
  'access',
  'portability',
  'rectification',
  'erasure',
  'restriction',
  'objection',
  'consent_withdrawal',
] as const;

/** One request in a list: who, what, and when it is due; overdue ones stand out. */
export function RequestLine({ r }: { r: RequestView }) {
  const { t } = useTranslation('rights');
  return (
    <li data-testid="request-line">
      <Link to={`/rights/requests/${r.id}`}>
        {r.patientName ?? t('requests.person')} · {t(`requests.kinds.${r.kind}`)}
      </Link>
      <div className="row">
        <span className="muted">{t('requests.receivedOn', { date: formatDay(r.receivedOn) })}</span>
        <span className={r.overdue ? 'badge flag' : 'badge'}>
          {r.status === 'open' || r.status === 'waiting_on_person'
            ? t('requests.dueOn', { date: formatDay(r.effectiveDueOn) })
            : t(`requests.statuses.${r.status}`)}
        </span>
        {r.status === 'waiting_on_person' && <span className="badge">{t('requests.statuses.waiting_on_person')}</span>}
      </div>
    </li>
  );
}

function RadarCards({ radar }: { radar: Radar }) {
  const { t } = useTranslation('rights');
  const groups = [
    ['overdue', radar.overdue],
    ['dueThisWeek', radar.dueThisWeek],
    ['waitingOnPerson', radar.waitingOnPerson],
  ] as const;
  return (
    <>
      <div className="rights-radar" data-testid="radar">
        {groups.map(([k, items]) => (
          <div key={k} className="card">
            <span className="muted">{t(`radar.${k}`)}</span>
            <strong className={k === 'overdue' && items.length ? 'error' : ''} data-testid={`radar-${k}`}>
              {items.length}
            </strong>
          </div>
        ))}
        <div className="card">
          <span className="muted">{t('radar.later')}</span>
          <strong>{radar.later}</strong>
        </div>
      </div>
      {groups.some(([, items]) => items.length > 0) && (
        <div className="card">
          {groups.map(
            ([k, items]) =>
              items.length > 0 && (
                <div key={k}>
                  <h3>{t(`radar.${k}`)}</h3>
                  <ul className="rights-list">
                    {items.map((r) => (
                      <RequestLine key={r.id} r={r} />
                    ))}
                  </ul>
                </div>
              ),
          )}
        </div>
      )}
    </>
  );
}

/** /rights/requests: the deadline radar (DPO, administrator) and the inbox of data-subject requests. */
export function RequestsPage() {
  const { t } = useTranslation('rights');
  const said = useRightsErrorText();
  const { user } = useSession();
  const [status, setStatus] = useState<(typeof statuses)[number] | ''>('open');
  const [items, setItems] = useState<RequestView[] | null>(null);
  const [radar, setRadar] = useState<Radar | null>(null);
  const [error, setError] = useState<string | null>(null);
  const decider = hasAnyRole(user, ['dpo', 'admin']);
  useEffect(() => {
    api('GET /api/requests', { query: { status: status || undefined } })
      .then((r) => setItems(r.items))
      .catch((e) => setError(said(e)));
  }, [status, said]);
  useEffect(() => {
    if (decider)
      api('GET /api/requests/radar')
        .then(setRadar)
        .catch(() => setRadar(null));
  }, [decider]);
  return (
    <section className="rights-page">
      <div className="spread">
        <h1>{t('requests.title')}</h1>
        <Link to="/rights/requests/new" className="button">
          {t('requests.register')}
        </Link>
      </div>
      <p className="muted">{t('requests.intro')}</p>
      {radar && <RadarCards radar={radar} />}
      <div className="card">
        <label>
          {t('requests.filter')}
          <select name="status" value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="">{t('requests.all')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`requests.statuses.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {error && <p className="error">{error}</p>}
        {items && items.length === 0 && <p className="muted">{t('requests.none')}</p>}
        <ul className="rights-list" data-testid="requests">
          {items?.map((r) => (
            <RequestLine key={r.id} r={r} />
          ))}
        </ul>
      </div>
    </section>
  );
}

/** Finds the person a letter is from: by name or ID code, as at the desk. */
function PatientPicker({ onPick }: { onPick: (p: { id: string; name: string }) => void }) {
  const { t } = useTranslation('rights');
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Found[] | null>(null);
  const search = async () => {
    if (query.trim().length < 2) return;
    setFound((await api('POST /api/patients/search', { body: { query: query.trim(), limit: 10 } })).items);
  };
  return (
    <div>
      <label>
        {t('fields.patient')}
        <span className="row">
          <input
            name="patientQuery"
            value={query}
            placeholder={t('new.searchHint')}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void search();
              }
            }}
          />
          <button type="button" onClick={() => void search()}>
            {t('new.search')}
          </button>
        </span>
      </label>
      {found && found.length === 0 && <p className="muted">{t('new.noneFound')}</p>}
      {found && found.length > 0 && (
        <ul className="rights-list">
          {found.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className="link"
                onClick={() => onPick({ id: p.id, name: `${p.firstName} ${p.lastName}` })}
              >
                {p.firstName} {p.lastName}
              </button>{' '}
              <span className="muted">
                {formatDay(p.birthDate)} {p.idCodeMasked ?? ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const todayIso = () => new Date().toISOString().slice(0, 10);

/** /rights/requests/new: a request received by letter, e-mail or at the desk, with how identity was checked. */
export function NewRequestPage() {
  const { t } = useTranslation('rights');
  const { navigate } = useRouter();
  const { outcome, busy, run } = useAction();
  const [patient, setPatient] = useState<{ id: string; name: string } | null>(null);
  const [form, setForm] = useState({
    kind: 'access' as NewRequest['kind'],
    channel: 'letter' as NewRequest['channel'],
    receivedOn: todayIso(),
    identityCheck: 'id_document' as NewRequest['identityCheck'],
    identityNote: '',
    details: '',
    purposeKeys: '',
  });
  useEffect(() => {
    const id = new URLSearchParams(window.location.search).get('patient');
    if (id)
      api('GET /api/patients/{id}', { path: { id } })
        .then((r) => setPatient({ id, name: `${r.patient.firstName} ${r.patient.lastName}` }))
        .catch(() => undefined);
  }, []);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!patient) return;
    void run(async () => {
      const keys = form.purposeKeys
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const r = await api('POST /api/requests', {
        body: {
          patientId: patient.id,
          kind: form.kind,
          channel: form.channel,
          receivedOn: form.receivedOn,
          identityCheck: form.identityCheck,
          identityNote: form.identityNote.trim() || undefined,
          details: form.details.trim() || undefined,
          purposeKeys: keys.length ? keys : undefined,
        },
      });
      navigate(`/rights/requests/${r.id}`);
    });
  };
  return (
    <section className="rights-page">
      <p>
        <Link to="/rights/requests">← {t('requests.title')}</Link>
      </p>
      <form className="card" onSubmit={submit} data-testid="new-request">
        <h1>{t('new.title')}</h1>
        {patient ? (
          <p>
            {t('fields.patient')}: <strong data-testid="picked-patient">{patient.name}</strong>{' '}
            <button type="button" className="link" onClick={() => setPatient(null)}>
              {t('new.change')}
            </button>
          </p>
        ) : (
          <PatientPicker onPick={setPatient} />
        )}
        <div className="grid2">
          <label>
            {t('fields.kind')}
            <select name="kind" value={form.kind} onChange={set('kind')}>
              {requestKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`requests.kinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('fields.channel')}
            <select name="channel" value={form.channel} onChange={set('channel')}>
              {(['letter', 'email', 'desk'] as const).map((c) => (
                <option key={c} value={c}>
                  {t(`channels.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('fields.receivedOn')}
            <input type="date" name="receivedOn" value={form.receivedOn} onChange={set('receivedOn')} required />
          </label>
          <label>
            {t('fields.identityCheck')}
            <select name="identityCheck" value={form.identityCheck} onChange={set('identityCheck')}>
              {(['id_document', 'digital_signature', 'not_established'] as const).map((c) => (
                <option key={c} value={c}>
                  {t(`identity.${c}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label>
          {t('fields.identityNote')}
          <input name="identityNote" value={form.identityNote} onChange={set('identityNote')} />
        </label>
        {form.kind === 'objection' && (
          <label>
            {t('fields.purposeKeys')}
            <input name="purposeKeys" value={form.purposeKeys} onChange={set('purposeKeys')} />
            <span className="hint">{t('new.purposeHint')}</span>
          </label>
        )}
        <label>
          {t('fields.details')}
          <textarea name="details" rows={4} value={form.details} onChange={set('details')} />
        </label>
        <p className="hint">{t('new.clockHint')}</p>
        <OutcomeLine outcome={outcome} />
        <button type="submit" className="primary" disabled={!patient || busy}>
          {t('new.submit')}
        </button>
      </form>
    </section>
  );
}
