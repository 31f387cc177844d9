import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiResponse, api } from '../../shell/api';
import { BookingDialog } from './BookingDialog';
import { addDays, dayStartIso, hhmm, localDay, monday, nextWorkday, weekday } from './time';

type Catalogue = ApiResponse<'GET /api/queue/catalogue'>;
type Entry = ApiResponse<'GET /api/queue/entries'>['items'][number];
type Slot = ApiResponse<'GET /api/queue/slots'>['slots'][number];

/** Day and week calendar of one professional: visits and free times; a free time opens the booking dialog. */
export function CalendarPage() {
  const { t, i18n } = useTranslation('queue');
  const [cat, setCat] = useState<Catalogue | null>(null);
  const [view, setView] = useState<'day' | 'week'>('week');
  const [day, setDay] = useState(nextWorkday());
  const [pro, setPro] = useState('');
  const [service, setService] = useState('');
  const [entries, setEntries] = useState<Entry[]>([]);
  const [slots, setSlots] = useState<Slot[]>([]);
  const [dialog, setDialog] = useState<Slot | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    api('GET /api/queue/catalogue').then((c) => {
      setCat(c);
      setPro((p) => p || c.professionals[0]?.id || '');
      setService((s) => s || c.services[0]?.id || '');
    });
  }, []);
  const first = view === 'week' ? monday(day) : day;
  const days = Array.from({ length: view === 'week' ? 5 : 1 }, (_, i) => addDays(first, i));
  const last = days[days.length - 1]!;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is the trigger: an action on the page reloads this.
  useEffect(() => {
    if (!pro || !service) return;
    const period = { from: dayStartIso(first), to: dayStartIso(addDays(last, 1)) };
    api('GET /api/queue/entries', { query: { ...period, professionalId: pro } }).then((r) => setEntries(r.items));
    api('GET /api/queue/slots', { query: { serviceId: service, from: first, to: last, professionalId: pro } })
      .then((r) => setSlots(r.slots))
      .catch(() => setSlots([]));
  }, [pro, service, first, last, tick]);

  if (!cat) return null;
  const proName = (id: string) => {
    const p = cat.professionals.find((x) => x.id === id);
    return p ? `${p.firstName} ${p.lastName}` : '';
  };
  return (
    <div>
      <div className="spread">
        <h1>{t('calendar.title')}</h1>
        <div className="row">
          <select
            aria-label={t('list.professional')}
            value={pro}
            onChange={(e) => setPro(e.target.value)}
            data-testid="calendar-professional"
          >
            {cat.professionals
              .filter((p) => p.active)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.firstName} {p.lastName}
                </option>
              ))}
          </select>
          <select aria-label={t('calendar.service')} value={service} onChange={(e) => setService(e.target.value)}>
            {cat.services
              .filter((s) => s.active)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.durationMinutes} min)
                </option>
              ))}
          </select>
          <button type="button" onClick={() => setView(view === 'day' ? 'week' : 'day')}>
            {view === 'day' ? t('calendar.week') : t('calendar.day')}
          </button>
          <button type="button" onClick={() => setDay(addDays(day, view === 'week' ? -7 : -1))}>
            {t('calendar.prev')}
          </button>
          <input
            type="date"
            value={day}
            onChange={(e) => e.target.value && setDay(e.target.value)}
            aria-label={t('calendar.today')}
          />
          <button type="button" onClick={() => setDay(addDays(day, view === 'week' ? 7 : 1))}>
            {t('calendar.next')}
          </button>
        </div>
      </div>
      {dialog && (
        <BookingDialog
          slot={{ ...dialog, professionalName: proName(dialog.professionalId) }}
          serviceId={service}
          onClose={() => setDialog(null)}
          onBooked={() => {
            setDialog(null);
            setTick(tick + 1);
          }}
        />
      )}
      <div
        className="calendar"
        style={{ display: 'grid', gridTemplateColumns: `repeat(${days.length}, 1fr)`, gap: '.5rem' }}
      >
        {days.map((d) => (
          <section key={d} className="card" data-testid={`day-${d}`}>
            <h3>{weekday(d, i18n.language)}</h3>
            {entries
              .filter((e) => e.startsAt && localDay(e.startsAt) === d)
              .map((e) => (
                <div key={e.id} className="badge" style={{ display: 'block', marginBottom: '.2rem' }}>
                  {hhmm(e.startsAt!)} {e.patient.lastName} · {t(`status.${e.status}`)}
                </div>
              ))}
            {slots
              .filter((s) => localDay(s.start) === d && Number(hhmm(s.start).slice(3)) % 30 === 0)
              .map((s) => (
                <button
                  type="button"
                  key={s.start}
                  className="link"
                  style={{ display: 'block' }}
                  onClick={() => setDialog(s)}
                >
                  {hhmm(s.start)} {t('calendar.free')}
                </button>
              ))}
          </section>
        ))}
      </div>
    </div>
  );
}
