/**
 * Finding 3 of issue 12: a sign-in or withdrawal link's token must never reach a log line, or whoever
 * reads the logs can sign in as the patient. The whole log output of real requests is captured.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { createLogger, redactUrl } from '../../src/platform/logger';
import { createTestApp, type TestApp } from '../harness';

const lines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});

let t: TestApp;
before(async () => {
  t = await createTestApp({ logger: createLogger('trace', sink) });
});
after(() => t.close());

const SECRET = 'c3VwZXJzZWNyZXQ.0d4f3a52-8f0e-4c3b-9b8e-2d2f1f7d6a11.S1gnatur3';
const logged = () => lines.join('\n');

test('the URL of every request is logged without its token', async () => {
  const urls = [
    `/portal/enter?token=${encodeURIComponent(SECRET)}&lang=et`,
    `/consents/withdraw?token=${encodeURIComponent(SECRET)}`,
    `/consents/withdraw?lang=lv&token=${encodeURIComponent(SECRET)}`,
    `/consents/withdraw?TOKEN=${encodeURIComponent(SECRET)}`,
    `/api/portal/me?access_token=${encodeURIComponent(SECRET)}`,
    `/api/anything?x=1&token=${encodeURIComponent(SECRET)}#frag`,
  ];
  for (const url of urls) await t.app.inject({ method: 'GET', url });
  await t.app.inject({ method: 'POST', url: '/api/portal/session', payload: { token: SECRET } });
  assert.ok(lines.length >= urls.length, 'requests are logged at all');
  assert.ok(logged().includes('/consents/withdraw'), 'the path itself is still logged');
  assert.ok(
    !logged().includes(SECRET),
    `a token reached the log:\n${lines.filter((l) => l.includes(SECRET)).join('\n')}`,
  );
  assert.ok(!logged().includes(encodeURIComponent(SECRET)));
  assert.ok(!logged().includes('S1gnatur3'));
});

test('a token in any logged string or object is redacted as well (the net under the serializer)', () => {
  const log = createLogger('info', sink);
  log.info(`mail not sent: https://hoidja.example/portal/enter?token=${SECRET}`);
  log.info({ link: `https://x.example/consents/withdraw?token=${SECRET}&lang=et` }, 'link');
  log.info({ nested: { deep: [`?token=${SECRET}`] } }, 'deep');
  assert.ok(!logged().includes(SECRET));
  assert.ok(!logged().includes('S1gnatur3'));
});

test('redactUrl keeps everything but token values', () => {
  assert.equal(redactUrl('/a?token=abc&lang=et'), '/a?token=[redacted]&lang=et');
  assert.equal(redactUrl('/a?lang=et&signInToken=abc'), '/a?lang=et&signInToken=[redacted]');
  assert.equal(redactUrl('/a/b'), '/a/b');
  assert.equal(redactUrl('/a?tokens=1'), '/a?tokens=[redacted]');
});
