import { type Country, isWorkingDay } from './holidays';
import { addDays, type IsoDate, localDate, startOfLocalDay } from './zoned-time';

/**
 * Working-day deadlines computed on the clinic's wall clock with its country's holidays.
 * "Kirjalikul teel edastatud broneeringule vastatakse hiljemalt 2 järgneva tööpäeva jooksul":
 * the count starts the day after receipt, so a request received on Friday evening is due by the
 * end of Tuesday, and one received on 23 December in Estonia by the end of 29 December.
 */
export interface DeadlineRule {
  workingDays: number;
  from?: IsoDate;
  until?: IsoDate;
  source: string;
}

/** Dated deadline rules; the one in force on the day of receipt applies. */
export const deadlineRules: Record<'written_booking_request', DeadlineRule[]> = {
  written_booking_request: [
    {
      workingDays: 2,
      source:
        'Sotsiaalministri määrus nr 46 (2008), asendatud nr 73 (2018): kirjalikule broneeringule vastatakse 2 tööpäeva jooksul',
    },
  ],
};

export function ruleInForce(rules: DeadlineRule[], date: IsoDate): DeadlineRule {
  const rule = rules.find((r) => (!r.from || date >= r.from) && (!r.until || date <= r.until));
  if (!rule) throw new Error(`no deadline rule in force on ${date}`);
  return rule;
}

/** The n-th working day after `date` (n ≥ 1); n = 0 gives `date` itself. */
export function nthWorkingDayAfter(country: Country, date: IsoDate, n: number): IsoDate {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(country, d)) left -= 1;
  }
  return d;
}

/** Working days strictly after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(country: Country, from: IsoDate, to: IsoDate): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(country, d)) count += 1;
  return count;
}

export interface Deadline {
  /** The last local day on which the answer is in time. */
  dueDate: IsoDate;
  /** The first instant that is late: local midnight after the due date. */
  dueAt: Date;
}

export function workingDayDeadline(
  received: Date,
  workingDays: number,
  place: { country: Country; timeZone: string },
): Deadline {
  const dueDate = nthWorkingDayAfter(place.country, localDate(received, place.timeZone), workingDays);
  return { dueDate, dueAt: startOfLocalDay(addDays(dueDate, 1), place.timeZone) };
}

/** When reception must have answered a written booking request received at `received`. */
export function bookingRequestDeadline(received: Date, place: { country: Country; timeZone: string }): Deadline {
  const rule = ruleInForce(deadlineRules.written_booking_request, localDate(received, place.timeZone));
  return workingDayDeadline(received, rule.workingDays, place);
}

export function deadlineState(
  deadline: Deadline,
  now: Date,
  place: { timeZone: string },
): 'overdue' | 'due_today' | 'open' {
  if (now.getTime() >= deadline.dueAt.getTime()) return 'overdue';
  return localDate(now, place.timeZone) === deadline.dueDate ? 'due_today' : 'open';
}
