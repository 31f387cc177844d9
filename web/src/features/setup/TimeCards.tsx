import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiBody, type ApiResponse, api } from '../../shell/api';
import { Link } from '../../shell/router';
import { AddForm } from './AddForm';
import type { Absence, CardProps } from './setup.types';

type AbsenceKind = ApiBody<'POST /api/queue/exceptions'>['kind'];
const today = () => new Date().toISOString().slice(0, 10);

/** Weekly working hours of each professional. */
export function SchedulesCard({ cat, reload, proName, proOptions }: CardProps & { proOptions: ReactNode }) {
  const { t } = useTranslation('setup');
  const [sch, setSch] = useState({ professionalId: '', weekday: 1, start: '09:00', end: '17:00' });
  return (
    <div className="card">
      <h2>{t('schedules')}</h2>
      {cat.schedules.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <table data-testid="setup-schedules">
          <tbody>
            {[...cat.schedules]
              .sort((a, b) => a.professionalId.localeCompare(b.professionalId) || a.weekday - b.weekday)
              .map((s) => (
                <tr key={s.id}>
                  <td>{proName(s.professionalId)}</td>
                  <td>{(t('weekdays', { returnObjects: true }) as string[])[s.weekday]}</td>
                  <td>
                    {s.startTime}–{s.endTime}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      onClick={async () => {
                        await api('DELETE /api/queue/schedules/{id}', { path: { id: s.id } });
                        await reload();
                      }}
                    >
                      {t('remove')}
                    </button>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      <AddForm
        label={t('schedules')}
        onSubmit={async () => {
          await api('POST /api/queue/schedules', {
            body: { ...sch, professionalId: sch.professionalId || (cat.professionals[0]?.id ?? '') },
          });
          await reload();
        }}
      >
        <label>
          {t('professional')}
          <select
            name="scheduleProfessional"
            value={sch.professionalId}
            onChange={(e) => setSch({ ...sch, professionalId: e.target.value })}
          >
            {proOptions}
          </select>
        </label>
        <label>
          {t('weekday')}
          <select
            name="scheduleWeekday"
            value={sch.weekday}
            onChange={(e) => setSch({ ...sch, weekday: Number(e.target.value) })}
          >
            {[1, 2, 3, 4, 5, 6, 7].map((d) => (
              <option key={d} value={d}>
                {(t('weekdays', { returnObjects: true }) as string[])[d]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('start')}
          <input
            name="scheduleStart"
            type="time"
            value={sch.start}
            onChange={(e) => setSch({ ...sch, start: e.target.value })}
            required
          />
        </label>
        <label>
          {t('end')}
          <input
            name="scheduleEnd"
            type="time"
            value={sch.end}
            onChange={(e) => setSch({ ...sch, end: e.target.value })}
            required
          />
        </label>
      </AddForm>
    </div>
  );
}

/** Leave and closed days in the coming months, and recording one. */
export function AbsencesCard({
  absences,
  reload,
  proName,
  proOptions,
}: Omit<CardProps, 'cat'> & { absences: Absence[]; proOptions: ReactNode }) {
  const { t } = useTranslation('setup');
  const [abs, setAbs] = useState({
    professionalId: '',
    kind: 'closed' as AbsenceKind,
    date: today(),
    until: '',
    note: '',
  });
  const [pending, setPending] = useState<{ body: AbsenceBody; visits: AffectedRow[] } | null>(null);
  const [recorded, setRecorded] = useState<AffectedRow[]>([]);
  const record = async (body: AbsenceBody, confirm = false) => {
    const r = await api('POST /api/queue/exceptions', { body: { ...body, confirm } });
    setRecorded(await describe(r.affected));
    setPending(null);
    setAbs({ ...abs, note: '', until: '' });
    await reload();
  };
  return (
    <div className="card">
      <h2>{t('absences')}</h2>
      {pending && (
        <AffectedVisits
          title={t('queue:book.affected.title')}
          intro={t('queue:book.affected.intro')}
          rows={pending.visits}
        >
          <button type="button" className="primary" onClick={() => void record(pending.body, true)}>
            {t('queue:book.affected.confirm')}
          </button>
        </AffectedVisits>
      )}
      {recorded.length > 0 && <AffectedVisits intro={t('queue:book.affected.recorded')} rows={recorded} />}
      <h3 className="muted">{t('upcoming')}</h3>
      {absences.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <table data-testid="setup-absences">
          <tbody>
            {absences.map((a) => (
              <tr key={a.id}>
                <td>{proName(a.professionalId)}</td>
                <td>{t(`absenceKinds.${a.kind}`)}</td>
                <td>
                  {a.date}
                  {a.until && a.until !== a.date ? ` – ${a.until}` : ''}
                </td>
                <td>{a.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AddForm
        label={t('absences')}
        onSubmit={async () => {
          const body = {
            professionalId: abs.professionalId || null,
            kind: abs.kind,
            date: abs.date,
            ...(abs.until ? { until: abs.until } : {}),
            ...(abs.note ? { note: abs.note } : {}),
          };
          // Booked visits under the absence: listed first, recorded only when confirmed.
          const { affected } = await api('POST /api/queue/exceptions/check', { body });
          if (affected.length > 0) return setPending({ body, visits: await describe(affected) });
          await record(body);
        }}
      >
        <label>
          {t('professional')}
          <select
            name="absenceProfessional"
            value={abs.professionalId}
            onChange={(e) =>
              setAbs({ ...abs, professionalId: e.target.value, kind: e.target.value ? 'leave' : 'closed' })
            }
          >
            <option value="">{t('wholeClinic')}</option>
            {proOptions}
          </select>
        </label>
        <label>
          {t('absenceKind')}
          <select
            name="absenceKind"
            value={abs.kind}
            onChange={(e) => setAbs({ ...abs, kind: e.target.value as AbsenceKind })}
          >
            {(['leave', 'closed'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`absenceKinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('from')}
          <input
            name="absenceFrom"
            type="date"
            value={abs.date}
            onChange={(e) => setAbs({ ...abs, date: e.target.value })}
            required
          />
        </label>
        <label>
          {t('until')}
          <input
            name="absenceUntil"
            type="date"
            value={abs.until}
            onChange={(e) => setAbs({ ...abs, until: e.target.value })}
          />
        </label>
        <label>
          {t('note')}
          <input name="absenceNote" value={abs.note} onChange={(e) => setAbs({ ...abs, note: e.target.value })} />
        </label>
      </AddForm>
    </div>
  );
}

type AbsenceBody = ApiBody<'POST /api/queue/exceptions/check'>;
type Affected = ApiResponse<'POST /api/queue/exceptions/check'>['affected'];
interface AffectedRow {
  id: string;
  startsAt: string;
  who: string;
}

/** The affected visits with their patients' names, from the queue's own list (which audits the view). */
async function describe(affected: Affected): Promise<AffectedRow[]> {
  if (affected.length === 0) return [];
  const times = affected.map((a) => a.startsAt).sort();
  const to = new Date(Date.parse(times.at(-1)!) + 60_000).toISOString();
  const { items } = await api('GET /api/queue/entries', { query: { from: times[0]!, to, limit: 500 } });
  return affected.map((a) => {
    const e = items.find((x) => x.id === a.id);
    return { id: a.id, startsAt: a.startsAt, who: e ? `${e.patient.lastName}, ${e.patient.firstName}` : '' };
  });
}

/** Each affected visit with a way to move or cancel it in the appointment book. */
function AffectedVisits({
  title,
  intro,
  rows,
  children,
}: {
  title?: string;
  intro: string;
  rows: AffectedRow[];
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation('setup');
  return (
    <div className="card" role="alert" data-testid="affected-visits">
      {title && <strong className="warn">{title}</strong>}
      <p>{intro}</p>
      <ul>
        {rows.map((r) => (
          <li key={r.id}>
            {clinicTime(r.startsAt, i18n.language)} · {r.who}{' '}
            <Link to={`/calendar?day=${localDayOf(r.startsAt)}&visit=${r.id}`}>
              {t('queue:book.affected.moveOrCancel')}
            </Link>
          </li>
        ))}
      </ul>
      {children}
    </div>
  );
}

/** Day and time on the clinic's clock (Tallinn and Riga keep the same one), as the reader's country writes them. */
const clinicTime = (iso: string, lang: string) =>
  new Date(iso).toLocaleString({ et: 'et-EE', lv: 'lv-LV', en: 'en-GB', ru: 'ru-RU' }[lang] ?? 'en-GB', {
    timeZone: 'Europe/Tallinn',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });

/** The clinic's calendar day of an instant (Tallinn and Riga keep the same clock). */
const localDayOf = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Tallinn',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
