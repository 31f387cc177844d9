import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fixedClock } from '../../src/platform/clock';
import { createClinic, createTestApp, login, TEST_PASSWORD, type TestApp, type TestClinic } from '../harness';

const clock = fixedClock('2026-03-02T08:00:00Z');
let t: TestApp;
let c: TestClinic;

before(async () => {
  t = await createTestApp({
    clock,
    config: { SESSION_IDLE_MINUTES: '30', SESSION_MAX_HOURS: '12', LOGIN_MAX_FAILURES: '3' },
  });
  c = await createClinic(t, 'authclinic');
});
after(() => t.close());

const attempt = (email: string, password: string, clinic = 'authclinic') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { clinic, email, password } });

test('the session cookie is httpOnly, SameSite and new at every login', async () => {
  const first = await attempt(c.staff.receptionist.email, TEST_PASSWORD);
  const second = await attempt(c.staff.receptionist.email, TEST_PASSWORD);
  const c1 = first.cookies.find((k) => k.name === 'hoidja_session')!;
  const c2 = second.cookies.find((k) => k.name === 'hoidja_session')!;
  assert.equal(c1.httpOnly, true);
  assert.equal(c1.sameSite, 'Strict');
  assert.notEqual(c1.value, c2.value);
  const rows = await t.database.raw.query<{ id: string }>('select id from sessions');
  assert.ok(
    rows.every((r) => !c1.value.includes(r.id)),
    'the database keeps only a hash of the token',
  );
});

test('writes need the CSRF token; reads without a session are refused', async () => {
  const agent = await login(t.app, 'authclinic', c.staff.receptionist.email);
  const noToken = await agent.request('POST', '/api/patients/search', { query: 'tamm' }, { 'x-csrf-token': '' });
  assert.equal(noToken.status, 403);
  assert.match(noToken.body.message, /CSRF/);
  const anonymous = await t.app.inject({ method: 'GET', url: '/api/patients/00000000-0000-4000-8000-000000000000' });
  assert.equal(anonymous.statusCode, 401);
});

test('idle timeout and absolute lifetime end a session', async () => {
  const agent = await login(t.app, 'authclinic', c.staff.receptionist.email);
  assert.equal((await agent.get('/api/auth/me')).status, 200);
  clock.advance(29 * 60_000);
  assert.equal((await agent.get('/api/auth/me')).status, 200, 'still active after 29 minutes');
  clock.advance(31 * 60_000);
  assert.equal((await agent.get('/api/auth/me')).status, 401, 'idle for 31 minutes');

  const busy = await login(t.app, 'authclinic', c.staff.receptionist.email);
  for (let h = 0; h < 12; h++) {
    clock.advance(25 * 60_000);
    await busy.get('/api/auth/me');
  }
  assert.equal((await busy.get('/api/auth/me')).status, 200, 'after 5 busy hours');
  clock.advance(7 * 3_600_000);
  assert.equal((await busy.get('/api/auth/me')).status, 401, 'past the 12-hour lifetime even when active');
});

test('logout ends the session; disabling a user ends all of theirs', async () => {
  const one = await login(t.app, 'authclinic', c.staff.doctor.email);
  const two = await login(t.app, 'authclinic', c.staff.doctor.email);
  await one.post('/api/auth/logout');
  assert.equal((await one.get('/api/auth/me')).status, 401);
  assert.equal((await two.get('/api/auth/me')).status, 200);
  const admin = await login(t.app, 'authclinic', c.staff.admin.email);
  assert.equal((await admin.post(`/api/staff/${c.staff.doctor.id}/disable`)).status, 200);
  assert.equal((await two.get('/api/auth/me')).status, 401);
  assert.equal((await attempt(c.staff.doctor.email, TEST_PASSWORD)).statusCode, 401, 'a disabled user cannot log in');
  const notAdmin = await login(t.app, 'authclinic', c.staff.receptionist.email);
  assert.equal((await notAdmin.post(`/api/staff/${c.staff.admin.id}/disable`)).status, 403);
});

test('logins are rate limited per account, and the limit lifts after the window', async () => {
  for (let i = 0; i < 3; i++) assert.equal((await attempt(c.staff.dpo.email, 'wrong-password-123')).statusCode, 401);
  const blocked = await attempt(c.staff.dpo.email, TEST_PASSWORD);
  assert.equal(blocked.statusCode, 429, 'even the right password waits');
  assert.equal(
    (await attempt(c.staff.accountant.email, TEST_PASSWORD)).statusCode,
    200,
    'other accounts are not affected',
  );
  clock.advance(16 * 60_000);
  assert.equal((await attempt(c.staff.dpo.email, TEST_PASSWORD)).statusCode, 200);
});

test('password spraying from one address across accounts is limited too', async () => {
  const sprayed = await createTestApp({ clock, config: { LOGIN_MAX_FAILURES: '3', LOGIN_MAX_FAILURES_PER_IP: '4' } });
  try {
    const s = await createClinic(sprayed, 'sprayclinic');
    const emails = Object.values(s.staff).map((u) => u.email);
    const tryLogin = (email: string, password: string, ip: string) =>
      sprayed.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { clinic: 'sprayclinic', email, password },
        remoteAddress: ip,
      });
    for (const email of emails.slice(0, 4))
      assert.equal((await tryLogin(email, 'guess-password-1', '203.0.113.7')).statusCode, 401);
    assert.equal((await tryLogin(emails[4]!, TEST_PASSWORD, '203.0.113.7')).statusCode, 429, 'that address waits');
    assert.equal((await tryLogin(emails[4]!, TEST_PASSWORD, '198.51.100.2')).statusCode, 200, 'others do not');
  } finally {
    await sprayed.close();
  }
});

test('unknown clinic and unknown user get the same answer as a wrong password', async () => {
  const a = await attempt('nobody@authclinic.example', TEST_PASSWORD);
  const b = await attempt(c.staff.receptionist.email, TEST_PASSWORD, 'no-such-clinic');
  assert.equal(a.statusCode, 401);
  assert.equal(b.statusCode, 401);
  assert.equal(a.json().message, b.json().message);
});

test('staff with weak passwords or unknown roles are refused', async () => {
  const admin = await login(t.app, 'authclinic', c.staff.admin.email);
  const weak = await admin.post('/api/staff', {
    email: 'new@authclinic.example',
    fullName: 'New Person',
    roles: ['receptionist'],
    password: 'short',
  });
  assert.equal(weak.status, 400);
  assert.equal(weak.body.field, 'password');
  const role = await admin.post('/api/staff', {
    email: 'new@authclinic.example',
    fullName: 'New Person',
    roles: ['janitor'],
    password: 'long enough password',
  });
  assert.equal(role.status, 400);
  const ok = await admin.post('/api/staff', {
    email: 'new@authclinic.example',
    fullName: 'New Person',
    roles: ['receptionist', 'dpo'],
    password: 'long enough password',
  });
  assert.equal(ok.status, 201);
  const dup = await admin.post('/api/staff', {
    email: 'NEW@authclinic.example',
    fullName: 'New Person',
    roles: ['receptionist'],
    password: 'long enough password',
  });
  assert.equal(dup.status, 409);
  const stored = await t.database.raw.query<{ password_hash: string }>(
    `select password_hash from staff_users where email = 'new@authclinic.example'`,
  );
  assert.match(stored[0]!.password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
});
