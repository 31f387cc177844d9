import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createClinic, eeCode, login, patientBody, type TestClinic } from '../harness';
import { launchBrowser, logInThroughPage, outputDir, shot, startServer } from './browser';
import { sticksOut } from './narrow';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let clinic: TestClinic;
const dir = outputDir('staff');

before(async () => {
  server = await startServer();
  clinic = await createClinic(server, 'staffclinic');
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the administrator adds a doctor, who can log in, and disables the account again', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await logInThroughPage(page, server.url, clinic.slug, clinic.staff.admin.email);
  await page.getByRole('link', { name: 'Staff', exact: true }).click();
  await page.getByTestId('staff-list').waitFor();
  await page.fill('input[name=fullName]', 'Dr. Maarja Uus');
  await page.fill('input[name=staffEmail]', 'maarja.uus@staffclinic.example');
  await page.fill('input[name=professionalCode]', 'D99887');
  await page.uncheck('input[name=role-receptionist]');
  await page.check('input[name=role-doctor]');
  const password = await page.inputValue('input[name=staffPassword]');
  assert.match(password, /^\S{5}-\S{5}-\S{5}-\S{5}$/);
  await page.getByRole('button', { name: 'Add a staff member' }).last().click();
  await page.getByRole('status').waitFor();
  assert.match(await page.getByRole('status').innerText(), new RegExp(password));
  assert.match(await page.getByTestId('staff-list').innerText(), /Dr\. Maarja Uus.*doctor.*D99887/s);
  await shot(page, dir, '01-added');

  const doctor = await login(server.app, clinic.slug, 'maarja.uus@staffclinic.example', password);
  assert.equal((await doctor.get('/api/auth/me')).body.user.roles[0], 'doctor');
  await page
    .getByTestId('staff-list')
    .getByRole('row', { name: /Maarja Uus/ })
    .getByRole('button', { name: 'Disable account' })
    .click();
  await page
    .getByTestId('staff-list')
    .getByRole('row', { name: /Maarja Uus/ })
    .getByText('disabled')
    .waitFor();
  assert.equal((await doctor.get('/api/auth/me')).status, 401, 'the session ended at once');
  await shot(page, dir, '02-disabled');
  const own = await (await clinic.as('admin')).post(`/api/staff/${clinic.staff.admin.id}/disable`);
  assert.equal(own.status, 403, 'no one locks themselves out');
  await page.close();
});

/** Tomorrow at 10:00 in Tallinn, as an instant (the visit the newly linked doctor must see). */
function tomorrowAtTen(): string {
  const day = new Date(Date.now() + 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Tallinn' });
  const probe = new Date(`${day}T10:00:00Z`);
  const offset = probe.toLocaleString('en-GB', { timeZone: 'Europe/Tallinn', timeZoneName: 'shortOffset' });
  const hours = Number(/GMT\+(\d+)/.exec(offset)?.[1] ?? '2');
  return `${day}T10:00:00+0${hours}:00`;
}

test('an administrator links a new doctor account; the doctor changes the generated password and sees their own patients', async () => {
  const admin = await clinic.as('admin');
  const made = async (url: string, body: unknown, who = admin) => {
    const r = await who.post(url, body);
    assert.equal(r.status, 201, `${url}: ${JSON.stringify(r.body)}`);
    return (r.body.id ?? r.body.patient?.id) as string;
  };
  const locationId = await made('/api/queue/locations', {
    name: 'Ravi 7',
    street: 'Ravi 7',
    city: 'Tallinn',
    country: 'EE',
  });
  const professionalId = await made('/api/queue/professionals', {
    firstName: 'Anu',
    lastName: 'Mets',
    kind: 'dentist',
  });
  const serviceId = await made('/api/queue/services', { name: 'Konsultatsioon', durationMinutes: 30 });
  for (const weekday of [1, 2, 3, 4, 5, 6, 7])
    await made('/api/queue/schedules', { professionalId, weekday, start: '08:00', end: '18:00', locationId });
  const rec = await clinic.as('receptionist');
  const own = await made(
    '/api/patients',
    patientBody({
      firstName: 'Olev',
      lastName: 'Kuusk',
      identity: { kind: 'national', country: 'EE', code: eeCode('3800101011') },
    }),
    rec,
  );
  await made(
    '/api/patients',
    patientBody({
      firstName: 'Olga',
      lastName: 'Kuusk',
      identity: { kind: 'national', country: 'EE', code: eeCode('4800101022') },
    }),
    rec,
  );
  await made(
    '/api/queue/entries',
    { patientId: own, serviceId, channel: 'phone', professionalId, startsAt: tomorrowAtTen(), complaint: 'kontroll' },
    rec,
  );

  // The administrator, on a phone in Estonian: a new account, then its link to the calendar's Anu Mets.
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await logInThroughPage(page, server.url, clinic.slug, clinic.staff.admin.email);
  await page.getByTestId('language').selectOption('et');
  await page.goto(`${server.url}/staff`);
  await page.getByTestId('staff-list').waitFor();
  await page.fill('input[name=fullName]', 'Dr. Anu Mets');
  await page.fill('input[name=staffEmail]', 'anu.mets@staffclinic.example');
  await page.uncheck('input[name=role-receptionist]');
  // No role at all: refused under its label, in Estonian, with no raw library message.
  await page.getByRole('button', { name: 'Lisa töötaja' }).last().click();
  const refusal = page.getByRole('alert');
  await refusal.waitFor();
  assert.equal(await refusal.innerText(), 'Kontrollige välja „Rollid“: valige vähemalt 1.');
  await page.check('input[name=role-doctor]');
  const password = await page.inputValue('input[name=staffPassword]');
  await page.getByRole('button', { name: 'Lisa töötaja' }).last().click();
  await page.getByRole('status').waitFor();
  const row = page.getByTestId('staff-list').getByRole('row', { name: /Anu Mets/ });
  assert.match(await row.innerText(), /ootab esimest sisselogimist/);
  await row.getByRole('button', { name: 'Halda' }).click();
  const panel = page.getByTestId('staff-account');
  await panel.locator('select[name=professional]').selectOption({ label: 'Anu Mets' });
  await panel.getByRole('button', { name: 'Seo kontoga' }).click();
  await page.getByText('Tema patsientideks said täna ja hiljem broneeritud patsiendid (1)').waitFor();
  await panel.getByTestId('linked-professional').waitFor();
  assert.match(await row.innerText(), /Anu Mets.*Anu Mets/s);
  assert.deepEqual(await sticksOut(page), [], 'the staff page fits 390 px');
  await shot(page, dir, '03-linked-et');
  await page.close();

  // The doctor, on a phone in English: the generated password must be changed first.
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await phone.goto(`${server.url}/`);
  await phone.getByTestId('language').selectOption('en');
  await phone.fill('input[name=clinic]', clinic.slug);
  await phone.fill('input[name=email]', 'anu.mets@staffclinic.example');
  await phone.fill('input[name=password]', password);
  await phone.click('button[type=submit]');
  await phone.getByTestId('change-password').waitFor();
  assert.match(await phone.locator('body').innerText(), /Someone else chose your password/);
  assert.deepEqual(await sticksOut(phone), [], 'the password change fits 390 px');
  await phone.fill('input[name=currentPassword]', password);
  await phone.fill('input[name=newPassword]', 'password1234');
  await phone.fill('input[name=newPasswordAgain]', 'password1234');
  await phone.getByRole('button', { name: 'Save password' }).click();
  await phone.getByRole('alert').waitFor();
  assert.match(await phone.getByRole('alert').innerText(), /New password/, 'the refused field is named');
  await shot(phone, dir, '04-password-refused');
  await phone.fill('input[name=newPassword]', 'kolm rohelist konna tiigis');
  await phone.fill('input[name=newPasswordAgain]', 'kolm rohelist konna tiigis');
  await phone.getByRole('button', { name: 'Save password' }).click();
  await phone.getByTestId('current-user').waitFor();
  assert.equal(await phone.getByTestId('current-user').innerText(), 'Dr. Anu Mets');

  await phone.goto(`${server.url}/patients`);
  await phone.fill('input[name=query]', 'kuusk');
  await phone.getByRole('button', { name: 'Search' }).click();
  await phone.getByTestId('patient-results').waitFor();
  const found = await phone.getByTestId('patient-results').innerText();
  assert.match(found, /Kuusk, Olev/);
  assert.doesNotMatch(found, /Olga/, 'only her own patients');
  assert.deepEqual(await sticksOut(phone), [], 'the search fits 390 px');
  await phone.goto(`${server.url}/queue`);
  await phone.getByText('Kuusk, Olev').first().waitFor();
  await shot(phone, dir, '05-doctor-queue');
  await phone.close();
});
