import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { type FakeSmtp, startFakeSmtp } from '../fakes/smtp';
import { createClinic, patientBody, type TestClinic } from '../harness';
import { publishRegister } from '../integration/queue.fixtures';
import { launchBrowser, outputDir, shot, startServer } from './browser';

let server: Awaited<ReturnType<typeof startServer>>;
let smtp: FakeSmtp;
let browser: Browser;
let clinic: TestClinic;
let patientId: string;
const dir = outputDir('portal');

before(async () => {
  smtp = await startFakeSmtp();
  server = await startServer({ config: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://hoidja.example' } });
  clinic = await createClinic(server, 'portalclinic');
  await publishRegister(await clinic.as('dpo'), 'demo');
  const rec = await clinic.as('receptionist');
  const reg = await rec.post(
    '/api/patients',
    patientBody({ firstName: 'Kadri', lastName: 'Õispuu', email: 'kadri@example.org', preferredLanguage: 'en' }),
  );
  assert.equal(reg.status, 201, JSON.stringify(reg.body));
  patientId = reg.body.patient.id;
  assert.equal((await rec.get(`/api/patients/${patientId}`)).status, 200);
  assert.equal(
    (
      await rec.post(`/api/patients/${patientId}/consents`, {
        purposeKey: 'newsletter',
        action: 'given',
        channel: 'paper',
      })
    ).status,
    201,
  );
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

test('sign in through the e-mailed link, see who looked at my data, withdraw a consent with one click', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}/portal?clinic=${clinic.slug}`);
  await page.getByTestId('portal-language').selectOption('en');
  await page.fill('input[name=email]', 'kadri@example.org');
  await shot(page, dir, '01-ask-for-link');
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await page.getByTestId('portal-link-sent').waitFor();
  await shot(page, dir, '02-link-sent');

  const [mail] = await smtp.waitFor(1);
  assert.deepEqual(mail!.to, ['kadri@example.org']);
  assert.match(mail!.subject, /your sign-in link to the patient portal/);
  const link = /https:\/\/hoidja\.example(\/portal\/enter\?token=\S+)/.exec(mail!.text);
  assert.ok(link, mail!.text);
  await page.goto(`${server.url}${link[1]}`);
  await page.getByTestId('portal-name').waitFor();
  assert.equal(await page.getByTestId('portal-name').innerText(), 'Hello, Kadri Õispuu');
  assert.ok(!page.url().includes('token='), 'the token leaves the address bar');
  assert.match(await page.getByTestId('portal-details').innerText(), /kadri@example\.org/);
  await shot(page, dir, '03-my-details');

  await page.getByRole('tab', { name: 'Who looked at my data' }).click();
  await page.getByTestId('portal-access-history').waitFor();
  const history = await page.getByTestId('portal-access-history').innerText();
  assert.match(history, /receptionist of portalclinic/);
  assert.match(history, /registered you as a patient/);
  assert.match(history, /opened your record/);
  await shot(page, dir, '04-access-history');
  // on a phone each event is a card that fits the screen, every cell labelled
  await page.setViewportSize({ width: 390, height: 844 });
  const box = await page.getByTestId('portal-access-history').boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `the history fits a 390 px screen: ${JSON.stringify(box)}`);
  assert.equal(
    await page.getByTestId('portal-access-history').locator('td[data-label="What they did"]').first().isVisible(),
    true,
  );
  await shot(page, dir, '04-access-history-390');
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByRole('tab', { name: 'My consents' }).click();
  const newsletter = page.getByTestId('consent-newsletter');
  await newsletter.waitFor();
  assert.match(await newsletter.getByTestId('consent-state').innerText(), /Consent given/);
  await shot(page, dir, '05-consents');
  await newsletter.getByRole('button', { name: 'Withdraw consent' }).click();
  await newsletter.getByRole('button', { name: 'Give consent' }).waitFor();
  assert.match(await newsletter.getByTestId('consent-state').innerText(), /Consent withdrawn/);
  assert.equal(await server.services.consents.allows({ clinicId: clinic.id }, patientId, 'newsletter'), false);
  await shot(page, dir, '06-consent-withdrawn');

  await page.getByRole('tab', { name: 'My visits' }).click();
  await page.getByText('No booked visits.').waitFor();

  // the same page in the other three languages
  const expected = {
    et: ['Minu nõusolekud', 'Logi välja'],
    lv: ['Manas piekrišanas', 'Iziet'],
    ru: ['Мои согласия', 'Выйти'],
  } as const;
  for (const [lang, words] of Object.entries(expected)) {
    await page.getByTestId('portal-language').selectOption(lang);
    const text = await page.locator('body').innerText();
    for (const w of words) assert.ok(text.includes(w), `${lang}: "${w}" on the page`);
    await shot(page, dir, `07-portal-${lang}`);
  }

  // the link worked once
  const again = await browser.newPage();
  await again.goto(`${server.url}${link[1]}`);
  await again.getByRole('alert').waitFor();
  await shot(again, dir, '08-link-used');
  await again.close();
  await page.close();
});
