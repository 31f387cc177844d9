import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiResponse, api, apiHref } from '../../shell/api';
import { useErrorText } from '../../shell/errors';
import { Link } from '../../shell/router';
import { Modal } from './Modal';
import { hhmm, localDay, today, when } from './time';

type Catalogue = ApiResponse<'GET /api/queue/catalogue'>;
type Opened = ApiResponse<'GET /api/queue/entries/{id}'>;
type Delivery = ApiResponse<'GET /api/queue/entries/{id}/messages'>['items'][number];
type Slot = ApiResponse<'GET /api/queue/slots'>['slots'][number];
type Who = 'patient' | 'clinic';

/**
 * Where the written notice of the visit's current time stands: the newest e-mail (being sent, sent,
 * failed) and whether it was printed at the desk since the time was set.
 */
export function noticeStatus(o: Opened, messages: Delivery[]): ('queued' | 'sent' | 'failed' | 'printed' | 'none')[] {
  const setAt = [...o.changes].reverse().find((c) => ['registered', 'booked', 'moved'].includes(c.action))?.at ?? '';
  const mail = messages
    .filter((m) => m.kind === 'visit_notice' && !['cancelled', 'skipped'].includes(m.status))
    .sort((a, b) => a.runAt.localeCompare(b.runAt))
    .at(-1);
  const out: ('queued' | 'sent' | 'failed' | 'printed' | 'none')[] = [];
  if (mail) out.push(mail.status === 'sent' ? 'sent' : mail.status === 'failed' ? 'failed' : 'queued');
  if (o.changes.some((c) => c.action === 'notice_printed' && c.at >= setAt)) out.push('printed');
  return out.length ? out : ['none'];
}

/** A visit opened from the book: details, the notice's status, move, cancel and the day's marks. */
export function VisitDialog({
  id,
  cat,
  onClose,
  onChanged,
}: {
  id: string;
  cat: Catalogue;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation('queue');
  const lang = i18n.language;
  const [o, setO] = useState<Opened | null>(null);
  const [messages, setMessages] = useState<Delivery[]>([]);
  const [mode, setMode] = useState<'' | 'move' | 'cancel'>('');
  const [info, setInfo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const errorText = useErrorText();
  const load = useCallback(async () => {
    setO(await api('GET /api/queue/entries/{id}', { path: { id } }));
    setMessages((await api('GET /api/queue/entries/{id}/messages', { path: { id } })).items);
  }, [id]);
  useEffect(() => {
    load().catch((e) => setError(errorText(e)));
  }, [load, errorText]);

  const run = async (call: () => Promise<unknown>, done?: string) => {
    setError(null);
    setInfo(null);
    try {
      await call();
      await load();
      setMode('');
      if (done) setInfo(done);
      onChanged();
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      setError(['visit_not_due', 'room_taken'].includes(code) ? t(`book.errors.${code}`) : errorText(err));
    }
  };
  const e = o?.entry;
  const pro = cat.professionals.find((p) => p.id === e?.professionalId);
  const service = cat.services.find((s) => s.id === e?.serviceId);
  const room = cat.rooms.find((r) => r.id === e?.roomId);
  const due = !!e?.startsAt && localDay(e.startsAt) <= today();
  const begun = !!e?.startsAt && new Date(e.startsAt).getTime() <= Date.now();
  const mark = (action: 'arrived' | 'done' | 'no-show') =>
    run(() => api(`POST /api/queue/entries/{id}/${action}`, { path: { id }, body: {} }));
  return (
    <Modal label={t('book.visit.title')} testId="visit-dialog" onClose={onClose}>
      <div className="spread">
        <h2>
          {t('book.visit.title')}
          {e?.startsAt ? `: ${when(e.startsAt, lang)}` : ''}
        </h2>
        <button type="button" className="link" data-close onClick={onClose}>
          {t('book.visit.close')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {info && (
        <p className="ok" role="status">
          {info}
        </p>
      )}
      {e && (
        <>
          <dl className="facts" data-testid="visit-facts">
            <dt>{t('book.visit.patient')}</dt>
            <dd>
              <Link to={`/patients/${e.patient.id}`}>
                {e.patient.lastName}, {e.patient.firstName}
              </Link>
            </dd>
            <dt>{t('book.visit.when')}</dt>
            <dd>{e.startsAt ? `${when(e.startsAt, lang)}–${e.endsAt ? hhmm(e.endsAt) : ''}` : '—'}</dd>
            <dt>{t('book.visit.service')}</dt>
            <dd>{service ? (service.names[lang as 'et'] ?? service.name) : ''}</dd>
            <dt>{t('book.visit.professional')}</dt>
            <dd>{pro ? `${pro.firstName} ${pro.lastName}` : '—'}</dd>
            {room && (
              <>
                <dt>{t('book.room')}</dt>
                <dd>{room.name}</dd>
              </>
            )}
            <dt>{t('book.visit.status')}</dt>
            <dd data-testid="visit-status">{t(`status.${e.status}`)}</dd>
            <dt>{t('book.visit.contacts')}</dt>
            <dd>{[e.contactMobile, e.contactEmail].filter(Boolean).join(', ') || '—'}</dd>
            {e.complaint && (
              <>
                <dt>{t('book.visit.complaint')}</dt>
                <dd>{e.complaint}</dd>
              </>
            )}
            <dt>{t('book.visit.notice')}</dt>
            <dd data-testid="notice-status">
              {noticeStatus(o, messages)
                .map((s) => t(`book.visit.noticeStatus.${s}`))
                .join(' · ')}
            </dd>
          </dl>
          <div className="row" style={{ marginTop: '.6rem' }}>
            {e.status === 'booked' && e.contactEmail && (
              <button
                type="button"
                onClick={() =>
                  run(
                    () => api('POST /api/queue/entries/{id}/notice/resend', { path: { id }, body: {} }),
                    t('book.visit.resent'),
                  )
                }
              >
                {t('book.visit.resend')}
              </button>
            )}
            {e.startsAt && (
              <a
                href={apiHref('GET /api/queue/entries/{id}/notice.pdf', { path: { id } })}
                target="_blank"
                rel="noreferrer"
                onClick={() => setTimeout(() => void load(), 1500)}
              >
                {t('book.visit.print')}
              </a>
            )}
          </div>
          <div className="row" style={{ marginTop: '.6rem' }}>
            {e.status === 'booked' && due && (
              <button type="button" onClick={() => mark('arrived')}>
                {t('book.visit.arrived')}
              </button>
            )}
            {(e.status === 'booked' || e.status === 'arrived') && due && (
              <button type="button" onClick={() => mark('done')}>
                {t('book.visit.done')}
              </button>
            )}
            {e.status === 'booked' && begun && (
              <button type="button" onClick={() => mark('no-show')}>
                {t('book.visit.noShow')}
              </button>
            )}
            {e.status === 'booked' && (
              <button
                type="button"
                onClick={() => setMode(mode === 'move' ? '' : 'move')}
                aria-expanded={mode === 'move'}
              >
                {t('book.visit.move')}
              </button>
            )}
            {(e.status === 'booked' || e.status === 'waiting') && (
              <button
                type="button"
                onClick={() => setMode(mode === 'cancel' ? '' : 'cancel')}
                aria-expanded={mode === 'cancel'}
              >
                {t('book.visit.cancel')}
              </button>
            )}
          </div>
          {mode === 'move' && e.startsAt && (
            <MoveForm
              entry={e}
              cat={cat}
              onMove={(body) =>
                run(() => api('POST /api/queue/entries/{id}/move', { path: { id }, body }), t('book.visit.moved'))
              }
            />
          )}
          {mode === 'cancel' && (
            <ReasonForm
              submit={t('book.visit.cancelSubmit')}
              onSubmit={(body) =>
                run(() => api('POST /api/queue/entries/{id}/cancel', { path: { id }, body }), t('book.visit.cancelled'))
              }
            />
          )}
          <details style={{ marginTop: '.6rem' }}>
            <summary>{t('book.visit.history')}</summary>
            <ul>
              {o.changes.map((c) => (
                <li key={`${c.at}${c.action}`}>
                  {when(c.at, lang)}: {t(`book.visit.actions.${c.action}`)}
                  {c.newStartsAt ? ` → ${when(c.newStartsAt, lang)}` : ''}
                  {c.reason ? ` (${c.reason})` : ''}
                </li>
              ))}
            </ul>
          </details>
        </>
      )}
    </Modal>
  );
}

interface ReasonBody {
  reason: string;
  by: Who;
  patientInformed: boolean;
}

/** Who asked, why, and whether the patient already knows: the queue regulation keeps all three. */
function ReasonFields({ value, onChange }: { value: ReasonBody; onChange: (v: ReasonBody) => void }) {
  const { t } = useTranslation('queue');
  return (
    <>
      <fieldset className="row" style={{ border: 'none', padding: 0 }}>
        <legend>{t('book.visit.by')}</legend>
        {(['patient', 'clinic'] as const).map((w) => (
          <label key={w} className="row" style={{ flexDirection: 'row' }}>
            <input type="radio" name="by" checked={value.by === w} onChange={() => onChange({ ...value, by: w })} />
            {t(w === 'patient' ? 'book.visit.byPatient' : 'book.visit.byClinic')}
          </label>
        ))}
      </fieldset>
      {value.by === 'clinic' && <p className="hint">{t('book.visit.clinicTells')}</p>}
      <label>
        {t('book.visit.reason')}
        <input
          value={value.reason}
          onChange={(e) => onChange({ ...value, reason: e.target.value })}
          required
          minLength={3}
        />
      </label>
      <label className="row" style={{ flexDirection: 'row' }}>
        <input
          type="checkbox"
          checked={value.patientInformed}
          onChange={(e) => onChange({ ...value, patientInformed: e.target.checked })}
        />
        {t('book.visit.informed')}
      </label>
    </>
  );
}

function ReasonForm({ submit, onSubmit }: { submit: string; onSubmit: (b: ReasonBody) => void }) {
  const [v, setV] = useState<ReasonBody>({ reason: '', by: 'patient', patientInformed: false });
  return (
    <form
      aria-label={submit}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit(v);
      }}
    >
      <ReasonFields value={v} onChange={setV} />
      <button type="submit" className="primary">
        {submit}
      </button>
    </form>
  );
}

/** A new time among the professional's free times of a chosen day. */
function MoveForm({
  entry,
  cat,
  onMove,
}: {
  entry: Opened['entry'];
  cat: Catalogue;
  onMove: (b: ReasonBody & { startsAt: string; professionalId: string }) => void;
}) {
  const { t } = useTranslation('queue');
  const [day, setDay] = useState(localDay(entry.startsAt!));
  const [pro, setPro] = useState(entry.professionalId ?? '');
  const [slots, setSlots] = useState<Slot[]>([]);
  const [start, setStart] = useState('');
  const [v, setV] = useState<ReasonBody>({ reason: '', by: 'patient', patientInformed: false });
  useEffect(() => {
    api('GET /api/queue/slots', { query: { serviceId: entry.serviceId, from: day, to: day, professionalId: pro } })
      .then((r) => {
        setSlots(r.slots);
        setStart(r.slots[0]?.start ?? '');
      })
      .catch(() => setSlots([]));
  }, [day, pro, entry.serviceId]);
  return (
    <form
      aria-label={t('book.visit.move')}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (start) onMove({ ...v, startsAt: start, professionalId: pro });
      }}
    >
      <div className="row">
        <label>
          {t('book.date')}
          <input type="date" value={day} onChange={(e) => e.target.value && setDay(e.target.value)} />
        </label>
        <label>
          {t('book.professional')}
          <select value={pro} onChange={(e) => setPro(e.target.value)}>
            {cat.professionals
              .filter((p) => p.active)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.firstName} {p.lastName}
                </option>
              ))}
          </select>
        </label>
        <label>
          {t('book.visit.newTime')}
          <select value={start} onChange={(e) => setStart(e.target.value)} required>
            {slots.map((s) => (
              <option key={s.start} value={s.start}>
                {hhmm(s.start)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {slots.length === 0 && <p className="muted">{t('book.visit.noFree')}</p>}
      <ReasonFields value={v} onChange={setV} />
      <button type="submit" className="primary" disabled={!start}>
        {t('book.visit.moveSubmit')}
      </button>
    </form>
  );
}
