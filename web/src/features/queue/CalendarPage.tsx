import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiResponse, api } from '../../shell/api';
import { formatDay } from '../../shell/format';
import { type BookColumn, BookGrid } from './BookGrid';
import { BookingDialog, type PatientChoice } from './BookingDialog';
import { addDays, dayLabel, dayStartIso, hhmm, localDay, monday, nextWorkday } from './time';
import { VisitDialog } from './VisitDialog';

type Catalogue = ApiResponse<'GET /api/queue/catalogue'>;
type Entry = ApiResponse<'GET /api/queue/entries'>['items'][number];
type Slot = ApiResponse<'GET /api/queue/slots'>['slots'][number];
type Frame = ApiResponse<'GET /api/queue/book'>;
const shown = new Set(['booked', 'arrived', 'done', 'no_show']);
const param = (name: string) => new URLSearchParams(window.location.search).get(name);

/**
 * The appointment book: a location's professionals side by side for a day, or one professional's
 * week; visits as blocks sized by their duration, working hours, absences and holidays; a visit
 * opens its dialog, a free time the booking dialog. `?patient=` books for that patient,
 * `?day=` and `?visit=` open a day and a visit (from the absences' list).
 */
export function CalendarPage() {
  const { t, i18n } = useTranslation('queue');
  const [cat, setCat] = useState<Catalogue | null>(null);
  const [view, setView] = useState<'day' | 'week'>('day');
  const [day, setDay] = useState(() => param('day') ?? nextWorkday());
  const [loc, setLoc] = useState('');
  const [pro, setPro] = useState('');
  const [service, setService] = useState('');
  const [frame, setFrame] = useState<Frame | null>(null);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [slots, setSlots] = useState<Slot[]>([]);
  const [booking, setBooking] = useState<Slot | null>(null);
  const [visit, setVisit] = useState<string | null>(() => param('visit'));
  const [forPatient, setForPatient] = useState<PatientChoice | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    api('GET /api/queue/catalogue').then((c) => {
      setCat(c);
      setPro((p) => p || c.professionals.find((x) => x.active)?.id || '');
      setService((s) => s || c.services.find((x) => x.active)?.id || '');
    });
    const id = param('patient');
    if (id)
      api('GET /api/patients/{id}', { path: { id } })
        .then(({ patient: p }) => setForPatient(p))
        .catch(() => undefined);
  }, []);
  const first = view === 'week' ? monday(day) : day;
  const last = view === 'week' ? addDays(first, 6) : day;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is the trigger: an action on the page reloads this.
  useEffect(() => {
    if (!cat) return;
    const period = { from: dayStartIso(first), to: dayStartIso(addDays(last, 1)) };
    const who = view === 'week' ? { professionalId: pro } : {};
    api('GET /api/queue/book', { query: { from: first, to: last } }).then(setFrame);
    api('GET /api/queue/entries', { query: { ...period, ...who, limit: 500 } }).then((r) =>
      setEntries(r.items.filter((e) => e.startsAt && shown.has(e.status))),
    );
    if (!service) return setSlots([]);
    api('GET /api/queue/slots', { query: { serviceId: service, from: first, to: last, ...who } })
      .then((r) => setSlots(r.slots.filter((s) => Number(hhmm(s.start).slice(3)) % 30 === 0)))
      .catch(() => setSlots([]));
  }, [cat, view, pro, service, first, last, tick]);

  if (!cat) return null;
  const lang = i18n.language as 'et';
  const serviceName = (id: string) => {
    const s = cat.services.find((x) => x.id === id);
    return s ? (s.names[lang] ?? s.name) : '';
  };
  const proName = (id: string) => {
    const p = cat.professionals.find((x) => x.id === id);
    return p ? `${p.firstName} ${p.lastName}` : '';
  };
  const holidayOf = (d: string) => frame?.days.find((x) => x.date === d)?.holiday ?? null;
  const proDay = (p: string, d: string) =>
    frame?.professionals.find((x) => x.professionalId === p)?.days.find((x) => x.date === d);
  const worksAt = (p: string) =>
    !loc || cat.schedules.some((s) => s.professionalId === p && (s.locationId === loc || s.locationId === null));
  const columns: BookColumn[] =
    view === 'day'
      ? cat.professionals
          .filter((p) => p.active && worksAt(p.id))
          .map((p) => ({
            key: p.id,
            title: `${p.firstName} ${p.lastName}`,
            holiday: holidayOf(day),
            day: proDay(p.id, day),
            visits: entries.filter((e) => e.professionalId === p.id && localDay(e.startsAt!) === day),
            slots: slots.filter((s) => s.professionalId === p.id && localDay(s.start) === day),
          }))
      : Array.from({ length: 7 }, (_, i) => addDays(first, i))
          .map((d) => ({
            key: d,
            title: `${dayLabel(d, i18n.language)}`,
            holiday: holidayOf(d),
            day: proDay(pro, d),
            visits: entries.filter((e) => localDay(e.startsAt!) === d),
            slots: slots.filter((s) => s.professionalId === pro && localDay(s.start) === d),
          }))
          // The weekend only when someone works or a visit stands on it.
          .filter((c, i) => i < 5 || (c.day?.hours.length ?? 0) > 0 || c.visits.length > 0);
  const step = view === 'week' ? 7 : 1;
  const reload = () => setTick((n) => n + 1);
  return (
    <div>
      <h1>{t('calendar.title')}</h1>
      <div className="book-toolbar">
        <div className="tabs" role="tablist" style={{ marginBottom: 0 }}>
          {(['day', 'week'] as const).map((v) => (
            <button
              key={v}
              type="button"
              role="tab"
              aria-selected={view === v}
              className={view === v ? 'active' : ''}
              onClick={() => setView(v)}
            >
              {t(`book.${v}`)}
            </button>
          ))}
        </div>
        {view === 'day' && cat.locations.length > 1 && (
          <label>
            {t('book.location')}
            <select value={loc} onChange={(e) => setLoc(e.target.value)}>
              <option value="">{t('book.allLocations')}</option>
              {cat.locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {view === 'week' && (
          <label>
            {t('book.professional')}
            <select value={pro} onChange={(e) => setPro(e.target.value)} data-testid="calendar-professional">
              {cat.professionals
                .filter((p) => p.active)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.firstName} {p.lastName}
                  </option>
                ))}
            </select>
          </label>
        )}
        <label>
          {t('book.service')}
          <select value={service} onChange={(e) => setService(e.target.value)}>
            {cat.services
              .filter((s) => s.active)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {serviceName(s.id)} ({s.durationMinutes} min)
                </option>
              ))}
          </select>
        </label>
        <div className="row">
          <button type="button" aria-label={t('book.prev')} onClick={() => setDay(addDays(day, -step))}>
            ←
          </button>
          <label>
            <span className="hint">{t('book.date')}</span>
            <input type="date" value={day} onChange={(e) => e.target.value && setDay(e.target.value)} />
          </label>
          <button type="button" aria-label={t('book.next')} onClick={() => setDay(addDays(day, step))}>
            →
          </button>
        </div>
      </div>
      <p className="muted" data-testid="book-period">
        {view === 'day'
          ? `${dayLabel(day, i18n.language).split(' ')[0]} ${formatDay(day)}`
          : `${formatDay(first)} – ${formatDay(last)}`}
        {view === 'week' && ` · ${proName(pro)}`}
      </p>
      {forPatient && (
        <p className="card" role="status">
          {t('book.bookingFor', { name: `${forPatient.firstName} ${forPatient.lastName}` })}
        </p>
      )}
      {columns.length === 0 ? (
        <p className="muted">{t('book.noProfessionals')}</p>
      ) : (
        <BookGrid
          columns={columns}
          serviceName={serviceName}
          onVisit={(e) => setVisit(e.id)}
          onFree={(s) => setBooking(s)}
        />
      )}
      {booking && (
        <BookingDialog
          slot={{ ...booking, professionalName: proName(booking.professionalId) }}
          serviceId={service}
          rooms={cat.rooms.filter((r) => r.active && (!booking.locationId || r.locationId === booking.locationId))}
          patient={forPatient}
          onClose={() => setBooking(null)}
          onBooked={() => {
            setBooking(null);
            setForPatient(null);
            reload();
          }}
        />
      )}
      {visit && <VisitDialog id={visit} cat={cat} onClose={() => setVisit(null)} onChanged={reload} />}
    </div>
  );
}
