/**
 * Finding 7 of issue 12: impossible dates were accepted — birth dates in 9999, payments dated
 * 9999-12-31, an Estonian ID code of someone born in 2099, an old-format Latvian code read as a
 * new-format one.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fixedClock } from '../../src/platform/clock';
import { checkEstonianCode, checkLatvianCode } from '../../src/rules/id-codes';
import { createClinic, createTestApp, eeCode, login, patientBody, type TestApp, type TestClinic } from '../harness';

let t: TestApp;
let c: TestClinic;
before(async () => {
  t = await createTestApp();
  c = await createClinic(t, 'kuupaev');
});
after(() => t.close());

const SOME_ID = '00000000-0000-4000-8000-000000000000';
/** The date rules take today from their caller. */
const TODAY = '2026-12-01';
const passport = (birthDate: string) => ({
  kind: 'document',
  documentType: 'passport',
  documentNumber: 'X1234567',
  documentCountry: 'FI',
  birthDate,
});

test('birth dates in the future or before 1870 are refused, on every route that takes one', async () => {
  const rec = await c.as('receptionist');
  for (const birthDate of ['9999-12-31', '2099-01-01', '1869-12-31', '1000-01-01']) {
    const r = await rec.post('/api/patients', patientBody({ identity: passport(birthDate) }));
    assert.equal(r.status, 400, `${birthDate}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.field, 'identity.birthDate');
  }
  assert.equal((await rec.post('/api/patients', patientBody({ identity: passport('1870-01-01') }))).status, 201);
  const booking = await t.app.inject({
    method: 'POST',
    url: `/api/public/clinics/${c.slug}/booking-requests`,
    payload: {
      serviceId: SOME_ID,
      firstName: 'Ann',
      lastName: 'Lepp',
      language: 'et',
      message: 'hammas valutab',
      birthDate: '9999-12-31',
    },
  });
  assert.equal(booking.statusCode, 400, booking.body);
  assert.equal(booking.json().field, 'birthDate');
});

test('money dates outside a sane window are refused', async () => {
  const acc = await c.as('accountant');
  for (const paidOn of ['9999-12-31', '1999-12-31', '2100-01-01']) {
    const r = await acc.post(`/api/billing/invoices/${SOME_ID}/payments`, { method: 'cash', amount: '10.00', paidOn });
    assert.equal(r.status, 400, `${paidOn}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.field, 'paidOn');
  }
  const visit = await acc.post('/api/billing/visits/services', {
    patientId: SOME_ID,
    visitDate: '9999-12-31',
    services: [{ code: 'X1' }],
  });
  assert.equal(visit.status, 400);
  assert.equal(visit.body.field, 'visitDate');
});

test('an Estonian ID code of someone born in the future, or before 1870, is not valid', async () => {
  const born2099 = eeCode('5990101000');
  const r = checkEstonianCode(born2099, TODAY);
  assert.equal(r.valid, false);
  assert.match((r as { reason: string }).reason, /future/);
  assert.equal(checkEstonianCode(eeCode('7000101000'), TODAY).valid, false, 'the 2100s');
  assert.equal(checkEstonianCode(eeCode('1690101000'), TODAY).valid, false, '1869');
  assert.equal(checkEstonianCode(eeCode('1700101000'), TODAY).valid, true, '1870');
  const rec = await c.as('receptionist');
  const api = await rec.post(
    '/api/patients',
    patientBody({ identity: { kind: 'national', country: 'EE', code: born2099 } }),
  );
  assert.equal(api.status, 400, JSON.stringify(api.body));
  assert.equal(api.body.field, 'identity.code');
});

test('an old-format Latvian code is read as old-format: its own birth date, never one typed beside it', async () => {
  const old = checkLatvianCode('161175-19997', TODAY);
  assert.equal(old.valid && old.birthDate, '1975-11-16');
  assert.equal(old.valid && old.warning, undefined, 'no new-format warning');
  const rec = await c.as('receptionist');
  const contradicting = await rec.post(
    '/api/patients',
    patientBody({ identity: { kind: 'national', country: 'LV', code: '161175-19997', birthDate: '1990-01-02' } }),
  );
  assert.equal(contradicting.status, 400, JSON.stringify(contradicting.body));
  assert.equal(contradicting.body.field, 'identity.birthDate');
  const agreeing = await rec.post(
    '/api/patients',
    patientBody({ identity: { kind: 'national', country: 'LV', code: '161175-19997', birthDate: '1975-11-16' } }),
  );
  assert.equal(agreeing.status, 201, JSON.stringify(agreeing.body));
  assert.equal(agreeing.body.patient.birthDate, '1975-11-16');
  // An old-format code from the 1800s before 1870, or a date in the future, is not a living person's.
  assert.equal(checkLatvianCode(lvCode('010169', 0), TODAY).valid, false);
  assert.equal(checkLatvianCode(lvCode('010199', 2), TODAY).valid, false, '2099');
});

/** A valid old-format Latvian code for DDMMYY and century digit. */
function lvCode(ddmmyy: string, century: number): string {
  const d = [...`${ddmmyy}${century}000`].map(Number);
  const weights = [1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  for (let n = 0; n < 1000; n++) {
    const digits = [...d.slice(0, 7), Math.floor(n / 100), Math.floor(n / 10) % 10, n % 10];
    const sum = weights.reduce((s, w, i) => s + w * digits[i]!, 0);
    const check = (((1101 - sum) % 11) + 11) % 11;
    if (check < 10) return `${ddmmyy}-${digits.slice(6).join('')}${check}`;
  }
  throw new Error('no code');
}

test("the date rules' today is the application's clock, not the machine's", async () => {
  // The clock in 2015: a birth date of 2020 or a code of someone born in 2019 lies in its future,
  // though both are past by the machine's date (the schema and the code rules once used the latter).
  const clock = fixedClock('2015-06-01T10:00:00Z');
  const past = await createTestApp({ clock });
  try {
    const p = await createClinic(past, 'kell-2015');
    const rec = await p.as('receptionist');
    const typed = await rec.post('/api/patients', patientBody({ identity: passport('2020-01-01') }));
    assert.equal(typed.status, 400, JSON.stringify(typed.body));
    assert.equal(typed.body.field, 'identity.birthDate');
    assert.equal(typed.body.reason, 'in the future');
    const born2019 = eeCode('6190101000');
    const coded = await rec.post(
      '/api/patients',
      patientBody({ identity: { kind: 'national', country: 'EE', code: born2019 } }),
    );
    assert.equal(coded.status, 400, JSON.stringify(coded.body));
    assert.equal(coded.body.field, 'identity.code');
    assert.equal((await rec.post('/api/patients', patientBody({ identity: passport('2015-06-02') }))).status, 201);
    const booking = await past.app.inject({
      method: 'POST',
      url: `/api/public/clinics/${p.slug}/booking-requests`,
      payload: {
        serviceId: SOME_ID,
        firstName: 'Ann',
        lastName: 'Lepp',
        language: 'et',
        message: 'hammas valutab',
        mobile: '5123 4567',
        birthDate: '2016-01-01',
      },
    });
    assert.equal(booking.statusCode, 400, booking.body);
    assert.equal(booking.json().field, 'birthDate');
    assert.equal(booking.json().reason, 'in the future');
    const search = await rec.post('/api/patients/search', { query: born2019 });
    assert.equal(search.status, 400, JSON.stringify(search.body));
    // The clock moved on to 2030: the same code and date belong to children now.
    clock.set('2030-01-01T10:00:00Z');
    const again = await login(past.app, p.slug, p.staff.receptionist.email); // the 2015 session has ended
    const later = await again.post(
      '/api/patients',
      patientBody({ identity: { kind: 'national', country: 'EE', code: born2019 } }),
    );
    assert.equal(later.status, 201, JSON.stringify(later.body));
    assert.equal((await again.post('/api/patients', patientBody({ identity: passport('2029-12-31') }))).status, 201);
  } finally {
    await past.close();
  }
});
