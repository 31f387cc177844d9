import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../harness';

/** Debian's Chromium, driven by playwright-core; nothing is downloaded. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A Hoidja listening on a free loopback port, on a fresh database. */
export async function startServer(opts: Parameters<typeof createTestApp>[0] = {}): Promise<TestApp & { url: string }> {
  const t = await createTestApp(opts);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { ...t, url: `http://127.0.0.1:${port}` };
}

export const outputDir = (name: string) => {
  const dir = join(
    process.env.TEST_OUTPUT_DIR ?? 'test-output',
    'browser',
    `${name}-${process.env.TEST_DB ?? 'pglite'}`,
  );
  mkdirSync(dir, { recursive: true });
  return dir;
};

export async function shot(page: Page, dir: string, name: string) {
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** Logs a staff member in through the login page, in English, and waits for the app to show them. */
export async function logInThroughPage(
  page: Page,
  baseUrl: string,
  clinicSlug: string,
  email: string,
  password = TEST_PASSWORD,
) {
  await page.goto(`${baseUrl}/`);
  await page.getByTestId('language').selectOption('en');
  await page.fill('input[name=clinic]', clinicSlug);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.getByTestId('current-user').waitFor();
}
