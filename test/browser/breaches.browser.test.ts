import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createClinic, eeCode, login, patientBody, type TestClinic } from '../harness';
import { launchBrowser, logInThroughPage, outputDir, shot, startServer } from './browser';
import { sticksOut } from './narrow';

/**
 * A breach from its discovery to the authority's PDF, as the DPO does it in the browser: recorded
 * with its facts, the 72-hour clock counting, the patients a receptionist opened one evening found
 * from the audit log, a late notification refused without its reason, the PDF in Latvian, the
 * decision to inform and the letters to the people; then the page at 390 px in Estonian and Latvian.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let clinic: TestClinic;
const dir = outputDir('breaches');
const setClock = (iso: string) => (server.clock as unknown as { set(d: string): void }).set(iso);
const opened: string[] = [];

before(async () => {
  server = await startServer({ start: '2026-11-02T07:00:00Z' });
  clinic = await createClinic(server, 'breachweb');
  const rec = await login(server.app, clinic.slug, clinic.staff.receptionist.email);
  for (let i = 0; i < 4; i++) {
    const p = await rec.post(
      '/api/patients',
      patientBody({ identity: { kind: 'national', country: 'EE', code: eeCode(`470010100${i}`) } }),
    );
    assert.equal(p.status, 201, JSON.stringify(p.body));
    opened.push(p.body.patient.id);
  }
  // The receptionist opens three records in the evening of 2 November, the fourth the next day.
  setClock('2026-11-02T18:00:00Z');
  const evening = await login(server.app, clinic.slug, clinic.staff.receptionist.email);
  for (const id of opened.slice(0, 3)) assert.equal((await evening.get(`/api/patients/${id}`)).status, 200);
  setClock('2026-11-03T12:00:00Z');
  const day = await login(server.app, clinic.slug, clinic.staff.receptionist.email);
  assert.equal((await day.get(`/api/patients/${opened[3]}`)).status, 200);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

let breachUrl = '';

test('the DPO records a breach, finds the affected patients, and gets the notification PDF', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Tallinn' });
  await logInThroughPage(page, server.url, clinic.slug, clinic.staff.dpo.email);
  await page.getByRole('link', { name: 'Oversight' }).click();
  await page.getByRole('link', { name: 'Breaches' }).click();
  await page.getByText('No breaches recorded.').waitFor();

  // Discovered at noon in Tallinn (10:00 UTC), two hours before the server's now.
  await page.fill('input[name=discoveredAt]', '2026-11-03T12:00');
  await page.fill(
    'textarea[name=nature]',
    'A receptionist opened patient records without a work reason in the evening of 2 November.',
  );
  for (const c of ['name', 'contact', 'health']) await page.check(`input[name=category-${c}]`);
  await page.fill('input[name=approxPeople]', '1');
  await page.fill('input[name=approxRecords]', '3');
  await page.fill('textarea[name=consequences]', 'Disclosure of health data to a colleague; risk of embarrassment.');
  await page.fill('textarea[name=measures]', 'Account suspended, staff instructed, weekly access review.');
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await page.getByRole('heading', { name: 'Breach', exact: true }).waitFor();
  breachUrl = page.url();
  assert.match(await page.getByTestId('countdown').innerText(), /70 h 0 min left/);
  await shot(page, dir, '01-recorded');

  // Everyone the receptionist opened between 19:00 and 21:00 Tallinn time.
  await page.selectOption('select[name=actorId]', { label: `receptionist of ${clinic.slug}` });
  await page.fill('input[name=from]', '2026-11-02T19:00');
  await page.fill('input[name=to]', '2026-11-02T21:00');
  await page.getByRole('button', { name: 'Find and add' }).click();
  await page.getByRole('status').getByText('Found 3; 3 people affected in all.').waitFor();
  assert.equal(await page.getByTestId('affected').locator('li').count(), 3);
  assert.equal(await page.getByTestId('approx-people').innerText(), '3', 'the estimate follows what was found');

  // The notification form for the authority, in Latvian.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('pdf-lv').click()]);
  const pdf = readFileSync((await download.path())!);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');

  // Four days later: refused without the reason for the delay, then recorded with it.
  await page.fill('input[name=notifiedAt]', '2026-11-07T11:00');
  await page.getByRole('button', { name: 'Record the notification' }).click();
  assert.match(await page.getByRole('alert').innerText(), /lateReason/);
  await page.fill('input[name=lateReason]', 'the extent was established only on 6 November');
  await page.getByRole('button', { name: 'Record the notification' }).click();
  await page.getByRole('status').getByText('The notification is recorded.').waitFor();
  await page.getByText('authority told late').waitFor();

  await page.selectOption('select[name=decision]', 'yes');
  await page.fill('input[name=decisionReason]', 'health data: high risk to the people');
  await page.getByRole('button', { name: 'Save the decision' }).click();
  await page.getByTestId('breach-facts').getByText('they are told').waitFor();

  // The letters to the three people, through the outbox in their language.
  await page.getByRole('button', { name: 'Send the letters (people: 3)' }).click();
  await page.getByRole('status').getByText('Letters queued: 3 (people affected: 3).').waitFor();
  await server.services.worker.drain();
  await page.reload();
  await page.getByTestId('affected').waitFor();
  assert.equal(await page.getByTestId('affected').getByText('letter sent').count(), 3);
  await shot(page, dir, '02-notified');

  await page.getByRole('link', { name: 'All breaches' }).click();
  assert.match(
    await page.getByTestId('breaches').innerText(),
    /A receptionist opened[\s\S]*3[\s\S]*authority told late/,
  );
  await page.close();
});

test('the breach page at 390 px in Estonian and Latvian', async () => {
  assert.ok(breachUrl, 'the first test recorded the breach');
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, timezoneId: 'Europe/Tallinn' });
  await logInThroughPage(page, server.url, clinic.slug, clinic.staff.dpo.email);
  await page.getByTestId('language').selectOption('et');
  await page.goto(breachUrl);
  await page.getByRole('heading', { name: 'Rikkumine', exact: true }).waitFor();
  assert.match(await page.getByTestId('breach-facts').innerText(), /asutust teavitati hilinemisega|teavitatakse/);
  await shot(page, dir, '03-breach-et-390');
  assert.deepEqual(await sticksOut(page), [], 'nothing sticks out sideways at 390 px');
  await page.getByTestId('language').selectOption('lv');
  await page.getByRole('heading', { name: 'Pārkāpums', exact: true }).waitFor();
  await page.getByText('Paziņojums uzraudzības iestādei').waitFor();
  await shot(page, dir, '04-breach-lv-390');
  await page.close();
});

test('the access review flags the evening reading, which the DPO marks; a camera is added; at 390 px', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, timezoneId: 'Europe/Tallinn' });
  await logInThroughPage(page, server.url, clinic.slug, clinic.staff.dpo.email);
  await page.goto(`${server.url}/access-review`);
  await page.fill('input[name=reviewFrom]', '2026-11-02');
  await page.fill('input[name=reviewTo]', '2026-11-03');
  await page.getByRole('button', { name: 'Show' }).click();
  const finding = page.getByTestId('findings').locator('article[data-kind=outside_hours]');
  await finding.waitFor();
  assert.match(await finding.innerText(), /Outside working hours · receptionist of breachweb/);
  assert.match(await finding.innerText(), /outside the clinic’s hours/);
  await finding.getByRole('combobox', { name: 'Outcome' }).selectOption('breach_opened');
  await finding.getByRole('textbox', { name: 'Note' }).fill('recorded as the breach of 3 November');
  await finding.getByRole('button', { name: 'Mark reviewed' }).click();
  await page.getByRole('heading', { name: 'Breach register' }).waitFor();
  await page.goto(`${server.url}/access-review`);
  await page.fill('input[name=reviewFrom]', '2026-11-02');
  await page.fill('input[name=reviewTo]', '2026-11-03');
  await page.getByRole('button', { name: 'Show' }).click();
  await finding.getByText('Breach opened: recorded as the breach of 3 November').waitFor();
  await shot(page, dir, '05-access-review-en-390');
  assert.deepEqual(await sticksOut(page), [], 'nothing sticks out sideways at 390 px');

  await page.getByTestId('language').selectOption('lv');
  await page.getByRole('link', { name: 'Kameras' }).click();
  await page.fill('input[name=cameraName]', 'Uzgaidāmā telpa');
  await page.fill('input[name=cameraArea]', 'uzgaidāmā telpa un ieeja');
  await page.getByRole('button', { name: 'Pievienot kameru vai telpu' }).last().click();
  await page.getByTestId('cameras').getByText('Uzgaidāmā telpa', { exact: true }).waitFor();
  assert.match(await page.getByTestId('cameras').innerText(), /ir brīdinājuma zīme[\s\S]*bez skaņas/);
  await shot(page, dir, '06-cameras-lv-390');
  assert.deepEqual(await sticksOut(page), [], 'nothing sticks out sideways at 390 px');
  await page.close();
});
