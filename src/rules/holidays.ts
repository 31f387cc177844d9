import { addDays, type IsoDate, isoWeekday } from './zoned-time';

/**
 * Public holidays of Estonia and Latvia as dated data. A holiday is a day off for the
 * working-day deadlines (a written booking request is answered within 2 working days) and closes
 * the clinic's schedule unless the clinic adds an extra working day.
 *
 * Sources (check the current law before changing a rule):
 * - Estonia: Pühade ja tähtpäevade seadus § 2 (riigipühad). A holiday that falls on a weekend is not moved.
 * - Latvia: likums "Par svētku, atceres un atzīmējamām dienām" § 1; § 2¹: if 4 May or 18 November
 *   falls on a Saturday or Sunday, the next working day is a holiday. The Cabinet of Ministers also
 *   moves working days by order for single years (`latvianTransfers` below; only orders we could confirm).
 */
export type Country = 'EE' | 'LV';

interface FixedHoliday {
  month: number;
  day: number;
  name: string;
  from?: IsoDate;
  until?: IsoDate;
  /** Latvia § 2¹: moved to the next Monday when it falls on a weekend. */
  movedFromWeekend?: boolean;
}

interface EasterHoliday {
  /** Days from Easter Sunday. */
  offset: number;
  name: string;
  from?: IsoDate;
  until?: IsoDate;
}

interface CountryHolidays {
  fixed: FixedHoliday[];
  easter: EasterHoliday[];
}

export const holidayRules: Record<Country, CountryHolidays> = {
  EE: {
    fixed: [
      { month: 1, day: 1, name: 'uusaasta' },
      { month: 2, day: 24, name: 'iseseisvuspäev' },
      { month: 5, day: 1, name: 'kevadpüha' },
      { month: 6, day: 23, name: 'võidupüha' },
      { month: 6, day: 24, name: 'jaanipäev' },
      { month: 8, day: 20, name: 'taasiseseisvumispäev' },
      { month: 12, day: 24, name: 'jõululaupäev', from: '2005-01-01' },
      { month: 12, day: 25, name: 'esimene jõulupüha' },
      { month: 12, day: 26, name: 'teine jõulupüha' },
    ],
    easter: [
      { offset: -2, name: 'suur reede' },
      { offset: 0, name: 'ülestõusmispühade 1. püha' },
      { offset: 49, name: 'nelipühade 1. püha' },
    ],
  },
  LV: {
    fixed: [
      { month: 1, day: 1, name: 'Jaungada diena' },
      { month: 5, day: 1, name: 'Darba svētki, Satversmes sapulces sasaukšanas diena' },
      { month: 5, day: 4, name: 'Neatkarības atjaunošanas diena', movedFromWeekend: true },
      { month: 6, day: 23, name: 'Līgo diena' },
      { month: 6, day: 24, name: 'Jāņu diena' },
      { month: 11, day: 18, name: 'Latvijas Republikas proklamēšanas diena', movedFromWeekend: true },
      { month: 12, day: 24, name: 'Ziemassvētku vakars' },
      { month: 12, day: 25, name: 'Pirmie Ziemassvētki' },
      { month: 12, day: 26, name: 'Otrie Ziemassvētki' },
      { month: 12, day: 31, name: 'Vecgada diena' },
    ],
    easter: [
      { offset: -2, name: 'Lielā Piektdiena' },
      { offset: 0, name: 'Pirmās Lieldienas' },
      { offset: 1, name: 'Otrās Lieldienas' },
      { offset: 49, name: 'Vasarsvētki' },
    ],
  },
};

/**
 * Single-year changes in Latvia: one-off holidays and working days moved by Cabinet order.
 * Only entries confirmed from the Bank of Latvia's published calendar and news of the orders.
 */
export const latvianTransfers: { date: IsoDate; kind: 'holiday' | 'working_day'; name: string }[] = [
  { date: '2023-05-29', kind: 'holiday', name: 'hokeja bronzas medaļas diena (vienreizēja)' },
  { date: '2023-07-10', kind: 'holiday', name: 'Dziesmu un deju svētku noslēguma diena' },
  { date: '2024-12-14', kind: 'working_day', name: 'pārceltā darba diena (23.12.)' },
  { date: '2024-12-23', kind: 'holiday', name: 'pārceltā brīvdiena' },
  { date: '2024-12-28', kind: 'working_day', name: 'pārceltā darba diena (30.12.)' },
  { date: '2024-12-30', kind: 'holiday', name: 'pārceltā brīvdiena' },
];

/** Easter Sunday of the Western churches (anonymous Gregorian algorithm). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface Holiday {
  date: IsoDate;
  name: string;
}

const inForce = (date: IsoDate, r: { from?: IsoDate; until?: IsoDate }) =>
  (!r.from || date >= r.from) && (!r.until || date <= r.until);

const yearCache = new Map<string, Holiday[]>();

/** All public holidays (days off) of a country in a year, sorted, including moved days. */
export function holidaysOf(country: Country, year: number): Holiday[] {
  const key = `${country}:${year}`;
  const cached = yearCache.get(key);
  if (cached) return cached;
  const rules = holidayRules[country];
  const out: Holiday[] = [];
  for (const r of rules.fixed) {
    const date = `${year}-${String(r.month).padStart(2, '0')}-${String(r.day).padStart(2, '0')}`;
    if (!inForce(date, r)) continue;
    out.push({ date, name: r.name });
    const wd = isoWeekday(date);
    if (r.movedFromWeekend && wd >= 6) out.push({ date: addDays(date, 8 - wd), name: `${r.name} (pārcelta)` });
  }
  const easter = easterSunday(year);
  for (const r of rules.easter) {
    const date = addDays(easter, r.offset);
    if (inForce(date, r)) out.push({ date, name: r.name });
  }
  if (country === 'LV') {
    for (const t of latvianTransfers)
      if (t.kind === 'holiday' && t.date.startsWith(`${year}-`)) out.push({ date: t.date, name: t.name });
  }
  out.sort((a, b) => a.date.localeCompare(b.date));
  yearCache.set(key, out);
  return out;
}

export function holidayOn(country: Country, date: IsoDate): Holiday | undefined {
  return holidaysOf(country, Number(date.slice(0, 4))).find((h) => h.date === date);
}

/** A working day: Monday to Friday and not a public holiday, or a Saturday moved to work by order. */
export function isWorkingDay(country: Country, date: IsoDate): boolean {
  if (country === 'LV' && latvianTransfers.some((t) => t.date === date && t.kind === 'working_day')) return true;
  if (isoWeekday(date) >= 6) return false;
  return !holidayOn(country, date);
}
