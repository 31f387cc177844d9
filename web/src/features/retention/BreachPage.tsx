import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiResponse, api, apiHref } from '../../shell/api';
import { Link } from '../../shell/router';
import { Countdown } from './BreachesPage';
import { fromLocalInput, OversightNav, toLocalInput, useErrorText, when } from './common';

type Detail = ApiResponse<'GET /api/breaches/{id}'>;
/** On a phone the labels take at most 40 % and long words wrap, so nothing runs off the screen. */
const narrowFacts = { gridTemplateColumns: 'minmax(0, 40%) minmax(0, 1fr)', overflowWrap: 'anywhere' } as const;
type Staff = ApiResponse<'GET /api/staff'>['items'][number];

/**
 * One breach from discovery to the authority: its facts and 72-hour clock, the patients found from
 * the audit log (everyone a staff member opened between two times), the notification (with the
 * reason when late) and its PDF in Estonian, Latvian and English, and the decision on telling the
 * people affected.
 */
export function BreachPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation('retention');
  const errorText = useErrorText();
  const [b, setB] = useState<Detail | null>(null);
  const [staff, setStaff] = useState<Staff[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [find, setFind] = useState({ actorId: '', from: '', to: '' });
  const [notify, setNotify] = useState({ at: toLocalInput(new Date()), lateReason: '' });
  const [inform, setInform] = useState({ decision: 'yes' as 'yes' | 'no', reason: '' });

  const load = useCallback(async () => {
    try {
      setB(await api('GET /api/breaches/{id}', { path: { id } }));
    } catch (err) {
      setError(errorText(err));
    }
  }, [id, errorText]);
  useEffect(() => {
    void load();
    void api('GET /api/staff')
      .then((r) => setStaff(r.items))
      .catch(() => undefined);
  }, [load]);

  const act = (fn: () => Promise<string>) => async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setMessage(null);
    try {
      setMessage(await fn());
      await load();
    } catch (err) {
      setError(errorText(err));
    }
  };
  const findAffected = act(async () => {
    const r = await api('POST /api/breaches/{id}/affected', {
      path: { id },
      body: { actorId: find.actorId, from: fromLocalInput(find.from), to: fromLocalInput(find.to) },
    });
    return t('breach.found', { found: r.found, total: r.total });
  });
  const recordNotification = act(async () => {
    await api('POST /api/breaches/{id}/notify', {
      path: { id },
      body: { at: fromLocalInput(notify.at), ...(notify.lateReason ? { lateReason: notify.lateReason } : {}) },
    });
    return t('breach.notifiedSaved');
  });
  const sendLetters = act(async () => {
    const r = await api('POST /api/breaches/{id}/inform-people', { path: { id }, body: {} });
    return t('breach.lettersQueued', { queued: r.queued, affected: r.affected });
  });
  const decide = act(async () => {
    await api('POST /api/breaches/{id}/inform', { path: { id }, body: inform });
    return t('breach.decisionSaved');
  });

  if (!b) return error ? <p className="error">{error}</p> : <p>{t('shell:loading')}</p>;
  const pdf = (lang: 'et' | 'lv' | 'en') =>
    apiHref('GET /api/breaches/{id}/authority.pdf', { path: { id }, query: { lang } });
  return (
    <section>
      <OversightNav />
      <p>
        <Link to="/breaches">← {t('breach.back')}</Link>
      </p>
      <div className="spread">
        <h1>{t('breach.title')}</h1>
        <Countdown b={b} />
      </div>
      <div className="card">
        <dl className="facts" data-testid="breach-facts" style={narrowFacts}>
          <dt>{t('breaches.discoveredAt')}</dt>
          <dd>{when(b.discoveredAt, i18n.language)}</dd>
          <dt>{t('breach.deadline')}</dt>
          <dd>{when(b.deadline, i18n.language)}</dd>
          <dt>{t('breaches.nature')}</dt>
          <dd>{b.nature}</dd>
          <dt>{t('breaches.categories')}</dt>
          <dd>{b.categories.map((c) => t(`breaches.cat.${c}`, { defaultValue: c })).join(', ')}</dd>
          <dt>{t('breaches.people')}</dt>
          <dd data-testid="approx-people">{b.approxPeople}</dd>
          <dt>{t('breaches.records')}</dt>
          <dd>{b.approxRecords}</dd>
          <dt>{t('breaches.consequences')}</dt>
          <dd>{b.consequences}</dd>
          <dt>{t('breaches.measures')}</dt>
          <dd>{b.measures}</dd>
          <dt>{t('breach.authority')}</dt>
          <dd>
            {b.authorityNotifiedAt ? when(b.authorityNotifiedAt, i18n.language) : t('breach.notYet')}
            {b.lateReason && <div className="warn">{b.lateReason}</div>}
          </dd>
          <dt>{t('breach.informPeople')}</dt>
          <dd>
            {t(`breach.inform.${b.informPeople}`)}
            {b.informReason && <div className="muted">{b.informReason}</div>}
          </dd>
        </dl>
      </div>
      {message && (
        <p role="status" className="ok">
          {message}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <form className="card" onSubmit={findAffected}>
        <h2>{t('breach.affectedTitle', { count: b.affected.length })}</h2>
        <p className="hint">{t('breach.affectedIntro')}</p>
        <div className="grid3">
          <label>
            {t('breach.staff')}
            <select
              name="actorId"
              value={find.actorId}
              onChange={(e) => setFind({ ...find, actorId: e.target.value })}
              required
            >
              <option value="">—</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.fullName}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('breach.from')}
            <input
              name="from"
              type="datetime-local"
              value={find.from}
              onChange={(e) => setFind({ ...find, from: e.target.value })}
              required
            />
          </label>
          <label>
            {t('breach.to')}
            <input
              name="to"
              type="datetime-local"
              value={find.to}
              onChange={(e) => setFind({ ...find, to: e.target.value })}
              required
            />
          </label>
        </div>
        <button type="submit">{t('breach.find')}</button>
        {b.affected.length > 0 && (
          <ul data-testid="affected">
            {b.affected.map((a) => (
              <li key={a.patientId}>
                <Link to={`/patients/${a.patientId}`}>{t('breach.patient')}</Link>{' '}
                <span className="muted">· {when(a.addedAt, i18n.language)}</span>
                {a.letter && (
                  <>
                    {' '}
                    <span className={a.letter === 'sent' ? 'badge' : 'badge flag'}>
                      {t(`breach.letter.${a.letter}`)}
                    </span>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </form>
      <form className="card" onSubmit={recordNotification}>
        <h2>{t('breach.notifyTitle')}</h2>
        <p className="row">
          {t('breach.pdf')}:{' '}
          {(['et', 'lv', 'en'] as const).map((l) => (
            <a key={l} href={pdf(l)} data-testid={`pdf-${l}`} download>
              {t(`breach.pdfLang.${l}`)}
            </a>
          ))}
        </p>
        <div className="grid2">
          <label>
            {t('breach.notifiedAt')}
            <input
              name="notifiedAt"
              type="datetime-local"
              value={notify.at}
              onChange={(e) => setNotify({ ...notify, at: e.target.value })}
              required
            />
          </label>
          <label>
            {t('breach.lateReason')}
            <input
              name="lateReason"
              value={notify.lateReason}
              onChange={(e) => setNotify({ ...notify, lateReason: e.target.value })}
            />
          </label>
        </div>
        <button type="submit" className="primary">
          {t('breach.recordNotification')}
        </button>
      </form>
      <form className="card" onSubmit={decide}>
        <h2>{t('breach.informTitle')}</h2>
        <p className="hint">{t('breach.informIntro')}</p>
        <div className="grid2">
          <label>
            {t('breach.decision')}
            <select
              name="decision"
              value={inform.decision}
              onChange={(e) => setInform({ ...inform, decision: e.target.value as 'yes' | 'no' })}
            >
              <option value="yes">{t('breach.inform.yes')}</option>
              <option value="no">{t('breach.inform.no')}</option>
            </select>
          </label>
          <label>
            {t('breach.decisionReason')}
            <input
              name="decisionReason"
              value={inform.reason}
              onChange={(e) => setInform({ ...inform, reason: e.target.value })}
              required
              minLength={3}
            />
          </label>
        </div>
        <button type="submit">{t('breach.saveDecision')}</button>
      </form>
      {b.informPeople === 'yes' && (
        <form className="card" onSubmit={sendLetters}>
          <h2>{t('breach.lettersTitle')}</h2>
          <p className="hint">{t('breach.lettersIntro')}</p>
          <button type="submit" className="primary" disabled={b.affected.length === 0}>
            {t('breach.sendLetters', { count: b.affected.length })}
          </button>
        </form>
      )}
    </section>
  );
}
