import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ReceivedMail } from '../fakes/smtp';
import { eeCode, login } from '../harness';
import { addPatient, count, type QueueWorld, queueWorld } from './queue.fixtures';

/**
 * The portal for a legal representative, and sign-in by mobile. On the queue world (clock at
 * 2026-12-14): Kadri Kask is no patient of the clinic but the parent of Juku (8) and Liisa (8), of
 * Mart, who came of age on 1 December 2026, and of Ott, whose recorded authority ended then; Tõnis
 * Õun, a patient, is also Liisa's guardian. Kadri signs in by e-mail or SMS and acts for Juku or Liisa.
 */
let w: QueueWorld;
const KADRI = 'kadri.kask@example.ee';
const KADRI_MOBILE = '+37255550101';
const ids: Record<'juku' | 'liisa' | 'mart' | 'ott', string> = { juku: '', liisa: '', mart: '', ott: '' };
const reps: Record<'juku' | 'liisa' | 'mart' | 'ott' | 'tonisLiisa', string> = {
  juku: '',
  liisa: '',
  mart: '',
  ott: '',
  tonisLiisa: '',
};

/** The receptionist signs in afresh: the clock moves on here, and staff sessions idle out too. */
async function receptionist() {
  w.rec = await login(w.t.app, w.clinic.slug, w.clinic.staff.receptionist.email);
  return w.rec;
}

async function representative(patientId: string, body: Record<string, unknown>) {
  const r = await (await receptionist()).post(`/api/patients/${patientId}/representatives`, {
    kind: 'parent',
    firstName: 'Kadri',
    lastName: 'Kask',
    identity: { kind: 'national', country: 'EE', code: eeCode('4850101022') },
    email: KADRI,
    mobile: '5555 0101',
    basis: 'birth certificate',
    authorityFrom: '2008-01-01',
    authorityUntil: '2034-12-31',
    ...body,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id as string;
}

before(async () => {
  w = await queueWorld('portal-reps', 'demo');
  const child = (n: number, first: string, code: string) =>
    addPatient(w, n, {
      firstName: first,
      lastName: 'Kask',
      identity: { kind: 'national', country: 'EE', code },
      email: null,
      mobile: null,
    });
  ids.juku = await child(1, 'Juku', eeCode('5180315022'));
  ids.liisa = await child(2, 'Liisa', eeCode('6180601022'));
  ids.mart = await child(3, 'Mart', eeCode('5081201022'));
  ids.ott = await child(4, 'Ott', eeCode('5160101022'));
  reps.juku = await representative(ids.juku, {});
  reps.liisa = await representative(ids.liisa, {});
  reps.mart = await representative(ids.mart, {}); // came of age on 2026-12-01, whatever the recorded end
  reps.ott = await representative(ids.ott, { authorityUntil: '2026-12-01' });
  reps.tonisLiisa = await representative(ids.liisa, {
    kind: 'guardian',
    firstName: 'Tõnis',
    lastName: 'Õun',
    identity: { kind: 'national', country: 'EE', code: '46805280103' },
    email: 'tonis.oun@example.ee',
    mobile: null,
    basis: 'court ruling',
  });
});
after(async () => {
  await w?.close();
});

const linksIn = (text: string) =>
  [...text.matchAll(/\/portal\/enter\?token=([^\s&]+)/g)].map((m) => decodeURIComponent(m[1]!));
const mailsTo = (email: string) => w.smtp.received.filter((m) => m.to.includes(email) && linksIn(m.text).length > 0);

async function nthMail(email: string, n: number): Promise<ReceivedMail> {
  const deadline = Date.now() + 5000;
  while (mailsTo(email).length < n) {
    if (Date.now() > deadline) throw new Error(`no sign-in mail #${n} to ${email}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return mailsTo(email)[n - 1]!;
}

async function askLink(payload: Record<string, unknown>) {
  w.clock.advance(6 * 60_000); // under the limit of links per 15 minutes
  const r = await w.t.app.inject({
    method: 'POST',
    url: '/api/portal/login-link',
    payload: { clinic: w.clinic.slug, ...payload },
  });
  return { status: r.statusCode, body: r.json() };
}

interface Portal {
  get(url: string): Promise<{ status: number; body: any }>;
  post(url: string, body?: unknown): Promise<{ status: number; body: any }>;
}

async function enter(token: string): Promise<Portal> {
  const s = await w.t.app.inject({ method: 'POST', url: '/api/portal/session', payload: { token } });
  assert.equal(s.statusCode, 200, s.body);
  const cookie = s.cookies.find((c) => c.name === 'hoidja_portal')!.value;
  const csrf = s.json().csrfToken as string;
  const request = async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const r = await w.t.app.inject({
      method,
      url,
      payload: payload as never,
      headers: { cookie: `hoidja_portal=${cookie}`, 'x-csrf-token': csrf },
    });
    return { status: r.statusCode, body: r.body ? r.json() : null };
  };
  return { get: (u) => request('GET', u), post: (u, b) => request('POST', u, b ?? {}) };
}

async function signInByMail(email: string): Promise<Portal> {
  const before = mailsTo(email).length;
  assert.equal((await askLink({ email })).status, 202);
  const mail = await nthMail(email, before + 1);
  return enter(linksIn(mail.text)[0]!);
}

const events = (action: string, patientId: string) =>
  w.t.database.raw.query<{ actor_role: string; details: Record<string, unknown> | null }>(
    'select actor_role, details from audit_events where action = $1 and patient_ref = $2 order by seq',
    [action, patientId],
  );

describe('portal: a parent acts for a child', () => {
  let kadri: Portal;

  test('a representative who is not a patient gets one link that names only the children she may act for', async () => {
    kadri = await signInByMail(KADRI);
    const mail = mailsTo(KADRI).at(-1)!;
    assert.equal(linksIn(mail.text).length, 1);
    assert.match(mail.text, /Juku Kask, Liisa Kask/);
    assert.doesNotMatch(mail.text, /Mart|Ott/, 'a child come of age and an expired authority are not offered');
    const sent = await events('portal.link_sent', ids.juku);
    assert.equal(sent.at(-1)?.actor_role, 'representative');
    assert.equal(sent.at(-1)?.details?.representativeId, reps.juku);
    assert.equal((await events('portal.link_sent', ids.mart)).length, 0);
  });

  test('she starts acting for the first child, sees the choices, and her reads are recorded as hers for the child', async () => {
    const me = await kadri.get('/api/portal/me');
    assert.equal(me.status, 200, JSON.stringify(me.body));
    assert.equal(me.body.patient.firstName, 'Juku');
    assert.deepEqual(me.body.actingAs, { representativeId: reps.juku, kind: 'parent' });
    assert.deepEqual(
      me.body.choices.map((c: any) => [c.patientName, c.kind, c.available]),
      [
        ['Juku Kask', 'parent', true],
        ['Liisa Kask', 'parent', true],
      ],
    );
    const viewed = await events('portal.details.view', ids.juku);
    assert.equal(viewed.length, 1);
    assert.equal(viewed[0]!.actor_role, 'representative');
    assert.equal(viewed[0]!.details?.representativeId, reps.juku);
  });

  test('she switches to Liisa and asks for Liisa’s data: the request names her as the representative', async () => {
    const sw = await kadri.post('/api/portal/acting-for', { representativeId: reps.liisa });
    assert.equal(sw.status, 200, JSON.stringify(sw.body));
    assert.equal((await kadri.get('/api/portal/me')).body.patient.firstName, 'Liisa');
    const filed = await kadri.post('/api/portal/requests', { kind: 'access' });
    assert.equal(filed.status, 201, JSON.stringify(filed.body));
    assert.equal(filed.body.representativeId, reps.liisa);
    const list = await kadri.get('/api/portal/requests');
    assert.deepEqual(
      list.body.items.map((r: any) => r.id),
      [filed.body.id],
    );
    const csv = await w.t.app.inject({ method: 'GET', url: '/api/portal/export?format=csv', headers: {} });
    assert.equal(csv.statusCode, 401, 'the export needs the session');
    const switched = await events('portal.acting_for', ids.liisa);
    assert.equal(switched.at(-1)?.actor_role, 'representative');
    assert.equal(switched.at(-1)?.details?.representativeId, reps.liisa);
    const created = await events('rights_request.create', ids.liisa);
    assert.equal(created.at(-1)?.actor_role, 'representative');
    assert.equal(created.at(-1)?.details?.representativeId, reps.liisa);
    // Juku's requests are not Liisa's
    await kadri.post('/api/portal/acting-for', { representativeId: reps.juku });
    assert.deepEqual((await kadri.get('/api/portal/requests')).body.items, []);
  });

  test('a child come of age, someone else’s representation, herself and nonsense: 400 naming the field, nothing changed', async () => {
    for (const [body, reason] of [
      [{ representativeId: reps.mart }, /not a representation registered with the address/],
      [{ representativeId: reps.tonisLiisa }, /not a representation registered with the address/],
      [{ representativeId: null }, /representative only/],
      [{ representativeId: 'not-an-id' }, /representation id/],
    ] as const) {
      const r = await kadri.post('/api/portal/acting-for', body);
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.field, 'representativeId');
      assert.match(r.body.reason, reason);
    }
    assert.equal((await kadri.get('/api/portal/me')).body.patient.firstName, 'Juku', 'still acting for Juku');
  });

  test('a representative does not change the child’s consents in the portal', async () => {
    const r = await kadri.post('/api/portal/consents', { purposeKey: 'newsletter', action: 'given' });
    assert.equal(r.status, 403, JSON.stringify(r.body));
  });

  test('a parent alone for a child come of age or past the recorded end gets no link at all', async () => {
    await representative(ids.mart, { email: 'isa.kask@example.ee', mobile: null, firstName: 'Andres' });
    await representative(ids.ott, { email: 'ema2.kask@example.ee', mobile: null, authorityUntil: '2026-12-01' });
    for (const email of ['isa.kask@example.ee', 'ema2.kask@example.ee'])
      assert.equal((await askLink({ email })).status, 202);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(mailsTo('isa.kask@example.ee').length, 0);
    assert.equal(mailsTo('ema2.kask@example.ee').length, 0);
  });

  test('when the clinic ends her authority, her session for that child ends with it', async () => {
    const sw = await kadri.post('/api/portal/acting-for', { representativeId: reps.liisa });
    assert.equal(sw.status, 200);
    const ended = await (await receptionist()).post(`/api/patients/${ids.liisa}/representatives/${reps.liisa}/end`, {});
    assert.equal(ended.status, 200, JSON.stringify(ended.body));
    assert.equal((await kadri.get('/api/portal/me')).status, 401);
    assert.equal(
      await count(w.t, "select count(*)::text as n from portal_sessions where end_reason = 'representation_ended'"),
      1,
    );
  });
});

describe('portal: a patient who is also a guardian', () => {
  test('Tõnis signs in as himself, acts for Liisa, and back', async () => {
    const tonis = await signInByMail('tonis.oun@example.ee');
    const me = await tonis.get('/api/portal/me');
    assert.equal(me.body.patient.firstName, 'Tõnis');
    assert.equal(me.body.actingAs, null);
    assert.deepEqual(
      me.body.choices.map((c: any) => [c.representativeId, c.kind]),
      [
        [null, 'self'],
        [reps.tonisLiisa, 'guardian'],
      ],
    );
    assert.equal((await tonis.post('/api/portal/acting-for', { representativeId: reps.tonisLiisa })).status, 200);
    const liisa = await tonis.get('/api/portal/me');
    assert.equal(liisa.body.patient.firstName, 'Liisa');
    assert.equal(liisa.body.actingAs.kind, 'guardian');
    assert.equal((await tonis.post('/api/portal/acting-for', { representativeId: null })).status, 200);
    assert.equal((await tonis.get('/api/portal/me')).body.patient.firstName, 'Tõnis');
  });
});

describe('portal: sign-in by mobile', () => {
  test('a link by SMS to a known number, in the number’s person’s language; it signs in', async () => {
    const before = w.sms.received.length;
    const r = await askLink({ mobile: '5555 0101' });
    assert.equal(r.status, 202);
    assert.match(r.body.message, /text message/);
    const all = await w.sms.waitFor(before + 1);
    const sms = all[before]!;
    assert.equal(sms.to, KADRI_MOBILE);
    assert.match(sms.text, /sisselogimislink patsiendiportaali/);
    const kadri = await enter(linksIn(sms.text)[0]!);
    assert.equal((await kadri.get('/api/portal/me')).body.patient.firstName, 'Juku');
    const sent = await events('portal.link_sent', ids.juku);
    assert.equal(sent.at(-1)?.details?.channel, 'sms');
  });

  test('an unknown or malformed number gets no SMS; the answer for an unknown one is the same', async () => {
    const before = w.sms.received.length;
    const unknown = await askLink({ mobile: '+372 5999 9999' });
    assert.equal(unknown.status, 202);
    const invalid = await askLink({ mobile: '+372 1' });
    assert.equal(invalid.status, 400);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(w.sms.received.length, before);
  });

  test('both an e-mail and a mobile, neither, or letters for a number: 400 naming the field', async () => {
    for (const [payload, field] of [
      [{ email: KADRI, mobile: '5555 0101' }, 'email'],
      [{}, 'email'],
      [{ mobile: 'call me maybe' }, 'mobile'],
    ] as const) {
      const r = await askLink(payload);
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.field, field);
    }
  });

  test('a patient signs in by their own mobile', async () => {
    const before = w.sms.received.length;
    assert.equal((await askLink({ mobile: '+372 5123 4567', lang: 'en' })).status, 202);
    const sms = (await w.sms.waitFor(before + 1))[before]!;
    assert.match(sms.text, /sign-in link|sisselogimislink/);
    const tonis = await enter(linksIn(sms.text)[0]!);
    assert.equal((await tonis.get('/api/portal/me')).body.patient.firstName, 'Tõnis');
  });
});
