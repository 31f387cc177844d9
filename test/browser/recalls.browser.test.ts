import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { addPatient, type QueueWorld, queueWorld, visit } from '../integration/queue.fixtures';
import { launchBrowser, logInThroughPage, outputDir, shot } from './browser';
import { sticksOut } from './narrow';

/**
 * Recall and newsletters in the browser (issue 15 part 6): reception invites the patient due for a
 * check-up who did not object, and cannot invite the one who objected; the administrator sends a
 * newsletter that skips the patient who withdrew a minute before; both pages at 390 px in et and lv.
 */
let w: QueueWorld;
let url: string;
let browser: Browser;
let objector: string;
let withdrew: string;
const dir = outputDir('recalls');

before(async () => {
  w = await queueWorld('recallweb');
  objector = await addPatient(w, 31);
  withdrew = await addPatient(w, 32);
  let hour = 0;
  for (const [p, day] of [
    [w.patientId, '2026-06-08'],
    [objector, '2026-06-09'],
  ] as const) {
    const r = await w.rec.post(
      '/api/queue/entries',
      visit(w, { patientId: p, startsAt: `2026-12-22T1${++hour}:00:00+02:00` }),
    );
    assert.equal(r.status, 201, JSON.stringify(r.body));
    await w.t.database.raw.query(
      `update queue_entries set status = 'done', starts_at = $2, ends_at = $2 where id = $1`,
      [r.body.entry.id, `${day}T07:00:00Z`],
    );
  }
  const record = async (p: string, purposeKey: string, action: string) => {
    const r = await w.rec.post(`/api/patients/${p}/consents`, { purposeKey, action, channel: 'on_site' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  };
  await record(objector, 'reminders', 'objected');
  await record(w.patientId, 'newsletter', 'given');
  await record(withdrew, 'newsletter', 'given');
  await w.worker.drain();
  await w.t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = w.t.app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await w?.close();
});

test('reception invites the patient who did not object, and cannot invite the one who objected', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Tallinn' });
  await logInThroughPage(page, url, w.clinic.slug, w.clinic.staff.receptionist.email);
  await page.getByRole('link', { name: 'Check-up recall' }).click();
  const list = page.getByTestId('recall-list');
  await list.waitFor();
  const rowOf = (id: string) => list.locator(`[data-patient="${id}"]`);
  assert.match(
    await rowOf(w.patientId).innerText(),
    /Tõnis Õun[\s\S]*08\.06\.2026[\s\S]*08\.12\.2026[\s\S]*may be invited/,
  );
  assert.match(await rowOf(objector).innerText(), /the patient objected to reminders/);
  assert.equal(await rowOf(objector).getByRole('button').count(), 0, 'no invitation can be asked for');
  await shot(page, dir, '01-recall-list');

  const sms = w.sms.received.length;
  await rowOf(w.patientId).getByRole('button', { name: 'Invite by SMS' }).click();
  await page.getByRole('status').getByText('Tõnis Õun: the invitation is queued for sending.').waitFor();
  await w.worker.drain();
  await page.reload();
  await rowOf(w.patientId)
    .getByText(/invitation sent 14\.12\.2026/)
    .waitFor();
  const got = w.sms.received.slice(sms);
  assert.deepEqual(
    got.map((m) => m.to),
    ['+37251234567'],
    'one SMS, to the consenting patient; none to the one who objected',
  );
  assert.match(got[0]!.text, /kontrollvisiidiks[\s\S]*consents\/withdraw\?token=/);
  await shot(page, dir, '02-invited');
  await page.close();
});

test('a newsletter skips the patient who withdrew a minute before', async () => {
  const r = await w.rec.post(`/api/patients/${withdrew}/consents`, {
    purposeKey: 'newsletter',
    action: 'withdrawn',
    channel: 'phone',
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  w.clock.advance(60_000);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Tallinn' });
  await logInThroughPage(page, url, w.clinic.slug, w.clinic.staff.admin.email);
  await page.getByRole('link', { name: 'Newsletters' }).click();
  await page.getByText('No newsletter has been sent yet.').waitFor();
  await page.fill('input[name=subject]', 'Talvine pakkumine');
  await page.fill('textarea[name=body]', 'Jaanuaris on suuhügieeni protseduur 20% soodsam.');
  const mails = w.smtp.received.length;
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('status').getByText('The newsletter is being sent.').waitFor();
  await w.worker.drain();
  await w.smtp.waitFor(mails + 1);
  const got = w.smtp.received.slice(mails);
  assert.deepEqual(
    got.map((m) => m.to[0]),
    ['tonis.oun@example.ee'],
    'only the consenting patient; not the one who withdrew a minute before',
  );
  assert.match(got[0]!.text, /20% soodsam[\s\S]*uudiskirja[\s\S]*consents\/withdraw\?token=/);
  await page.reload();
  await page.getByRole('link', { name: 'Talvine pakkumine' }).click();
  const messages = page.getByTestId('campaign-messages');
  await messages.waitFor();
  assert.match(await messages.innerText(), /Tõnis Õun[\s\S]*sent/);
  assert.doesNotMatch(await messages.innerText(), /Patsient32/);
  await shot(page, dir, '03-newsletter');
  await page.close();
});

test('both pages at 390 px in Estonian and Latvian', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, timezoneId: 'Europe/Tallinn' });
  await logInThroughPage(page, url, w.clinic.slug, w.clinic.staff.admin.email);
  await page.getByTestId('language').selectOption('et');
  await page.goto(`${url}/recalls`);
  await page.getByRole('heading', { name: 'Korralise kontrolli kutsed' }).waitFor();
  await page.getByText('patsient on meeldetuletuste vastu').waitFor();
  await shot(page, dir, '04-recalls-et-390');
  assert.deepEqual(await sticksOut(page), [], 'nothing sticks out sideways at 390 px');
  await page.getByTestId('language').selectOption('lv');
  await page.getByRole('heading', { name: 'Aicinājumi uz kārtējo pārbaudi' }).waitFor();
  assert.deepEqual(await sticksOut(page), []);
  await page.goto(`${url}/campaigns`);
  await page.getByRole('heading', { name: 'Jaunumu vēstules un piedāvājumi' }).waitFor();
  await page.getByText('Talvine pakkumine').waitFor();
  await shot(page, dir, '05-campaigns-lv-390');
  assert.deepEqual(await sticksOut(page), []);
  await page.getByTestId('language').selectOption('et');
  await page.getByRole('heading', { name: 'Uudiskirjad ja pakkumised' }).waitFor();
  assert.deepEqual(await sticksOut(page), []);
  await page.close();
});
