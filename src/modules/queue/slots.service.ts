import type { Clock } from '../../platform/clock';
import type { Db, DbOrTx } from '../../platform/db';
import { ValidationError } from '../../platform/errors';
import { holidayOn } from '../../rules/holidays';
import { addDays, formatHhMm, type IsoDate, localDate, startOfLocalDay } from '../../rules/zoned-time';
import type { ClinicLookup, ClinicRow } from '../clinics/clinics.service';
import {
  fitsWorkingHours,
  freeSlots,
  type Place,
  type ProfessionalCalendar,
  workingSpans,
} from '../scheduling/free-slots';
import { createQueueRepository } from './queue.repository';
import { createResourcesRepository, type ProfessionalRow, type VisitServiceRow } from './resources.repository';

/**
 * Loads schedules, exceptions and bookings from the database and asks the pure free-slot
 * computation. Used by reception, the public booking page and the booking itself.
 */
export type SlotsService = ReturnType<typeof createSlotsService>;

export function createSlotsService(deps: { db: Db; clock: Clock; clinics: Pick<ClinicLookup, 'byId'> }) {
  const { db, clock } = deps;
  const resources = createResourcesRepository();
  const queue = createQueueRepository();

  /** The clinic's country and zone decide working days and hours: from the one clinic cache. */
  function clinic(tx: DbOrTx, clinicId: string): Promise<ClinicRow> {
    return deps.clinics.byId(clinicId, tx);
  }
  const placeOf = (c: ClinicRow): Place => ({ country: c.country, timeZone: c.timeZone });

  /** Who may provide a service: its listed professionals, or every active one. */
  function providers(all: ProfessionalRow[], service: VisitServiceRow, only?: string): ProfessionalRow[] {
    return all.filter(
      (p) =>
        p.active &&
        (service.professionalIds.length === 0 || service.professionalIds.includes(p.id)) &&
        (!only || p.id === only),
    );
  }

  async function calendars(
    tx: DbOrTx,
    clinicId: string,
    pros: ProfessionalRow[],
    from: IsoDate,
    to: IsoDate,
    tz: string,
    withBusy = true,
  ): Promise<ProfessionalCalendar[]> {
    const ids = pros.map((p) => p.id);
    const [schedules, exceptions, busy] = await Promise.all([
      resources.schedules(tx, clinicId),
      resources.exceptions(tx, clinicId, from, to),
      withBusy
        ? queue.busy(tx, clinicId, ids, startOfLocalDay(from, tz), startOfLocalDay(addDays(to, 1), tz))
        : Promise.resolve([]),
    ]);
    return pros.map((p) => ({
      professionalId: p.id,
      weekly: schedules
        .filter((s) => s.professionalId === p.id)
        .map((s) => ({
          weekday: s.weekday,
          start: s.startTime,
          end: s.endTime,
          locationId: s.locationId,
          validFrom: s.validFrom,
          validUntil: s.validUntil,
        })),
      exceptions: exceptions
        .filter((e) => e.professionalId === p.id || e.professionalId === null)
        .map((e) => ({
          date: e.date,
          until: e.until,
          kind: e.kind,
          start: e.startTime,
          end: e.endTime,
          locationId: e.locationId,
        })),
      busy: busy
        .filter((b) => b.professionalId === p.id && b.start && b.end)
        .map((b) => ({ start: b.start!, end: b.end! })),
    }));
  }

  async function search(
    clinicId: string,
    q: {
      serviceId: string;
      from?: IsoDate;
      to?: IsoDate;
      professionalId?: string;
      limitPerProfessional?: number;
      publicOnly?: boolean;
    },
  ) {
    const c = await clinic(db, clinicId);
    const service = await resources.service(db, clinicId, q.serviceId);
    if (!service?.active || (q.publicOnly && !service.publicBooking))
      throw new ValidationError('serviceId', 'unknown service');
    const settings = await resources.settings(db, clinicId);
    const now = clock.now();
    const from = q.from ?? localDate(now, c.timeZone);
    const to = q.to ?? addDays(from, 13);
    if (to < from) throw new ValidationError('to', 'the end of the range is before its start');
    if (addDays(from, 62) < to) throw new ValidationError('to', 'search at most two months at a time');
    const pros = providers(await resources.professionals(db, clinicId), service, q.professionalId);
    const cals = await calendars(db, clinicId, pros, from, to, c.timeZone);
    const slots = freeSlots(
      {
        ...placeOf(c),
        from,
        to,
        durationMinutes: service.durationMinutes,
        stepMinutes: settings.slotStepMinutes,
        notBefore: new Date(now.getTime() + settings.minNoticeMinutes * 60000),
        limitPerProfessional: q.limitPerProfessional,
      },
      cals,
    );
    return { service, professionals: pros, slots };
  }

  /**
   * Checks that a professional may take this service at this time (working hours, holidays,
   * exceptions, not in the past). Overlap with other visits is checked under the lock by the caller.
   */
  async function checkBookable(
    tx: DbOrTx,
    clinicId: string,
    pro: ProfessionalRow,
    service: VisitServiceRow,
    start: Date,
  ): Promise<{ end: Date; locationId: string | null }> {
    const c = await clinic(tx, clinicId);
    if (!pro.active) throw new ValidationError('professionalId', 'the professional no longer works here');
    if (service.professionalIds.length > 0 && !service.professionalIds.includes(pro.id)) {
      throw new ValidationError('professionalId', 'this professional does not provide the service');
    }
    if (start.getTime() < clock.now().getTime()) throw new ValidationError('startsAt', 'the time is in the past');
    const date = localDate(start, c.timeZone);
    const [cal] = await calendars(tx, clinicId, [pro], date, date, c.timeZone, false);
    const fit = fitsWorkingHours(cal!, start, service.durationMinutes, placeOf(c));
    if (!fit.ok) throw new ValidationError('startsAt', fit.reason);
    return { end: new Date(start.getTime() + service.durationMinutes * 60000), locationId: fit.locationId };
  }

  /**
   * The appointment book's frame for [from, to] (at most 31 days): per day the public holiday, per
   * professional and day the working hours after holidays and exceptions, and the absences.
   * No personal data: the visits come from the queue's list.
   */
  async function frame(clinicId: string, from: IsoDate, to: IsoDate) {
    if (to < from) throw new ValidationError('to', 'the end of the range is before its start');
    if (addDays(from, 31) < to) throw new ValidationError('to', 'show at most a month at a time');
    const c = await clinic(db, clinicId);
    const pros = (await resources.professionals(db, clinicId)).filter((p) => p.active);
    const cals = await calendars(db, clinicId, pros, from, to, c.timeZone, false);
    const dates: IsoDate[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
    return {
      days: dates.map((date) => ({ date, holiday: holidayOn(c.country, date)?.name ?? null })),
      professionals: cals.map((cal) => ({
        professionalId: cal.professionalId,
        days: dates.map((date) => ({
          date,
          hours: workingSpans(cal, date, placeOf(c)).map((sp) => ({
            start: formatHhMm(sp.start),
            end: formatHhMm(sp.end),
            locationId: sp.locationId,
          })),
          absences: cal.exceptions
            .filter((e) => e.kind !== 'extra' && date >= e.date && date <= (e.until ?? e.date))
            .map((e) => ({ kind: e.kind as 'leave' | 'closed', start: e.start ?? null, end: e.end ?? null })),
        })),
      })),
    };
  }

  return { clinic, placeOf, search, checkBookable, calendars, providers, frame };
}
