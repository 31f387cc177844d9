import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiResponse, api } from '../../shell/api';
import { formatDay } from '../../shell/format';
import { addDays, hhmm, localDay, today } from './time';

export type PublicSlot = ApiResponse<'GET /api/public/clinics/{slug}/slots'>['slots'][number];

/** Days are fetched a week at a time; each day opens to its first times, "more times" shows the rest. */
const WEEK = 7;
const FIRST_TIMES = 8;
const locales: Record<string, string> = { et: 'et-EE', lv: 'lv-LV', en: 'en-GB', ru: 'ru-RU' };

/** A day as the reader's country writes it, with its weekday: "esmaspäev 21.12.2026". */
export function dayLabel(day: string, lang: string): string {
  const wd = new Intl.DateTimeFormat(locales[lang] ?? 'en-GB', { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );
  return `${wd} ${formatDay(day)}`;
}

/** A time on the clinic's clock in the local date format: "21.12.2026 09:00". */
export const whenLabel = (start: string) => `${formatDay(localDay(start))} ${hhmm(start)}`;

/**
 * The free times of a service, collapsed by day (short on a phone): a patient chooses a time, not a
 * slot per doctor, so each time is offered once (the first free professional). Every time of every
 * day is reachable: day by day (a week at a time) and "more times" within a day.
 */
export function PublicTimes({
  slug,
  serviceId,
  chosen,
  onChoose,
  nameOf,
}: {
  slug: string;
  serviceId: string;
  chosen: PublicSlot | null;
  onChoose: (s: PublicSlot) => void;
  nameOf: (professionalId: string) => string | undefined;
}) {
  const { t, i18n } = useTranslation('queue');
  const [from, setFrom] = useState(today());
  const [slots, setSlots] = useState<PublicSlot[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [all, setAll] = useState<Set<string>>(new Set());

  useEffect(() => {
    if (!serviceId) return;
    setSlots(null);
    api('GET /api/public/clinics/{slug}/slots', {
      path: { slug },
      query: { serviceId, from, to: addDays(from, WEEK - 1) },
    })
      .then((r) => setSlots(r.slots))
      .catch(() => setSlots([]));
  }, [slug, serviceId, from]);

  const firstPerTime = new Map<string, PublicSlot>();
  for (const s of slots ?? []) if (!firstPerTime.has(s.start)) firstPerTime.set(s.start, s);
  const byDay = new Map<string, PublicSlot[]>();
  for (const s of [...firstPerTime.values()].sort((a, b) => a.start.localeCompare(b.start)))
    byDay.set(localDay(s.start), [...(byDay.get(localDay(s.start)) ?? []), s]);
  const shownDay = open ?? [...byDay.keys()][0] ?? null;

  return (
    <div data-testid="public-times">
      <h2>{t('booking.times')}</h2>
      {slots && byDay.size === 0 && <p className="muted">{t('booking.noTimes')}</p>}
      {[...byDay.entries()].map(([day, list]) => {
        const isOpen = day === shownDay;
        const visible = all.has(day) ? list : list.slice(0, FIRST_TIMES);
        return (
          <div key={day} data-testid="public-day" data-day={day} style={{ borderTop: '1px solid var(--line)' }}>
            <button
              type="button"
              className="link"
              aria-expanded={isOpen}
              onClick={() => setOpen(isOpen ? '' : day)}
              style={{ width: '100%', textAlign: 'left', padding: '0.5rem 0' }}
            >
              {isOpen ? '▾' : '▸'} <strong>{dayLabel(day, i18n.language)}</strong>{' '}
              <span className="muted">· {t('booking.freeCount', { n: list.length })}</span>
            </button>
            {isOpen && (
              <div className="row" style={{ paddingBottom: '0.6rem' }}>
                {visible.map((s) => (
                  <button
                    type="button"
                    key={s.start}
                    data-testid="public-slot"
                    data-start={s.start}
                    aria-pressed={chosen?.start === s.start}
                    className={chosen?.start === s.start ? 'primary' : ''}
                    onClick={() => onChoose(s)}
                    title={nameOf(s.professionalId)}
                  >
                    {hhmm(s.start)}
                  </button>
                ))}
                {visible.length < list.length && (
                  <button
                    type="button"
                    className="link"
                    data-testid="more-times"
                    onClick={() => setAll(new Set([...all, day]))}
                  >
                    {t('booking.moreTimes', { n: list.length })}
                  </button>
                )}
              </div>
            )}
          </div>
        );
      })}
      <div className="spread" style={{ marginTop: '0.6rem' }}>
        <button
          type="button"
          disabled={from <= today()}
          onClick={() => {
            setFrom(addDays(from, -WEEK));
            setOpen(null);
          }}
        >
          ← {t('booking.earlierDays')}
        </button>
        <button
          type="button"
          data-testid="later-days"
          onClick={() => {
            setFrom(addDays(from, WEEK));
            setOpen(null);
          }}
        >
          {t('booking.laterDays')} →
        </button>
      </div>
    </div>
  );
}
