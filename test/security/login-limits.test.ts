/**
 * Finding 4 of issue 12: the per-address limit trusted any X-Forwarded-For, concurrent wrong
 * passwords got past the per-account limit, and anyone could lock any account for 15 minutes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fixedClock } from '../../src/platform/clock';
import { createClinic, createTestApp, TEST_PASSWORD, type TestApp, type TestClinic } from '../harness';

const tryLogin = (
  t: TestApp,
  clinic: string,
  email: string,
  password: string,
  opts: { remoteAddress?: string; forwardedFor?: string } = {},
) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { clinic, email, password },
    remoteAddress: opts.remoteAddress ?? '127.0.0.1',
    headers: opts.forwardedFor ? { 'x-forwarded-for': opts.forwardedFor } : {},
  });

describe('without a configured proxy', () => {
  let t: TestApp;
  let c: TestClinic;
  before(async () => {
    t = await createTestApp({ config: { LOGIN_MAX_FAILURES: '5', LOGIN_MAX_FAILURES_PER_IP: '20' } });
    c = await createClinic(t, 'lukk');
  });
  after(() => t.close());

  test('a spoofed X-Forwarded-For does not get round the per-address limit', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await tryLogin(t, 'lukk', `nobody${i}@lukk.example`, 'guess guess guess', {
        forwardedFor: `198.51.100.${i + 1}`,
      });
      codes.push(r.statusCode);
    }
    assert.equal(codes.filter((s) => s === 401).length, 20, codes.join(','));
    assert.equal(codes.filter((s) => s === 429).length, 20);
    const [row] = await t.database.raw.query<{ ip: string }>(
      'select distinct ip from login_attempts where clinic_id = $1',
      [c.id],
    );
    assert.equal(row!.ip, '127.0.0.1', 'the address recorded is the socket, not the header');
  });

  test('concurrent wrong passwords are counted atomically: no more than the limit are checked', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        tryLogin(t, 'lukk', c.staff.doctor.email, 'wrong wrong wrong', { remoteAddress: '192.0.2.10' }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    assert.equal(codes.filter((s) => s === 401).length, 5, codes.join(','));
    assert.equal(codes.filter((s) => s === 429).length, 5);
    const [checked] = await t.database.raw.query<{ n: number }>(
      `select count(*)::int as n from login_attempts where clinic_id = $1 and ip = '192.0.2.10'`,
      [c.id],
    );
    assert.equal(checked!.n, 5, 'only five passwords were checked');
  });
});

describe('behind a configured proxy', () => {
  let t: TestApp;
  let c: TestClinic;
  const clock = fixedClock('2026-03-02T08:00:00Z');
  before(async () => {
    t = await createTestApp({
      clock,
      config: { TRUSTED_PROXIES: '127.0.0.1', LOGIN_MAX_FAILURES: '5', LOGIN_MAX_FAILURES_PER_IP: '20' },
    });
    c = await createClinic(t, 'proksi');
  });
  after(() => t.close());

  test("the proxy's X-Forwarded-For names the client; from an untrusted peer it is ignored", async () => {
    const r = await tryLogin(t, 'proksi', c.staff.admin.email, TEST_PASSWORD, { forwardedFor: '203.0.113.50' });
    assert.equal(r.statusCode, 200, r.body);
    const bypass = await tryLogin(t, 'proksi', c.staff.admin.email, TEST_PASSWORD, {
      remoteAddress: '192.0.2.99',
      forwardedFor: '203.0.113.51',
    });
    assert.equal(bypass.statusCode, 200);
    const ips = (
      await t.database.raw.query<{ ip: string }>(
        'select ip from sessions where clinic_id = $1 order by created_at, ip',
        [c.id],
      )
    ).map((s) => s.ip);
    assert.deepEqual(ips.sort(), ['192.0.2.99', '203.0.113.50']);
  });

  test('a stranger cannot lock a user out: the user signs in from their address, others are slowed', async () => {
    // The doctor has signed in from their desk before.
    const desk = '203.0.113.20';
    assert.equal(
      (await tryLogin(t, 'proksi', c.staff.doctor.email, TEST_PASSWORD, { forwardedFor: desk })).statusCode,
      200,
    );
    // An attacker spreads 30 wrong guesses over many addresses.
    let slowed = 0;
    for (let i = 0; i < 30; i++) {
      const r = await tryLogin(t, 'proksi', c.staff.doctor.email, 'guess guess guess', {
        forwardedFor: `198.51.100.${i + 1}`,
      });
      assert.ok([401, 429].includes(r.statusCode), r.body);
      if (r.statusCode === 429) {
        slowed++;
        const wait = Number(r.headers['retry-after']);
        assert.ok(wait > 0 && wait <= 60, `a short wait, not a lock: ${wait}`);
      }
    }
    assert.ok(slowed >= 20, `the account-wide slow path held most guesses back (${slowed})`);
    const [checked] = await t.database.raw.query<{ n: number }>(
      `select count(*)::int as n from login_attempts where clinic_id = $1 and success = false`,
      [c.id],
    );
    assert.ok(checked!.n <= 10, `few passwords were checked (${checked!.n})`);
    // The doctor, at the desk, is not locked out.
    const own = await tryLogin(t, 'proksi', c.staff.doctor.email, TEST_PASSWORD, { forwardedFor: desk });
    assert.equal(own.statusCode, 200, own.body);
    // From a new address the doctor waits a moment, then gets in.
    const away = '192.0.2.77';
    clock.advance(61_000);
    const later = await tryLogin(t, 'proksi', c.staff.doctor.email, TEST_PASSWORD, { forwardedFor: away });
    assert.equal(later.statusCode, 200, later.body);
  });
});
