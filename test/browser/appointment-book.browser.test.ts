import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { holidayOn } from '../../src/rules/holidays';
import { addDays, localDate } from '../../src/rules/zoned-time';
import { type FakeSmsApi, startFakeSmsApi } from '../fakes/sms-api';
import { type FakeSmtp, startFakeSmtp } from '../fakes/smtp';
import { createClinic, login, patientBody, type TestClinic } from '../harness';
import { launchBrowser, logInThroughPage, outputDir, shot, startServer } from './browser';
import { sticksOut } from './narrow';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let clinic: TestClinic;
let smtp: FakeSmtp;
let sms: FakeSmsApi;
let anna: string;
let day: string;
const dir = outputDir('appointment-book');

/** Mail to one address, waited for until `pred` matches one of them. */
async function mailTo(to: string, pred: (subject: string) => boolean) {
  for (let i = 0; i < 60; i++) {
    const m = smtp.received.find((x) => x.to.includes(to) && pred(x.subject));
    if (m) return m;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no mail to ${to}: ${smtp.received.map((x) => x.subject).join(' | ')}`);
}

before(async () => {
  smtp = await startFakeSmtp();
  sms = await startFakeSmsApi();
  server = await startServer({
    config: {
      SMTP_URL: smtp.url,
      SMS_API_URL: sms.url,
      SMS_API_USER: sms.username,
      SMS_API_PASSWORD: sms.password,
      SMS_SENDER: 'Hambaarst',
    },
  });
  clinic = await createClinic(server, 'raamat');
  const admin = await login(server.app, clinic.slug, clinic.staff.admin.email);
  const post = async (url: string, body: unknown) => {
    const r = await admin.post(url, body);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body;
  };
  const mari = (
    await post('/api/queue/professionals', {
      firstName: 'Mari',
      lastName: 'Kask',
      kind: 'dentist',
      staffUserId: clinic.staff.doctor.id,
    })
  ).id;
  const juri = (await post('/api/queue/professionals', { firstName: 'Jüri', lastName: 'Lepp', kind: 'dentist' })).id;
  await post('/api/queue/services', { name: 'Konsultatsioon', names: { en: 'Check-up' }, durationMinutes: 30 });
  for (const pro of [mari, juri])
    for (const weekday of [1, 2, 3, 4, 5, 6, 7])
      await post('/api/queue/schedules', { professionalId: pro, weekday, start: '09:00', end: '17:00' });
  // Two days ahead, on a day that is not a public holiday: every action on it is still in the future.
  day = addDays(localDate(new Date(), 'Europe/Tallinn'), 2);
  while (holidayOn('EE', day)) day = addDays(day, 1);
  const rec = await login(server.app, clinic.slug, clinic.staff.receptionist.email);
  const p = await rec.post(
    '/api/patients',
    patientBody({ firstName: 'Anna', lastName: 'Ozola', email: 'anna.ozola@example.lv', preferredLanguage: 'lv' }),
  );
  assert.equal(p.status, 201, JSON.stringify(p.body));
  anna = p.body.patient.id;
  const b = await rec.post(
    '/api/patients',
    patientBody({
      firstName: 'Boris',
      lastName: 'Ivanov',
      identity: { kind: 'national', country: 'EE', code: '37605030299' },
      email: undefined,
      mobile: '+372 5555 0101',
      preferredLanguage: 'ru',
    }),
  );
  assert.equal(b.status, 201, JSON.stringify(b.body));
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
  await sms?.close();
});

const freeAt = (page: Page, column: number, time: string) =>
  page
    .getByTestId('book')
    .locator('.book-col')
    .nth(column)
    .getByRole('button', { name: `${time} free` });

test('reception books, moves and cancels in the book; the patient is told in her language', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await logInThroughPage(page, server.url, clinic.slug, clinic.staff.receptionist.email);
  // "Book a visit" from the patient record lands here with the patient chosen.
  await page.goto(`${server.url}/calendar?day=${day}&patient=${anna}`);
  await page.getByTestId('book').waitFor();
  assert.equal(await page.getByTestId('book-column').count(), 2, 'both doctors side by side');
  assert.match(await page.getByRole('status').innerText(), /Booking for Anna Ozola/);
  await freeAt(page, 0, '10:00').click();
  const dialog = page.getByTestId('booking-dialog');
  await dialog.waitFor();
  assert.ok(await dialog.evaluate((el) => el.contains(document.activeElement)), 'the dialog has the focus');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await freeAt(page, 0, '10:00').click();
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /Ozola, Anna/);
  await page.keyboard.type('kontroll'); // the complaint field took the focus
  await shot(page, dir, '01-booking');
  await dialog.getByRole('button', { name: 'Book', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  const block = page.getByTestId('book-visit');
  await block.waitFor();
  assert.match(await block.innerText(), /10:00 Ozola A\..*Check-up.*booked/s);
  await mailTo('anna.ozola@example.lv', (s) => /vizīte/.test(s));
  await shot(page, dir, '02-booked');

  // Move to 11:00: the clinic asked, so Anna gets a letter in Latvian.
  await block.click();
  const visit = page.getByTestId('visit-dialog');
  await visit.getByTestId('visit-facts').waitFor();
  await visit.getByRole('button', { name: 'Move' }).click();
  const move = visit.getByRole('form', { name: 'Move' });
  const eleven = await move.locator('option', { hasText: '11:00' }).getAttribute('value');
  await move.getByLabel('New time').selectOption(eleven!);
  await move.getByLabel('the clinic').check();
  await move.getByLabel('Reason').fill('arst on haige');
  await shot(page, dir, '03-move');
  await move.getByRole('button', { name: 'Confirm the new time' }).click();
  await visit.getByText('The visit was moved.').waitFor();
  const moved = await mailTo('anna.ozola@example.lv', (s) => /tagad ir/.test(s));
  assert.match(moved.subject, /plkst\. 11:00/);
  assert.match(moved.text, /plkst\. 10:00 vietā jaunais laiks ir .* plkst\. 11:00/);
  assert.match(await visit.getByTestId('notice-status').innerText(), /sent by e-mail|being sent/);

  // Cancel, by the clinic.
  await visit.getByRole('button', { name: 'Cancel the visit' }).click();
  const cancel = visit.getByRole('form', { name: 'Cancel visit' });
  await cancel.getByLabel('the clinic').check();
  await cancel.getByLabel('Reason').fill('arst on haige');
  await cancel.getByRole('button', { name: 'Cancel visit' }).click();
  await visit.getByText('The visit was cancelled.').waitFor();
  assert.equal(await visit.getByTestId('visit-status').innerText(), 'cancelled');
  const cancelled = await mailTo('anna.ozola@example.lv', (s) => /atcelta/.test(s));
  assert.match(cancelled.text, /klīnikai bija jāatceļ Jūsu vizīte .* plkst\. 11:00/);
  await page.keyboard.press('Escape');
  await visit.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=book-visit]').length === 0);

  // A patient without e-mail: reception is warned that the notice has to be printed.
  await freeAt(page, 1, '12:00').click();
  await dialog.waitFor();
  await dialog.getByLabel('Search by name, ID code or phone').fill('Ivanov');
  await dialog.getByRole('button', { name: '🔍' }).click();
  await dialog.getByRole('button', { name: /Ivanov, Boris/ }).click();
  assert.match(await dialog.getByTestId('notice-warning').innerText(), /no e-mail address/);
  await dialog.locator('textarea').fill('hammas valutab');
  await dialog.getByRole('button', { name: 'Book', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByTestId('book-visit').waitFor();
  await page.close();
});

test('leave added over a booked visit lists it, and the list leads to the visit', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await logInThroughPage(page, server.url, clinic.slug, clinic.staff.admin.email);
  await page.getByRole('link', { name: 'Setup' }).click();
  const form = page.getByRole('form', { name: 'Absences and closures' });
  await form.waitFor();
  await form.locator('select[name=absenceProfessional]').selectOption({ label: 'Jüri Lepp' });
  await form.locator('select[name=absenceKind]').selectOption('leave');
  await form.locator('input[name=absenceFrom]').fill(day);
  await form.locator('input[name=absenceNote]').fill('haige');
  await form.getByRole('button', { name: 'Add' }).click();
  const affected = page.getByTestId('affected-visits');
  await affected.waitFor();
  assert.match(await affected.innerText(), /The absence falls on booked visits[\s\S]*Ivanov, Boris/);
  assert.equal(await page.getByTestId('setup-absences').getByText('haige').count(), 0, 'not recorded yet');
  await shot(page, dir, '04-affected');
  await page.getByRole('button', { name: 'Add the absence anyway' }).click();
  await page.getByTestId('setup-absences').getByText('haige').waitFor();
  assert.match(await page.getByTestId('affected-visits').innerText(), /The absence was added[\s\S]*Ivanov, Boris/);
  await page.getByRole('link', { name: 'Move or cancel' }).click();
  const visit = page.getByTestId('visit-dialog');
  await visit.getByTestId('visit-facts').waitFor();
  assert.match(await visit.innerText(), /Ivanov, Boris/);
  assert.match(await visit.getByTestId('visit-facts').innerText(), /12:00–12:30/, 'on the clinic’s clock');
  await page.keyboard.press('Escape');
  // The book shows the leave over Jüri Lepp's day.
  await page.getByTestId('book-absence').first().waitFor();
  assert.match(await page.getByTestId('book-absence').first().innerText(), /away/);
  await page.close();
});

test('the book at 390 px wide, in Estonian and in Russian', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await logInThroughPage(page, server.url, clinic.slug, clinic.staff.receptionist.email);
  for (const [lang, tabs, free] of [
    ['et', ['Päev', 'Nädal'], 'vaba'],
    ['ru', ['День', 'Неделя'], 'свободно'],
  ] as const) {
    await page.getByTestId('language').selectOption(lang);
    await page.goto(`${server.url}/calendar?day=${day}`);
    await page.getByTestId('book').waitFor();
    for (const name of tabs) await page.getByRole('tab', { name }).waitFor();
    await page
      .getByRole('button', { name: new RegExp(`${free}$`) })
      .first()
      .waitFor();
    assert.deepEqual(await sticksOut(page), [], `${lang}: nothing sticks out sideways at 390 px`);
    await shot(page, dir, `05-narrow-${lang}`);
    await page.getByTestId('book-visit').first().click();
    await page.getByTestId('visit-facts').waitFor();
    assert.deepEqual(await sticksOut(page), [], `${lang}: the visit dialog fits at 390 px`);
    await shot(page, dir, `06-narrow-visit-${lang}`);
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: tabs[1] }).click();
    await page.getByTestId('calendar-professional').waitFor();
    assert.deepEqual(await sticksOut(page), [], `${lang}: the week fits at 390 px`);
    // The queue list becomes one card per visit on a phone.
    await page.goto(`${server.url}/queue`);
    await page.getByTestId('queue-table').waitFor();
    assert.deepEqual(await sticksOut(page), [], `${lang}: the queue list fits at 390 px`);
    await shot(page, dir, `07-narrow-queue-${lang}`);
  }
  await page.close();
});
