import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiBody, type ApiResponse, api, apiHref } from '../../shell/api';
import { formatDay } from '../../shell/format';
import { Link } from '../../shell/router';
import { hasAnyRole, useSession } from '../../shell/session';
import { CopyPanel } from './CopyPanel';
import { ErasurePanel } from './ErasurePanel';
import { OutcomeLine, Timeline, useAction, useRightsErrorText } from './shared';

type RequestView = ApiResponse<'GET /api/requests/{id}'>;
type RefusalReason = ApiBody<'POST /api/requests/{id}/refuse'>['legalReason'];

const refusalReasons: RefusalReason[] = [
  'identity_not_established',
  'manifestly_unfounded',
  'excessive',
  'rights_of_others',
  'legal_claims',
  'legal_retention_duty',
  'crime_prevention',
  'national_security',
];

/** /rights/requests/:id: one request on its clock, its timeline, and the next step. */
export function RequestPage({ id }: { id: string }) {
  const { t } = useTranslation('rights');
  const said = useRightsErrorText();
  const { user } = useSession();
  const [r, setR] = useState<RequestView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api('GET /api/requests/{id}', { path: { id } })
      .then(setR)
      .catch((e) => setError(said(e)));
  }, [id, said]);
  useEffect(load, [load]);
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!r) return <p>{t('shell:loading')}</p>;
  const open = r.status === 'open' || r.status === 'waiting_on_person';
  const decider = hasAnyRole(user, ['dpo', 'admin']);
  return (
    <section className="rights-page">
      <p>
        <Link to="/rights/requests">← {t('requests.title')}</Link>
      </p>
      <div className="card">
        <div className="spread">
          <h1 data-testid="request-title">
            {t(`requests.kinds.${r.kind}`)} · {r.patientName ?? t('requests.person')}
          </h1>
          <span className={r.overdue ? 'badge flag' : 'badge'} data-testid="request-status">
            {t(`requests.statuses.${r.status}`)}
            {r.overdue ? ` · ${t('requests.overdue')}` : ''}
          </span>
        </div>
        <dl className="facts" data-testid="request-facts">
          <dt>{t('fields.receivedOn')}</dt>
          <dd>
            {formatDay(r.receivedOn)} · {t(`channels.${r.channel}`)}
          </dd>
          <dt>{t('fields.identityCheck')}</dt>
          <dd>
            {t(`identity.${r.identityCheck}`)}
            {r.identityNote ? ` — ${r.identityNote}` : ''}
          </dd>
          <dt>{t('fields.dueOn')}</dt>
          <dd data-testid="due-on">{formatDay(r.dueOn)}</dd>
          {r.extendedDueOn && (
            <>
              <dt>{t('fields.extendedDueOn')}</dt>
              <dd data-testid="extended-due-on">
                {formatDay(r.extendedDueOn)} — {r.extensionReasons}
                <div className="hint">{t('requests.noticeOn', { date: formatDay(r.extensionNoticeOn) })}</div>
              </dd>
            </>
          )}
          <dt>{t('fields.answerBy')}</dt>
          <dd>
            {t(`channels.${r.answerChannel}`)} · {t(`languages.${r.language}`)}
          </dd>
          {r.details && (
            <>
              <dt>{t('fields.details')}</dt>
              <dd className="rights-note">{r.details}</dd>
            </>
          )}
          {r.purposeKeys && (
            <>
              <dt>{t('fields.purposeKeys')}</dt>
              <dd>{r.purposeKeys.join(', ')}</dd>
            </>
          )}
          <dt>{t('fields.clockRule')}</dt>
          <dd className="hint">{r.clockRule}</dd>
        </dl>
      </div>
      {r.answer && (
        <div className="card">
          <h2>{r.status === 'refused' ? t('requests.refusal') : t('requests.answer')}</h2>
          {r.refusalReason && <p>{t(`refusal.${r.refusalReason}`)}</p>}
          <div className="rights-answer" data-testid="request-answer">
            {r.answer}
          </div>
          <p className="hint">
            {r.answerChannel === 'letter' || r.answerChannel === 'desk'
              ? t('requests.printHint', { channel: t(`channels.${r.answerChannel}`) })
              : t('requests.sentHint', { channel: t(`channels.${r.answerChannel}`) })}
          </p>
          {r.complaintAuthority && (
            <p className="hint" data-testid="complaint-authority">
              {t('requests.authority', { name: r.complaintAuthority.name })} {r.complaintAuthority.address},{' '}
              {r.complaintAuthority.email}
            </p>
          )}
        </div>
      )}
      {(r.kind === 'access' || r.kind === 'portability') && (
        <div className="card rights-downloads" data-testid="downloads">
          <h2>{t('requests.copy')}</h2>
          <p className="hint">{t('requests.copyHint')}</p>
          {(['pdf', 'csv', 'fhir'] as const).map((format) => (
            <a
              key={format}
              href={apiHref('GET /api/requests/{id}/export', { path: { id }, query: { format } })}
              download
            >
              {t(`formats.${format}`)}
            </a>
          ))}
        </div>
      )}
      {decider &&
        (r.kind === 'access' || r.kind === 'portability') &&
        r.status !== 'refused' &&
        r.status !== 'withdrawn' && <CopyPanel requestId={r.id} />}
      {open && r.kind === 'erasure' && decider && <ErasurePanel request={r} onDone={setR} />}
      {open && <Steps r={r} decider={decider} onDone={setR} />}
      {decider && r.kind === 'restriction' && r.status === 'answered' && !r.liftedOn && (
        <LiftRestriction r={r} onDone={setR} />
      )}
      <div className="card">
        <h2>{t('requests.timeline')}</h2>
        <Timeline steps={r.timeline} prefix="requests" />
      </div>
    </section>
  );
}

/** A granted restriction stays until lifted; the person is told before (Art. 18(3)). */
function LiftRestriction({ r, onDone }: { r: RequestView; onDone: (r: RequestView) => void }) {
  const { t } = useTranslation('rights');
  const { outcome, busy, run } = useAction();
  const [note, setNote] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => onDone(await api('POST /api/requests/{id}/lift', { path: { id: r.id }, body: { note } })));
  };
  return (
    <form className="card" onSubmit={submit} data-testid="lift">
      <h2>{t('restriction.inForce')}</h2>
      <p className="hint">{t('restriction.liftHint')}</p>
      <label>
        {t('fields.note')}
        <textarea name="liftNote" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <OutcomeLine outcome={outcome} />
      <button type="submit" disabled={busy}>
        {t('restriction.lift')}
      </button>
    </form>
  );
}

/** The steps an open request can take next: extend, answer, refuse (deciders); wait, note, withdraw. */
function Steps({ r, decider, onDone }: { r: RequestView; decider: boolean; onDone: (r: RequestView) => void }) {
  const { t } = useTranslation('rights');
  const { outcome, busy, run } = useAction();
  const [months, setMonths] = useState(2);
  const [reasons, setReasons] = useState('');
  const [answer, setAnswer] = useState('');
  const [legalReason, setLegalReason] = useState<RefusalReason>('manifestly_unfounded');
  const [explanation, setExplanation] = useState('');
  const [note, setNote] = useState('');
  const path = { id: r.id };
  const act = (e: FormEvent, fn: () => Promise<RequestView>, ok: string) => {
    e.preventDefault();
    void run(async () => onDone(await fn()), ok);
  };
  const noteStep = (step: 'note' | 'wait' | 'resume' | 'withdraw') =>
    run(
      async () => onDone(await api(`POST /api/requests/{id}/${step}`, { path, body: { note } })),
      t(`steps.${step}Done`),
    ).then((ok) => ok && setNote(''));
  return (
    <div className="card" data-testid="request-steps">
      <h2>{t('requests.next')}</h2>
      <OutcomeLine outcome={outcome} />
      <div className="rights-actions">
        {decider && !r.extendedDueOn && (
          <form
            onSubmit={(e) =>
              act(
                e,
                () => api('POST /api/requests/{id}/extend', { path, body: { months, reasons } }),
                t('steps.extended'),
              )
            }
            data-testid="extend"
          >
            <h3>{t('steps.extend')}</h3>
            <p className="hint">{t('steps.extendHint', { date: formatDay(r.dueOn) })}</p>
            <label>
              {t('fields.months')}
              <select name="months" value={months} onChange={(e) => setMonths(Number(e.target.value))}>
                <option value={1}>1</option>
                <option value={2}>2</option>
              </select>
            </label>
            <label>
              {t('fields.reasons')}
              <textarea name="reasons" rows={3} value={reasons} onChange={(e) => setReasons(e.target.value)} />
            </label>
            <button type="submit" disabled={busy}>
              {t('steps.extend')}
            </button>
          </form>
        )}
        {decider && r.kind !== 'erasure' && (
          <form
            onSubmit={(e) =>
              act(e, () => api('POST /api/requests/{id}/answer', { path, body: { answer } }), t('steps.answered'))
            }
            data-testid="answer"
          >
            <h3>{t('steps.answer')}</h3>
            <p className="hint">
              {t('steps.answerHint', {
                channel: t(`channels.${r.answerChannel}`),
                language: t(`languages.${r.language}`),
              })}
            </p>
            <label>
              {t('fields.answer')}
              <textarea name="answer" rows={4} value={answer} onChange={(e) => setAnswer(e.target.value)} />
            </label>
            <button type="submit" className="primary" disabled={busy}>
              {t('steps.answer')}
            </button>
          </form>
        )}
        {decider && (
          <form
            onSubmit={(e) =>
              act(
                e,
                () => api('POST /api/requests/{id}/refuse', { path, body: { legalReason, explanation } }),
                t('steps.refused'),
              )
            }
            data-testid="refuse"
          >
            <h3>{t('steps.refuse')}</h3>
            <label>
              {t('fields.legalReason')}
              <select
                name="legalReason"
                value={legalReason}
                onChange={(e) => setLegalReason(e.target.value as RefusalReason)}
              >
                {refusalReasons.map((k) => (
                  <option key={k} value={k}>
                    {t(`refusal.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('fields.explanation')}
              <textarea
                name="explanation"
                rows={3}
                value={explanation}
                onChange={(e) => setExplanation(e.target.value)}
              />
            </label>
            <button type="submit" disabled={busy}>
              {t('steps.refuse')}
            </button>
          </form>
        )}
        <div data-testid="note">
          <h3>{t('steps.noteTitle')}</h3>
          <label>
            {t('fields.note')}
            <textarea name="note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <div className="row">
            <button type="button" disabled={busy} onClick={() => noteStep('note')}>
              {t('steps.note')}
            </button>
            {r.status === 'open' ? (
              <button type="button" disabled={busy} onClick={() => noteStep('wait')}>
                {t('steps.wait')}
              </button>
            ) : (
              <button type="button" disabled={busy} onClick={() => noteStep('resume')}>
                {t('steps.resume')}
              </button>
            )}
            <button type="button" disabled={busy} onClick={() => noteStep('withdraw')}>
              {t('steps.withdraw')}
            </button>
          </div>
        </div>
      </div>
    </div>
  );
}
