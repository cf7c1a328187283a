// What the end-to-end scripts share: the browser (Debian's Chromium through playwright-core; a
// browser is never downloaded), steps in the log, screenshots, and the failure report.
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
export const TOKEN = process.env.TOKEN;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = resolve(process.env.SCREENSHOT_DIR ?? join(here, '..', '..', 'docs', 'screenshots'));
const TIMEOUT_MS = 30_000;

export function fail(message) {
  throw new Error(message);
}

export function step(name) {
  console.log(`[e2e] ${new Date().toISOString().slice(11, 19)} ${name}`);
}

export async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  step(`screenshot ${name}.png`);
}

/** Signs in with the token and waits for the page behind the sign-in. */
export async function signIn(page, token) {
  await page.goto(BASE_URL);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Runs `scenario(page)` in a fresh headless Chromium page; exits 1 with a screenshot when it fails. */
export async function runInBrowser(scenario) {
  try {
    if (!TOKEN) {
      fail('TOKEN is not set');
    }
    if (!existsSync(CHROMIUM)) {
      fail(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium); the e2e never downloads a browser`);
    }
    mkdirSync(SHOTS, { recursive: true });
    const started = Date.now();
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page.setDefaultTimeout(TIMEOUT_MS);
    const consoleErrors = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    try {
      await scenario(page);
      console.log(`[e2e] passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (e) {
      const failure = join(tmpdir(), 'tiersync-e2e-failure.png');
      await page.screenshot({ path: failure }).then(() => console.error(`[e2e] page at failure: ${failure}`), () => {});
      if (consoleErrors.length > 0) {
        console.error(`[e2e] browser console errors:\n${consoleErrors.join('\n')}`);
      }
      throw e;
    } finally {
      await browser.close();
    }
  } catch (e) {
    console.error(`[e2e] FAILED: ${e.stack ?? e}`);
    process.exit(1);
  }
}
