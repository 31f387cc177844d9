import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NoRuleError } from './dental-benefits';
import { addCalendarMonths, complaintClock, extendedDueOn, requestClock } from './rights-deadlines';

test('one calendar month: the same day number, or the last day of a shorter month', () => {
  assert.equal(addCalendarMonths('2026-03-15', 1), '2026-04-15');
  assert.equal(addCalendarMonths('2026-01-31', 1), '2026-02-28');
  assert.equal(addCalendarMonths('2028-01-31', 1), '2028-02-29');
  assert.equal(addCalendarMonths('2026-03-31', 1), '2026-04-30');
  assert.equal(addCalendarMonths('2026-12-20', 1), '2027-01-20');
  assert.equal(addCalendarMonths('2026-11-30', 3), '2027-02-28');
});

test('a request is due one month after receipt; an extension reaches at most two more months', () => {
  const c = requestClock('2026-01-31');
  assert.equal(c.dueOn, '2026-02-28');
  assert.equal(c.latestExtendedDueOn, '2026-04-28');
  assert.equal(extendedDueOn(c, 2), '2026-04-28');
  assert.equal(extendedDueOn(c, 1), '2026-03-28');
  assert.throws(() => extendedDueOn(c, 3), RangeError);
  assert.throws(() => extendedDueOn(c, 0), RangeError);
  assert.equal(c.rule.id, 'gdpr-art12-3');
});

test('no clock before the GDPR applied', () => {
  assert.throws(() => requestClock('2018-05-24'), NoRuleError);
  assert.throws(() => complaintClock('2017-01-01'), NoRuleError);
});

test('a complaint is reviewed in 30 days and resolved in two months', () => {
  const c = complaintClock('2026-12-31');
  assert.equal(c.reviewBy, '2027-01-30');
  assert.equal(c.resolveBy, '2027-02-28');
});
