import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type FakeSmtp, startFakeSmtp } from '../fakes/smtp';
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
 * Telling the people affected by a breach (GDPR Art. 34): only after the DPO decided they are told,
 * one letter per person through the outbox in their own language, never twice, a person without an
 * e-mail address reported as skipped; each letter audited against the person.
 */
let smtp: FakeSmtp;
let t: TestApp;
let c: TestClinic;
let dpo: Agent;
let breachId: string;
const people: Record<string, string> = {};
const setClock = (iso: string) => (t.clock as unknown as { set(d: string): void }).set(iso);

before(async () => {
  smtp = await startFakeSmtp();
  t = await createTestApp({ start: '2026-11-02T07:00:00Z', config: { SMTP_URL: smtp.url } });
  c = await createClinic(t, 'breachmail');
  const rec = await login(t.app, c.slug, c.staff.receptionist.email);
  const add = async (key: string, body: Record<string, unknown>) => {
    const p = await rec.post('/api/patients', patientBody(body));
    assert.equal(p.status, 201, JSON.stringify(p.body));
    people[key] = p.body.patient.id;
  };
  await add('et', {
    identity: { kind: 'national', country: 'EE', code: eeCode('4700101001') },
    email: 'mari@example.ee',
  });
  await add('lv', {
    firstName: 'Līga',
    lastName: 'Ozola',
    identity: { kind: 'national', country: 'EE', code: eeCode('4700101002') },
    email: 'liga@example.lv',
    preferredLanguage: 'lv',
  });
  await add('ru', {
    firstName: 'Ольга',
    lastName: 'Иванова',
    identity: { kind: 'national', country: 'EE', code: eeCode('4700101003') },
    email: 'olga@example.ee',
    preferredLanguage: 'ru',
  });
  await add('none', { identity: { kind: 'national', country: 'EE', code: eeCode('4700101004') }, email: null });
  setClock('2026-11-02T18:00:00Z');
  const evening = await login(t.app, c.slug, c.staff.receptionist.email);
  for (const id of Object.values(people)) assert.equal((await evening.get(`/api/patients/${id}`)).status, 200);
  setClock('2026-11-03T12:00:00Z');
  dpo = await login(t.app, c.slug, c.staff.dpo.email);
  const b = await dpo.post('/api/breaches', {
    discoveredAt: '2026-11-03T10:00:00Z',
    nature: 'A receptionist opened patient records without a work reason on the evening of 2 November.',
    categories: ['name', 'health'],
    approxPeople: 4,
    approxRecords: 4,
    consequences: 'Health data seen by a colleague without a need to know.',
    measures: 'The account was suspended and the staff instructed.',
  });
  assert.equal(b.status, 201, JSON.stringify(b.body));
  breachId = b.body.id;
  const f = await dpo.post(`/api/breaches/${breachId}/affected`, {
    actorId: c.staff.receptionist.id,
    from: '2026-11-02T17:00:00Z',
    to: '2026-11-02T19:00:00Z',
  });
  assert.equal(f.body.found, 4);
});
after(async () => {
  await t.close();
  await smtp.close();
});

test('no letters before the decision that the people are told; others than the DPO are refused', async () => {
  const early = await dpo.post(`/api/breaches/${breachId}/inform-people`);
  assert.equal(early.status, 409, JSON.stringify(early.body));
  const rec = await login(t.app, c.slug, c.staff.receptionist.email);
  assert.equal((await rec.post(`/api/breaches/${breachId}/inform-people`)).status, 403);
  assert.equal((await dpo.post('/api/breaches/not-a-uuid/inform-people')).status, 400);
  assert.equal(smtp.received.length, 0);
});

test('each person gets one letter in their language; without an e-mail address it is skipped', async () => {
  const d = await dpo.post(`/api/breaches/${breachId}/inform`, { decision: 'yes', reason: 'health data: high risk' });
  assert.equal(d.status, 200, JSON.stringify(d.body));
  const sent = await dpo.post(`/api/breaches/${breachId}/inform-people`);
  assert.equal(sent.status, 200, JSON.stringify(sent.body));
  assert.deepEqual(sent.body, { queued: 4, affected: 4 });
  await t.services.worker.drain();
  const mails = await smtp.waitFor(3);
  const to = (addr: string) => mails.find((m) => m.to.includes(addr))!;
  assert.match(to('mari@example.ee').subject, /teade teie isikuandmetega seotud rikkumisest/);
  assert.match(to('mari@example.ee').text, /Tere, Mari Tamm!/);
  assert.match(to('mari@example.ee').text, /avastas 03\.11\.2026/);
  assert.match(to('mari@example.ee').text, /Andmekaitse Inspektsioon, info@aki\.ee/);
  assert.match(to('liga@example.lv').subject, /personas datu aizsardzības pārkāpumu/);
  assert.match(to('liga@example.lv').text, /Labdien, Līga Ozola!/);
  assert.match(to('liga@example.lv').text, /Kas notika: A receptionist opened/);
  assert.match(to('olga@example.ee').text, /Здравствуйте, Ольга Иванова!/);
  assert.match(to('olga@example.ee').text, /Инспекция по защите данных Эстонии/);

  const detail = await dpo.get(`/api/breaches/${breachId}`);
  const letter = (id: string) =>
    detail.body.affected.find((a: { patientId: string }) => a.patientId === id)?.letter as string;
  assert.equal(letter(people.lv!), 'sent');
  assert.equal(letter(people.none!), 'skipped', 'the DPO sees who must be told another way');
  const events = await t.database.raw.query<{ patient_ref: string }>(
    `select patient_ref::text from audit_events where clinic_id = $1 and action = 'breach.letter'`,
    [c.id],
  );
  assert.equal(events.length, 3, 'each letter sent is recorded against its person');
});

test('telling again sends nothing twice', async () => {
  const again = await dpo.post(`/api/breaches/${breachId}/inform-people`);
  assert.deepEqual(again.body, { queued: 0, affected: 4 });
  await t.services.worker.drain();
  assert.equal(smtp.received.length, 3);
});
