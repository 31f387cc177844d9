import { type FormEvent, type ReactNode, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../shell/api';

interface Professional {
  id: string;
  firstName: string;
  lastName: string;
  kind: string;
  registrationCode: string | null;
  specialities: string[];
  active: boolean;
}
interface Service {
  id: string;
  name: string;
  durationMinutes: number;
  publicBooking: boolean;
  active: boolean;
}
interface Schedule {
  id: string;
  professionalId: string;
  weekday: number;
  startTime: string;
  endTime: string;
}
interface Absence {
  id: string;
  professionalId: string | null;
  kind: string;
  date: string;
  until: string | null;
  note: string | null;
}
interface Catalogue {
  professionals: Professional[];
  services: Service[];
  schedules: Schedule[];
}

const today = () => new Date().toISOString().slice(0, 10);
const plusDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** One small form that posts to the API and reports the field the server named. */
function AddForm({ onSubmit, children, label }: { onSubmit: () => Promise<void>; children: ReactNode; label: string }) {
  const { t } = useTranslation('setup');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await onSubmit();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('shell:errors.generic'));
    }
  };
  return (
    <form onSubmit={submit} aria-label={label} className="row" style={{ alignItems: 'flex-end', marginTop: '.6rem' }}>
      {children}
      <button className="primary" type="submit">
        {t('add')}
      </button>
      {error && (
        <p className="error" role="alert" style={{ flexBasis: '100%' }}>
          {error}
        </p>
      )}
    </form>
  );
}

export function SetupPage() {
  const { t } = useTranslation('setup');
  const [cat, setCat] = useState<Catalogue | null>(null);
  const [absences, setAbsences] = useState<Absence[]>([]);
  const [pro, setPro] = useState({
    firstName: '',
    lastName: '',
    kind: 'dentist',
    registrationCode: '',
    specialities: '',
  });
  const [svc, setSvc] = useState({ name: '', durationMinutes: 30, publicBooking: true });
  const [sch, setSch] = useState({ professionalId: '', weekday: 1, start: '09:00', end: '17:00' });
  const [abs, setAbs] = useState({ professionalId: '', kind: 'closed', date: today(), until: '', note: '' });
  const load = useCallback(async () => {
    const c = await api<Catalogue>('GET', '/api/queue/catalogue');
    setCat(c);
    setAbsences(
      (await api<{ items: Absence[] }>('GET', `/api/queue/exceptions?from=${today()}&to=${plusDays(today(), 90)}`))
        .items,
    );
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  if (!cat) return <p>{t('shell:loading')}</p>;
  const proName = (id: string | null) => {
    const p = cat.professionals.find((x) => x.id === id);
    return p ? `${p.firstName} ${p.lastName}` : t('wholeClinic');
  };
  const proOptions = cat.professionals
    .filter((p) => p.active)
    .map((p) => (
      <option key={p.id} value={p.id}>
        {p.firstName} {p.lastName}
      </option>
    ));

  return (
    <section>
      <h1>{t('title')}</h1>
      <div className="card">
        <h2>{t('professionals')}</h2>
        {cat.professionals.length === 0 ? (
          <p className="muted">{t('none')}</p>
        ) : (
          <table data-testid="setup-professionals">
            <tbody>
              {cat.professionals.map((p) => (
                <tr key={p.id}>
                  <td>
                    {p.firstName} {p.lastName}
                  </td>
                  <td>{t(`kinds.${p.kind}`)}</td>
                  <td>{p.registrationCode ?? '—'}</td>
                  <td>{p.specialities.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <AddForm
          label={t('professionals')}
          onSubmit={async () => {
            await api('POST', '/api/queue/professionals', {
              firstName: pro.firstName,
              lastName: pro.lastName,
              kind: pro.kind,
              ...(pro.registrationCode ? { registrationCode: pro.registrationCode } : {}),
              specialities: pro.specialities
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            });
            setPro({ firstName: '', lastName: '', kind: 'dentist', registrationCode: '', specialities: '' });
            await load();
          }}
        >
          <label>
            {t('firstName')}
            <input
              name="proFirstName"
              value={pro.firstName}
              onChange={(e) => setPro({ ...pro, firstName: e.target.value })}
              required
            />
          </label>
          <label>
            {t('lastName')}
            <input
              name="proLastName"
              value={pro.lastName}
              onChange={(e) => setPro({ ...pro, lastName: e.target.value })}
              required
            />
          </label>
          <label>
            {t('kind')}
            <select name="proKind" value={pro.kind} onChange={(e) => setPro({ ...pro, kind: e.target.value })}>
              {['dentist', 'doctor', 'hygienist', 'therapist', 'nurse', 'other'].map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('code')}
            <input
              name="proCode"
              value={pro.registrationCode}
              onChange={(e) => setPro({ ...pro, registrationCode: e.target.value })}
              placeholder="D01234"
            />
          </label>
          <label>
            {t('specialities')}
            <input
              name="proSpecialities"
              value={pro.specialities}
              onChange={(e) => setPro({ ...pro, specialities: e.target.value })}
            />
          </label>
        </AddForm>
      </div>

      <div className="card">
        <h2>{t('services')}</h2>
        {cat.services.length === 0 ? (
          <p className="muted">{t('none')}</p>
        ) : (
          <table data-testid="setup-services">
            <tbody>
              {cat.services.map((s) => (
                <tr key={s.id}>
                  <td>{s.name}</td>
                  <td>{t('minutes', { n: s.durationMinutes })}</td>
                  <td>{s.publicBooking ? t('publicBooking') : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <AddForm
          label={t('services')}
          onSubmit={async () => {
            await api('POST', '/api/queue/services', svc);
            setSvc({ name: '', durationMinutes: 30, publicBooking: true });
            await load();
          }}
        >
          <label>
            {t('serviceName')}
            <input
              name="serviceName"
              value={svc.name}
              onChange={(e) => setSvc({ ...svc, name: e.target.value })}
              required
            />
          </label>
          <label>
            {t('duration')}
            <input
              name="serviceDuration"
              type="number"
              min={5}
              max={480}
              step={5}
              value={svc.durationMinutes}
              onChange={(e) => setSvc({ ...svc, durationMinutes: Number(e.target.value) })}
              required
            />
          </label>
          <label className="row" style={{ flexDirection: 'row' }}>
            <input
              type="checkbox"
              name="servicePublic"
              checked={svc.publicBooking}
              onChange={(e) => setSvc({ ...svc, publicBooking: e.target.checked })}
            />
            {t('publicBooking')}
          </label>
        </AddForm>
      </div>

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
                        className="link"
                        onClick={async () => {
                          await api('DELETE', `/api/queue/schedules/${s.id}`);
                          await load();
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
            await api('POST', '/api/queue/schedules', {
              ...sch,
              professionalId: sch.professionalId || cat.professionals[0]?.id,
            });
            await load();
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
            await api('POST', '/api/queue/exceptions', {
              professionalId: abs.professionalId || null,
              kind: abs.kind,
              date: abs.date,
              ...(abs.until ? { until: abs.until } : {}),
              ...(abs.note ? { note: abs.note } : {}),
            });
            setAbs({ ...abs, note: '', until: '' });
            await load();
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
            <select name="absenceKind" value={abs.kind} onChange={(e) => setAbs({ ...abs, kind: e.target.value })}>
              {['leave', 'closed'].map((k) => (
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
    </section>
  );
}
