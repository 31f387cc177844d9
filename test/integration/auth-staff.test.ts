/**
 * Issue 15, part 3: staff accounts done properly — a generated password is changed at the first
 * login (the server refuses everything else until then), an administrator links the account to a
 * professional of the calendar (whose booked patients become the doctor's own), edits roles and
 * resets passwords, and a forgotten password is reset by an e-mailed one-time link.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fixedClock } from '../../src/platform/clock';
import type { StoredMail } from '../../src/platform/mail';
import { type Agent, createClinic, createTestApp, login, patientBody, type TestApp, type TestClinic } from '../harness';
import { estonianCode } from './queue.fixtures';

const clock = fixedClock('2026-12-14T08:00:00Z'); // Monday, 10:00 in Tallinn
let t: TestApp;
let c: TestClinic;
let admin: Agent;
let professionalId: string;
let bookedPatient: string;

const NEW_PASSWORD = 'kolm rohelist konna tiigis';

async function created(url: string, body: unknown, who: Agent = admin) {
  const r = await who.post(url, body);
  assert.equal(r.status, 201, `${url}: ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

before(async () => {
  t = await createTestApp({ clock, config: { PUBLIC_URL: 'https://hoidja.example' } });
  c = await createClinic(t, 'staffdesk');
  admin = await c.as('admin');
  const locationId = await created('/api/queue/locations', {
    name: 'Ravi 7',
    street: 'Ravi 7',
    city: 'Tallinn',
    country: 'EE',
  });
  // A dentist of the calendar without an account yet, with a visit booked for today.
  professionalId = await created('/api/queue/professionals', { firstName: 'Anu', lastName: 'Mets', kind: 'dentist' });
  const serviceId = await created('/api/queue/services', { name: 'Konsultatsioon', durationMinutes: 30 });
  for (const weekday of [1, 2, 3, 4, 5])
    await created('/api/queue/schedules', { professionalId, weekday, start: '09:00', end: '17:00', locationId });
  const rec = await c.as('receptionist');
  bookedPatient = await rec
    .post(
      '/api/patients',
      patientBody({
        firstName: 'Olev',
        lastName: 'Kuusk',
        identity: { kind: 'national', country: 'EE', code: estonianCode(11) },
      }),
    )
    .then((r) => r.body.patient.id);
  await rec.post(
    '/api/patients',
    patientBody({
      firstName: 'Olga',
      lastName: 'Kuusk',
      identity: { kind: 'national', country: 'EE', code: estonianCode(12) },
    }),
  );
  await created(
    '/api/queue/entries',
    {
      patientId: bookedPatient,
      serviceId,
      channel: 'phone',
      professionalId,
      startsAt: '2026-12-14T13:00:00+02:00',
      complaint: 'kontroll',
    },
    rec,
  );
});
after(() => t.close());

const mails = () => (t.services.mailer as unknown as { sent: StoredMail[] }).sent;

test('a new account must change its generated password before anything else', async () => {
  const generated = 'Tq7pK-m2XwZ-9hRtB-c4VnL';
  const id = await created('/api/staff', {
    fullName: 'Dr. Anu Mets',
    email: 'anu.mets@staffdesk.example',
    roles: ['doctor'],
    password: generated,
  });
  const doctor = await login(t.app, c.slug, 'anu.mets@staffdesk.example', generated);
  const me = await doctor.get('/api/auth/me');
  assert.equal(me.body.user.mustChangePassword, true);
  const refused = await doctor.post('/api/patients/search', { query: 'kuusk' });
  assert.equal(refused.status, 403);
  assert.equal(refused.body.error, 'password_change_required');
  assert.equal((await doctor.get('/api/queue/entries')).status, 403, 'every other route refuses too');

  const wrong = await doctor.post('/api/auth/password', {
    currentPassword: 'not it at all',
    newPassword: NEW_PASSWORD,
  });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.field, 'currentPassword');
  const weak = await doctor.post('/api/auth/password', { currentPassword: generated, newPassword: 'password1234' });
  assert.equal(weak.status, 400);
  assert.equal(weak.body.field, 'newPassword');
  const same = await doctor.post('/api/auth/password', { currentPassword: generated, newPassword: generated });
  assert.equal(same.status, 400);
  const changed = await doctor.post('/api/auth/password', { currentPassword: generated, newPassword: NEW_PASSWORD });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.equal((await doctor.get('/api/auth/me')).body.user.mustChangePassword, false, 'this session goes on');
  assert.equal((await doctor.post('/api/patients/search', { query: 'kuusk' })).status, 200);
  await assert.rejects(login(t.app, c.slug, 'anu.mets@staffdesk.example', generated), /401/);

  // Linked to the calendar's dentist: the patient booked with her today is hers; the other is not.
  const before = await doctor.post('/api/patients/search', { query: 'kuusk' });
  assert.equal(before.body.items.length, 0, 'before the link the doctor has no patients');
  const notAdmin = await (await c.as('receptionist')).post(`/api/staff/${id}/professional`, { professionalId });
  assert.equal(notAdmin.status, 403);
  const link = await admin.post(`/api/staff/${id}/professional`, { professionalId });
  assert.equal(link.status, 200, JSON.stringify(link.body));
  assert.deepEqual(link.body, { professionalId, careAssigned: 1 });
  const found = await doctor.post('/api/patients/search', { query: 'kuusk' });
  assert.deepEqual(
    found.body.items.map((p: { id: string }) => p.id),
    [bookedPatient],
  );
  const day = await doctor.get('/api/queue/entries?from=2026-12-14T00:00:00Z&to=2026-12-15T00:00:00Z');
  assert.equal(day.status, 200, JSON.stringify(day.body));
  assert.equal(day.body.items.length, 1);
  assert.equal((await doctor.get(`/api/patients/${bookedPatient}`)).status, 200);

  // One account, one professional: a second link either way is refused with a stable code.
  const other = await created('/api/queue/professionals', { firstName: 'Ene', lastName: 'Pärn', kind: 'dentist' });
  const twice = await admin.post(`/api/staff/${id}/professional`, { professionalId: other });
  assert.equal(twice.status, 409);
  assert.equal(twice.body.error, 'staff.professional_linked');
  const taken = await admin.post(`/api/staff/${c.staff.doctor2.id}/professional`, { professionalId });
  assert.equal(taken.body.error, 'staff.professional_linked');
  const unknown = await admin.post(`/api/staff/${id}/professional`, { professionalId: c.staff.admin.id });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.body.field, 'professionalId', 'no such professional');
});

test('an administrator creates the professional from an account, edits roles and resets a password', async () => {
  const made = await admin.post(`/api/staff/${c.staff.doctor2.id}/professional`, {
    create: { kind: 'therapist', registrationCode: 'D77777' },
  });
  assert.equal(made.status, 200, JSON.stringify(made.body));
  const catalogue = await admin.get('/api/queue/catalogue');
  const pro = catalogue.body.professionals.find((p: { id: string }) => p.id === made.body.professionalId);
  assert.equal(pro.staffUserId, c.staff.doctor2.id);
  assert.equal(pro.kind, 'therapist');
  const bad = await admin.post(`/api/staff/${c.staff.doctor2.id}/professional`, { create: { kind: 'wizard' } });
  assert.equal(bad.status, 400);

  const acc = await login(t.app, c.slug, c.staff.accountant.email);
  const roles = await admin.patch(`/api/staff/${c.staff.accountant.id}`, { roles: ['accountant', 'receptionist'] });
  assert.equal(roles.status, 200);
  assert.deepEqual((await acc.get('/api/auth/me')).body.user.roles, ['accountant', 'receptionist']);
  assert.equal((await admin.patch(`/api/staff/${c.staff.accountant.id}`, { roles: [] })).status, 400);
  assert.equal((await admin.patch(`/api/staff/${c.staff.accountant.id}`, {})).status, 400);
  const self = await admin.patch(`/api/staff/${c.staff.admin.id}`, { roles: ['receptionist'] });
  assert.equal(self.status, 400, 'no administrator demotes themselves');
  assert.equal((await acc.patch(`/api/staff/${c.staff.dpo.id}`, { roles: ['admin'] })).status, 403);

  const reset = await admin.post(`/api/staff/${c.staff.accountant.id}/reset-password`);
  assert.equal(reset.status, 200);
  assert.match(reset.body.password, /^\S{5}-\S{5}-\S{5}-\S{5}$/);
  assert.equal((await acc.get('/api/auth/me')).status, 401, 'the old sessions ended');
  await assert.rejects(login(t.app, c.slug, c.staff.accountant.email), /401/);
  const fresh = await login(t.app, c.slug, c.staff.accountant.email, reset.body.password);
  assert.equal((await fresh.get('/api/auth/me')).body.user.mustChangePassword, true);
  assert.equal((await fresh.get('/api/billing/invoices')).body.error, 'password_change_required');
  assert.equal((await acc.post(`/api/staff/${c.staff.dpo.id}/reset-password`)).status, 401);
  assert.equal((await admin.post(`/api/staff/${c.staff.admin.id}/reset-password`)).status, 403);
});

test('a forgotten password is reset once with a short-lived e-mailed link, kept only as a hash', async () => {
  const ask = (email: string, clinic = c.slug) =>
    t.app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { clinic, email } });
  const use = (token: string, newPassword: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { token, newPassword } });
  // The answer comes before the work is done: wait for the mail (or, for a refusal, a while).
  const settle = () => new Promise((r) => setTimeout(r, 500));
  const mailAfter = async (count: number) => {
    for (let i = 0; i < 100 && mails().length <= count; i++) await new Promise((r) => setTimeout(r, 50));
    return mails().at(-1)!;
  };
  const before = mails().length;
  assert.equal((await ask('nobody@staffdesk.example')).statusCode, 202);
  assert.equal((await ask(c.staff.dpo.email, 'no-such-clinic')).statusCode, 202);
  await settle();
  assert.equal(mails().length, before, 'nothing is sent for an unknown account, and the answer is the same');

  assert.equal((await ask(c.staff.dpo.email.toUpperCase())).statusCode, 202);
  const mail = await mailAfter(before);
  assert.equal(mails().length, before + 1);
  assert.equal(mail.to, c.staff.dpo.email);
  const token = decodeURIComponent(/reset-password\?token=([^\s]+)/.exec(mail.text!)![1]!);
  assert.ok(token.startsWith(`${c.id}.`));
  const [stored] = await t.database.raw.query<{ reset_token_hash: string }>(
    'select reset_token_hash from staff_users where id = $1',
    [c.staff.dpo.id],
  );
  assert.ok(stored!.reset_token_hash && !token.includes(stored!.reset_token_hash), 'only a hash is stored');
  await ask(c.staff.dpo.email);
  await settle();
  assert.equal(mails().at(-1), mail, 'at most one link a minute');

  const weak = await use(token, 'password1234');
  assert.equal(weak.statusCode, 400);
  assert.equal(weak.json().field, 'newPassword');
  assert.equal((await use(`${c.id}.forged-token-of-some-length`, NEW_PASSWORD)).statusCode, 400);
  const ok = await use(token, NEW_PASSWORD);
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal((await use(token, `${NEW_PASSWORD} again`)).json().field, 'token', 'a link works once');
  const dpo = await login(t.app, c.slug, c.staff.dpo.email, NEW_PASSWORD);
  assert.equal((await dpo.get('/api/auth/me')).body.user.mustChangePassword, false);

  clock.advance(2 * 60_000);
  const sent = mails().length;
  await ask(c.staff.dpo.email);
  const second = decodeURIComponent(/reset-password\?token=([^\s]+)/.exec((await mailAfter(sent)).text!)![1]!);
  assert.notEqual(second, token);
  clock.advance(31 * 60_000);
  assert.equal((await use(second, 'neli sinist lindu oksal')).statusCode, 400, 'the link expires in 30 minutes');
  clock.set('2026-12-14T08:00:00Z');
});

test('the demo’s seeded colleagues log in with their one-time passwords and must choose their own', async () => {
  const demo = await createTestApp();
  try {
    const seeded = await demo.services.demo.seedClinic('demo admin password 1');
    assert.ok(seeded);
    assert.deepEqual(
      seeded.staff.map((u) => u.email),
      [
        'registratuur@demo.hoidja.ee',
        'dr.tamm@demo.hoidja.ee',
        'dr.saar@demo.hoidja.ee',
        'raamatupidaja@demo.hoidja.ee',
      ],
    );
    assert.equal(new Set(seeded.staff.map((u) => u.password)).size, 4, 'each has a password of its own');
    const tamm = seeded.staff.find((u) => u.email === 'dr.tamm@demo.hoidja.ee')!;
    const doctor = await login(demo.app, 'demo', tamm.email, tamm.password);
    assert.equal((await doctor.get('/api/auth/me')).body.user.mustChangePassword, true);
    assert.equal((await doctor.get('/api/queue/entries')).body.error, 'password_change_required');
    const changed = await doctor.post('/api/auth/password', {
      currentPassword: tamm.password,
      newPassword: NEW_PASSWORD,
    });
    assert.equal(changed.status, 200);
    // Dr. Tamm is the calendar's Peeter Tamm: the visits booked with him are his patients.
    const visits = await doctor.get('/api/queue/entries?status=booked');
    assert.equal(visits.status, 200);
    assert.ok(visits.body.items.length > 0, 'the seeded doctor sees his own visits');
    const admin = await login(demo.app, 'demo', seeded.adminEmail, seeded.adminPassword);
    assert.equal((await admin.get('/api/auth/me')).body.user.mustChangePassword, false);
  } finally {
    await demo.close();
  }
});
