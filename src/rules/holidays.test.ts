import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { easterSunday, holidayOn, holidaysOf, isWorkingDay } from './holidays';
import { bookingRequestDeadline, deadlineState, nthWorkingDayAfter, workingDaysBetween } from './working-days';
import { localDate, zonedInstant } from './zoned-time';

const tallinn = { country: 'EE' as const, timeZone: 'Europe/Tallinn' };
const riga = { country: 'LV' as const, timeZone: 'Europe/Riga' };

describe('Easter', () => {
  it('matches published dates', () => {
    for (const [y, d] of [
      [2000, '2000-04-23'],
      [2019, '2019-04-21'],
      [2024, '2024-03-31'],
      [2025, '2025-04-20'],
      [2026, '2026-04-05'],
      [2038, '2038-04-25'],
    ] as const) {
      assert.equal(easterSunday(y), d);
    }
  });
});

describe('Estonian public holidays', () => {
  it('has the fixed days and the Easter-based ones of 2026', () => {
    const dates = holidaysOf('EE', 2026).map((h) => h.date);
    assert.deepEqual(dates, [
      '2026-01-01',
      '2026-02-24',
      '2026-04-03',
      '2026-04-05',
      '2026-05-01',
      '2026-05-24',
      '2026-06-23',
      '2026-06-24',
      '2026-08-20',
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
    ]);
    assert.equal(holidayOn('EE', '2026-06-24')?.name, 'jaanipäev');
  });
  it('does not move a holiday that falls on a weekend', () => {
    // 24 Feb 2024 was a Saturday: Monday 26 Feb was an ordinary working day.
    assert.equal(isWorkingDay('EE', '2024-02-26'), true);
  });
  it('has no Easter Monday, unlike Latvia', () => {
    assert.equal(isWorkingDay('EE', '2026-04-06'), true);
    assert.equal(isWorkingDay('LV', '2026-04-06'), false);
  });
});

describe('Latvian public holidays', () => {
  it('moves 4 May and 18 November from a weekend to the Monday', () => {
    assert.equal(isWorkingDay('LV', '2024-05-06'), false); // 4 May 2024 was a Saturday
    assert.equal(isWorkingDay('LV', '2025-05-05'), false); // 4 May 2025 was a Sunday
    assert.equal(isWorkingDay('LV', '2023-11-20'), false); // 18 Nov 2023 was a Saturday
    assert.equal(isWorkingDay('LV', '2026-05-05'), true); // 4 May 2026 is a Monday: nothing moves
  });
  it('has Midsummer, Christmas and New Year’s Eve', () => {
    for (const d of ['2026-06-23', '2026-06-24', '2026-12-24', '2026-12-25', '2026-12-31'])
      assert.equal(isWorkingDay('LV', d), false, d);
    assert.equal(isWorkingDay('EE', '2026-12-31'), true);
  });
  it('knows the working days moved by Cabinet order in December 2024', () => {
    assert.equal(isWorkingDay('LV', '2024-12-23'), false);
    assert.equal(isWorkingDay('LV', '2024-12-28'), true); // a Saturday that was worked
  });
});

describe('working-day deadlines', () => {
  it('counts two working days after a Friday request: due end of Tuesday', () => {
    const d = bookingRequestDeadline(new Date('2026-12-18T13:00:00Z'), tallinn);
    assert.equal(d.dueDate, '2026-12-22');
    assert.equal(d.dueAt.toISOString(), '2026-12-22T22:00:00.000Z'); // local midnight, EET
  });
  it('skips Christmas in Estonia', () => {
    assert.equal(bookingRequestDeadline(new Date('2026-12-23T08:00:00Z'), tallinn).dueDate, '2026-12-29');
  });
  it('skips Midsummer', () => {
    assert.equal(bookingRequestDeadline(new Date('2026-06-22T08:00:00Z'), tallinn).dueDate, '2026-06-26');
    const lv = bookingRequestDeadline(new Date('2026-06-22T08:00:00Z'), riga);
    assert.equal(lv.dueDate, '2026-06-26');
    assert.equal(lv.dueAt.toISOString(), '2026-06-26T21:00:00.000Z'); // EEST midnight
  });
  it('skips Easter differently in each country', () => {
    assert.equal(bookingRequestDeadline(new Date('2026-04-02T09:00:00Z'), tallinn).dueDate, '2026-04-07');
    assert.equal(bookingRequestDeadline(new Date('2026-04-02T09:00:00Z'), riga).dueDate, '2026-04-08');
  });
  it('counts the moved Latvian Saturday as a working day', () => {
    assert.equal(bookingRequestDeadline(new Date('2024-12-20T09:00:00Z'), riga).dueDate, '2024-12-28');
    assert.equal(bookingRequestDeadline(new Date('2024-12-20T09:00:00Z'), tallinn).dueDate, '2024-12-27');
  });
  it('reads the day of receipt on the clinic clock, not in UTC', () => {
    // Thursday 22:30 UTC is already Friday 00:30 in Tallinn.
    assert.equal(bookingRequestDeadline(new Date('2026-12-17T22:30:00Z'), tallinn).dueDate, '2026-12-22');
    assert.equal(bookingRequestDeadline(new Date('2026-12-17T21:30:00Z'), tallinn).dueDate, '2026-12-21');
  });
  it('tells open, due today and overdue apart', () => {
    const d = bookingRequestDeadline(new Date('2026-12-18T13:00:00Z'), tallinn);
    assert.equal(deadlineState(d, new Date('2026-12-21T10:00:00Z'), tallinn), 'open');
    assert.equal(deadlineState(d, new Date('2026-12-22T21:59:00Z'), tallinn), 'due_today');
    assert.equal(deadlineState(d, new Date('2026-12-22T22:00:00Z'), tallinn), 'overdue');
  });
  it('counts working days between dates', () => {
    assert.equal(workingDaysBetween('EE', '2026-12-23', '2026-12-29'), 2);
    assert.equal(nthWorkingDayAfter('EE', '2026-12-23', 0), '2026-12-23');
  });
});

describe('zoned time', () => {
  it('maps wall-clock times across the daylight-saving change', () => {
    assert.equal(zonedInstant('2026-03-28', 9 * 60, 'Europe/Tallinn').toISOString(), '2026-03-28T07:00:00.000Z');
    assert.equal(zonedInstant('2026-03-29', 9 * 60, 'Europe/Tallinn').toISOString(), '2026-03-29T06:00:00.000Z');
    // 03:30 does not exist on 29 March: the instant after the gap.
    assert.equal(zonedInstant('2026-03-29', 3 * 60 + 30, 'Europe/Tallinn').toISOString(), '2026-03-29T01:30:00.000Z');
    // 03:30 happens twice on 25 October: the first one.
    assert.equal(zonedInstant('2026-10-25', 3 * 60 + 30, 'Europe/Riga').toISOString(), '2026-10-25T00:30:00.000Z');
    assert.equal(localDate(new Date('2026-10-24T21:30:00Z'), 'Europe/Riga'), '2026-10-25');
  });
});
