import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitsWorkingHours, freeSlots, type ProfessionalCalendar } from './free-slots';

const place = { country: 'EE' as const, timeZone: 'Europe/Tallinn' };
const weekdays9to17 = [1, 2, 3, 4, 5].map((weekday) => ({
  weekday,
  start: '09:00',
  end: '17:00',
  locationId: 'room-1',
}));
const hhmm = (d: Date) =>
  d.toLocaleTimeString('en-GB', { timeZone: 'Europe/Tallinn', hour: '2-digit', minute: '2-digit' });

function doctor(over: Partial<ProfessionalCalendar> = {}): ProfessionalCalendar {
  return { professionalId: 'dr-tamm', weekly: weekdays9to17, exceptions: [], busy: [], ...over };
}

describe('free slots', () => {
  it('offers slots on the step grid within working hours', () => {
    const slots = freeSlots(
      { ...place, from: '2026-12-21', to: '2026-12-21', durationMinutes: 60, stepMinutes: 30, notBefore: new Date(0) },
      [doctor()],
    );
    assert.equal(slots.length, 15); // 09:00 … 16:00 every half hour
    assert.equal(hhmm(slots[0]!.start), '09:00');
    assert.equal(hhmm(slots.at(-1)!.end), '17:00');
    assert.equal(slots[0]!.locationId, 'room-1');
  });

  it('leaves out existing bookings and re-aligns after them', () => {
    const busy = [{ start: new Date('2026-12-21T08:00:00Z'), end: new Date('2026-12-21T08:40:00Z') }]; // 10:00–10:40 local
    const slots = freeSlots(
      { ...place, from: '2026-12-21', to: '2026-12-21', durationMinutes: 30, stepMinutes: 15, notBefore: new Date(0) },
      [doctor({ busy })],
    );
    const starts = slots.map((s) => hhmm(s.start));
    assert.ok(starts.includes('09:30'));
    assert.ok(!starts.includes('09:45') && !starts.includes('10:00') && !starts.includes('10:30'));
    assert.ok(starts.includes('10:45'));
  });

  it('closes on public holidays and weekends, opens on an extra day', () => {
    const q = { ...place, from: '2026-12-24', to: '2026-12-27', durationMinutes: 30, notBefore: new Date(0) };
    assert.equal(freeSlots(q, [doctor()]).length, 0);
    const extra = doctor({ exceptions: [{ date: '2026-12-27', kind: 'extra', start: '10:00', end: '11:00' }] });
    assert.deepEqual(
      freeSlots({ ...q, stepMinutes: 30 }, [extra]).map((s) => hhmm(s.start)),
      ['10:00', '10:30'],
    );
  });

  it('honours leave over several days and partial-day absences', () => {
    const cal = doctor({
      exceptions: [
        { date: '2026-12-21', until: '2026-12-22', kind: 'leave' },
        { date: '2026-12-23', kind: 'leave', start: '09:00', end: '16:00' },
      ],
    });
    const slots = freeSlots(
      { ...place, from: '2026-12-21', to: '2026-12-23', durationMinutes: 30, stepMinutes: 30, notBefore: new Date(0) },
      [cal],
    );
    assert.deepEqual(
      slots.map((s) => hhmm(s.start)),
      ['16:00', '16:30'],
    );
  });

  it('offers nothing in the past and respects the limit', () => {
    const notBefore = new Date('2026-12-21T12:10:00Z'); // 14:10 local
    const slots = freeSlots(
      {
        ...place,
        from: '2026-12-21',
        to: '2026-12-22',
        durationMinutes: 60,
        stepMinutes: 60,
        notBefore,
        limitPerProfessional: 3,
      },
      [doctor()],
    );
    assert.deepEqual(
      slots.map((s) => s.start.toISOString()),
      ['2026-12-21T13:00:00.000Z', '2026-12-21T14:00:00.000Z', '2026-12-22T07:00:00.000Z'],
    );
  });

  it('keeps wall-clock hours across the daylight-saving change', () => {
    const slots = freeSlots(
      { ...place, from: '2026-03-27', to: '2026-03-30', durationMinutes: 480, stepMinutes: 60, notBefore: new Date(0) },
      [doctor()],
    );
    // 09:00 local is 07:00Z before the change and 06:00Z after.
    assert.deepEqual(
      slots.map((s) => s.start.toISOString()),
      ['2026-03-27T07:00:00.000Z', '2026-03-30T06:00:00.000Z'],
    );
  });

  it('merges several professionals in time order', () => {
    const other = doctor({ professionalId: 'dr-kask', weekly: [{ weekday: 1, start: '08:00', end: '09:00' }] });
    const slots = freeSlots(
      { ...place, from: '2026-12-21', to: '2026-12-21', durationMinutes: 60, stepMinutes: 60, notBefore: new Date(0) },
      [doctor(), other],
    );
    assert.equal(slots[0]!.professionalId, 'dr-kask');
    assert.equal(slots.length, 9);
  });

  it('tells whether a requested time fits working hours', () => {
    const cal = doctor();
    assert.deepEqual(fitsWorkingHours(cal, new Date('2026-12-21T14:00:00Z'), 60, place), {
      ok: true,
      locationId: 'room-1',
    });
    assert.equal(fitsWorkingHours(cal, new Date('2026-12-21T14:30:00Z'), 60, place).ok, false); // ends 17:30
    const holiday = fitsWorkingHours(cal, new Date('2026-12-24T08:00:00Z'), 30, place);
    assert.ok(!holiday.ok && holiday.reason.includes('jõululaupäev'));
  });

  it('searches 10 professionals over 30 days quickly', () => {
    const cals = Array.from({ length: 10 }, (_, i) => doctor({ professionalId: `p${i}` }));
    const t0 = performance.now();
    const slots = freeSlots(
      { ...place, from: '2026-12-01', to: '2026-12-30', durationMinutes: 30, notBefore: new Date(0) },
      cals,
    );
    assert.ok(slots.length > 1000);
    assert.ok(performance.now() - t0 < 2000);
  });
});
