import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiBody, api } from '../../shell/api';
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
  return (
    <div className="card">
      <h2>{t('absences')}</h2>
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
          await api('POST /api/queue/exceptions', {
            body: {
              professionalId: abs.professionalId || null,
              kind: abs.kind,
              date: abs.date,
              ...(abs.until ? { until: abs.until } : {}),
              ...(abs.note ? { note: abs.note } : {}),
            },
          });
          setAbs({ ...abs, note: '', until: '' });
          await reload();
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
