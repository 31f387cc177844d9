import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createClinic, createTestApp, type TestApp, type TestClinic } from '../harness';

/** The visitor consent ledger: a website visitor's cookie choices by a pseudonymous id. */
let t: TestApp;
let c: TestClinic;
const demo = readFileSync('presets/demo.yaml', 'utf8');
const visitor = 'v-3f9c2a1e7b5d4c6a8e0f';
const rows = <T>(q: string, p: unknown[] = []) => t.database.raw.query<T>(q, p);
const choose = (slug: string, body: unknown) =>
  t.app.inject({ method: 'POST', url: `/api/public/clinics/${slug}/cookie-consent`, payload: body as never });
const state = (slug: string, id = visitor) =>
  t.app.inject({ method: 'GET', url: `/api/public/clinics/${slug}/cookie-consent/${id}` });

before(async () => {
  t = await createTestApp();
  c = await createClinic(t, 'kupsised');
  const dpo = await c.as('dpo');
  assert.equal((await dpo.post('/api/register/import', { text: demo, file: 'demo.yaml' })).status, 200);
});
after(() => t?.close());

describe('visitor consent ledger', () => {
  test('nothing chosen is no consent; a choice is recorded once, withdrawn later with the notice version shown', async () => {
    const before = await state('kupsised');
    assert.equal(before.statusCode, 200, before.body);
    // The demo website uses necessary and statistics cookies only: marketing is not offered.
    assert.deepEqual(before.json(), {
      visitorId: visitor,
      necessary: true,
      choices: { statistics: false },
      noticeVersion: null,
    });

    const given = await choose('kupsised', { visitorId: visitor, choices: { statistics: true } });
    assert.equal(given.statusCode, 200, given.body);
    assert.equal(given.json().choices.statistics, true);
    // The same choice again changes nothing and records nothing.
    assert.equal((await choose('kupsised', { visitorId: visitor, choices: { statistics: true } })).statusCode, 200);
    assert.equal((await rows('select 1 from visitor_consent_events where clinic_id = $1', [c.id])).length, 1);

    const dpo = await c.as('dpo');
    assert.equal((await dpo.post('/api/register/publish', {})).status, 201);
    const withdrawn = await choose('kupsised', { visitorId: visitor, choices: { statistics: false } });
    assert.deepEqual(withdrawn.json(), {
      visitorId: visitor,
      necessary: true,
      choices: { statistics: false },
      noticeVersion: 1,
    });
    const events = await rows<{ action: string; category: string; notice_version: number | null }>(
      'select action, category, notice_version from visitor_consent_events where clinic_id = $1 order by seq',
      [c.id],
    );
    assert.deepEqual(events, [
      { action: 'given', category: 'statistics', notice_version: null },
      { action: 'withdrawn', category: 'statistics', notice_version: 1 },
    ]);
    const audit = await rows<{ action: string; details: { visitorId: string; category: string } }>(
      "select action, details from audit_events where clinic_id = $1 and entity_type = 'visitor_consent' order by seq",
      [c.id],
    );
    assert.deepEqual(
      audit.map((a) => [a.action, a.details.visitorId, a.details.category]),
      [
        ['consent.given', visitor, 'statistics'],
        ['consent.withdrawn', visitor, 'statistics'],
      ],
      'each change audited; the repeat was not a change',
    );
    // Another visitor has their own state.
    assert.equal((await state('kupsised', 'another-visitor-0001')).json().choices.statistics, false);
  });

  test('bad input is refused with the field and the reason, and records nothing', async () => {
    const count = async () => (await rows('select 1 from visitor_consent_events where clinic_id = $1', [c.id])).length;
    const n = await count();
    const cases: [unknown, string, RegExp][] = [
      [{ visitorId: visitor, choices: { marketing: true } }, 'choices.marketing', /uses no marketing cookies/],
      [{ visitorId: visitor, choices: { necessary: false } }, '', /necessary|unrecognized/i],
      [{ visitorId: visitor, choices: {} }, 'choices', /at least one/],
      [{ visitorId: 'short', choices: { statistics: true } }, 'visitorId', /pseudonymous id/],
      [{ visitorId: 'Mari Maasikas 37605030299', choices: { statistics: true } }, 'visitorId', /pseudonymous id/],
      [{ visitorId: visitor, choices: { statistics: 'yes' } }, 'choices.statistics', /./],
    ];
    for (const [body, field, reason] of cases) {
      const r = await choose('kupsised', body);
      assert.equal(r.statusCode, 400, `${JSON.stringify(body)}: ${r.body}`);
      if (field) assert.equal(r.json().field, field, r.body);
      assert.match(r.body, reason);
    }
    assert.equal(
      (await choose('no-such-clinic', { visitorId: visitor, choices: { statistics: true } })).statusCode,
      404,
    );
    assert.equal((await state('kupsised', 'bad id')).statusCode, 400);
    // A clinic whose register lists no cookies offers no choice.
    const plain = await createClinic(t, 'ilmakupsisteta');
    const text = demo.replace(/\ncookies:\n[\s\S]*?\nsecurity:/, '\nsecurity:');
    assert.equal((await (await plain.as('dpo')).post('/api/register/import', { text })).status, 200);
    assert.equal(
      (await choose('ilmakupsisteta', { visitorId: visitor, choices: { statistics: true } })).statusCode,
      404,
    );
    assert.equal(await count(), n);
  });

  test('the ledger is append-only', async () => {
    await assert.rejects(
      rows("update visitor_consent_events set action = 'given' where clinic_id = $1", [c.id]),
      /append-only/,
    );
    await assert.rejects(rows('delete from visitor_consent_events where clinic_id = $1', [c.id]), /append-only/);
  });
});
