import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createConsentedMail } from '../../src/modules/consents/consents.mail';
import { fixedClock } from '../../src/platform/clock';
import { createDevMailer } from '../../src/platform/mail';
import { type Agent, createClinic, createTestApp, patientBody, type TestApp, type TestClinic } from '../harness';

/**
 * The processing register, its published notice versions and the consent ledger through HTTP,
 * on a fresh database (PGlite, and PostgreSQL under TEST_DB=postgres).
 */
let t: TestApp;
let c: TestClinic;
let dpo: Agent;
let rec: Agent;
let patientId: string;

const preset = (name: string) => readFileSync(`presets/${name}.yaml`, 'utf8');
const rows = <T>(q: string, p: unknown[] = []) => t.database.raw.query<T>(q, p);

// A clock that only moves when told: events recorded in one instant must keep their order.
const clock = fixedClock('2026-05-04T09:00:00Z');

before(async () => {
  t = await createTestApp({ clock });
  c = await createClinic(t, 'alpha');
  dpo = await c.as('dpo');
  rec = await c.as('receptionist');
  const r = await rec.post('/api/patients', patientBody());
  assert.equal(r.status, 201, JSON.stringify(r.body));
  patientId = r.body.patient.id;
});
after(() => t.close());

describe('processing register', () => {
  test('only the DPO or an administrator imports; a bad file is refused with its line and changes nothing', async () => {
    const denied = await rec.post('/api/register/import', { text: preset('demo') });
    assert.equal(denied.status, 403);
    const ok = await dpo.post('/api/register/import', { text: preset('demo'), file: 'demo.yaml' });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.revision, 1);
    const bad = preset('kliinik32').replace('legalBasis: [a]', 'legalBasis: [z]');
    const refused = await dpo.post('/api/register/import', { text: bad, file: 'kliinik32.yaml' });
    assert.equal(refused.status, 400);
    assert.match(refused.body.message, /^kliinik32\.yaml:\d+:\d+: unknown legal basis "z"/);
    assert.equal(refused.body.issues[0].line, bad.split('\n').findIndex((l) => l.includes('legalBasis: [z]')) + 1);
    const cur = await dpo.get('/api/register');
    assert.equal(cur.body.revision, 1, 'the register in force stayed as it was');
    const unpublished = await t.app.inject({ method: 'GET', url: '/clinics/alpha/privacy' });
    assert.equal(unpublished.statusCode, 404, 'nothing is public before the DPO publishes');
    assert.equal(cur.body.document.slug, 'alpha', 'a preset takes the slug of the clinic');
    const audit = await rows<{ n: string }>(
      `select count(*)::text n from audit_events where clinic_id = $1 and action = 'register.import'`,
      [c.id],
    );
    assert.equal(audit[0]!.n, '1');
  });

  test('exports what was imported', async () => {
    const yaml = await dpo.get('/api/register/export');
    assert.equal(yaml.status, 200);
    assert.match(String(yaml.body), /format: hoidja-register\/1/);
    const json = await dpo.get('/api/register/export?format=json');
    assert.equal(json.body.slug, 'alpha');
  });

  test('publishes immutable versions, keeps old ones readable and shows the difference', async () => {
    const v1 = await dpo.post('/api/register/publish', { summary: 'first' });
    assert.equal(v1.status, 201, JSON.stringify(v1.body));
    assert.equal(v1.body.version, 1);
    const page = await t.app.inject({ method: 'GET', url: '/clinics/alpha/privacy?lang=lv' });
    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-type'] as string, /text\/html/);
    assert.match(page.body, /Paziņojums par personas datu apstrādi/);
    assert.match(page.body, /1\. versija, publicēta/);
    assert.match(page.body, /<a href="\/clinics\/alpha\/privacy\?lang=et" hreflang="et"/);
    assert.match(page.body, /<a href="\/clinics\/alpha\/privacy\.pdf\?lang=lv">PDF<\/a>/);
    const pdf = await t.app.inject({ method: 'GET', url: '/clinics/alpha/privacy.pdf?lang=ru' });
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const md = await t.app.inject({ method: 'GET', url: '/clinics/alpha/privacy?lang=en&format=md' });
    assert.match(md.body, /^# Privacy notice/);

    const cur = (await dpo.get('/api/register')).body.document;
    cur.retention.find((r: { category: string }) => r.category === 'video').period = { days: 14 };
    const saved = await dpo.request('PUT', '/api/register', { document: cur });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const v2 = await dpo.post('/api/register/publish', { summary: 'CCTV kept 14 days', announce: true });
    assert.equal(v2.body.version, 2);

    const old = await dpo.get('/api/register/versions/1?lang=en');
    assert.match(old.body.html, /30 days/);
    const now = await t.app.inject({ method: 'GET', url: '/clinics/alpha/privacy?lang=en' });
    assert.match(now.body, /14 days/);
    const diff = await dpo.get('/api/register/diff?from=1&to=2');
    assert.deepEqual(
      diff.body.changes.map((x: { section: string; key: string; change: string }) => [x.section, x.key, x.change]),
      [['retention', 'video', 'changed']],
    );
    const list = await dpo.get('/api/register/versions');
    assert.deepEqual(
      list.body.items.map((v: { version: number }) => v.version),
      [1, 2],
    );
    await assert.rejects(rows(`update notice_versions set summary = 'x' where clinic_id = $1`, [c.id]), /append-only/);
    await assert.rejects(rows(`delete from notice_versions where clinic_id = $1`, [c.id]), /append-only/);
    const queued = await rows<{ n: string }>(
      `select count(*)::text n from outbox_jobs where clinic_id = $1 and kind = 'privacy_notice.changed'`,
      [c.id],
    );
    assert.equal(queued[0]!.n, '1', 'the change notice was queued');
  });

  test('the notice previews in four languages and names the tables of each category', async () => {
    for (const lang of ['et', 'lv', 'en', 'ru']) {
      const r = await dpo.get(`/api/register/preview?lang=${lang}`);
      assert.equal(r.status, 200);
      assert.equal(r.body.lang, lang);
    }
    const cats = await dpo.get('/api/register/categories');
    assert.ok(cats.body.categories.find((x: { key: string }) => x.key === 'health').tables.includes('patients'));
    assert.deepEqual(cats.body.uncovered, []);
  });
});

describe('consent ledger', () => {
  test('records consents, derives the state and refuses actions that do not fit the legal basis', async () => {
    const given = await rec.post(`/api/patients/${patientId}/consents`, {
      purposeKey: 'newsletter',
      action: 'given',
      channel: 'paper',
    });
    assert.equal(given.status, 201, JSON.stringify(given.body));
    assert.equal(given.body.noticeVersion, 2, 'the version shown is recorded');
    assert.equal(given.body.recordedBy, c.staff.receptionist.id);
    const wrong = await rec.post(`/api/patients/${patientId}/consents`, {
      purposeKey: 'care',
      action: 'given',
      channel: 'paper',
    });
    assert.equal(wrong.status, 400);
    const unknown = await rec.post(`/api/patients/${patientId}/consents`, {
      purposeKey: 'lottery',
      action: 'given',
      channel: 'paper',
    });
    assert.equal(unknown.status, 400);
    const state = await rec.get(`/api/patients/${patientId}/consents`);
    const news = state.body.items.find((x: { purposeKey: string }) => x.purposeKey === 'newsletter');
    assert.equal(news.state, 'given');
    assert.equal(news.allowed, true);
    assert.match(news.withdrawUrl, /\/consents\/withdraw\?token=/);
    const reminders = state.body.items.find((x: { purposeKey: string }) => x.purposeKey === 'reminders');
    assert.equal(reminders.basis, 'legitimate_interest');
    assert.equal(reminders.state, 'not_objected');
    await assert.rejects(rows(`update consent_events set action = 'withdrawn'`), /append-only/);
    const viewed = await rows<{ actor_id: string }>(
      `select actor_id from audit_events where clinic_id = $1 and action = 'consent.view' and patient_ref = $2`,
      [c.id, patientId],
    );
    assert.equal(viewed[0]!.actor_id, c.staff.receptionist.id, 'reading consents is in the audit log');
  });

  test('the next message after a withdrawal through the link is not sent, and the withdrawal is audited', async () => {
    const { consents } = t.services;
    const mailer = createDevMailer({ from: 'clinic@alpha.example' });
    const mail = createConsentedMail({ consents, mailer });
    const message = {
      patientId,
      purposeKey: 'newsletter',
      to: 'mari.tamm@example.org',
      subject: 'News',
      text: 'Our news',
      lang: 'et' as const,
    };
    assert.deepEqual(await mail.send({ clinicId: c.id }, message), { sent: true });
    assert.equal(mailer.sent.length, 1);
    const link = /https?:\/\/\S+\/consents\/withdraw\?token=(\S+)/.exec(mailer.sent[0]!.text)!;
    assert.ok(link, 'every message carries its withdrawal link');
    const token = decodeURIComponent(link[1]!);

    const page = await t.app.inject({ method: 'GET', url: `/consents/withdraw?token=${encodeURIComponent(token)}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<form method="post"/);
    const click = await t.app.inject({
      method: 'POST',
      url: '/consents/withdraw',
      payload: `token=${encodeURIComponent(token)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(click.statusCode, 200, click.body);
    assert.match(click.body, /Nõusolek on tagasi võetud/);

    assert.deepEqual(await mail.send({ clinicId: c.id }, message), { sent: false, reason: 'no consent in force' });
    assert.equal(mailer.sent.length, 1, 'nothing more was sent');
    const ev = await rows<{ actor_id: string | null; patient_ref: string; request_id: string }>(
      `select actor_id, patient_ref, request_id from audit_events where clinic_id = $1 and action = 'consent.withdrawn'`,
      [c.id],
    );
    assert.equal(ev.length, 1);
    assert.equal(ev[0]!.patient_ref, patientId);
    assert.equal(ev[0]!.actor_id, null, 'the person acted themselves');
    const ledger = await rec.get(`/api/patients/${patientId}/consents/history`);
    assert.deepEqual(
      ledger.body.items.map((e: { action: string; channel: string }) => `${e.action}/${e.channel}`),
      ['given/paper', 'withdrawn/link'],
    );
    const again = await t.app.inject({ method: 'POST', url: '/api/public/consents/withdraw', payload: { token } });
    assert.deepEqual(again.json(), { purposeKey: 'newsletter', recorded: false });
  });

  test('a forged or altered link is refused', async () => {
    const { links } = t.services;
    const token = links.token({ clinicId: c.id, patientId, purposeKey: 'newsletter' });
    const forged = token.replace('newsletter', 'surveys');
    const r = await t.app.inject({ method: 'POST', url: '/api/public/consents/withdraw', payload: { token: forged } });
    assert.equal(r.statusCode, 404);
  });

  test('an objection stops processing on legitimate interest', async () => {
    const { consents } = t.services;
    assert.equal(await consents.allows({ clinicId: c.id }, patientId, 'reminders'), true);
    const r = await rec.post(`/api/patients/${patientId}/consents`, {
      purposeKey: 'reminders',
      action: 'objected',
      channel: 'phone',
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(await consents.allows({ clinicId: c.id }, patientId, 'reminders'), false);
    assert.equal(
      await consents.allows({ clinicId: c.id }, patientId, 'care'),
      true,
      'contract and law are not consent',
    );
    assert.equal(await consents.allows({ clinicId: c.id }, patientId, 'no_such_purpose'), false);
  });

  test('a doctor who does not treat the patient sees their consents only by stating a reason', async () => {
    const other = await c.as('doctor2');
    const refused = await other.get(`/api/patients/${patientId}/consents`);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error, 'reason_required');
    const record = await other.post(`/api/patients/${patientId}/consents`, {
      purposeKey: 'newsletter',
      action: 'given',
      channel: 'paper',
    });
    assert.equal(record.status, 403, 'nor records one');
    const opened = await other.get(`/api/patients/${patientId}/consents`, {
      'x-access-reason': 'covering for a colleague',
    });
    assert.equal(opened.status, 200);
    const [row] = await t.database.raw.query<{ break_glass: boolean }>(
      `select break_glass from audit_events where actor_id = $1 and action = 'consent.view' order by seq desc limit 1`,
      [c.staff.doctor2.id],
    );
    assert.equal(row!.break_glass, true);
  });

  test('a consent and its withdrawal recorded in the same instant: the withdrawal is in force', async () => {
    for (const action of ['given', 'withdrawn', 'given', 'withdrawn']) {
      const r = await rec.post(`/api/patients/${patientId}/consents`, {
        purposeKey: 'newsletter',
        action,
        channel: 'phone',
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    assert.equal(await t.services.consents.allows({ clinicId: c.id }, patientId, 'newsletter'), false);
  });
});
