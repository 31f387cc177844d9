import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createClinic, login, type TestClinic } from '../harness';
import { launchBrowser, logInThroughPage, outputDir, shot, startServer } from './browser';

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
