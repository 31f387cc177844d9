import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createClinic, patientBody, type TestClinic } from '../harness';
import { launchBrowser, logInThroughPage, outputDir, shot, startServer } from './browser';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let clinic: TestClinic;
const dir = outputDir('register');

before(async () => {
  server = await startServer();
  clinic = await createClinic(server, 'privacyclinic');
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function loginAs(page: Page, who: 'dpo' | 'receptionist') {
  await logInThroughPage(page, server.url, clinic.slug, clinic.staff[who].email);
  await page.getByTestId('current-user').waitFor();
}

test('the DPO loads a template, sees a bad line refused, previews four languages side by side and publishes', async () => {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await loginAs(page, 'dpo');
  await page.getByRole('link', { name: 'Data protection' }).click();
  await page.selectOption('select[name=preset]', 'sensus');
  await page.getByRole('button', { name: 'Load template' }).click();
  await page.waitForFunction(() =>
    (document.querySelector('textarea[name=registerYaml]') as HTMLTextAreaElement).value.includes('Sensus etc OÜ'),
  );

  // A typo in the legal basis: refused with its line, nothing saved.
  const yaml = await page.inputValue('textarea[name=registerYaml]');
  const broken = yaml.replace('legalBasis: [c]', 'legalBasis: [x]');
  const line = broken.split('\n').findIndex((l) => l.includes('legalBasis: [x]')) + 1;
  await page.fill('textarea[name=registerYaml]', broken);
  await page.getByRole('button', { name: 'Check and save' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(
    await page.getByRole('alert').innerText(),
    new RegExp(`register\\.yaml:${line}:\\d+: unknown legal basis "x"`),
  );
  await shot(page, dir, '01-refused');

  await page.fill('textarea[name=registerYaml]', yaml);
  await page.getByRole('button', { name: 'Check and save' }).click();
  await page.getByRole('status').getByText('Saved, revision 1').waitFor();
  const previews = page.getByTestId('previews');
  await previews.locator('[data-lang=ru]').waitFor();
  assert.match(await previews.locator('[data-lang=et]').innerText(), /Isikuandmete töötlemise teave/);
  assert.match(await previews.locator('[data-lang=lv]').innerText(), /Paziņojums par personas datu apstrādi/);
  assert.match(await previews.locator('[data-lang=en]').innerText(), /Privacy notice/);
  assert.match(await previews.locator('[data-lang=ru]').innerText(), /Информация об обработке персональных данных/);
  await shot(page, dir, '02-preview');

  await page.fill('input[name=summary]', 'first version');
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByTestId('versions').getByText('first version').waitFor();
  await shot(page, dir, '03-published');

  const pub = await browser.newPage();
  await pub.goto(`${server.url}/clinics/${clinic.slug}/privacy?lang=lv`);
  assert.match(await pub.locator('h1').innerText(), /Paziņojums par personas datu apstrādi/);
  assert.match(await pub.content(), /1\. versija, publicēta/);
});

test('staff record and withdraw a consent on the patient page', async () => {
  const reg = await (await clinic.as('dpo')).get('/api/register');
  if (!reg.body.document) throw new Error('the first test imports the register');
  const rec = await clinic.as('receptionist');
  const created = await rec.post(
    '/api/patients',
    patientBody({
      firstName: 'Liisa',
      lastName: 'Kask',
      identity: {
        kind: 'document',
        documentType: 'passport',
        documentNumber: 'X1234567',
        documentCountry: 'FI',
        birthDate: '1990-02-03',
      },
    }),
  );
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await loginAs(page, 'receptionist');
  await page.goto(`${server.url}/patients/${created.body.patient.id}`);
  await page.getByRole('tab', { name: 'Consents' }).click();
  const row = page.locator('tr[data-purpose=satisfaction]');
  await row.waitFor();
  assert.match(await row.innerText(), /legitimate interest/);
  assert.match(await page.getByTestId('state-satisfaction').innerText(), /no objection/);
  await page.selectOption('select[name=consentChannel]', 'phone');
  await row.getByRole('button', { name: 'Record objection' }).click();
  await page.getByTestId('state-satisfaction').getByText('objected').waitFor();
  await row.getByRole('button', { name: 'Lift objection' }).waitFor();
  assert.match(await page.getByTestId('consents').innerText(), /objected \(by phone\)/);
  await shot(page, dir, '04-consents');
});

test('a patient withdraws a consent with one click from the link in a message', async () => {
  const dpo = await clinic.as('dpo');
  assert.equal(
    (await dpo.post('/api/register/import', { text: readFileSync('presets/demo.yaml', 'utf8') })).status,
    200,
  );
  const rec = await clinic.as('receptionist');
  const created = await rec.post(
    '/api/patients',
    patientBody({
      firstName: 'Olev',
      lastName: 'Mets',
      email: 'olev@example.org',
      identity: {
        kind: 'document',
        documentType: 'passport',
        documentNumber: 'Y7654321',
        documentCountry: 'FI',
        birthDate: '1980-05-06',
      },
    }),
  );
  const patientId = created.body.patient.id as string;
  assert.equal(
    (
      await rec.post(`/api/patients/${patientId}/consents`, {
        purposeKey: 'newsletter',
        action: 'given',
        channel: 'on_site',
      })
    ).status,
    201,
  );
  const { consents, links } = server.services;
  assert.equal(await consents.allows({ clinicId: clinic.id }, patientId, 'newsletter'), true);

  const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  await page.goto(
    `${server.url}/consents/withdraw?lang=lv&token=${encodeURIComponent(links.token({ clinicId: clinic.id, patientId, purposeKey: 'newsletter' }))}`,
  );
  assert.match(await page.locator('body').innerText(), /jaunumu vēstule un piedāvājumi/);
  await shot(page, dir, '05-withdraw-link');
  await page.getByRole('button', { name: 'Atsaukt piekrišanu' }).click();
  await page.getByRole('status').waitFor();
  assert.match(await page.getByRole('status').innerText(), /Piekrišana ir atsaukta/);
  assert.equal(await consents.allows({ clinicId: clinic.id }, patientId, 'newsletter'), false, 'in force at once');
  const audited = await server.database.raw.query<{ n: string }>(
    `select count(*)::text n from audit_events where clinic_id = $1 and action = 'consent.withdrawn' and patient_ref = $2`,
    [clinic.id, patientId],
  );
  assert.equal(audited[0]!.n, '1');
  await shot(page, dir, '06-withdrawn');
});
