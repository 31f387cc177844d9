import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ReceivedMail } from '../fakes/smtp';
import { createClinic, login, patientBody } from '../harness';
import { addPatient, count, type QueueWorld, queueWorld, visit } from './queue.fixtures';

/**
 * The patient portal on the queue world: a clinic with the demo register in force, a receptionist,
 * Tõnis Õun (tonis.oun@example.ee, Estonian), a real SMTP server on loopback and a fixed clock.
 */
let w: QueueWorld;
before(async () => {
  w = await queueWorld('portal-clinic', 'demo');
});
after(async () => {
  await w?.close();
});

const ACCEPTED = {
  ok: true,
  message:
    'If this e-mail address belongs to a patient of the clinic, a sign-in link is on its way. It is valid for 15 minutes.',
};

async function askLink(email: string, clinic = w.clinic.slug, lang?: string) {
  const r = await w.t.app.inject({
    method: 'POST',
    url: '/api/portal/login-link',
    payload: { clinic, email, ...(lang ? { lang } : {}) },
  });
  return { status: r.statusCode, body: r.json() };
}

/** The receptionist signs in afresh: the clock moves in hours here, and staff sessions idle out too. */
async function freshReceptionist() {
  w.rec = await login(w.t.app, w.clinic.slug, w.clinic.staff.receptionist.email);
  return w.rec;
}

const mailsTo = (email: string) =>
  w.smtp.received.filter((m) => m.to.includes(email) && m.text.includes('/portal/enter?token='));

/** Waits for the n-th sign-in mail to this address. */
async function nthMail(email: string, n: number): Promise<ReceivedMail> {
  const deadline = Date.now() + 5000;
  while (mailsTo(email).length < n) {
    if (Date.now() > deadline) throw new Error(`no sign-in mail #${n} to ${email}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return mailsTo(email)[n - 1]!;
}

const tokenOf = (mail: ReceivedMail) => {
  const m = /https:\/\/hoidja\.example\/portal\/enter\?token=([^\s&]+)/.exec(mail.text);
  assert.ok(m, `a sign-in link in: ${mail.text}`);
  return decodeURIComponent(m[1]!);
};

async function exchange(token: string) {
  const r = await w.t.app.inject({ method: 'POST', url: '/api/portal/session', payload: { token } });
  return { status: r.statusCode, body: r.json(), cookie: r.cookies.find((c) => c.name === 'hoidja_portal') };
}

interface Portal {
  get(url: string): Promise<{ status: number; body: any }>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
}

function portalAgent(cookie: string, csrfToken: string): Portal {
  const request = async (
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const r = await w.t.app.inject({
      method,
      url,
      payload: payload as never,
      headers: { cookie: `hoidja_portal=${cookie}`, 'x-csrf-token': csrfToken, ...headers },
    });
    return { status: r.statusCode, body: r.body ? r.json() : null };
  };
  return { get: (url) => request('GET', url), post: (url, body, headers) => request('POST', url, body ?? {}, headers) };
}

/** Asks for a link as the person would, reads the mail and signs in. */
async function signIn(email: string): Promise<Portal & { cookie: string }> {
  w.clock.advance(6 * 60_000); // stays under the limit of 3 links per 15 minutes
  const before = mailsTo(email).length;
  assert.equal((await askLink(email)).status, 202);
  const mail = await nthMail(email, before + 1);
  const s = await exchange(tokenOf(mail));
  assert.equal(s.status, 200, JSON.stringify(s.body));
  return { ...portalAgent(s.cookie!.value, s.body.csrfToken), cookie: s.cookie!.value };
}

describe('patient portal', () => {
  test('an unknown e-mail or clinic gets the same 202 and no mail', async () => {
    const known = await askLink('tonis.oun@example.ee');
    const unknown = await askLink('nobody@example.ee');
    const noClinic = await askLink('tonis.oun@example.ee', 'no-such-clinic');
    for (const r of [known, unknown, noClinic]) {
      assert.equal(r.status, 202);
      assert.deepEqual(r.body, ACCEPTED);
    }
    await nthMail('tonis.oun@example.ee', 1);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(mailsTo('nobody@example.ee').length, 0);
    assert.equal(mailsTo('tonis.oun@example.ee').length, 1, 'only the known address in the known clinic got a mail');
  });

  test('the link is in the patient’s language, works once, and the cookie is strict', async () => {
    const mail = await nthMail('tonis.oun@example.ee', 1);
    assert.match(mail.subject, /sisselogimislink patsiendiportaali/);
    assert.match(mail.text, /kehtib 15 minutit/);
    const token = tokenOf(mail);
    const first = await exchange(token);
    assert.equal(first.status, 200);
    assert.ok(first.body.csrfToken);
    assert.equal(first.cookie?.httpOnly, true);
    assert.equal(first.cookie?.sameSite, 'Strict');
    assert.ok(!first.cookie?.value.includes(token.split('.')[1]!), 'the session is not the link');
    const again = await exchange(token);
    assert.equal(again.status, 401);
    // only hashes are stored
    assert.equal(
      await count(w.t, 'select count(*)::text as n from portal_login_links where id = $1', [token.split('.')[1]]),
      0,
    );
  });

  test('a link expires after 15 minutes', async () => {
    const email = 'tonis.oun@example.ee';
    const before = mailsTo(email).length;
    await askLink(email);
    const mail = await nthMail(email, before + 1);
    w.clock.advance(15 * 60_000 + 1000);
    assert.equal((await exchange(tokenOf(mail))).status, 401);
  });

  test('at most 3 links per address in 15 minutes, silently', async () => {
    const id = await addPatient(w, 11, { email: 'rate@example.ee' });
    assert.ok(id);
    // four at once: the answers come before the work, and the limit still holds
    const answers = await Promise.all([1, 2, 3, 4].map(() => askLink('Rate@Example.ee')));
    for (const a of answers) assert.deepEqual(a, { status: 202, body: ACCEPTED });
    await nthMail('rate@example.ee', 3);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(mailsTo('rate@example.ee').length, 3);
    w.clock.advance(16 * 60_000);
    await askLink('rate@example.ee');
    await nthMail('rate@example.ee', 4);
  });

  test('a session ends after 30 idle minutes and after 12 hours', async () => {
    const p = await signIn('tonis.oun@example.ee');
    assert.equal((await p.get('/api/portal/me')).status, 200);
    w.clock.advance(31 * 60_000);
    assert.equal((await p.get('/api/portal/me')).status, 401);

    const q = await signIn('tonis.oun@example.ee');
    for (let i = 0; i < 28; i++) {
      w.clock.advance(25 * 60_000);
      assert.equal((await q.get('/api/portal/me')).status, 200, `still in after ${(i + 1) * 25} minutes`);
    }
    w.clock.advance(25 * 60_000); // 12 h 5 min after sign-in
    assert.equal((await q.get('/api/portal/me')).status, 401);
  });

  test('my details, and who looked at my data: the receptionist’s registration and reads', async () => {
    assert.equal((await (await freshReceptionist()).get(`/api/patients/${w.patientId}`)).status, 200);
    const p = await signIn('tonis.oun@example.ee');
    const me = await p.get('/api/portal/me');
    assert.equal(me.status, 200);
    assert.equal(me.body.patient.firstName, 'Tõnis');
    assert.equal(me.body.patient.email, 'tonis.oun@example.ee');
    assert.equal(me.body.clinic.name, 'Clinic portal-clinic');
    assert.ok('dataProtectionContact' in me.body.clinic);
    const h = await p.get('/api/portal/access-history');
    assert.equal(h.status, 200);
    const byRec = h.body.items.filter((x: any) => x.staffName === 'receptionist of portal-clinic');
    assert.ok(
      byRec.some((x: any) => x.action === 'patient.create'),
      'registration shown',
    );
    assert.ok(
      byRec.some((x: any) => x.action === 'patient.read'),
      'reads shown',
    );
    assert.ok(!h.body.items.some((x: any) => x.role === 'patient'), 'own portal use left out');
    // every portal read is in the audit log as the patient's own act
    await p.get('/api/portal/consents');
    await p.get('/api/portal/visits');
    const own = await w.t.database.raw.query<{ action: string; purpose: string }>(
      "select action, purpose from audit_events where clinic_id = $1 and patient_ref = $2 and actor_role = 'patient' and actor_id is null",
      [w.clinic.id, w.patientId],
    );
    const actions = own.map((r) => `${r.action}/${r.purpose}`);
    for (const a of [
      'portal.link_sent/transparency',
      'portal.login/security',
      'portal.details.view/transparency',
      'portal.access_history.view/transparency',
      'portal.consents.view/consent_management',
      'portal.visits.view/transparency',
    ]) {
      assert.ok(actions.includes(a), `${a} in ${actions.join(', ')}`);
    }
  });

  test('a consent withdrawn in the portal stops processing at once and is audited', async () => {
    const p = await signIn('tonis.oun@example.ee');
    const consents = () => w.t.services.consents.allows({ clinicId: w.clinic.id }, w.patientId, 'newsletter');
    assert.equal((await p.post('/api/portal/consents', { purposeKey: 'newsletter', action: 'given' })).status, 201);
    assert.equal(await consents(), true);
    const r = await p.post('/api/portal/consents', { purposeKey: 'newsletter', action: 'withdrawn' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.channel, 'portal');
    assert.equal(await consents(), false);
    const list = await p.get('/api/portal/consents');
    const news = list.body.items.find((x: any) => x.purposeKey === 'newsletter');
    assert.equal(news.state, 'withdrawn');
    assert.equal(news.allowed, false);
    assert.equal(news.basis, 'consent');
    assert.ok(list.body.items.some((x: any) => x.purposeKey === 'reminders' && x.basis === 'legitimate_interest'));
    assert.equal(
      await count(
        w.t,
        "select count(*)::text as n from consent_events where patient_id = $1 and channel = 'portal' and recorded_by is null",
        [w.patientId],
      ),
      2,
    );
    assert.equal(
      await count(
        w.t,
        "select count(*)::text as n from audit_events where patient_ref = $1 and action = 'consent.withdrawn' and actor_id is null and actor_role = 'patient' and purpose = 'consent_management'",
        [w.patientId],
      ),
      1,
    );
    // objecting to a legitimate-interest purpose
    assert.equal((await p.post('/api/portal/consents', { purposeKey: 'reminders', action: 'objected' })).status, 201);
    assert.equal(await w.t.services.consents.allows({ clinicId: w.clinic.id }, w.patientId, 'reminders'), false);
  });

  test('bad input is 400 with the field; a write without the CSRF token is refused', async () => {
    const bad = await askLink('not-an-email');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'email');
    const p = await signIn('tonis.oun@example.ee');
    const wrongAction = await p.post('/api/portal/consents', { purposeKey: 'newsletter', action: 'maybe' });
    assert.equal(wrongAction.status, 400);
    assert.equal(wrongAction.body.field, 'action');
    const notForPurpose = await p.post('/api/portal/consents', { purposeKey: 'newsletter', action: 'objected' });
    assert.equal(notForPurpose.status, 400);
    assert.equal(notForPurpose.body.field, 'action');
    const unknown = await p.post('/api/portal/consents', { purposeKey: 'no_such_purpose', action: 'given' });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.field, 'purposeKey');
    const badToken = await exchange('x');
    assert.equal(badToken.status, 400);
    assert.equal(badToken.body.field, 'token');
    assert.equal(
      (await p.post('/api/portal/consents', { purposeKey: 'newsletter', action: 'given' }, { 'x-csrf-token': 'wrong' }))
        .status,
      403,
    );
  });

  test('my upcoming visits: time, professional and service', async () => {
    const booked = await (await freshReceptionist()).post('/api/queue/entries', visit(w));
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    const p = await signIn('tonis.oun@example.ee');
    const v = await p.get('/api/portal/visits');
    assert.equal(v.status, 200);
    assert.equal(v.body.items.length, 1);
    assert.equal(v.body.items[0].startsAt, '2026-12-22T08:00:00.000Z');
    assert.equal(v.body.items[0].professional, 'Mari Kask');
    assert.equal(v.body.items[0].service, 'Hambaravi konsultatsioon');
    assert.equal(v.body.items[0].serviceNames.en, 'Dental check-up');
  });

  test('the session reaches only its own patient and clinic', async () => {
    await freshReceptionist();
    const otherId = await addPatient(w, 12, { email: 'other@example.ee', firstName: 'Teine' });
    await w.rec.get(`/api/patients/${otherId}`);
    await w.rec.post('/api/queue/entries', visit(w, { patientId: otherId, startsAt: '2026-12-23T10:00:00+02:00' }));
    // a patient with the same address in another clinic
    const clinic2 = await createClinic(w.t, 'portal-other');
    const rec2 = await clinic2.as('receptionist');
    assert.equal(
      (await rec2.post('/api/patients', patientBody({ firstName: 'Kolmas', email: 'tonis.oun@example.ee' }))).status,
      201,
    );

    const p = await signIn('tonis.oun@example.ee');
    assert.equal((await p.get('/api/portal/me')).body.patient.firstName, 'Tõnis');
    const visits = (await p.get('/api/portal/visits')).body.items;
    assert.ok(
      visits.every((v: any) => v.startsAt !== '2026-12-23T08:00:00.000Z'),
      'no visit of the other patient',
    );
    const hist = (await p.get('/api/portal/access-history')).body.items;
    assert.equal(
      (await count(w.t, 'select count(*)::text as n from audit_events where patient_ref = $1', [otherId])) > 0,
      true,
    );
    assert.ok(hist.length > 0);
    // the cookie names its clinic: pointing it at the other clinic finds no session
    const secret = w.t.app.unsignCookie(p.cookie).value!.split('.')[1];
    const forged = portalAgent(w.t.app.signCookie(`${clinic2.id}.${secret}`), 'x');
    assert.equal((await forged.get('/api/portal/me')).status, 401);
    // an unsigned cookie is not accepted either
    assert.equal((await portalAgent(`${w.clinic.id}.${secret}`, 'x').get('/api/portal/me')).status, 401);
    // a portal session is no staff session, and a staff session is no portal session
    const staffApi = await w.t.app.inject({
      method: 'GET',
      url: `/api/patients/${otherId}`,
      headers: { cookie: `hoidja_portal=${p.cookie}` },
    });
    assert.equal(staffApi.statusCode, 401);
    assert.equal((await w.rec.get('/api/portal/me')).status, 401);
    // logout ends it
    assert.equal((await p.post('/api/portal/logout')).status, 200);
    assert.equal((await p.get('/api/portal/me')).status, 401);
  });

  test('archiving the patient ends their portal session and their links', async () => {
    const rec = await freshReceptionist();
    const id = await addPatient(w, 13, { email: 'leaving@example.ee' });
    const p = await signIn('leaving@example.ee');
    w.clock.advance(6 * 60_000);
    await askLink('leaving@example.ee');
    const unused = await nthMail('leaving@example.ee', 2);
    assert.equal((await rec.post(`/api/patients/${id}/archive`, { reason: 'moved abroad' })).status, 200);
    assert.equal((await p.get('/api/portal/me')).status, 401);
    assert.equal((await exchange(tokenOf(unused))).status, 401);
    const before = mailsTo('leaving@example.ee').length;
    assert.equal((await askLink('leaving@example.ee')).status, 202);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(mailsTo('leaving@example.ee').length, before, 'no link for an archived patient');
  });
});
