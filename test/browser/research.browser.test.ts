/**
 * The DPO makes a pseudonymised research extract in the web app (issue 10, item 6), in Estonian on
 * a phone: only the patient who consented is in it, no name or phone number shows, and the basis
 * the register gives (consent) is said in words.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { addPatient, type QueueWorld, queueWorld, visit } from '../integration/queue.fixtures';
import { launchBrowser, logInThroughPage, outputDir, shot } from './browser';
import { sticksOut } from './narrow';

let w: QueueWorld;
let url: string;
let browser: Browser;
const dir = outputDir('research');

before(async () => {
  w = await queueWorld('researchweb');
  for (const n of [91, 92]) {
    const id = await addPatient(w, n, { firstName: 'Liisa', lastName: `Uurija${n}` });
    const e = await w.rec.post(
      '/api/queue/entries',
      visit(w, {
        patientId: id,
        startsAt: `2026-12-22T${n - 80}:00:00+02:00`,
        complaint: `valu 46 hambas, tel 5123 4567`,
      }),
    );
    assert.equal(e.status, 201, JSON.stringify(e.body));
    // The first consented to research (the demo register bases research on consent); the second did not.
    if (n === 91)
      await w.t.database.raw.query(
        `insert into consent_events (clinic_id, id, patient_id, purpose_key, action, channel, recorded_at)
         values ($1, $2, $3, 'research', 'given', 'paper', '2026-12-14T08:00:00Z')`,
        [w.clinic.id, randomUUID(), id],
      );
  }
  await w.t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = w.t.app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await w?.close();
});

test('the DPO makes a research extract: only the consenting patient, pseudonymised, on a phone in Estonian', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await logInThroughPage(page, url, w.clinic.slug, w.clinic.staff.dpo.email);
  await page.getByTestId('language').selectOption('et');
  await page.goto(`${url}/retention`);
  await page.getByRole('link', { name: 'Uuringuandmed' }).click();
  await page.getByRole('heading', { name: 'Uurimis- ja õppeandmed' }).waitFor();
  await page.fill('input[name=project]', 'ut-2027');
  await page.fill('input[name=recipient]', 'Tartu Ülikool');
  await page.getByRole('button', { name: 'Koosta väljavõte' }).click();
  const status = page.getByTestId('research-extract').getByRole('status');
  await status.waitFor();
  assert.equal(await status.innerText(), '1 rida 1 inimese kohta; alus: nõusolek.');
  const text = await page.getByTestId('research-extract').innerText();
  assert.match(text, /2026-12/);
  assert.match(text, /valu 46 hambas/);
  for (const gone of ['Liisa', 'Uurija', '5123 4567']) assert.ok(!text.includes(gone), `${gone} on the page`);
  assert.deepEqual(await sticksOut(page), [], 'nothing sticks out at 390 px');
  await shot(page, dir, '01-et-extract-390');
  await page.close();
});
