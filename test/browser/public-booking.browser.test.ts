import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { fixedClock } from '../../src/platform/clock';
import { type FakeSmsApi, startFakeSmsApi } from '../fakes/sms-api';
import { type FakeSmtp, startFakeSmtp } from '../fakes/smtp';
import { createClinic, login, type TestClinic } from '../harness';
import { launchBrowser, logInThroughPage, outputDir, shot, startServer } from './browser';
import { sticksOut } from './narrow';

/**
 * The public booking page of a Latvian clinic on a phone: it opens in Latvian, says what is wrong in
 * the page's language, reaches every time (day by day, "more times"), takes a Latvian code, and a
 * birth date alone (walked in Russian); reception then ends both requests confirmed in one dialog.
 */
const clock = fixedClock(new Date()); // the browser's own clock decides which days the page asks for
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let clinic: TestClinic;
let smtp: FakeSmtp;
let sms: FakeSmsApi;
let serviceId: string;
const dir = outputDir('public-booking');
const phone = { viewport: { width: 390, height: 844 } };

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
      SMS_SENDER: 'Zobi',
    },
  });
  clinic = await createClinic(server, 'riga-zobi', 'LV');
  const admin = await login(server.app, clinic.slug, clinic.staff.admin.email);
  const post = async (url: string, body: unknown) => {
    const r = await admin.post(url, body);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id as string;
  };
  const pro = await post('/api/queue/professionals', {
    firstName: 'Ilze',
    lastName: 'Ozola',
    kind: 'dentist',
    registrationCode: 'LV0123',
    staffUserId: clinic.staff.doctor.id,
  });
  serviceId = await post('/api/queue/services', {
    name: 'Zobārsta konsultācija',
    names: { en: 'Dental check-up', ru: 'Консультация стоматолога' },
    durationMinutes: 30,
  });
  for (const weekday of [1, 2, 3, 4, 5, 6, 7])
    await post('/api/queue/schedules', { professionalId: pro, weekday, start: '08:00', end: '18:00' });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
  await sms?.close();
});

const noOverflow = async (page: Page, what: string) => assert.deepEqual(await sticksOut(page), [], what);
const slotsShown = (page: Page) => page.getByTestId('public-slot').count();
const sentRequests = async () =>
  (
    await server.database.raw.query<{ first_name: string; status: string; patient_id: string | null }>(
      'select first_name, status, patient_id from booking_requests',
    )
  )
    .map((r) => [r.first_name, r.status, r.patient_id !== null])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'en'));

test('a Latvian code on a phone, in Latvian: errors in Latvian, every time reachable, the time confirmed back', async () => {
  const page = await browser.newPage(phone);
  await page.goto(`${server.url}/book/riga-zobi`);
  await page.getByRole('heading', { name: /Pieteikties vizītei/ }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'lv', 'a Latvian clinic opens in Latvian');
  assert.equal(await page.getByTestId('public-language').inputValue(), 'lv');
  await page.getByTestId('public-slot').first().waitFor();
  // Collapsed by day: one day open, the others one line each; the first times of the day, then "more".
  assert.equal(await page.locator('[data-testid=public-day] [aria-expanded=true]').count(), 1);
  assert.equal(await slotsShown(page), 8);
  await noOverflow(page, 'the page at 390 px');
  await shot(page, dir, '01-lv-phone');
  const days = await page.getByTestId('public-day').count();
  assert.ok(days >= 5, `a week of days: ${days}`);
  // The reminder is a choice nobody made yet: "no reminder" is what stands.
  assert.equal(await page.locator('input[name=reminder][value=none]').isChecked(), true);
  assert.equal(await page.locator('input[name=reminder][value=sms]').isChecked(), false);

  // Bad input: every field says what is wrong, in Latvian, and nothing is sent.
  await page.getByRole('button', { name: 'Nosūtīt pieteikumu' }).click();
  assert.equal(await page.getByTestId('error-firstName').innerText(), 'Lūdzu, aizpildiet šo lauku.');
  assert.equal(await page.getByTestId('error-idCode').innerText(), 'Ievadiet personas kodu vai dzimšanas datumu.');
  assert.equal(await page.getByTestId('error-mobile').innerText(), 'Norādiet tālruņa numuru vai e-pasta adresi.');
  await page.fill('input[name=firstName]', 'Anna');
  await page.fill('input[name=lastName]', 'Bērziņa');
  await page.fill('input[name=idCode]', '161175-19998');
  await page.fill('input[name=email]', 'anna@example.lv');
  await page.fill('textarea[name=message]', 'Sāp zobs');
  await page.locator('input[name=reminder][value=sms]').check();
  await page.getByRole('button', { name: 'Nosūtīt pieteikumu' }).click();
  assert.match(await page.getByTestId('error-idCode').innerText(), /Šis personas kods nav pareizs/);
  assert.match(await page.getByTestId('error-reminder').innerText(), /SMS atgādinājumam vajadzīgs/);
  await shot(page, dir, '02-lv-errors');
  assert.deepEqual(await sentRequests(), []);

  // Every time of a day: "more times" shows the rest; later days a week at a time.
  await page.getByTestId('more-times').click();
  assert.ok((await slotsShown(page)) > 8, 'all of the day’s times');
  const firstDay = await page.getByTestId('public-day').first().getAttribute('data-day');
  await page.getByTestId('later-days').click();
  await page.waitForFunction(
    (d) => document.querySelector('[data-testid=public-day]')?.getAttribute('data-day') !== d,
    firstDay,
  );
  const second = page.getByTestId('public-day').nth(1);
  await second.getByRole('button').first().click();
  const slot = second.getByTestId('public-slot').first();
  const start = (await slot.getAttribute('data-start'))!;
  await slot.click();
  assert.match(await page.getByTestId('chosen-time').innerText(), /\d\d\.\d\d\.\d{4} \d\d:\d\d, Ilze Ozola/);

  await page.fill('input[name=idCode]', '161175-19997');
  await page.locator('input[name=reminder][value=email]').check(); // the channel of the reminder is hers to choose
  await page.getByRole('button', { name: 'Nosūtīt pieteikumu' }).click();
  await page.getByTestId('request-sent').waitFor();
  const sent = await page.getByTestId('request-sent').innerText();
  assert.match(sent, /Paldies, Anna!/);
  const local = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Riga',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(new Date(start))
    .replace(/\//g, '.')
    .replace(',', '');
  assert.ok(sent.includes(`Vēlamais laiks: ${local}, Ilze Ozola.`), `${sent} names ${local}`);
  assert.match(sent, /Mēs jums atbildēsim līdz \d\d\.\d\d\.\d{4}\./);
  await noOverflow(page, 'the confirmation at 390 px');
  await shot(page, dir, '03-lv-sent');
});

test('a birth date only, walked in Russian on a phone, without a mobile and with no SMS', async () => {
  const page = await browser.newPage(phone);
  await page.goto(`${server.url}/book/riga-zobi`);
  await page.getByTestId('public-slot').first().waitFor();
  await page.getByTestId('public-language').selectOption('ru');
  await page.getByRole('heading', { name: /Записаться на приём/ }).waitFor();
  await page.getByRole('button', { name: 'Отправить заявку' }).click();
  assert.equal(await page.getByTestId('error-idCode').innerText(), 'Укажите личный код или дату рождения.');
  await page.fill('input[name=firstName]', 'Иван');
  await page.fill('input[name=lastName]', 'Петров');
  await page.fill('input[name=birthDate]', '2099-01-01');
  await page.fill('input[name=email]', 'ivan@example.lv');
  await page.fill('textarea[name=message]', 'Профилактический осмотр');
  await page.getByRole('button', { name: 'Отправить заявку' }).click();
  assert.equal(await page.getByTestId('error-birthDate').innerText(), 'Дата рождения не может быть в будущем.');
  await page.fill('input[name=birthDate]', '1990-05-05');
  await page.getByTestId('public-slot').first().click();
  await noOverflow(page, 'the Russian page at 390 px');
  await shot(page, dir, '04-ru-phone');
  await page.getByRole('button', { name: 'Отправить заявку' }).click();
  await page.getByTestId('request-sent').waitFor();
  assert.match(await page.getByTestId('request-sent').innerText(), /Спасибо, Иван!/);
  assert.match(await page.getByTestId('request-sent').innerText(), /Мы ответим вам до \d\d\.\d\d\.\d{4}\./);
  await shot(page, dir, '05-ru-sent');
  // The language chosen here stays for the next visit of this page; English is offered too.
  await page.reload();
  await page.getByRole('heading', { name: /Записаться на приём/ }).waitFor();
  await page.getByTestId('public-language').selectOption('en');
  await page.getByRole('heading', { name: /Book a visit/ }).waitFor();
});

test('reception ends every request: both confirmed (the Latvian code as it is, the birth date as a new patient), one declined', async () => {
  const third = await server.app.inject({
    method: 'POST',
    url: '/api/public/clinics/riga-zobi/booking-requests',
    payload: {
      serviceId,
      firstName: 'Jānis',
      lastName: 'Kalniņš',
      birthDate: '1980-02-02',
      email: 'janis@example.lv',
      language: 'lv',
      message: 'Vēlos pie ortodonta',
    },
  });
  assert.equal(third.statusCode, 201, third.body);
  assert.deepEqual(await sentRequests(), [
    ['Anna', 'new', false],
    ['Jānis', 'new', false],
    ['Иван', 'new', false],
  ]);
  const desk = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await logInThroughPage(desk, server.url, clinic.slug, clinic.staff.receptionist.email);
  await desk.getByRole('link', { name: 'Booking requests', exact: true }).click();
  const anna = desk.locator('[data-testid=booking-request][data-name="Anna Bērziņa"]');
  await anna.getByTestId('answer-request').click();
  assert.match(await anna.getByTestId('request-answer').innerText(), /ID code 161175-19997/);
  await anna.getByTestId('answer-confirm').click();
  await desk.getByRole('status').filter({ hasText: 'Confirmed' }).waitFor();

  const ivan = desk.locator('[data-testid=booking-request][data-name="Иван Петров"]');
  await ivan.getByTestId('answer-request').click();
  // Nobody chosen yet: the dialog says what is missing instead of a dead end.
  await ivan.getByTestId('answer-confirm').click();
  assert.match(await ivan.getByRole('alert').innerText(), /Choose the patient/);
  await ivan.getByLabel('A new patient').check();
  await ivan.getByLabel('Date of birth only (no ID code or document)').check();
  assert.equal(await ivan.locator('input[name=answerBirthDate]').inputValue(), '1990-05-05');
  await ivan.locator('input[name=firstName]').fill('Ivan');
  await shot(desk, dir, '06-answer-dialog');
  await ivan.getByTestId('answer-confirm').click();
  await desk.getByRole('status').filter({ hasText: 'Confirmed' }).waitFor();
  assert.deepEqual(await sentRequests(), [
    ['Anna', 'answered', true],
    ['Jānis', 'new', false],
    ['Иван', 'answered', true],
  ]);

  // One that gets no visit ends too: declined with a message the person receives in Latvian.
  const janis = desk.locator('[data-testid=booking-request][data-name="Jānis Kalniņš"]');
  await janis.getByTestId('answer-request').click();
  await janis.getByRole('button', { name: 'Decline', exact: true }).click();
  await janis.getByRole('button', { name: 'Decline and send the message' }).click();
  assert.match(await janis.getByRole('alert').innerText(), /Write the person a message/);
  await janis.locator('textarea[name=declineMessage]').fill('Šim pakalpojumam vajadzīgs ģimenes ārsta nosūtījums.');
  await janis.getByRole('button', { name: 'Decline and send the message' }).click();
  await desk.getByRole('status').filter({ hasText: 'Declined' }).waitFor();
  await desk.getByText('No unanswered requests.').waitFor();
  const mails = await smtp.waitFor(3, 15_000);
  const told = mails.find((m) => m.to[0] === 'janis@example.lv');
  assert.ok(told, 'the person is written to');
  assert.match(told.text, /nevaram apstiprināt[\s\S]*ģimenes ārsta nosūtījums/);
  const [patient] = await server.database.raw.query<{ first_name: string; birth_date: string }>(
    "select first_name, birth_date::text from patients where last_name = 'Петров'",
  );
  assert.deepEqual(patient, { first_name: 'Ivan', birth_date: '1990-05-05' });
  await desk.getByRole('button', { name: 'Show answered and expired requests too' }).click();
  await desk.getByTestId('request-state').first().waitFor();
  assert.deepEqual((await desk.getByTestId('request-state').allInnerTexts()).sort(), [
    'confirmed',
    'confirmed',
    'declined',
  ]);
  await shot(desk, dir, '07-answered');
});
