import { useTranslation } from 'react-i18next';
import './book.css';
import type { ApiResponse } from '../../shell/api';
import { hhmm } from './time';

type Entry = ApiResponse<'GET /api/queue/entries'>['items'][number];
type Slot = ApiResponse<'GET /api/queue/slots'>['slots'][number];
type Frame = ApiResponse<'GET /api/queue/book'>;
type ProDay = Frame['professionals'][number]['days'][number];

/** One column of the book: a professional's day (day view) or one day of a professional (week view). */
export interface BookColumn {
  key: string;
  title: string;
  holiday: string | null;
  day: ProDay | undefined;
  visits: Entry[];
  slots: Slot[];
}

const PX_PER_MIN = 1.5;
const minutes = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));
const at = (iso: string) => minutes(hhmm(iso));

/** The hours the book shows: every column's working hours and visits, whole hours, 08–18 at least. */
export function bookRange(columns: BookColumn[]): [number, number] {
  let lo = 8 * 60;
  let hi = 18 * 60;
  for (const c of columns) {
    for (const h of c.day?.hours ?? []) {
      lo = Math.min(lo, minutes(h.start));
      hi = Math.max(hi, minutes(h.end));
    }
    for (const v of c.visits) {
      lo = Math.min(lo, at(v.startsAt!));
      hi = Math.max(hi, at(v.endsAt ?? v.startsAt!));
    }
  }
  return [Math.floor(lo / 60) * 60, Math.min(24 * 60, Math.ceil(hi / 60) * 60)];
}

/** Columns on one time axis: working hours white, absences hatched, visits as blocks, free times as buttons. */
export function BookGrid({
  columns,
  serviceName,
  onVisit,
  onFree,
}: {
  columns: BookColumn[];
  serviceName: (id: string) => string;
  onVisit: (e: Entry) => void;
  onFree: (s: Slot) => void;
}) {
  const { t } = useTranslation('queue');
  const [lo, hi] = bookRange(columns);
  const y = (m: number) => (m - lo) * PX_PER_MIN;
  const height = y(hi);
  const hours = Array.from({ length: (hi - lo) / 60 + 1 }, (_, i) => lo + i * 60);
  return (
    <div className="book-scroll" data-testid="book">
      <div className="book-grid" style={{ gridTemplateColumns: `3rem repeat(${columns.length}, minmax(8.5rem, 1fr))` }}>
        <div className="book-head" />
        {columns.map((c) => (
          <div key={c.key} className="book-head" data-testid="book-column">
            {c.title}
            {c.holiday && <span className="holiday">{t('book.holiday', { name: c.holiday })}</span>}
          </div>
        ))}
        <div className="book-axis" style={{ height }}>
          {hours.map((m) => (
            <span key={m} style={{ top: y(m) }}>
              {String(m / 60).padStart(2, '0')}:00
            </span>
          ))}
        </div>
        {columns.map((c) => (
          <div key={c.key} className="book-col" style={{ height }}>
            {c.day?.hours.map((h) => (
              <div
                key={h.start}
                className="book-open"
                style={{ top: y(minutes(h.start)), height: (minutes(h.end) - minutes(h.start)) * PX_PER_MIN }}
              />
            ))}
            {hours.map((m) => (
              <div key={m} className="book-hour" style={{ top: y(m) }} />
            ))}
            {c.day?.absences.map((a) => {
              const s = a.start ? minutes(a.start) : lo;
              const e = a.end ? minutes(a.end) : hi;
              return (
                <div
                  key={`${a.kind}${a.start}`}
                  className="book-absence"
                  data-testid="book-absence"
                  style={{ top: y(Math.max(s, lo)), height: (Math.min(e, hi) - Math.max(s, lo)) * PX_PER_MIN }}
                >
                  {t(a.kind === 'leave' ? 'book.leave' : 'book.closed')}
                  {a.start ? ` ${a.start}–${a.end}` : ''}
                </div>
              );
            })}
            {!c.holiday && (c.day?.hours.length ?? 0) === 0 && (c.day?.absences.length ?? 0) === 0 && (
              <div className="book-absence" style={{ top: 0, background: 'none' }}>
                {t('book.notWorking')}
              </div>
            )}
            {c.slots.map((s) => (
              <button
                type="button"
                key={s.start}
                className="book-free"
                style={{ top: y(at(s.start)), height: 30 * PX_PER_MIN - 2 }}
                onClick={() => onFree(s)}
              >
                {hhmm(s.start)} {t('calendar.free')}
              </button>
            ))}
            {c.visits.map((v) => {
              const s = at(v.startsAt!);
              const e = v.endsAt ? at(v.endsAt) : s + 30;
              return (
                <button
                  type="button"
                  key={v.id}
                  className={`book-visit ${v.status}`}
                  data-testid="book-visit"
                  style={{ top: y(s), height: Math.max(e - s, 20) * PX_PER_MIN - 2 }}
                  onClick={() => onVisit(v)}
                >
                  <strong>
                    {hhmm(v.startsAt!)} {v.patient.lastName} {v.patient.firstName?.slice(0, 1)}.
                  </strong>{' '}
                  {serviceName(v.serviceId)} · {t(`status.${v.status}`)}
                </button>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
