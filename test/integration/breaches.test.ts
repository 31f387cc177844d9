import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  type Agent,
  createClinic,
  createTestApp,
  eeCode,
  login,
  patientBody,
  type TestApp,
  type TestClinic,
} from '../harness';

/**
 * A breach from discovery to the authority's PDF: the 72-hour clock, the patients a snooping user
 * opened found from the audit log, a late notification refused without its reason, the PDF in
 * Estonian, Latvian and English.
 */
let t: TestApp;
let c: TestClinic;
let dpo: Agent;
const setClock = (iso: string) => (t.clock as unknown as { set(d: string): void }).set(iso);
const opened: string[] = [];

before(async () => {
  t = await createTestApp({ start: '2026-11-02T07:00:00Z' });
  c = await createClinic(t, 'breach');
  const rec = await login(t.app, c.slug, c.staff.receptionist.email);
  for (let i = 0; i < 4; i++) {
    const p = await rec.post(
      '/api/patients',
      patientBody({ identity: { kind: 'national', country: 'EE', code: eeCode(`470010100${i}`) } }),
    );
    assert.equal(p.status, 201, JSON.stringify(p.body));
    opened.push(p.body.patient.id);
  }
  // The receptionist opens three of them in the evening; the fourth the next day.
  setClock('2026-11-02T18:00:00Z');
  const evening = await login(t.app, c.slug, c.staff.receptionist.email);
  for (const id of opened.slice(0, 3)) assert.equal((await evening.get(`/api/patients/${id}`)).status, 200);
  setClock('2026-11-03T12:00:00Z');
  const day = await login(t.app, c.slug, c.staff.receptionist.email);
  assert.equal((await day.get(`/api/patients/${opened[3]}`)).status, 200);
  dpo = await login(t.app, c.slug, c.staff.dpo.email);
});
after(() => t.close());

let id: string;

test('a breach is recorded with its facts; the 72-hour clock runs from the discovery', async () => {
  const bad = await dpo.post('/api/breaches', { discoveredAt: '2026-11-03T10:00:00Z', nature: 'short' });
  assert.equal(bad.status, 400);
  const r = await dpo.post('/api/breaches', {
    discoveredAt: '2026-11-03T10:00:00Z',
    nature: 'A receptionist opened patient records without a work reason in the evening of 2 November.',
    categories: ['name', 'contact', 'health'],
    approxPeople: 1,
    approxRecords: 3,
    consequences: 'Disclosure of health data to a colleague; risk of embarrassment.',
    measures: 'Account suspended, staff instructed, access review weekly.',
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  id = r.body.id;
  assert.equal(r.body.deadline, '2026-11-06T10:00:00.000Z');
  assert.equal(r.body.minutesLeft, 70 * 60, 'two hours after the discovery: 70 hours left');
  assert.equal(r.body.late, false);
  const rec = await login(t.app, c.slug, c.staff.receptionist.email);
  assert.equal((await rec.get('/api/breaches')).status, 403);
});

test('the affected patients are found from the audit log: who the user opened between two times', async () => {
  const f = await dpo.post(`/api/breaches/${id}/affected`, {
    actorId: c.staff.receptionist.id,
    from: '2026-11-02T17:00:00Z',
    to: '2026-11-02T23:00:00Z',
  });
  assert.equal(f.status, 200, JSON.stringify(f.body));
  assert.equal(f.body.found, 3);
  const b = await dpo.get(`/api/breaches/${id}`);
  assert.deepEqual(b.body.affected.map((a: { patientId: string }) => a.patientId).sort(), opened.slice(0, 3).sort());
  assert.equal(b.body.approxPeople, 3, 'the count follows what was found');
});

test('a notification after 72 hours needs the reason for the delay; the PDF in et, lv and en', async () => {
  setClock('2026-11-07T09:00:00Z');
  dpo = await login(t.app, c.slug, c.staff.dpo.email);
  const late = await dpo.post(`/api/breaches/${id}/notify`, { at: '2026-11-07T09:00:00Z' });
  assert.equal(late.status, 400);
  assert.equal(late.body.field, 'lateReason');
  const ok = await dpo.post(`/api/breaches/${id}/notify`, {
    at: '2026-11-07T09:00:00Z',
    lateReason: 'the extent was established only on 6 November',
  });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.late, true);
  assert.equal(ok.body.minutesLeft, -23 * 60);
  const inform = await dpo.post(`/api/breaches/${id}/inform`, { decision: 'yes', reason: 'health data: high risk' });
  assert.equal(inform.body.informPeople, 'yes');
  for (const lang of ['et', 'lv', 'en']) {
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/breaches/${id}/authority.pdf?lang=${lang}`,
      headers: { cookie: await dpoCookie() },
    });
    assert.equal(pdf.statusCode, 200, pdf.body);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.ok(pdf.rawPayload.subarray(0, 5).toString() === '%PDF-');
  }
});

async function dpoCookie() {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { clinic: c.slug, email: c.staff.dpo.email, password: 'correct horse battery staple' },
  });
  return `hoidja_session=${res.cookies.find((x) => x.name === 'hoidja_session')!.value}`;
}
