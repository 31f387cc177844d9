import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createClinic, eeCode, patientBody, type TestClinic } from '../harness';
import { launchBrowser, logInThroughPage, outputDir, shot, startServer } from './browser';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let clinic: TestClinic;
const dir = outputDir('billing');

before(async () => {
  server = await startServer();
  clinic = await createClinic(server, 'billclinic');
  browser = await launchBrowser();
  const acc = await clinic.as('accountant');
  for (const item of [
    {
      code: 'VF',
      kind: 'visit_fee',
      price: '5.00',
      benefitEligible: false,
      names: { et: 'Visiiditasu', lv: 'Vizītes maksa', en: 'Visit fee', ru: 'Плата за визит' },
    },
    {
      code: 'FILL',
      price: '60.00',
      benefitEligible: true,
      names: { et: 'Plomb', lv: 'Plomba', en: 'Filling', ru: 'Пломба' },
    },
  ]) {
    const r = await acc.post('/api/billing/price-list', { validFrom: '2017-07-01', ...item });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  const rec = await clinic.as('receptionist');
  const p = await rec.post(
    '/api/patients',
    patientBody({
      firstName: 'Tiina',
      lastName: 'Kask',
      identity: { kind: 'national', country: 'EE', code: eeCode('4800707000') },
      preferredLanguage: 'en',
    }),
  );
  assert.equal(p.status, 201, JSON.stringify(p.body));
  await rec.post(`/api/patients/${p.body.patient.id}/care-team`, { staffUserId: clinic.staff.doctor.id });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function loginAs(who: 'doctor' | 'receptionist' | 'accountant'): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await logInThroughPage(page, server.url, clinic.slug, clinic.staff[who].email);
  await page.getByTestId('current-user').waitFor();
  return page;
}

test('visit → the doctor records services → reception issues the invoice with the benefit → paid', async () => {
  const doctor = await loginAs('doctor');
  await doctor.getByRole('link', { name: 'Billing' }).click();
  await doctor.getByRole('link', { name: 'Record services' }).click();
  await doctor.fill('input[name=patientQuery]', 'Kask');
  await doctor.getByRole('button', { name: 'Search' }).click();
  await doctor.getByTestId('patient-choices').getByText('Kask, Tiina').click();
  await doctor.getByTestId('chosen-patient').waitFor();
  await doctor.selectOption('select[name=code-0]', 'FILL');
  await shot(doctor, dir, '01-record-services');
  await doctor.getByRole('button', { name: 'Save services' }).click();
  await doctor.getByText('Services saved.').waitFor();
  await doctor.close();

  const desk = await loginAs('receptionist');
  await desk.getByRole('link', { name: 'Billing' }).click();
  await desk.getByTestId('pending-visits').getByText('Tiina Kask').click();
  await desk.getByTestId('invoice-preview').waitFor();
  const preview = await desk.getByTestId('invoice-preview').innerText();
  // 2024 onwards: an adult gets €60 a year and pays at least half: €60 filling → €30 + €5 visit fee.
  assert.match(preview, /adult/);
  assert.match(await desk.getByTestId('patient-share').innerText(), /35\.00/);
  // The state portal shows €40 used at another clinic this year: €20 is left.
  await desk.getByRole('button', { name: /Benefit basis/ }).click();
  await desk.fill('input[name=usedElsewhere]', '40.00');
  await desk.getByRole('button', { name: 'Save', exact: true }).click();
  await desk
    .getByTestId('patient-share')
    .getByText(/45\.00/)
    .waitFor();
  await shot(desk, dir, '02-invoice-preview');
  await desk.getByRole('button', { name: 'Issue the invoice' }).click();
  await desk.getByTestId('invoice-number').waitFor();
  assert.match(await desk.getByTestId('invoice-number').innerText(), /Invoice 000001/);
  assert.match(await desk.getByTestId('invoice-shares').innerText(), /Health Insurance Fund\s+20\.00/);

  // A partial payment in cash, then the rest by card.
  await desk.fill('input[name=amount]', '20.00');
  await desk.selectOption('select[name=method]', 'cash');
  await desk.getByRole('button', { name: 'Record payment' }).click();
  await desk.getByTestId('payments').getByText('20.00').waitFor();
  assert.equal(await desk.inputValue('input[name=amount]'), '25.00');
  await desk.selectOption('select[name=method]', 'card');
  await desk.getByRole('button', { name: 'Record payment' }).click();
  await desk.getByTestId('paid').waitFor();
  assert.match(await desk.locator('dl.facts').innerText(), /Tiina Kask/);
  await shot(desk, dir, '03-paid');

  const expected = {
    et: ['Arved', 'Arve on tasutud.', 'Tervisekassa'],
    lv: ['Rēķini', 'Rēķins ir apmaksāts.', 'Veselības apdrošināšanas fonds'],
    ru: ['Счета', 'Счёт оплачен.', 'Больничная касса'],
  } as const;
  for (const [lang, words] of Object.entries(expected)) {
    await desk.getByTestId('language').selectOption(lang);
    const text = await desk.locator('body').innerText();
    for (const w of words) assert.ok(text.includes(w), `${lang}: "${w}" on the page`);
    await shot(desk, dir, `04-paid-${lang}`);
  }
  await desk.close();
});

test("the accountant sees this month's benefit to claim from the Fund", async () => {
  const page = await loginAs('accountant');
  await page.getByRole('link', { name: 'Billing' }).click();
  await page.getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('button', { name: 'Show' }).click();
  await page.getByTestId('benefit-report').waitFor();
  const text = await page.getByTestId('benefit-report').innerText();
  assert.match(text, /Benefit to claim from the Fund: 20\.00 €/);
  assert.match(text, /Tiina Kask/);
  await shot(page, dir, '05-benefit-report');
  await page.close();
});
