import type { DbOrTx } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { addDays, parseHhMm, startOfLocalDay, wallClock } from '../../rules/zoned-time';
import { createQueueRepository } from './queue.repository';

/** A visit an absence would fall on: what the desk needs to find it and move or cancel it. */
export interface AffectedVisit {
  id: string;
  startsAt: string;
  professionalId: string | null;
}

/**
 * Leave or a closure recorded over booked visits: refused until the caller confirms, with the
 * visits it would fall on, so that reception moves or cancels each instead of finding out on the day.
 */
export class VisitsAffectedError extends AppError {
  override readonly status = 409;
  override readonly code = 'visits_affected';
  constructor(visits: AffectedVisit[]) {
    super(`confirm: the absence falls on ${visits.length} booked visit(s): move or cancel them, or confirm`, {
      field: 'confirm',
      reason: 'the absence falls on booked visits',
      visits,
    });
  }
}

export interface AbsenceSpan {
  professionalId: string | null;
  kind: 'leave' | 'closed' | 'extra';
  date: string;
  until?: string;
  start?: string;
  end?: string;
  locationId?: string;
}

const queue = createQueueRepository();

/** Booked or arrived visits within the absence's days and hours (of one professional, or of all for a closure). */
export async function visitsUnder(tx: DbOrTx, clinicId: string, a: AbsenceSpan, timeZone: string) {
  if (a.kind === 'extra') return [];
  const from = startOfLocalDay(a.date, timeZone);
  const to = startOfLocalDay(addDays(a.until ?? a.date, 1), timeZone);
  const rows = await queue.liveBetween(tx, clinicId, from, to, a.professionalId);
  const s = a.start ? parseHhMm(a.start) : 0;
  const e = a.end ? parseHhMm(a.end) : 24 * 60;
  return rows
    .filter((r) => !a.locationId || !r.locationId || r.locationId === a.locationId)
    .filter((r) => {
      const vs = wallClock(r.startsAt!, timeZone).minutes;
      const ve = vs + Math.round(((r.endsAt ?? r.startsAt!).getTime() - r.startsAt!.getTime()) / 60000);
      return vs < e && ve > s;
    })
    .map((r): AffectedVisit => ({ id: r.id, startsAt: r.startsAt!.toISOString(), professionalId: r.professionalId }));
}
