import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiResponse, api } from '../../shell/api';
import { formatDay } from '../../shell/format';
import { Link } from '../../shell/router';
import { useSession } from '../../shell/session';
import { OutcomeLine, Timeline, useAction, useRightsErrorText } from './shared';

type Complaint = ApiResponse<'GET /api/complaints/{id}'>;
type Staff = ApiResponse<'GET /api/staff'>['items'][number];

/** /rights/complaints/:id: a complaint on its two clocks, its steps, the answer letter and the archive. */
export function ComplaintPage({ id }: { id: string }) {
  const { t } = useTranslation('rights');
  const said = useRightsErrorText();
  const [c, setC] = useState<Complaint | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api('GET /api/complaints/{id}', { path: { id } })
      .then(setC)
      .catch((e) => setError(said(e)));
  }, [id, said]);
  useEffect(load, [load]);
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!c) return <p>{t('shell:loading')}</p>;
  const contacts = [c.contactEmail, c.contactPhone, c.contactAddress].filter(Boolean).join(' · ');
  return (
    <section className="rights-page">
      <p>
        <Link to="/rights/complaints">← {t('complaints.title')}</Link>
      </p>
      <div className="card">
        <div className="spread">
          <h1 data-testid="complaint-title">
            {t(`complaints.kinds.${c.kind}`)} · {c.complainantName}
          </h1>
          <span className={c.overdue ? 'badge flag' : 'badge'} data-testid="complaint-status">
            {t(`complaints.statuses.${c.status}`)}
          </span>
        </div>
        <dl className="facts" data-testid="complaint-facts">
          <dt>{t('fields.receivedOn')}</dt>
          <dd>
            {formatDay(c.receivedOn)} · {t(`channels.${c.channel}`)}
          </dd>
          {c.representativeName && (
            <>
              <dt>{t('fields.representativeName')}</dt>
              <dd>{c.representativeName}</dd>
            </>
          )}
          <dt>{t('complaints.contacts')}</dt>
          <dd>{contacts || '—'}</dd>
          <dt>{t('fields.reviewBy')}</dt>
          <dd data-testid="review-by" className={c.reviewOverdue ? 'error' : ''}>
            {formatDay(c.reviewBy)}
          </dd>
          <dt>{t('fields.resolveBy')}</dt>
          <dd data-testid="resolve-by" className={c.overdue ? 'error' : ''}>
            {formatDay(c.effectiveResolveBy)}
            {c.extendedResolveBy && ` (${t('complaints.extendedFrom', { date: formatDay(c.resolveBy) })})`}
            {c.extensionReasons && <div className="hint">{c.extensionReasons}</div>}
          </dd>
          <dt>{t('fields.feedbackWanted')}</dt>
          <dd>{c.feedbackWanted ? t(`channels.${c.feedbackChannel}`) : t('complaints.no')}</dd>
          <dt>{t('fields.circumstances')}</dt>
          <dd className="rights-note">{c.circumstances}</dd>
          <dt>{t('fields.claim')}</dt>
          <dd className="rights-note">{c.claim}</dd>
        </dl>
      </div>
      {c.answer && (
        <div className="card">
          <h2>{t('complaints.answerLetter')}</h2>
          <p className="muted">{t('complaints.answeredOn', { date: formatDay(c.answeredOn) })}</p>
          <div className="rights-answer" data-testid="complaint-answer">
            {c.answer}
          </div>
          <h3>{t('complaints.outside')}</h3>
          <ul data-testid="outside-bodies">
            {c.outsideBodies.map((b) => (
              <li key={b.name}>
                <strong>{b.name}</strong> — {t(`complaints.bodyRoles.${b.key}`)} ({b.contact})
              </li>
            ))}
          </ul>
        </div>
      )}
      <ComplaintSteps c={c} onDone={setC} />
      <div className="card">
        <h2>{t('requests.timeline')}</h2>
        <Timeline steps={c.timeline} prefix="complaints" />
      </div>
    </section>
  );
}

function ComplaintSteps({ c, onDone }: { c: Complaint; onDone: (c: Complaint) => void }) {
  const { t } = useTranslation('rights');
  const { user } = useSession();
  const { outcome, busy, run } = useAction();
  const [staff, setStaff] = useState<Staff[]>([]);
  const [assignee, setAssignee] = useState(user?.id ?? '');
  const [note, setNote] = useState('');
  const [resolveBy, setResolveBy] = useState('');
  const [reasons, setReasons] = useState('');
  const [answer, setAnswer] = useState('');
  useEffect(() => {
    // Only an administrator lists the staff; others assign the complaint to themselves.
    api('GET /api/staff')
      .then((r) => setStaff(r.items.filter((s) => !s.disabledAt)))
      .catch(() => setStaff([]));
  }, []);
  const path = { id: c.id };
  const act = (e: FormEvent, fn: () => Promise<Complaint>, ok: string, reset?: () => void) => {
    e.preventDefault();
    void run(async () => {
      onDone(await fn());
      reset?.();
    }, ok);
  };
  const open = c.status === 'received' || c.status === 'in_review';
  if (c.status === 'archived')
    return (
      <p className="card ok" data-testid="archived">
        {t('complaints.archivedOn', { date: formatDay(c.archivedOn) })}
      </p>
    );
  return (
    <div className="card" data-testid="complaint-steps">
      <h2>{t('requests.next')}</h2>
      <OutcomeLine outcome={outcome} />
      {c.status === 'answered' ? (
        <form
          onSubmit={(e) =>
            act(e, () => api('POST /api/complaints/{id}/archive', { path, body: {} }), t('complaints.archived'))
          }
        >
          <p className="hint">{t('complaints.archiveHint')}</p>
          <button type="submit" className="primary" disabled={busy}>
            {t('complaints.archive')}
          </button>
        </form>
      ) : (
        open && (
          <div className="rights-actions">
            <form
              onSubmit={(e) =>
                act(
                  e,
                  () => api('POST /api/complaints/{id}/assign', { path, body: { staffUserId: assignee } }),
                  t('complaints.assigned'),
                )
              }
              data-testid="assign"
            >
              <h3>{t('complaints.assign')}</h3>
              {staff.length > 0 ? (
                <label>
                  {t('fields.assignee')}
                  <select name="assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
                    {staff.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.fullName}
                      </option>
                    ))}
                  </select>
                </label>
              ) : (
                <p className="hint">{t('complaints.assignMe')}</p>
              )}
              <button type="submit" disabled={busy || !assignee}>
                {t('complaints.assign')}
              </button>
            </form>
            <form
              onSubmit={(e) =>
                act(
                  e,
                  () => api('POST /api/complaints/{id}/progress', { path, body: { note } }),
                  t('complaints.progressSaved'),
                  () => setNote(''),
                )
              }
              data-testid="progress"
            >
              <h3>{t('complaints.progress')}</h3>
              <label>
                {t('fields.note')}
                <textarea name="progress" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
              </label>
              <button type="submit" disabled={busy}>
                {t('complaints.progress')}
              </button>
            </form>
            {!c.extendedResolveBy && (
              <form
                onSubmit={(e) =>
                  act(
                    e,
                    () => api('POST /api/complaints/{id}/extend', { path, body: { resolveBy, reasons } }),
                    t('complaints.extended'),
                  )
                }
                data-testid="extend"
              >
                <h3>{t('complaints.extend')}</h3>
                <label>
                  {t('fields.resolveBy')}
                  <input
                    type="date"
                    name="resolveBy"
                    value={resolveBy}
                    onChange={(e) => setResolveBy(e.target.value)}
                  />
                </label>
                <label>
                  {t('fields.reasons')}
                  <textarea name="reasons" rows={2} value={reasons} onChange={(e) => setReasons(e.target.value)} />
                </label>
                <button type="submit" disabled={busy}>
                  {t('complaints.extend')}
                </button>
              </form>
            )}
            <form
              onSubmit={(e) =>
                act(
                  e,
                  () => api('POST /api/complaints/{id}/answer', { path, body: { answer } }),
                  t('complaints.answerSent'),
                )
              }
              data-testid="answer"
            >
              <h3>{t('complaints.answerLetter')}</h3>
              <p className="hint">{t('complaints.answerHint')}</p>
              <label>
                {t('fields.answer')}
                <textarea name="answer" rows={5} value={answer} onChange={(e) => setAnswer(e.target.value)} />
              </label>
              <button type="submit" className="primary" disabled={busy}>
                {t('complaints.sendAnswer')}
              </button>
            </form>
          </div>
        )
      )}
    </div>
  );
}
