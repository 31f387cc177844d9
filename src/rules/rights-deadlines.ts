/**
 * The legal clocks of data-subject requests and complaints, as dated data (DESIGN.md, "Data-subject
 * requests" and "Complaints"). A deadline is computed with the rule in force on the day the request
 * or complaint was received; a change in the law adds a row, it never edits an old one.
 */
import { type Effective, isIsoDate, ruleOn } from './dental-benefits';
import type { IsoDate } from './zoned-time';

export interface RequestClockRule extends Effective {
  /** Calendar months to answer, counted from the day of receipt. */
  answerMonths: number;
  /** The most the answer may be put off beyond the first due date, only with reasons told in time. */
  maxExtensionMonths: number;
}

export const requestClockRules: readonly RequestClockRule[] = [
  {
    id: 'gdpr-art12-3',
    from: '2018-05-25',
    to: null,
    answerMonths: 1,
    maxExtensionMonths: 2,
    source: 'GDPR Art. 12(3): one month, extendable by two further months with reasons given within the first',
  },
];

export interface ComplaintClockRule extends Effective {
  /** Days to review the complaint (and say so to the complainant). */
  reviewDays: number;
  /** Calendar months to resolve it; longer only with a reasoned notice. */
  resolveMonths: number;
}

export const complaintClockRules: readonly ComplaintClockRule[] = [
  {
    id: 'clinic-complaints-30d-2m',
    from: '2018-05-25',
    to: null,
    reviewDays: 30,
    resolveMonths: 2,
    source: "the seed clinics' complaint procedures (Parodontalia): review within 30 days, resolve within two months",
  },
];

/**
 * The same day number `months` calendar months later, or that month's last day when it has no such
 * day (31 January + 1 month = 28 or 29 February). This is how Art. 12's "one month" is counted
 * (Regulation 1182/71 Art. 3(2)(c)).
 */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  if (!isIsoDate(date)) throw new RangeError(`not a date: ${date}`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12; // 0-based
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function addDays(date: IsoDate, days: number): IsoDate {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

export interface RequestClock {
  rule: RequestClockRule;
  dueOn: IsoDate;
  /** The latest day an extension may reach. */
  latestExtendedDueOn: IsoDate;
}

/** When a request received on `receivedOn` must be answered (throws NoRuleError before the GDPR applied). */
export function requestClock(receivedOn: IsoDate): RequestClock {
  const rule = ruleOn(requestClockRules, receivedOn, 'data-subject request clock');
  const dueOn = addCalendarMonths(receivedOn, rule.answerMonths);
  return { rule, dueOn, latestExtendedDueOn: addCalendarMonths(dueOn, rule.maxExtensionMonths) };
}

/** The new due date of an extension by `months`, checked against the rule of the request. */
export function extendedDueOn(clock: RequestClock, months: number): IsoDate {
  if (!Number.isInteger(months) || months < 1 || months > clock.rule.maxExtensionMonths)
    throw new RangeError(`an extension is 1 to ${clock.rule.maxExtensionMonths} months`);
  return addCalendarMonths(clock.dueOn, months);
}

export interface ComplaintClock {
  rule: ComplaintClockRule;
  reviewBy: IsoDate;
  resolveBy: IsoDate;
}

/** The review and resolution dates of a complaint received on `receivedOn`. */
export function complaintClock(receivedOn: IsoDate): ComplaintClock {
  const rule = ruleOn(complaintClockRules, receivedOn, 'complaint clock');
  return {
    rule,
    reviewBy: addDays(receivedOn, rule.reviewDays),
    resolveBy: addCalendarMonths(receivedOn, rule.resolveMonths),
  };
}

/** The outside bodies a complaint answer names, by the clinic's country (checked 2026-11). */
export const complaintBodies: Record<
  'EE' | 'LV',
  { key: 'health_board' | 'insurance_fund' | 'data_protection'; name: string; role: string; contact: string }[]
> = {
  EE: [
    {
      key: 'health_board',
      name: 'Terviseamet',
      role: 'health-care quality and providers',
      contact: 'info@terviseamet.ee',
    },
    {
      key: 'insurance_fund',
      name: 'Tervisekassa',
      role: 'the health insurance fund (insured services, benefits)',
      contact: 'info@tervisekassa.ee',
    },
    {
      key: 'data_protection',
      name: 'Andmekaitse Inspektsioon',
      role: 'personal data protection',
      contact: 'info@aki.ee',
    },
  ],
  LV: [
    {
      key: 'health_board',
      name: 'Veselības inspekcija',
      role: 'health-care quality and providers',
      contact: 'vi@vi.gov.lv',
    },
    {
      key: 'insurance_fund',
      name: 'Nacionālais veselības dienests',
      role: 'state-paid health services',
      contact: 'nvd@vmnvd.gov.lv',
    },
    {
      key: 'data_protection',
      name: 'Datu valsts inspekcija',
      role: 'personal data protection',
      contact: 'pasts@dvi.gov.lv',
    },
  ],
};
