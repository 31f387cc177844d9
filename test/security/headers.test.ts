/**
 * Finding 5 of issue 12: security headers on every answer (CSP with frame-ancestors, nosniff,
 * Referrer-Policy; HSTS in production) and `Cache-Control: no-store` wherever personal data travels.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createClinic, createTestApp, patientBody, type TestApp, type TestClinic } from '../harness';

function csp(headers: Record<string, unknown>): Map<string, string> {
  const raw = String(headers['content-security-policy'] ?? '');
  return new Map(
    raw
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...rest] = d.split(/\s+/);
        return [name!, rest.join(' ')] as [string, string];
      }),
  );
}

describe('outside production', () => {
  let t: TestApp;
  let c: TestClinic;
  before(async () => {
    t = await createTestApp();
    c = await createClinic(t, 'kiiver');
  });
  after(() => t.close());

  test('every answer carries the security headers, public pages and errors included', async () => {
    for (const url of ['/health', '/api/nope', '/openapi.json', '/docs', '/clinics/kiiver/privacy?lang=et']) {
      const r = await t.app.inject({ method: 'GET', url });
      const h = r.headers;
      assert.equal(h['x-content-type-options'], 'nosniff', url);
      assert.equal(h['referrer-policy'], 'no-referrer', url);
      assert.equal(h['x-frame-options'], 'DENY', url);
      const policy = csp(h);
      assert.equal(policy.get('frame-ancestors'), "'none'", url);
      assert.equal(policy.get('default-src'), "'self'", url);
      assert.equal(policy.get('script-src'), "'self'", `${url}: no inline or foreign scripts`);
      assert.equal(policy.get('object-src'), "'none'", url);
      assert.equal(policy.get('form-action'), "'self'", url);
      assert.equal(h['strict-transport-security'], undefined, `${url}: no HSTS over plain HTTP in development`);
      assert.equal(policy.has('upgrade-insecure-requests'), false, url);
    }
  });

  test('answers with personal data are never stored by a browser or a proxy', async () => {
    const rec = await c.as('receptionist');
    const created = await rec.post('/api/patients', patientBody());
    assert.equal(created.status, 201);
    const read = await rec.get(`/api/patients/${created.body.patient.id}`);
    assert.equal(read.status, 200, JSON.stringify(read.body));
    for (const r of [created, read]) assert.equal(r.headers['cache-control'], 'no-store');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { clinic: 'kiiver', email: 'nobody@x.example', password: 'wrong wrong wrong' },
    });
    assert.equal(login.headers['cache-control'], 'no-store', 'errors too');
    for (const url of ['/api/portal/me', '/portal/enter?token=x', '/consents/withdraw?token=x']) {
      const r = await t.app.inject({ method: 'GET', url });
      assert.equal(r.headers['cache-control'], 'no-store', url);
    }
  });
});

describe('in production', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ config: { NODE_ENV: 'production' } });
  });
  after(() => t.close());

  test('HSTS for a year with subdomains, and insecure requests upgraded', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/health' });
    assert.match(String(r.headers['strict-transport-security']), /^max-age=31536000; includeSubDomains/);
    assert.equal(csp(r.headers).has('upgrade-insecure-requests'), true);
  });
});
