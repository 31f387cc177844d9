/**
 * Finding 6 of issue 12: bad input must be a 400 at the edge, never a 500 from the database.
 * NUL characters and lone surrogates in any string (body, query, path, header), year 0000 and
 * other impossible dates, and a malformed percent-encoding in x-access-reason.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createClinic, createTestApp, patientBody, type TestApp, type TestClinic } from '../harness';

let t: TestApp;
let c: TestClinic;
before(async () => {
  t = await createTestApp();
  c = await createClinic(t, 'kant');
});
after(() => t.close());

const SOME_ID = '00000000-0000-4000-8000-000000000000';
const NUL = 'Ma\u0000ri';
const LONE = 'Ma\ud800ri';

test('a NUL character in the public login is a 400 naming the field', async () => {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { clinic: 'kant', email: 'admin@kant.example', password: `x${NUL}yyyyyyyyyyyy` },
  });
  assert.equal(r.statusCode, 400, r.body);
  assert.equal(r.json().error, 'validation_error');
  assert.equal(r.json().field, 'body.password');
  assert.match(r.json().reason, /NUL/);
  const clinic = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { clinic: `ka${NUL}nt`, email: 'admin@kant.example', password: 'whatever whatever' },
  });
  assert.equal(clinic.statusCode, 400, clinic.body);
});

test('NUL and lone surrogates in a patient registration are 400s, and nothing is written', async () => {
  const rec = await c.as('receptionist');
  for (const bad of [NUL, LONE, '\udc00', 'x\ud83d']) {
    const r = await rec.post('/api/patients', patientBody({ firstName: bad }));
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.field, 'body.firstName');
    const nested = await rec.post(
      '/api/patients',
      patientBody({ address: { street: bad, city: 'Tallinn', postalCode: '10123', country: 'EE' } }),
    );
    assert.equal(nested.status, 400, JSON.stringify(nested.body));
    assert.equal(nested.body.field, 'body.address.street');
  }
  const [{ n }] = (await t.database.raw.query<{ n: number }>('select count(*)::int as n from patients')) as [
    { n: number },
  ];
  assert.equal(n, 0);
  // A well-formed pair (an emoji) is a real character and is kept.
  const ok = await rec.post('/api/patients', patientBody({ firstName: 'Mari 🦷' }));
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
});

test('NUL in the query string, the path and a header is a 400', async () => {
  const rec = await c.as('receptionist');
  const q = await t.app.inject({ method: 'GET', url: '/api/public/clinics/kant/booking?q=ab%00cd' });
  assert.equal(q.statusCode, 400, q.body);
  assert.equal(q.json().field, 'querystring.q');
  const p = await t.app.inject({ method: 'GET', url: '/api/public/clinics/ka%00nt/booking' });
  assert.equal(p.statusCode, 400, p.body);
  assert.equal(p.json().field, 'params.slug');
  const h = await rec.get(`/api/patients/${SOME_ID}`, { 'x-access-reason': 'a%00b' });
  assert.equal(h.status, 400, JSON.stringify(h.body));
  assert.equal(h.body.field, 'headers.x-access-reason');
});

test('year 0000 and impossible dates are 400s', async () => {
  const rec = await c.as('receptionist');
  for (const birthDate of ['0000-01-01', '2023-02-29', '+12345-01-01', '2024-13-01']) {
    const r = await rec.post(
      '/api/patients',
      patientBody({
        identity: {
          kind: 'document',
          documentType: 'passport',
          documentNumber: 'X1234567',
          documentCountry: 'FI',
          birthDate,
        },
      }),
    );
    assert.equal(r.status, 400, `${birthDate}: ${JSON.stringify(r.body)}`);
  }
  const slots = await t.app.inject({
    method: 'GET',
    url: `/api/public/clinics/kant/slots?serviceId=${SOME_ID}&from=0000-01-01&to=0000-01-02`,
  });
  assert.equal(slots.statusCode, 400, slots.body);
  const req = await t.app.inject({
    method: 'POST',
    url: '/api/public/clinics/kant/booking-requests',
    payload: {
      serviceId: SOME_ID,
      firstName: 'Ann',
      lastName: 'Lepp',
      language: 'et',
      message: 'hammas valutab',
      preferredStart: '0000-01-01T10:00:00Z',
    },
  });
  assert.equal(req.statusCode, 400, req.body);
});

test('a malformed percent-encoding in x-access-reason is a 400, not a 500', async () => {
  const doc = await c.as('doctor');
  for (const reason of ['%E0%A4%A', '100%', '%ZZ']) {
    const r = await doc.get(`/api/patients/${SOME_ID}`, { 'x-access-reason': reason });
    assert.equal(r.status, 400, `${reason}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.field, 'headers.x-access-reason');
  }
});
