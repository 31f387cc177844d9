import { type Country, holidayOn } from '../../rules/holidays';
import {
  addDays,
  type IsoDate,
  isoWeekday,
  localDate,
  parseHhMm,
  wallClock,
  zonedInstant,
} from '../../rules/zoned-time';

/**
 * Free times of professionals ("arstide töögraafik"): weekly working hours, exceptions (leave,
 * closed days, changed or extra hours), public holidays and existing bookings → bookable slots.
 * Pure: the booking service loads the data and asks; the same function decides whether a
 * requested time lies within working hours.
 */
export interface WeeklyHours {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  start: string; // HH:MM on the clinic's wall clock
  end: string;
  locationId?: string | null;
  validFrom?: IsoDate | null;
  validUntil?: IsoDate | null;
}

export interface ScheduleException {
  date: IsoDate;
  /** Last day of a multi-day exception (leave), inclusive. */
  until?: IsoDate | null;
  /** leave / closed: not working (the hours given, or the whole day); extra: working hours added. */
  kind: 'leave' | 'closed' | 'extra';
  start?: string | null;
  end?: string | null;
  locationId?: string | null;
}

export interface BusyInterval {
  start: Date;
  end: Date;
}

export interface ProfessionalCalendar {
  professionalId: string;
  weekly: WeeklyHours[];
  exceptions: ScheduleException[];
  busy: BusyInterval[];
}

export interface Place {
  country: Country;
  timeZone: string;
}

export interface SlotQuery extends Place {
  from: IsoDate;
  to: IsoDate;
  durationMinutes: number;
  /** Slots start on this grid of the wall clock (default 15 minutes). */
  stepMinutes?: number;
  /** Nothing earlier than this instant is offered (now plus any notice the clinic wants). */
  notBefore: Date;
  /** Stop after this many slots per professional (a page of choices is enough). */
  limitPerProfessional?: number;
}

export interface FreeSlot {
  professionalId: string;
  start: Date;
  end: Date;
  locationId: string | null;
}

interface Span {
  start: number; // minutes from local midnight
  end: number;
  locationId: string | null;
}

const covers = (e: ScheduleException, date: IsoDate) => date >= e.date && date <= (e.until ?? e.date);

/** The hours a professional works on a local date, after holidays and exceptions. */
export function workingSpans(
  cal: Pick<ProfessionalCalendar, 'weekly' | 'exceptions'>,
  date: IsoDate,
  place: Place,
): Span[] {
  const wd = isoWeekday(date);
  const todays = cal.exceptions.filter((e) => covers(e, date));
  // A public holiday closes the regular hours; a clinic opening anyway records an extra exception.
  const regularDay = !holidayOn(place.country, date);
  let spans: Span[] = regularDay
    ? cal.weekly
        .filter(
          (w) => w.weekday === wd && (!w.validFrom || date >= w.validFrom) && (!w.validUntil || date <= w.validUntil),
        )
        .map((w) => ({ start: parseHhMm(w.start), end: parseHhMm(w.end), locationId: w.locationId ?? null }))
    : [];
  for (const e of todays.filter((x) => x.kind === 'extra' && x.start && x.end)) {
    spans.push({ start: parseHhMm(e.start!), end: parseHhMm(e.end!), locationId: e.locationId ?? null });
  }
  for (const e of todays.filter((x) => x.kind !== 'extra')) {
    if (!e.start || !e.end) return [];
    spans = subtract(spans, parseHhMm(e.start), parseHhMm(e.end));
  }
  return spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
}

function subtract(spans: Span[], from: number, to: number): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    if (to <= s.start || from >= s.end) {
      out.push(s);
      continue;
    }
    if (from > s.start) out.push({ ...s, end: from });
    if (to < s.end) out.push({ ...s, start: to });
  }
  return out;
}

/** Busy intervals as minute ranges of one local date (clamped to the day). */
function busyOn(
  busy: BusyInterval[],
  timeZone: string,
  dayStart: Date,
  dayEnd: Date,
  steady: boolean,
): [number, number][] {
  const out: [number, number][] = [];
  const minutes = (d: Date) =>
    steady ? Math.floor((d.getTime() - dayStart.getTime()) / 60000) : wallClock(d, timeZone).minutes;
  for (const b of busy) {
    if (b.end <= dayStart || b.start >= dayEnd) continue;
    const s = b.start <= dayStart ? 0 : minutes(b.start);
    const e = b.end >= dayEnd ? 24 * 60 : minutes(b.end) || 24 * 60;
    out.push([s, e]);
  }
  return out;
}

export function freeSlots(q: SlotQuery, calendars: ProfessionalCalendar[]): FreeSlot[] {
  const step = q.stepMinutes ?? 15;
  if (q.durationMinutes <= 0 || step <= 0) throw new Error('duration and step must be positive');
  const out: FreeSlot[] = [];
  // Local midnights once per date: Intl time-zone arithmetic is the slow part.
  const days: { date: IsoDate; dayStart: Date; dayEnd: Date; steadyDay: boolean }[] = [];
  for (let date = q.from, start = zonedInstant(q.from, 0, q.timeZone); date <= q.to; ) {
    const next = addDays(date, 1);
    const end = zonedInstant(next, 0, q.timeZone);
    days.push({ date, dayStart: start, dayEnd: end, steadyDay: end.getTime() - start.getTime() === 24 * 3600000 });
    date = next;
    start = end;
  }
  for (const cal of calendars) {
    let count = 0;
    const busy = [...cal.busy].sort((a, b) => a.start.getTime() - b.start.getTime());
    for (const { date, dayStart, dayEnd, steadyDay } of days) {
      if (dayEnd <= q.notBefore) continue;
      let spans = workingSpans(cal, date, q);
      if (spans.length === 0) continue;
      for (const [s, e] of busyOn(busy, q.timeZone, dayStart, dayEnd, steadyDay)) spans = subtract(spans, s, e);
      for (const span of spans) {
        for (let m = Math.ceil(span.start / step) * step; m + q.durationMinutes <= span.end; m += step) {
          // On a day without a clock change, minutes after midnight map linearly (Intl is slow).
          const start = steadyDay ? new Date(dayStart.getTime() + m * 60000) : zonedInstant(date, m, q.timeZone);
          if (start < q.notBefore) continue;
          out.push({
            professionalId: cal.professionalId,
            start,
            end: new Date(start.getTime() + q.durationMinutes * 60000),
            locationId: span.locationId,
          });
          count += 1;
          if (q.limitPerProfessional && count >= q.limitPerProfessional) break;
        }
        if (q.limitPerProfessional && count >= q.limitPerProfessional) break;
      }
      if (q.limitPerProfessional && count >= q.limitPerProfessional) break;
    }
  }
  return out.sort(
    (a, b) =>
      a.start.getTime() - b.start.getTime() ||
      (a.professionalId < b.professionalId ? -1 : a.professionalId > b.professionalId ? 1 : 0),
  );
}

export type ScheduleFit = { ok: true; locationId: string | null } | { ok: false; reason: string };

/** Whether [start, start + duration) lies within the professional's working hours (not bookings). */
export function fitsWorkingHours(
  cal: Pick<ProfessionalCalendar, 'weekly' | 'exceptions'>,
  start: Date,
  durationMinutes: number,
  place: Place,
): ScheduleFit {
  const date = localDate(start, place.timeZone);
  const end = new Date(start.getTime() + durationMinutes * 60000);
  if (localDate(new Date(end.getTime() - 1), place.timeZone) !== date)
    return { ok: false, reason: 'the visit would run past midnight' };
  const s = wallClock(start, place.timeZone).minutes;
  const e = s + durationMinutes;
  const holiday = holidayOn(place.country, date);
  const span = workingSpans(cal, date, place).find((x) => x.start <= s && e <= x.end);
  if (span) return { ok: true, locationId: span.locationId };
  return {
    ok: false,
    reason: holiday
      ? `${date} is a public holiday (${holiday.name})`
      : 'the time is outside the professional’s working hours',
  };
}
