import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createClinic, type TestClinic } from '../harness';
import { launchBrowser, logInThroughPage, outputDir, shot, startServer } from './browser';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let tallinn: TestClinic;
let riga: TestClinic;
const dir = outputDir('clinic');

before(async () => {
  server = await startServer();
  tallinn = await createClinic(server, 'profileclinic');
  riga = await createClinic(server, 'profileriga', 'LV');
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('an Estonian administrator completes the clinic profile on a phone, in Estonian, by keyboard', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await logInThroughPage(page, server.url, tallinn.slug, tallinn.staff.admin.email);
  await page.getByTestId('language').selectOption('et');
  await page.getByRole('link', { name: 'Kliinik', exact: true }).click();
  await page.getByRole('heading', { name: 'Kliiniku andmed' }).waitFor();
  assert.equal(await page.inputValue('input[name=country]'), 'Eesti');

  await page.fill('input[name=name]', 'Hambakliinik Näide OÜ');
  await page.fill('input[name=tradeName]', 'Näide Hambaravi');
  await page.fill('input[name=registryCode]', '1234567');
  await page.fill('input[name=phone]', '612 3456');
  await page.fill('input[name=website]', 'www.naide.ee');
  await page.fill('input[name=dpoName]', 'Mari Maasikas');
  await page.fill('input[name=dpoEmail]', 'andmekaitse@naide.ee');
  // Enter in a field submits the form: a short registry code is refused, the field marked.
  await page.press('input[name=dpoEmail]', 'Enter');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.equal(await alert.innerText(), 'Kontrollige välja „Registrikood“: registrikoodis on 8 numbrit.');
  assert.equal(await page.getAttribute('input[name=registryCode]', 'aria-invalid'), 'true');
  await shot(page, dir, '01-et-refused-390');

  await page.fill('input[name=registryCode]', '12345678');
  await page.getByRole('button', { name: 'Lisa aadress' }).click();
  await page.fill('input[name=street1]', 'Rüütli 12');
  await page.fill('input[name=postalCode1]', '51007');
  await page.fill('input[name=city1]', 'Tartu');
  // Tab to the save button and press it, as a keyboard user does.
  await page.focus('input[name=dpoPhone]');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('status').getByText('Salvestatud.').waitFor();
  assert.equal(await page.inputValue('input[name=phone]'), '+372 612 3456', 'kept in international form');
  assert.equal(await page.getAttribute('input[name=registryCode]', 'aria-invalid'), null);
  await shot(page, dir, '02-et-saved-390');

  // Nothing wider than the phone's screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);

  const me = await (await tallinn.as('admin')).get('/api/clinic');
  assert.equal(me.body.tradeName, 'Näide Hambaravi');
  assert.equal(me.body.registryCode, '12345678');
  assert.deepEqual(
    me.body.addresses.map((a: { city: string }) => a.city),
    ['Tallinn', 'Tartu'],
  );
  assert.deepEqual(me.body.dataProtectionContact, { name: 'Mari Maasikas', email: 'andmekaitse@naide.ee' });
  await page.close();
});

test('a Latvian administrator sees the Latvian words for the registration number, in Latvian', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await logInThroughPage(page, server.url, riga.slug, riga.staff.admin.email);
  await page.getByTestId('language').selectOption('lv');
  await page.getByRole('link', { name: 'Klīnika', exact: true }).click();
  await page.getByRole('heading', { name: 'Klīnikas dati' }).waitFor();
  await page.getByLabel('Reģistrācijas numurs').fill('40003032949');
  await page.getByLabel('Tālrunis').first().fill('67 123 456');
  await page.selectOption('select[name=timeZone]', 'Europe/Riga');
  // The account printed on invoices: a mistyped IBAN is named in Latvian, then corrected.
  await page.getByRole('button', { name: 'Pievienot bankas kontu' }).click();
  await page.fill('input[name=iban0]', 'LV80 BANK 0000 4351 9500 2');
  await page.fill('input[name=bank0]', 'Swedbank');
  await page.getByRole('button', { name: 'Saglabāt' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /IBAN.*nav pareizs/);
  assert.equal(await page.getAttribute('input[name=iban0]', 'aria-invalid'), 'true');
  await page.fill('input[name=iban0]', 'LV80 BANK 0000 4351 9500 1');
  await page.getByRole('button', { name: 'Saglabāt' }).click();
  await page.getByRole('status').getByText('Saglabāts.').waitFor();
  assert.equal(await page.inputValue('input[name=phone]'), '+371 67 123 456');
  assert.equal(await page.inputValue('input[name=iban0]'), 'LV80BANK0000435195001');
  await shot(page, dir, '03-lv-saved-390');
  const me = await (await riga.as('admin')).get('/api/clinic');
  assert.equal(me.body.registryCode, '40003032949');
  assert.equal(me.body.timeZone, 'Europe/Riga');
  assert.deepEqual(me.body.bankAccounts, [{ iban: 'LV80BANK0000435195001', bank: 'Swedbank' }]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  await page.close();
});

test('staff without the administrator or DPO role have no clinic page in the menu', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await logInThroughPage(page, server.url, tallinn.slug, tallinn.staff.receptionist.email);
  assert.equal(await page.getByRole('link', { name: 'Clinic', exact: true }).count(), 0);
  await page.close();
});
