import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { type FakeSmtp, startFakeSmtp } from '../fakes/smtp';
import { createClinic, eeCode, patientBody, type TestClinic } from '../harness';
import { publishRegister } from '../integration/queue.fixtures';
import { launchBrowser, logInThroughPage, outputDir, shot, startServer } from './browser';

let server: Awaited<ReturnType<typeof startServer>>;
let smtp: FakeSmtp;
let browser: Browser;
let clinic: TestClinic;
let jaan: string;
const dir = outputDir('rights');
const phone = { width: 390, height: 844 };
const desk = { width: 1280, height: 900 };

before(async () => {
  smtp = await startFakeSmtp();
  server = await startServer({ config: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://hoidja.example' } });
  clinic = await createClinic(server, 'rightsclinic');
  await publishRegister(await clinic.as('dpo'), 'demo');
  const rec = await clinic.as('receptionist');
  const k = await rec.post(
    '/api/patients',
    patientBody({ firstName: 'Kadri', lastName: 'Õispuu', email: 'kadri@example.org', preferredLanguage: 'en' }),
  );
  assert.equal(k.status, 201, JSON.stringify(k.body));
  const j = await rec.post(
    '/api/patients',
    patientBody({
      firstName: 'Jaan',
      lastName: 'Kask',
      identity: { kind: 'national', country: 'EE', code: eeCode('3760503029') },
      email: 'jaan@example.org',
    }),
  );
  assert.equal(j.status, 201, JSON.stringify(j.body));
  jaan = j.body.patient.id;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

/** Clicks a download link and answers the saved file's text. */
async function download(page: Page, name: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
  return readFile((await file.path())!, 'latin1');
}

test('portal: the person asks for their data on a phone, staff answer in time, the person downloads PDF, CSV and FHIR', async () => {
  const page = await browser.newPage({ viewport: phone });
  await page.goto(`${server.url}/portal?clinic=${clinic.slug}`);
  await page.getByTestId('portal-language').selectOption('en');
  await page.fill('input[name=email]', 'kadri@example.org');
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await page.getByTestId('portal-link-sent').waitFor();
  const [mail] = await smtp.waitFor(1);
  const link = /https:\/\/hoidja\.example(\/portal\/enter\?token=\S+)/.exec(mail!.text);
  assert.ok(link, mail!.text);
  await page.goto(`${server.url}${link[1]}`);
  await page.getByTestId('portal-name').waitFor();

  await page.getByRole('tab', { name: 'My requests' }).click();
  await page.getByText('You have not made any requests.').waitFor();
  await page.getByLabel('I ask for').selectOption('access');
  await page.getByLabel('Anything the clinic should know').fill('All my data since 2021, please.');
  await page.getByRole('button', { name: 'Send the request' }).click();
  const mine = page.getByTestId('portal-request');
  await mine.waitFor();
  assert.match(await mine.innerText(), /A copy of my data/);
  assert.equal(await mine.getByTestId('portal-request-status').innerText(), 'Being handled');
  assert.match(await mine.innerText(), /answer due by \d\d\.\d\d\.\d{4}/);
  await shot(page, dir, '01-portal-request-filed-390-en');

  // the data protection officer sees it on the radar and answers it
  const staff = await browser.newPage({ viewport: desk });
  await logInThroughPage(staff, server.url, clinic.slug, clinic.staff.dpo.email);
  await staff.getByRole('link', { name: 'Data requests' }).click();
  await staff.getByTestId('radar').waitFor();
  assert.equal(await staff.getByTestId('radar-dueThisWeek').innerText(), '0');
  const line = staff.getByTestId('requests').getByTestId('request-line').first();
  assert.match(await line.innerText(), /Kadri Õispuu · Access to data/);
  await shot(staff, dir, '02-staff-requests-radar');
  await line.getByRole('link').click();
  await staff.getByTestId('request-title').waitFor();
  assert.match(await staff.getByTestId('request-facts').innerText(), /signed in to the portal/);
  assert.match(await staff.getByTestId('request-facts').innerText(), /All my data since 2021/);
  const answer = staff.getByTestId('answer');
  assert.match(await answer.innerText(), /The answer goes by patient portal, in English/);
  await answer.getByLabel('Answer').fill('Your data is ready to download in the portal, under "My requests".');
  await answer.getByRole('button', { name: 'Send the answer' }).click();
  await staff.getByTestId('request-answer').waitFor();
  assert.equal(await staff.getByTestId('request-status').innerText(), 'Answered');
  assert.match(await staff.getByTestId('timeline').innerText(), /Request received[\s\S]*Answer sent/);
  await shot(staff, dir, '03-staff-request-answered');
  await staff.close();

  // back in the portal: answered, and the copy downloads in three formats
  await page.reload();
  await page.getByRole('tab', { name: 'My requests' }).click();
  await page.getByTestId('portal-request').waitFor();
  assert.equal(await page.getByTestId('portal-request-status').innerText(), 'Answered');
  assert.match(await page.getByTestId('portal-request').innerText(), /ready to download in the portal/);
  const pdf = await download(page, 'PDF (readable copy)');
  assert.ok(pdf.startsWith('%PDF-'), 'a PDF');
  const csv = await download(page, 'CSV (spreadsheet)');
  assert.match(csv, /Õispuu|Kadri/);
  const fhir = JSON.parse(Buffer.from(await download(page, 'FHIR R4 (health systems)'), 'latin1').toString('utf8'));
  assert.equal(fhir.resourceType, 'Bundle');
  const patient = fhir.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Patient');
  assert.equal(patient.resource.name[0].family, 'Õispuu');
  await shot(page, dir, '04-portal-answered-390-en');

  await page.getByRole('tab', { name: 'Who received my data' }).click();
  await page.getByText('No data has been given to anyone.').waitFor();
  await page.getByTestId('portal-language').selectOption('et');
  await page.getByRole('tab', { name: 'Minu taotlused' }).click();
  await page.getByText('Laadi oma andmed alla').waitFor();
  assert.equal(await page.getByTestId('portal-request-status').innerText(), 'Vastatud');
  await shot(page, dir, '05-portal-requests-390-et');
  await page.getByTestId('portal-language').selectOption('ru');
  assert.equal(await page.getByTestId('portal-request-status').innerText(), 'Дан ответ');
  await page.getByTestId('portal-language').selectOption('lv');
  assert.equal(await page.getByTestId('portal-request-status').innerText(), 'Atbildēts');
  await shot(page, dir, '06-portal-requests-390-lv');
  await page.close();
});

test('complaint: intake with its required fields, the two clocks, assignment, progress, answer letter, archive', async () => {
  const page = await browser.newPage({ viewport: desk });
  await logInThroughPage(page, server.url, clinic.slug, clinic.staff.dpo.email);
  await page.getByRole('link', { name: 'Complaints' }).click();
  await page.getByRole('link', { name: 'Register a complaint' }).first().click();
  const form = page.getByTestId('new-complaint');
  await form.getByLabel('Complainant', { exact: true }).fill('Kadri Õispuu');
  await form.getByLabel('What happened').fill('I waited 90 minutes past my appointment time without any word.');
  await form.getByRole('button', { name: 'Register' }).click();
  // without a claim: the server's field and reason, nothing registered
  await form.getByRole('alert').waitFor();
  assert.match(await form.getByRole('alert').innerText(), /What the complainant asks for/);
  await form.getByLabel('What the complainant asks for').fill('An apology and a new appointment.');
  await form.getByRole('button', { name: 'Register' }).click();
  await form
    .getByRole('alert')
    .filter({ hasText: /contact/i })
    .waitFor();
  await form.getByRole('textbox', { name: 'E-mail' }).fill('kadri@example.org');
  await shot(page, dir, '07-complaint-intake');
  await form.getByRole('button', { name: 'Register' }).click();

  await page.getByTestId('complaint-title').waitFor();
  const reviewBy = await page.getByTestId('review-by').innerText();
  const resolveBy = await page.getByTestId('resolve-by').innerText();
  assert.match(reviewBy, /^\d\d\.\d\d\.\d{4}$/);
  assert.match(resolveBy, /^\d\d\.\d\d\.\d{4}$/);
  const iso = (d: string) => d.split('.').reverse().join('-');
  assert.ok(iso(reviewBy) < iso(resolveBy), 'review comes before resolution');
  assert.equal(await page.getByTestId('complaint-status').innerText(), 'Received');

  await page.getByTestId('assign').getByRole('button', { name: 'Assign' }).click();
  await page.getByText('Assigned.').waitFor();
  assert.equal(await page.getByTestId('complaint-status').innerText(), 'In review');
  await page.getByTestId('progress').getByLabel('Note').fill('Spoke with the doctor; reviewing the day schedule.');
  await page.getByTestId('progress').getByRole('button', { name: 'Progress notice' }).click();
  await page.getByText('The progress notice was recorded.').waitFor();
  await page
    .getByTestId('answer')
    .getByLabel('Answer')
    .fill('We apologise. The doctor was called to an emergency; we have offered you a new time.');
  await page.getByTestId('answer').getByRole('button', { name: 'Record the answer' }).click();
  await page.getByTestId('complaint-answer').waitFor();
  assert.equal(await page.getByTestId('complaint-status').innerText(), 'Answered');
  assert.match(await page.getByTestId('outside-bodies').innerText(), /Terviseamet — quality of health care/);
  await shot(page, dir, '08-complaint-answered');
  await page.getByRole('button', { name: 'Archive' }).click();
  await page.getByTestId('archived').waitFor();
  assert.equal(await page.getByTestId('complaint-status').innerText(), 'Archived');
  assert.match(
    await page.getByTestId('timeline').innerText(),
    /Received[\s\S]*Assigned[\s\S]*Progress notice[\s\S]*Answered[\s\S]*Archived/,
  );
  await page.setViewportSize(phone);
  await shot(page, dir, '09-complaint-archived-390-en');
  await page.getByTestId('language').selectOption('lv');
  assert.equal(await page.getByTestId('complaint-status').innerText(), 'Arhivēta');
  // the outside bodies' roles in the reader's language, not in English
  const bodies = await page.getByTestId('outside-bodies').innerText();
  assert.match(bodies, /Andmekaitse Inspektsioon — personas datu aizsardzība/);
  assert.doesNotMatch(bodies, /personal data protection/);
  await shot(page, dir, '10-complaint-archived-390-lv');
  await page.getByTestId('language').selectOption('en');
  await page.setViewportSize(desk);

  await page.getByRole('link', { name: '← Complaints and suggestions' }).click();
  await page.getByRole('tab', { name: 'Archive' }).click();
  await page.getByTestId('complaints').getByRole('link', { name: 'Kadri Õispuu · Complaint' }).waitFor();
  await page.close();
});

test('a letter request extended with reasons and answered in time; an erasure partly refused for a retention rule', async () => {
  const page = await browser.newPage({ viewport: desk });
  await logInThroughPage(page, server.url, clinic.slug, clinic.staff.dpo.email);
  await page.goto(`${server.url}/patients/${jaan}`);
  await page.getByRole('tab', { name: 'Rights' }).click();
  await page.getByTestId('patient-rights').getByRole('link', { name: 'Register a request' }).click();
  const form = page.getByTestId('new-request');
  await form.getByTestId('picked-patient').waitFor();
  assert.equal(await form.getByTestId('picked-patient').innerText(), 'Jaan Kask');
  await form.getByLabel('Type').selectOption('access');
  await form.getByLabel('Received by').selectOption('letter');
  await form.getByLabel('Identity checked by').selectOption('digital_signature');
  await form.getByLabel('What was seen').fill('DigiDoc container, signature valid');
  await form.getByRole('button', { name: 'Register' }).click();
  await page.getByTestId('request-title').waitFor();
  const due = await page.getByTestId('due-on').innerText();
  assert.match(due, /^\d\d\.\d\d\.\d{4}$/);

  // an extension needs its reasons: first without, then with
  const extend = page.getByTestId('extend');
  await extend.getByRole('button', { name: 'Extend' }).click();
  await page.getByTestId('outcome').waitFor();
  assert.match(await page.getByTestId('outcome').innerText(), /Reasons, as told to the person/);
  await extend.getByLabel('Reasons').fill('Your records are kept in three systems and must be collected by hand.');
  await extend.getByRole('button', { name: 'Extend' }).click();
  await page.getByTestId('extended-due-on').waitFor();
  assert.match(await page.getByTestId('extended-due-on').innerText(), /three systems/);
  // the copy e-mailed encrypted, its password by SMS
  await page.getByTestId('copy').getByRole('button', { name: 'Send the encrypted copy' }).click();
  await page.getByTestId('copy').getByText('Sent to jaan@example.org; the password by SMS to +372…567.').waitFor();
  await shot(page, dir, '11a-encrypted-copy-sent');
  // and once more as CMS to the patient's certificate (pasted as PEM): no password this time
  const copy = page.getByTestId('copy');
  await copy.getByLabel('Encryption').selectOption('certificate');
  await copy.getByRole('textbox', { name: 'Recipient’s certificate' }).fill(selfSigned());
  await copy.getByRole('button', { name: 'Send the encrypted copy' }).click();
  await copy
    .getByText('Sent to jaan@example.org, encrypted to the recipient’s certificate; no password needed.')
    .waitFor();
  await page.reload();
  const steps = page.getByTestId('copy-step');
  await steps.nth(1).waitFor();
  assert.deepEqual(await steps.allInnerTexts(), [
    'password-protected PDF, password by SMS · to the patient',
    'encrypted to the recipient’s certificate (CMS) · to the patient',
  ]);
  await shot(page, dir, '11b-copies-on-the-timeline');
  await page.getByTestId('answer').getByLabel('Answer').fill('Your copy is enclosed with this letter.');
  await page.getByTestId('answer').getByRole('button', { name: 'Send the answer' }).click();
  await page.getByTestId('request-answer').waitFor();
  assert.equal(await page.getByTestId('request-status').innerText(), 'Answered');
  assert.match(await page.getByTestId('timeline').innerText(), /Deadline extended[\s\S]*Answer sent/);
  await shot(page, dir, '11-letter-request-extended-answered');

  // an erasure request: the record is kept by law until a date, the portal data is erased
  const signIn = await server.app.inject({
    method: 'POST',
    url: '/api/portal/login-link',
    payload: { clinic: clinic.slug, email: 'jaan@example.org', lang: 'et' },
  });
  assert.equal(signIn.statusCode, 202, signIn.body);
  const links = () =>
    server.database.raw
      .query<{ n: string }>('select count(*)::text as n from portal_login_links where patient_id = $1', [jaan])
      .then((r) => r[0]!.n);
  // The link is made after the answer (which never says whether the address is known): wait for it.
  for (let i = 0; i < 100 && (await links()) === '0'; i++) await new Promise((done) => setTimeout(done, 50));
  assert.equal(await links(), '1');
  await page.goto(`${server.url}/rights/requests/new?patient=${jaan}`);
  await form.getByTestId('picked-patient').waitFor();
  await form.getByLabel('Type').selectOption('erasure');
  await form.getByLabel('Identity checked by').selectOption('id_document');
  await form.getByRole('button', { name: 'Register' }).click();
  const plan = page.getByTestId('erasure-plan');
  await plan.getByTestId('erasure-patient_record').waitFor();
  const kept = await plan.getByTestId('erasure-patient_record').innerText();
  assert.match(kept, /kept until \d\d\.\d\d\.\d{4} — .{5,}/);
  assert.equal(await plan.getByRole('checkbox', { name: /Patient portal sign-in/ }).isChecked(), true);
  await plan.getByLabel('A word to the person').fill('Call us if you have questions.');
  await page.setViewportSize(phone);
  await shot(page, dir, '12-erasure-plan-390-en');
  await page.setViewportSize(desk);
  await plan.getByRole('button', { name: 'Erase the chosen and answer' }).click();
  await page.getByTestId('request-answer').waitFor();
  assert.equal(await page.getByTestId('request-status').innerText(), 'Answered');
  const letter = await page.getByTestId('request-answer').innerText();
  // Jaan's language is Estonian: the answer is written in it, with the rule and its end date
  assert.match(letter, /Kustutasime:/);
  assert.match(letter, /peame seaduse järgi säilitama[\s\S]*patsienditoimik[^\n]* – kuni \d\d\.\d\d\.\d{4}/);
  assert.match(letter, /Andmekaitse Inspektsioon/);
  assert.match(await page.getByTestId('timeline').innerText(), /Erasure decided/);
  await page.getByTestId('language').selectOption('et');
  await page.getByText('Kustutamise otsus tehtud').waitFor();
  await page.setViewportSize(phone);
  await shot(page, dir, '13-erasure-answered-390-et');
  await page.getByTestId('language').selectOption('ru');
  await page.getByText('Принято решение об удалении').waitFor();
  await page.getByTestId('language').selectOption('en');
  await page.close();
  assert.equal(await links(), '0', "Jaan's portal sign-in link was erased");
});

/** A self-signed RSA certificate (PEM) made by openssl, as a patient would hand over their own. */
function selfSigned(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hoidja-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'k.pem'),
        '-out',
        join(dir, 'c.pem'),
        '-days',
        '30',
        '-subj',
        '/CN=Jaan',
      ],
      { stdio: 'ignore' },
    );
    return readFileSync(join(dir, 'c.pem'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
