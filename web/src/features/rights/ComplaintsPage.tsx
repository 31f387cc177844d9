import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiBody, type ApiResponse, api } from '../../shell/api';
import { formatDay } from '../../shell/format';
import { Link, useRouter } from '../../shell/router';
import { hasAnyRole, useSession } from '../../shell/session';
import { OutcomeLine, useAction, useRightsErrorText } from './shared';

type Complaint = ApiResponse<'GET /api/complaints/{id}'>;
type Stats = ApiResponse<'GET /api/complaints/stats'>;
type NewComplaint = ApiBody<'POST /api/complaints'>;
const lists = ['open', 'answered', 'archived'] as const;

/** /rights/complaints: open complaints soonest due first, answered ones, the archive; yearly statistics. */
export function ComplaintsPage() {
  const { t } = useTranslation('rights');
  const said = useRightsErrorText();
  const { user } = useSession();
  const [list, setList] = useState<(typeof lists)[number]>('open');
  const [items, setItems] = useState<Complaint[] | null>(null);
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const handler = hasAnyRole(user, ['dpo', 'admin']);
  useEffect(() => {
    setItems(null);
    api('GET /api/complaints', { query: { status: list } })
      .then((r) => setItems(r.items))
      .catch((e) => setError(said(e)));
  }, [list, said]);
  useEffect(() => {
    if (handler)
      api('GET /api/complaints/stats', { query: { year: new Date().getFullYear() } })
        .then(setStats)
        .catch(() => setStats(null));
  }, [handler]);
  return (
    <section className="rights-page">
      <div className="spread">
        <h1>{t('complaints.title')}</h1>
        <Link to="/rights/complaints/new" className="button">
          {t('complaints.register')}
        </Link>
      </div>
      <p className="muted">{t('complaints.intro')}</p>
      <div className="tabs" role="tablist">
        {lists.map((k) => (
          <button
            type="button"
            key={k}
            role="tab"
            aria-selected={list === k}
            className={list === k ? 'active' : ''}
            onClick={() => setList(k)}
          >
            {t(`complaints.lists.${k}`)}
          </button>
        ))}
      </div>
      {error && <p className="error">{error}</p>}
      <div className="card">
        {items && items.length === 0 && <p className="muted">{t('complaints.none')}</p>}
        <ul className="rights-list" data-testid="complaints">
          {items?.map((c) => (
            <li key={c.id} data-testid="complaint-line">
              <Link to={`/rights/complaints/${c.id}`}>
                {c.complainantName} · {t(`complaints.kinds.${c.kind}`)}
              </Link>
              <div className="row">
                <span className="muted">{t('requests.receivedOn', { date: formatDay(c.receivedOn) })}</span>
                {list === 'open' ? (
                  <>
                    <span className={c.reviewOverdue ? 'badge flag' : 'badge'}>
                      {t('complaints.reviewBy', { date: formatDay(c.reviewBy) })}
                    </span>
                    <span className={c.overdue ? 'badge flag' : 'badge'}>
                      {t('complaints.resolveBy', { date: formatDay(c.effectiveResolveBy) })}
                    </span>
                  </>
                ) : (
                  <span className="badge">{t(`complaints.statuses.${c.status}`)}</span>
                )}
              </div>
            </li>
          ))}
        </ul>
      </div>
      {stats && (
        <div className="card" data-testid="complaint-stats">
          <h2>{t('complaints.stats', { year: stats.year })}</h2>
          {stats.byKind.length === 0 ? (
            <p className="muted">{t('complaints.none')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>{t('fields.kind')}</th>
                  <th>{t('complaints.received')}</th>
                  <th>{t('complaints.answered')}</th>
                  <th>{t('complaints.late')}</th>
                </tr>
              </thead>
              <tbody>
                {stats.byKind.map((s) => (
                  <tr key={s.kind}>
                    <td>{t(`complaints.kinds.${s.kind}`, { defaultValue: s.kind })}</td>
                    <td>{s.received}</td>
                    <td>{s.answered}</td>
                    <td>{s.late}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}

const todayIso = () => new Date().toISOString().slice(0, 10);

/** /rights/complaints/new: a written complaint or suggestion with the fields the clinic's procedure requires. */
export function NewComplaintPage() {
  const { t } = useTranslation('rights');
  const { navigate } = useRouter();
  const { outcome, busy, run } = useAction();
  const [f, setF] = useState({
    kind: 'complaint' as NonNullable<NewComplaint['kind']>,
    channel: 'letter' as NewComplaint['channel'],
    receivedOn: todayIso(),
    complainantName: '',
    representativeName: '',
    contactEmail: '',
    contactPhone: '',
    contactAddress: '',
    circumstances: '',
    claim: '',
    feedbackWanted: 'yes',
    feedbackChannel: 'email' as NewComplaint['feedbackChannel'],
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const opt = (v: string) => v.trim() || undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const c = await api('POST /api/complaints', {
        body: {
          kind: f.kind,
          channel: f.channel,
          receivedOn: f.receivedOn,
          complainantName: f.complainantName.trim(),
          representativeName: opt(f.representativeName),
          contactEmail: opt(f.contactEmail),
          contactPhone: opt(f.contactPhone),
          contactAddress: opt(f.contactAddress),
          circumstances: f.circumstances.trim(),
          claim: f.claim.trim(),
          feedbackWanted: f.feedbackWanted === 'yes',
          feedbackChannel: f.feedbackWanted === 'yes' ? f.feedbackChannel : 'none',
        },
      });
      navigate(`/rights/complaints/${c.id}`);
    });
  };
  return (
    <section className="rights-page">
      <p>
        <Link to="/rights/complaints">← {t('complaints.title')}</Link>
      </p>
      <form className="card" onSubmit={submit} data-testid="new-complaint">
        <h1>{t('complaints.register')}</h1>
        <div className="grid3">
          <label>
            {t('fields.kind')}
            <select name="kind" value={f.kind} onChange={set('kind')}>
              <option value="complaint">{t('complaints.kinds.complaint')}</option>
              <option value="suggestion">{t('complaints.kinds.suggestion')}</option>
            </select>
          </label>
          <label>
            {t('fields.channel')}
            <select name="channel" value={f.channel} onChange={set('channel')}>
              {(['letter', 'email', 'desk'] as const).map((c) => (
                <option key={c} value={c}>
                  {t(`channels.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('fields.receivedOn')}
            <input type="date" name="receivedOn" value={f.receivedOn} onChange={set('receivedOn')} required />
          </label>
        </div>
        <div className="grid2">
          <label>
            {t('fields.complainantName')}
            <input name="complainantName" value={f.complainantName} onChange={set('complainantName')} />
          </label>
          <label>
            {t('fields.representativeName')}
            <input name="representativeName" value={f.representativeName} onChange={set('representativeName')} />
          </label>
          <label>
            {t('fields.contactEmail')}
            <input name="contactEmail" type="email" value={f.contactEmail} onChange={set('contactEmail')} />
          </label>
          <label>
            {t('fields.contactPhone')}
            <input name="contactPhone" type="tel" value={f.contactPhone} onChange={set('contactPhone')} />
          </label>
        </div>
        <label>
          {t('fields.contactAddress')}
          <input name="contactAddress" value={f.contactAddress} onChange={set('contactAddress')} />
        </label>
        <label>
          {t('fields.circumstances')}
          <textarea name="circumstances" rows={4} value={f.circumstances} onChange={set('circumstances')} />
        </label>
        <label>
          {t('fields.claim')}
          <textarea name="claim" rows={3} value={f.claim} onChange={set('claim')} />
        </label>
        <div className="grid2">
          <label>
            {t('fields.feedbackWanted')}
            <select name="feedbackWanted" value={f.feedbackWanted} onChange={set('feedbackWanted')}>
              <option value="yes">{t('complaints.yes')}</option>
              <option value="no">{t('complaints.no')}</option>
            </select>
          </label>
          {f.feedbackWanted === 'yes' && (
            <label>
              {t('fields.feedbackChannel')}
              <select name="feedbackChannel" value={f.feedbackChannel} onChange={set('feedbackChannel')}>
                {(['email', 'letter', 'phone'] as const).map((c) => (
                  <option key={c} value={c}>
                    {t(`channels.${c}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        <p className="hint">{t('complaints.clockHint')}</p>
        <OutcomeLine outcome={outcome} />
        <button type="submit" className="primary" disabled={busy}>
          {t('complaints.submit')}
        </button>
      </form>
    </section>
  );
}
