/**
 * A new clinic from the web app (issue 11): the deployment's operator adds a Latvian clinic in
 * Latvian and an Estonian clinic in Estonian on a phone, each refusal in the page's language; the
 * first administrator signs in with the one-time password shown once and finds the clinic profile.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, outputDir, shot, startServer } from './browser';
import { sticksOut } from './narrow';

const TOKEN = 'operator-token-for-the-browser-test-0123456789';
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
const dir = outputDir('operator');

before(async () => {
  server = await startServer({ config: { OPERATOR_TOKEN: TOKEN } });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function signInAs(page: Page, slug: string, email: string, password: string) {
  await page.getByRole('link').first().click();
  await page.waitForURL(`**/?clinic=${slug}`);
  assert.equal(await page.inputValue('input[name=clinic]'), slug, 'the sign-in page knows the clinic');
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.getByTestId('current-user').waitFor();
}

test('a Latvian clinic added in Latvian on a phone; its administrator signs in with the password shown once', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(`${server.url}/operator/clinics/new`);
  await page.getByLabel('language').selectOption('lv');
  await page.getByRole('heading', { name: 'Jauna klīnika' }).waitFor();

  await page.fill('input[name=token]', 'not the operator key at all, but long enough');
  await page.selectOption('select[name=country]', 'LV');
  await page.fill('input[name=name]', 'SIA Zobu Prakse Rīga');
  assert.equal(await page.inputValue('input[name=slug]'), 'zobu-prakse-riga', 'a short name suggested');
  await page.fill('input[name=registryCode]', '4000312345');
  await page.fill('input[name=adminEmail]', 'admin@zobuprakse.lv');
  await page.getByRole('button', { name: 'Pievienot klīniku' }).click();
  assert.equal(await page.getByRole('alert').innerText(), 'Pārvaldnieka atslēga ir nepareiza vai nav norādīta.');

  await page.fill('input[name=token]', TOKEN);
  await page.getByRole('button', { name: 'Pievienot klīniku' }).click();
  await page.getByRole('alert').getByText('11').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /Reģistrācijas numurs/);
  assert.equal(await page.getAttribute('input[name=registryCode]', 'aria-invalid'), 'true');
  assert.deepEqual(await sticksOut(page), [], 'nothing sticks out at 390 px');
  await shot(page, dir, '01-lv-refused-390');

  await page.fill('input[name=registryCode]', '40003123456');
  await page.getByRole('button', { name: 'Pievienot klīniku' }).click();
  await page.getByTestId('operator-done').waitFor();
  assert.match(await page.getByRole('status').innerText(), /Klīnika “SIA Zobu Prakse Rīga” ir pievienota/);
  const password = await page.getByTestId('operator-password').innerText();
  assert.ok(password.length >= 12, 'a generated password');
  await shot(page, dir, '02-lv-created-390');

  await signInAs(page, 'zobu-prakse-riga', 'admin@zobuprakse.lv', password);
  await page.goto(`${server.url}/clinic`);
  await page.getByRole('heading', { name: 'Klīnikas dati' }).waitFor();
  assert.equal(await page.inputValue('input[name=registryCode]'), '40003123456');
  await shot(page, dir, '03-lv-profile-390');
  await page.close();
});

test('an Estonian clinic added in Estonian; a short name already taken is refused in Estonian', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(`${server.url}/operator/clinics/new`);
  await page.getByLabel('language').selectOption('et');
  await page.getByRole('heading', { name: 'Uus kliinik' }).waitFor();
  await page.fill('input[name=token]', TOKEN);
  await page.fill('input[name=name]', 'Tartu Hambakliinik OÜ');
  assert.equal(await page.inputValue('input[name=slug]'), 'tartu-hambakliinik');
  await page.fill('input[name=slug]', 'zobu-prakse-riga');
  await page.fill('input[name=registryCode]', '12345678');
  await page.getByRole('button', { name: 'Lisa kliinik' }).click();
  assert.equal(await page.getByRole('alert').innerText(), 'Selle lühinimega kliinik on juba olemas.');
  await page.fill('input[name=slug]', 'tartu-hambakliinik');
  await page.getByRole('button', { name: 'Lisa kliinik' }).click();
  await page.getByTestId('operator-done').waitFor();
  assert.match(await page.getByRole('status').innerText(), /Kliinik „Tartu Hambakliinik OÜ“ on lisatud/);
  assert.deepEqual(await sticksOut(page), []);
  await shot(page, dir, '04-et-created-390');
  await page.close();
});
