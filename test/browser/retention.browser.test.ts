import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { systemContext } from '../../src/platform/access';
import { createClinic, eeCode, login, patientBody, type TestClinic } from '../harness';
import { launchBrowser, logInThroughPage, outputDir, shot, startServer } from './browser';
import { sticksOut } from './narrow';

/**
 * A retention run seen by the DPO from its plan to its report: the register's rules with the
 * expired counts, a hold placed with its reason, the run, the report that agrees with the plan, and
 * the patient page that says what goes when and why it is kept; at 390 px in Estonian and Latvian.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let clinic: TestClinic;
const dir = outputDir('retention');
const setClock = (iso: string) => (server.clock as unknown as { set(d: string): void }).set(iso);
const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  server.database.raw.query<T>(sql, params);
const ids: Record<string, string> = {};

async function patientWithInvoice(date: string, code: string) {
  setClock(`${date}T08:00:00Z`);
  const rec = await login(server.app, clinic.slug, clinic.staff.receptionist.email);
  const doc = await login(server.app, clinic.slug, clinic.staff.doctor.email);
  const p = await rec.post('/api/patients', patientBody({ identity: { kind: 'national', country: 'EE', code } }));
  assert.equal(p.status, 201, JSON.stringify(p.body));
  await rec.post(`/api/patients/${p.body.patient.id}/care-team`, { staffUserId: clinic.staff.doctor.id });
  const v = await doc.post('/api/billing/visits/services', {
    patientId: p.body.patient.id,
    visitDate: date,
    services: [{ code: 'FILL' }],
  });
  assert.equal(v.status, 201, JSON.stringify(v.body));
  const inv = await rec.post('/api/billing/invoices', { visitId: v.body.visitId });
  assert.equal(inv.status, 201, JSON.stringify(inv.body));
  return { patient: p.body.patient.id as string, invoice: inv.body.id as string };
}

before(async () => {
  // No background worker: its nightly run would remove the old invoices before the DPO looks.
  server = await startServer({ start: '2017-09-01T08:00:00Z', config: { WORKER: 'off' } });
  clinic = await createClinic(server, 'keepclinic');
  await server.services.register.importText(
    systemContext(clinic.id, 'cli'),
    readFileSync('presets/demo.yaml', 'utf8').replace('slug: demo', 'slug: keepclinic'),
    'demo.yaml',
  );
  const acc = await login(server.app, clinic.slug, clinic.staff.accountant.email);
  const price = await acc.post('/api/billing/price-list', {
    validFrom: '2017-07-01',
    code: 'FILL',
    price: '60.00',
    benefitEligible: true,
    names: { et: 'Plomb', lv: 'Plomba', en: 'Filling', ru: 'Пломба' },
  });
  assert.equal(price.status, 201, JSON.stringify(price.body));
  const a = await patientWithInvoice('2017-09-01', eeCode('3800101000'));
  const b = await patientWithInvoice('2017-10-02', eeCode('3800202000'));
  Object.assign(ids, { patient: a.patient, old: a.invoice, kept: b.invoice });
  // Early 2025: both 2017 invoices are past the seven years of the Accounting Act.
  setClock('2025-01-06T09:00:00Z');
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the DPO sees the plan, places a hold, runs retention and reads a report that agrees with the plan', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('dialog', (d) => void d.accept());
  await logInThroughPage(page, server.url, clinic.slug, clinic.staff.dpo.email);
  await page.getByRole('link', { name: 'Oversight' }).click();
  const plan = page.getByTestId('retention-plan');
  await plan.waitFor();
  const accounting = plan.locator('tr[data-target=accounting]');
  assert.match(
    await accounting.innerText(),
    /Invoices and accounting documents[\s\S]*7 years[\s\S]*delete\s+2\s+2017-09-01/,
  );
  assert.match(await plan.locator('tr[data-target=patient_record]').innerText(), /dental record card · 110 years/);

  // A dispute over the second patient's invoice: held by the whole accounting target, with a reason.
  await page.selectOption('select[name=holdKind]', 'dispute');
  await page.selectOption('select[name=holdTarget]', 'accounting');
  await page.fill('input[name=holdReason]', 'court case 2-25/118 about the 2017 invoices');
  await page.fill('input[name=holdOwner]', 'DPO Mari Maasikas');
  await page.getByRole('button', { name: 'Place the hold' }).click();
  await page.getByTestId('holds').getByText('court case 2-25/118').waitFor();
  await accounting.locator('td').nth(5).getByText('2').waitFor();
  assert.match(await accounting.innerText(), /delete\s+0\s+/, 'nothing of the accounting target would go now');
  await shot(page, dir, '01-plan-held');

  // Released: the run may delete them; the run's report matches its plan.
  await page.getByTestId('holds').getByRole('button', { name: 'Release' }).click();
  await page.getByRole('status').getByText('The hold was released.').waitFor();
  await accounting.locator('td').nth(3).getByText('2').waitFor();
  const planned = Object.fromEntries(
    await plan
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => [r.getAttribute('data-target'), r.querySelectorAll('td')[3]!.textContent]),
      ),
  );
  await page.getByRole('button', { name: 'Run retention now' }).click();
  const report = page.getByTestId('retention-report');
  await report.waitFor();
  for (const target of ['accounting', 'staff_sessions', 'outbox', 'booking_requests']) {
    const cells = await report.locator(`tr[data-target=${target}] td`).allInnerTexts();
    assert.equal(cells[1], planned[target], `${target}: planned in the report as in the plan`);
    assert.equal(Number(cells[2]), Number(planned[target]), `${target}: deleted what was planned`);
  }
  assert.match(await report.innerText(), /finished/);
  assert.equal((await q(`select 1 from invoices where id in ($1, $2)`, [ids.old, ids.kept])).length, 0);
  await page.getByTestId('retention-runs').getByText('by hand').waitFor();
  await accounting.locator('td').nth(3).getByText('0').waitFor();
  await shot(page, dir, '02-report');
  await page.close();
});

test('the patient page says when the record goes and why it is kept, at 390 px in Estonian and Latvian', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await logInThroughPage(page, server.url, clinic.slug, clinic.staff.receptionist.email);
  await page.getByTestId('language').selectOption('et');
  await page.goto(`${server.url}/patients/${ids.patient}`);
  await page.getByRole('tab', { name: 'Säilitamine' }).click();
  const view = page.getByTestId('patient-retention');
  const record = view.locator('[data-target=patient_record]');
  await record.waitFor();
  assert.match(await record.innerText(), /Kustutatakse alates 2090-01-02\./);
  assert.match(await record.innerText(), /Nii kaua hoiab: hambaravikaart/);
  assert.match(await record.innerText(), /110 aastat alates sünnist, kuni 2090-01-02/);
  assert.match(await record.innerText(), /30 aastat alates viimasest visiidist, kuni 2047-09-02/);
  assert.match(await view.locator('[data-target=accounting]').innerText(), /Patsiendil pole arveid/);
  await shot(page, dir, '03-patient-et-390');
  assert.deepEqual(await sticksOut(page), [], 'nothing sticks out sideways at 390 px');
  await page.getByTestId('language').selectOption('lv');
  await record.getByText('Tiks dzēsti no 2090-01-02.').waitFor();
  await shot(page, dir, '04-patient-lv-390');

  // The DPO on a phone: the oversight page in Latvian.
  const dpoPage = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await logInThroughPage(dpoPage, server.url, clinic.slug, clinic.staff.dpo.email);
  await dpoPage.getByTestId('language').selectOption('lv');
  await dpoPage.getByRole('link', { name: 'Uzraudzība' }).click();
  await dpoPage.getByTestId('retention-plan').waitFor();
  await dpoPage.getByRole('heading', { name: 'Dzēšanas aizliegumi' }).waitFor();
  await shot(dpoPage, dir, '05-plan-lv-390');
  assert.deepEqual(await sticksOut(dpoPage), [], 'the plan scrolls inside its card, not the page');
  await page.close();
  await dpoPage.close();
});
