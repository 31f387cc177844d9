import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createClinic, type TestClinic } from '../harness';
import { launchBrowser, logInThroughPage, outputDir, shot, startServer } from './browser';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let clinic: TestClinic;
const dir = outputDir('setup');

before(async () => {
  server = await startServer();
  clinic = await createClinic(server, 'setupclinic');
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the administrator sets up a dentist, a service and working hours, and the calendar offers free times', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await logInThroughPage(page, server.url, clinic.slug, clinic.staff.admin.email);
  await page.getByRole('link', { name: 'Setup', exact: true }).click();

  await page.fill('input[name=proFirstName]', 'Kaarel');
  await page.fill('input[name=proLastName]', 'Kivi');
  await page.fill('input[name=proCode]', 'D77001');
  await page.fill('input[name=proSpecialities]', 'hambaravi, endodontia');
  await page.getByRole('form', { name: 'Doctors and specialists' }).getByRole('button', { name: 'Add' }).click();
  await page.getByTestId('setup-professionals').getByText('Kaarel Kivi').waitFor();

  await page.fill('input[name=serviceName]', 'Juureravi konsultatsioon');
  await page.fill('input[name=serviceDuration]', '45');
  await page.getByRole('form', { name: 'Services' }).getByRole('button', { name: 'Add' }).click();
  await page.getByTestId('setup-services').getByText('Juureravi konsultatsioon').waitFor();

  // a bad time range is refused with the reason
  await page.fill('input[name=scheduleStart]', '17:00');
  await page.fill('input[name=scheduleEnd]', '09:00');
  await page.getByRole('form', { name: 'Working hours' }).getByRole('button', { name: 'Add' }).click();
  assert.match(
    await page.getByRole('form', { name: 'Working hours' }).getByRole('alert').innerText(),
    /end must be after the start/,
  );
  for (const weekday of ['1', '2', '3', '4', '5']) {
    await page.selectOption('select[name=scheduleWeekday]', weekday);
    await page.fill('input[name=scheduleStart]', '09:00');
    await page.fill('input[name=scheduleEnd]', '15:00');
    await page.getByRole('form', { name: 'Working hours' }).getByRole('button', { name: 'Add' }).click();
    await page
      .getByTestId('setup-schedules')
      .locator('tr')
      .nth(Number(weekday) - 1)
      .waitFor();
  }
  assert.match(await page.getByTestId('setup-schedules').innerText(), /Kaarel Kivi\s+Friday\s+09:00–15:00/);
  await page.fill('input[name=absenceNote]', 'koolitus');
  await page.getByRole('form', { name: 'Absences and closures' }).getByRole('button', { name: 'Add' }).click();
  await page.getByTestId('setup-absences').getByText('koolitus').waitFor();
  await shot(page, dir, '01-setup');

  const admin = await clinic.as('admin');
  const cat = await admin.get('/api/queue/catalogue');
  const service = cat.body.services.find((s: { name: string }) => s.name === 'Juureravi konsultatsioon');
  const slots = await admin.get(`/api/queue/slots?serviceId=${service.id}`);
  assert.equal(slots.status, 200, JSON.stringify(slots.body));
  assert.ok(slots.body.slots.length > 10, 'free times follow the new working hours');
  assert.ok(
    slots.body.slots.every(
      (s: { end: string; start: string }) => Date.parse(s.end) - Date.parse(s.start) === 45 * 60_000,
    ),
  );
  await page.close();
});
