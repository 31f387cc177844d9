import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { localDateTime } from '../../src/modules/messaging/visit-notice';
import { fixedClock } from '../../src/platform/clock';
import { addDays, localDate, zonedInstant } from '../../src/rules/zoned-time';
import { type FakeSmsApi, startFakeSmsApi } from '../fakes/sms-api';
import { type FakeSmtp, startFakeSmtp } from '../fakes/smtp';
import { createClinic, login, type TestClinic } from '../harness';
import { publishRegister } from '../integration/queue.fixtures';
import { launchBrowser, logInThroughPage, outputDir, shot, startServer } from './browser';

// The browser's own clock decides which days the public page asks for: the server's starts at now.
const clock = fixedClock(new Date());
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let clinic: TestClinic;
let smtp: FakeSmtp;
let sms: FakeSmsApi;
const dir = outputDir('queue');

before(async () => {
  smtp = await startFakeSmtp();
  sms = await startFakeSmsApi();
  server = await startServer({
    clock,
    config: {
      SMTP_URL: smtp.url,
      SMS_API_URL: sms.url,
      SMS_API_USER: sms.username,
      SMS_API_PASSWORD: sms.password,
      SMS_SENDER: 'Hambaarst',
    },
  });
  clinic = await createClinic(server, 'brauser');
  // The register in force gives reminders their legal basis (demo: legitimate interest).
  await publishRegister(await login(server.app, clinic.slug, clinic.staff.dpo.email), 'demo');
  const admin = await login(server.app, clinic.slug, clinic.staff.admin.email);
  const post = async (url: string, body: unknown) => {
    const r = await admin.post(url, body);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id as string;
  };
  const pro = await post('/api/queue/professionals', {
    firstName: 'Mari',
    lastName: 'Kask',
    kind: 'dentist',
    registrationCode: 'D01234',
    staffUserId: clinic.staff.doctor.id,
  });
  await post('/api/queue/services', {
    name: 'Hambaravi konsultatsioon',
    names: { en: 'Dental check-up' },
    durationMinutes: 30,
  });
  for (const weekday of [1, 2, 3, 4, 5])
    await post('/api/queue/schedules', { professionalId: pro, weekday, start: '09:00', end: '17:00' });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
  await sms?.close();
});

test('public booking → reception confirms → notice e-mail → SMS two days before, once', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(`${server.url}/book/brauser`);
  await page.getByTestId('public-language').selectOption('en');
  await page.getByTestId('public-slot').first().waitFor();
  // A time at least three days ahead, so that the reminder day is still to come: the times are
  // collapsed by day, so open the first such day.
  const days = await page.getByTestId('public-day').evaluateAll((els) => els.map((e) => e.getAttribute('data-day')!));
  const day = days.find((d) => new Date(`${d}T12:00:00Z`).getTime() > Date.now() + 3 * 86400000)!;
  assert.ok(day, 'a day with free times three days ahead');
  await page.locator(`[data-day="${day}"] button`).first().click();
  const start = (await page
    .locator(`[data-day="${day}"] [data-testid=public-slot]`)
    .first()
    .getAttribute('data-start'))!;
  await page.click(`[data-start="${start}"]`);
  await page.fill('input[name=firstName]', 'Liis');
  await page.fill('input[name=lastName]', 'Mets');
  await page.fill('input[name=idCode]', '37605030299');
  await page.fill('input[name=mobile]', '5551 2345');
  await page.fill('input[name=email]', 'liis.mets@example.ee');
  await page.fill('textarea[name=message]', 'Hammas valutab');
  await page.locator('input[name=reminder][value=sms]').check(); // a choice, never pre-ticked
  await shot(page, dir, '01-public-booking');
  await page.getByRole('button', { name: 'Send the request' }).click();
  await page.getByTestId('request-sent').waitFor();
  assert.match(await page.getByTestId('request-sent').innerText(), /We will answer you by \d\d\.\d\d\.\d{4}/);

  const desk = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await logInThroughPage(desk, server.url, clinic.slug, clinic.staff.receptionist.email);
  await desk.getByTestId('current-user').waitFor();
  await desk.getByRole('link', { name: 'Booking requests', exact: true }).click();
  await desk.getByTestId('booking-request').waitFor();
  assert.match(await desk.getByTestId('booking-request').innerText(), /Mets, Liis/);
  await shot(desk, dir, '02-requests-inbox');
  await desk.getByRole('button', { name: 'Answer', exact: true }).click();
  await desk.getByRole('button', { name: 'Confirm and send the notice' }).click();
  await desk.getByRole('status').waitFor();
  assert.match(await desk.getByRole('status').innerText(), /Confirmed/);

  const [mail] = await smtp.waitFor(1, 15_000);
  assert.deepEqual(mail!.to, ['liis.mets@example.ee']);
  assert.match(mail!.subject, /appointment on .* at \d\d:\d\d/, 'in the language the patient booked in');
  assert.equal(mail!.attachments[0]!.contentType, 'application/pdf');

  await desk.getByRole('link', { name: 'Queue' }).click();
  await desk.getByTestId('queue-table').waitFor();
  assert.match(await desk.getByTestId('queue-table').innerText(), /Mets, Liis/);
  await shot(desk, dir, '03-queue');

  // The appointment book: a free time opens the booking dialog; the visit then shows as a block.
  await desk.getByRole('link', { name: 'Calendar' }).click();
  await desk.getByTestId('book').waitFor();
  // Late in the day nothing is free today: look at the next days (waiting for each day's free times to load).
  for (
    let i = 0;
    i < 5 &&
    !(await desk
      .getByRole('button', { name: /free$/ })
      .first()
      .waitFor({ timeout: 5000 })
      .then(() => true)
      .catch(() => false));
    i++
  ) {
    await desk.getByRole('button', { name: 'Next' }).click();
  }
  await desk.getByRole('button', { name: /free$/ }).first().waitFor();
  const before = await desk.getByTestId('book-visit').count();
  await desk.getByRole('button', { name: /free$/ }).first().click();
  await desk.getByTestId('booking-dialog').waitFor();
  await desk.getByLabel('Search by name, ID code or phone').fill('Mets');
  await desk.getByRole('button', { name: '🔍' }).click();
  await desk.getByRole('button', { name: /Mets, Liis/ }).click();
  await desk.fill('textarea', 'kontroll');
  await shot(desk, dir, '04-booking-dialog');
  await desk.getByRole('button', { name: 'Book', exact: true }).click();
  await desk.getByTestId('booking-dialog').waitFor({ state: 'detached' });
  await desk.waitForFunction((n) => document.querySelectorAll('[data-testid=book-visit]').length > n, before);
  await shot(desk, dir, '05-calendar');

  // Two days before the visit, at 09:00 in Tallinn, the running worker sends the reminder.
  const reminderDay = addDays(localDate(new Date(start), 'Europe/Tallinn'), -2);
  clock.set(zonedInstant(reminderDay, 9 * 60 + 1, 'Europe/Tallinn'));
  await sms.waitFor(1, 15_000);
  await new Promise((r) => setTimeout(r, 5000));
  // The calendar's first free time can fall on the same day as the public booking (late in the
  // week): then that visit has its own reminder. Each visit is reminded of once, never twice.
  const texts = sms.received.map((m) => m.text);
  assert.ok(sms.received.every((m) => m.to === '+37255512345'));
  assert.equal(new Set(texts).size, texts.length, `sent once per visit: ${texts.join(' | ')}`);
  const { time } = localDateTime(new Date(start), 'Europe/Tallinn');
  assert.ok(
    texts.some((t) => t.includes(time)),
    `the booked visit at ${time} is reminded of: ${texts.join(' | ')}`,
  );
  assert.ok(texts.length <= 2, 'no more reminders than visits');
});
