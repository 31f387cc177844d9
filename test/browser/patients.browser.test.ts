import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createClinic, eeCode, TEST_PASSWORD, type TestClinic } from '../harness';
import { launchBrowser, logInThroughPage, outputDir, shot, startServer } from './browser';
import { sticksOut } from './narrow';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let clinic: TestClinic;
const dir = outputDir('patients');

before(async () => {
  server = await startServer();
  clinic = await createClinic(server, 'browserclinic');
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('login → register a patient → find them → see who looked at their data', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}/`);
  await page.getByTestId('language').selectOption('en');
  await page.fill('input[name=clinic]', clinic.slug);
  await page.fill('input[name=email]', clinic.staff.receptionist.email);
  await page.fill('input[name=password]', 'wrong password!!');
  await page.click('button[type=submit]');
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /Wrong clinic, e-mail or password/);
  await page.fill('input[name=password]', TEST_PASSWORD);
  await shot(page, dir, '01-login');
  await page.click('button[type=submit]');
  await page.getByTestId('current-user').waitFor();

  await page.getByRole('link', { name: 'Patients', exact: true }).click();
  await page.getByRole('button', { name: 'Register a patient' }).click();
  await page.fill('input[name=firstName]', 'Kadri');
  await page.fill('input[name=lastName]', 'Õispuu');
  // live validation: a wrong check digit is flagged before anything is sent
  const code = eeCode('4880412023');
  const wrong = code.slice(0, 10) + ((Number(code[10]) + 1) % 10);
  await page.fill('input[name=code]', wrong);
  assert.match(await page.getByTestId('id-feedback').innerText(), /check digit is wrong/);
  await page.fill('input[name=code]', code);
  assert.match(await page.getByTestId('id-feedback').innerText(), /Born 1988-04-12, female/);
  await page.fill('input[name=mobile]', '5551 2345');
  await page.fill('input[name=email]', 'kadri@example.org');
  await shot(page, dir, '02-register');
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  await page.getByTestId('patient-name').waitFor();
  assert.equal(await page.getByTestId('patient-name').innerText(), 'Kadri Õispuu');
  assert.match(await page.locator('dl.facts').innerText(), /\+37255512345/);

  await page.getByRole('link', { name: 'Patients', exact: true }).click();
  await page.fill('input[name=query]', 'õisp');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByTestId('patient-results').waitFor();
  assert.match(await page.getByTestId('patient-results').innerText(), /Õispuu, Kadri/);
  // and by ID code, which never goes into the URL
  await page.fill('input[name=query]', code);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByTestId('patient-results').getByText('Õispuu, Kadri').waitFor();
  assert.ok(!page.url().includes(code));
  await shot(page, dir, '03-search');
  await page.getByTestId('patient-results').getByText('Õispuu, Kadri').click();
  await page.getByTestId('patient-name').waitFor();

  await page.getByRole('tab', { name: 'Who viewed the data' }).click();
  await page.getByTestId('access-history').waitFor();
  const history = await page.getByTestId('access-history').innerText();
  assert.match(history, /receptionist of browserclinic/);
  assert.match(history, /registered/);
  assert.match(history, /saw in search results/);
  assert.match(history, /viewed the record/);
  await shot(page, dir, '04-access-history');

  // every visible string in the other three languages
  const expected = {
    et: ['Patsiendid', 'Kes on andmeid vaadanud', 'Logi välja'],
    lv: ['Pacienti', 'Kas skatīja datus', 'Iziet'],
    ru: ['Пациенты', 'Кто просматривал данные', 'Выйти'],
  } as const;
  for (const [lang, words] of Object.entries(expected)) {
    await page.getByTestId('language').selectOption(lang);
    const text = await page.locator('body').innerText();
    for (const w of words) assert.ok(text.includes(w), `${lang}: "${w}" on the page`);
    await shot(page, dir, `05-patient-${lang}`);
  }
  await page.close();
});

test('a doctor who does not treat the patient must state a reason, and it is flagged', async () => {
  const rec = await clinic.as('receptionist');
  const reg = await rec.post('/api/patients', {
    firstName: 'Peeter',
    lastName: 'Paju',
    identity: { kind: 'national', country: 'EE', code: eeCode('3700101000') },
    preferredLanguage: 'et',
  });
  assert.equal(reg.status, 201);
  const page = await browser.newPage();
  await logInThroughPage(page, server.url, clinic.slug, clinic.staff.doctor.email);
  await page.getByTestId('current-user').waitFor();
  await page.goto(`${server.url}/patients/${reg.body.patient.id}`);
  await shot(page, dir, '06-before-reason');
  await page.getByText('You do not treat this patient').waitFor();
  await page.fill('input[name=reason]', 'on call: emergency consultation');
  await page.getByRole('button', { name: 'Open the record' }).click();
  await page.getByTestId('patient-name').waitFor();
  assert.match(await page.locator('body').innerText(), /break-the-glass access/);
  await shot(page, dir, '06-break-glass');
  await page.close();
});

test('reception corrects the record (history shown), sees visits and invoices, and a duplicate ID code offers the existing patient — at 390 px, in Latvian and Estonian', async () => {
  const rec = await clinic.as('receptionist');
  const code = eeCode('4910203033');
  const reg = await rec.post('/api/patients', {
    firstName: 'Liisa',
    lastName: 'Kask',
    identity: { kind: 'national', country: 'EE', code },
    preferredLanguage: 'et',
    address: { street: 'Pikk 1', city: 'Tallinn', postalCode: '10123', country: 'EE' },
  });
  assert.equal(reg.status, 201);
  const id = reg.body.patient.id as string;
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await logInThroughPage(page, server.url, clinic.slug, clinic.staff.receptionist.email);
  await page.getByTestId('language').selectOption('lv');
  await page.goto(`${server.url}/patients/${id}`);
  await page.getByTestId('patient-name').waitFor();
  const book = page.getByRole('link', { name: 'Pierakstīt vizīti' });
  assert.equal(await book.getAttribute('href'), `/calendar?patient=${id}`);

  // A correction of name, address and language, with its reason.
  await page.getByRole('button', { name: 'Labot datus' }).click();
  await page.getByTestId('patient-edit').waitFor();
  assert.match(await page.getByTestId('patient-edit').innerText(), /Veselības datus var labot tikai ārstējošais ārsts/);
  await page.fill('input[name=lastName]', 'Kask-Tamm');
  await page.fill('input[name=city]', 'Tartu');
  await page.locator('select[name=preferredLanguage]').selectOption('lv');
  await page.fill('input[name=changeReason]', 'apprecējās, pārcēlās');
  assert.deepEqual(await sticksOut(page), [], 'the correction form fits 390 px');
  await shot(page, dir, '07-correct-lv');
  await page.getByRole('button', { name: 'Saglabāt' }).click();
  await page.getByRole('status').waitFor();
  // The record is read again after the save.
  await page.getByTestId('patient-name').getByText('Liisa Kask-Tamm', { exact: true }).waitFor();
  await page.getByTestId('patient-facts').getByText(/Tartu/).waitFor();
  await page.getByRole('tab', { name: 'Izmaiņu vēsture' }).click();
  await page.getByTestId('patient-history').waitFor();
  const history = await page.getByTestId('patient-history').innerText();
  assert.match(history, /Uzvārds/, 'the field in the page’s words');
  assert.match(history, /Kask\b/, 'the earlier value is kept');
  assert.match(history, /Tallinn/);
  assert.match(history, /apprecējās, pārcēlās/);
  assert.deepEqual(await sticksOut(page), [], 'the history fits 390 px');
  await shot(page, dir, '08-history-lv');

  await page.getByRole('tab', { name: 'Vizītes un rēķini' }).click();
  await page.getByTestId('patient-visits').waitFor();
  await page.getByText('Vizīšu nav.').first().waitFor();
  assert.match(await page.getByTestId('patient-visits').innerText(), /Rēķini/);
  assert.deepEqual(await sticksOut(page), [], 'visits and invoices fit 390 px');

  // The same ID code again, in Estonian: the page offers the existing patient.
  await page.getByTestId('language').selectOption('et');
  await page.goto(`${server.url}/patients/new`);
  await page.fill('input[name=firstName]', 'Liisa');
  await page.fill('input[name=lastName]', 'Kask');
  await page.fill('input[name=code]', code);
  await page.getByRole('button', { name: 'Registreeri', exact: true }).click();
  const dup = page.getByTestId('duplicate-patient');
  await dup.waitFor();
  assert.match(await dup.innerText(), /Selle isikukoodiga patsient on juba registreeritud/);
  assert.deepEqual(await sticksOut(page), [], 'the registration form fits 390 px');
  await shot(page, dir, '09-duplicate-et');
  await dup.getByRole('link', { name: 'Ava olemasolev patsient' }).click();
  await page.getByTestId('patient-name').waitFor();
  assert.equal(await page.getByTestId('patient-name').innerText(), 'Liisa Kask-Tamm');
  assert.ok(page.url().endsWith(`/patients/${id}`));
  await page.close();
});
