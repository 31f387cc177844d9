import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { type FakeSmsApi, startFakeSmsApi } from '../fakes/sms-api';
import { type FakeSmtp, startFakeSmtp } from '../fakes/smtp';
import { createClinic, eeCode, patientBody, type TestClinic } from '../harness';
import { publishRegister } from '../integration/queue.fixtures';
import { launchBrowser, outputDir, shot, startServer } from './browser';
import { sticksOut } from './narrow';

let server: Awaited<ReturnType<typeof startServer>>;
let smtp: FakeSmtp;
let sms: FakeSmsApi;
let browser: Browser;
let clinic: TestClinic;
let patientId: string;
const dir = outputDir('portal');

before(async () => {
  smtp = await startFakeSmtp();
  sms = await startFakeSmsApi();
  server = await startServer({
    config: {
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'https://hoidja.example',
      SMS_API_URL: sms.url,
      SMS_API_USER: sms.username,
      SMS_API_PASSWORD: sms.password,
      SMS_SENDER: 'Clinic',
    },
  });
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
  await sms?.close();
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

test('a parent signs in by text message, acts for each child in turn and asks for a child’s data, on a phone', async () => {
  const rec = await clinic.as('receptionist');
  const children: Record<string, string> = {};
  for (const [first, code] of [
    ['Anna', eeCode('6170402022')],
    ['Robin', eeCode('5190917022')],
  ] as const) {
    const r = await rec.post(
      '/api/patients',
      patientBody({
        firstName: first,
        lastName: 'Mets',
        identity: { kind: 'national', country: 'EE', code },
        email: null,
        mobile: null,
        preferredLanguage: 'en',
      }),
    );
    assert.equal(r.status, 201, JSON.stringify(r.body));
    children[first] = r.body.patient.id;
    const rep = await rec.post(`/api/patients/${r.body.patient.id}/representatives`, {
      kind: 'parent',
      firstName: 'Maarja',
      lastName: 'Mets',
      identity: { kind: 'national', country: 'EE', code: eeCode('4880808022') },
      mobile: '+372 5300 1122',
      basis: 'birth certificate',
      authorityFrom: '2017-04-02',
      authorityUntil: '2037-09-17',
    });
    assert.equal(rep.status, 201, JSON.stringify(rep.body));
  }
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(`${server.url}/portal?clinic=${clinic.slug}`);
  await page.getByTestId('portal-language').selectOption('en');
  await page.getByRole('tab', { name: 'By text message' }).click();
  await page.fill('input[name=mobile]', '5300 1122');
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await page.getByTestId('portal-link-sent').waitFor();
  assert.match(await page.getByTestId('portal-link-sent').innerText(), /by text message/);
  await shot(page, dir, '10-link-by-sms-390');

  const [text] = await sms.waitFor(1);
  assert.equal(text!.to, '+37253001122');
  const link = /https:\/\/hoidja\.example(\/portal\/enter\?token=\S+)/.exec(text!.text);
  assert.ok(link, text!.text);
  await page.goto(`${server.url}${link[1]}`);
  await page.getByTestId('portal-representing').waitFor();
  assert.equal(await page.getByTestId('portal-name').innerText(), 'Anna Mets');
  assert.match(await page.getByTestId('portal-representing').innerText(), /acting for Anna Mets as their parent/);
  assert.deepEqual(await sticksOut(page), [], 'nothing sticks out of a 390 px screen');
  await shot(page, dir, '11-acting-for-anna-390');

  // to Robin: the page is now Robin's, and the request is filed for Robin
  const robin = await page
    .getByTestId('portal-acting-for')
    .locator('option', { hasText: 'Robin Mets' })
    .getAttribute('value');
  await page.getByTestId('portal-acting-for').selectOption(robin!);
  await page.getByTestId('portal-name').getByText('Robin Mets', { exact: true }).waitFor();
  assert.match(await page.getByTestId('portal-representing').innerText(), /Robin Mets/);
  await page.getByRole('tab', { name: 'My requests' }).click();
  await page.getByTestId('portal-new-request').waitFor();
  await page.getByTestId('portal-new-request').locator('select[name=kind]').selectOption('access');
  await page.getByRole('button', { name: 'Send the request' }).click();
  await page.getByTestId('portal-request').first().waitFor();
  assert.deepEqual(await sticksOut(page), []);
  await shot(page, dir, '12-request-for-robin-390');
  const staff = await clinic.as('dpo');
  const list = await staff.get(`/api/requests?patientId=${children.Robin}`);
  assert.equal(list.status, 200, JSON.stringify(list.body));
  assert.equal(list.body.items.length, 1);
  assert.ok(list.body.items[0].representativeId, 'filed by the representative');
  const annas = await staff.get(`/api/requests?patientId=${children.Anna}`);
  assert.equal(annas.body.items.length, 0);

  // consents of a represented child are shown, not changed, in the portal
  await page.getByRole('tab', { name: 'My consents' }).click();
  await page.getByText('Consents for the person you represent are given and withdrawn at the clinic.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Give consent' }).count(), 0);

  // the same words in the other languages
  for (const [lang, words] of Object.entries({ et: 'lapsevanem', lv: 'vecāks', ru: 'родитель' })) {
    await page.getByTestId('portal-language').selectOption(lang);
    assert.match(await page.getByTestId('portal-representing').innerText(), new RegExp(words));
  }
  await page.close();
});
