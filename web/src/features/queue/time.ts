/** Times are shown on the clinic's wall clock; Tallinn and Riga keep the same time all year. */
export const CLINIC_TZ = 'Europe/Tallinn';

const dayFmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: CLINIC_TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const timeFmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: CLINIC_TZ,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export const localDay = (d: Date | string) => dayFmt.format(new Date(d));
export const hhmm = (d: Date | string) => timeFmt.format(new Date(d));
export const today = () => localDay(new Date());

/** Today, or Monday when today is a weekend day: the desk plans the coming week. */
export function nextWorkday(): string {
  const d = today();
  const wd = new Date(`${d}T12:00:00Z`).getUTCDay();
  return wd === 6 ? addDays(d, 2) : wd === 0 ? addDays(d, 1) : d;
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Monday of the week of `day`. */
export function monday(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return addDays(day, wd === 0 ? -6 : 1 - wd);
}

export function dateTime(d: Date | string, lang: string): string {
  // The reader's country's order and 24-hour clock: "en" alone would print US dates.
  const locale = { et: 'et-EE', lv: 'lv-LV', en: 'en-GB', ru: 'ru-RU' }[lang] ?? 'en-GB';
  return new Intl.DateTimeFormat(locale, { timeZone: CLINIC_TZ, dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(d),
  );
}

/** The weekday and the day as the reader's country writes them: "Fri 04.12.", "пт 04.12.". */
export function dayLabel(day: string, lang: string): string {
  const locale = { et: 'et-EE', lv: 'lv-LV', en: 'en-GB', ru: 'ru-RU' }[lang] ?? 'en-GB';
  const name = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short' }).format(
    new Date(`${day}T12:00:00Z`),
  );
  return `${name} ${day.slice(8, 10)}.${day.slice(5, 7)}.`;
}

/** Start of a local day as an ISO instant with offset, for API filters. */
export function dayStartIso(day: string): string {
  // The offset of noon that day is the offset of the whole working day.
  const noon = new Date(`${day}T12:00:00Z`);
  const local = new Intl.DateTimeFormat('en-GB', { timeZone: CLINIC_TZ, hour: '2-digit', hourCycle: 'h23' }).format(
    noon,
  );
  const offset = Number(local) - 12;
  return `${day}T00:00:00+${String(offset).padStart(2, '0')}:00`;
}

/** A day and time on the clinic's wall clock, as the reader's country writes them (4. dets 2026, 12:00). */
export function when(d: Date | string, lang: string): string {
  const locale = { et: 'et-EE', lv: 'lv-LV', en: 'en-GB', ru: 'ru-RU' }[lang] ?? 'en-GB';
  return new Date(d).toLocaleString(locale, {
    timeZone: CLINIC_TZ,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}
