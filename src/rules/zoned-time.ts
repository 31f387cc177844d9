/**
 * Wall-clock time in a clinic's time zone (Europe/Tallinn, Europe/Riga) without a date library.
 * Instants are stored in UTC; schedules, holidays and deadlines are read on the clinic's wall clock.
 * Pure functions built on Intl, so daylight-saving changes come from the runtime's tz database.
 */
export type IsoDate = string; // YYYY-MM-DD

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface WallClock {
  date: IsoDate;
  /** Minutes since local midnight. */
  minutes: number;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export function wallClock(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  const year = Number(parts.year),
    month = Number(parts.month),
    day = Number(parts.day);
  const hour = Number(parts.hour),
    minute = Number(parts.minute);
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: hour * 60 + minute,
    year,
    month,
    day,
    hour,
    minute,
  };
}

/** The local calendar date of an instant in a zone. */
export function localDate(instant: Date, timeZone: string): IsoDate {
  return wallClock(instant, timeZone).date;
}

function offsetMinutes(instant: Date, timeZone: string): number {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` + `minutes`. A time skipped by the
 * spring-forward change maps to the instant after the gap; an ambiguous autumn time to its first occurrence.
 */
export function zonedInstant(date: IsoDate, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d, 0, minutes);
  const target = new Date(naive).toISOString().slice(0, 16);
  // The offset is one of those in force a few hours either side; try both, earliest match wins.
  const before = offsetMinutes(new Date(naive - 3 * 3600000), timeZone);
  const after = offsetMinutes(new Date(naive + 3 * 3600000), timeZone);
  const candidates = [naive - before * 60000, naive - after * 60000].sort((a, b) => a - b);
  for (const c of candidates) {
    const w = wallClock(new Date(c), timeZone);
    if (`${w.date}T${formatHhMm(w.minutes)}` === target) return new Date(c);
  }
  // In the spring-forward gap: the wall time does not exist; take the offset before the gap.
  return new Date(naive - before * 60000);
}

/** Local midnight at the start of `date`. */
export function startOfLocalDay(date: IsoDate, timeZone: string): Date {
  return zonedInstant(date, 0, timeZone);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

export function parseHhMm(s: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(s);
  if (!match) throw new Error(`not a time of day: ${s}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function formatHhMm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
