// End-to-end test of the web UI in headless Chromium against a running tiersync app on the demo
// workspace (TIERSYNC_DEMO=true). Run by UiE2eIT; by hand:
//   BASE_URL=http://127.0.0.1:8080 TOKEN=<api token> node e2e/ui-e2e.mjs
// Uses the system Chromium (Debian's `chromium` package); it never downloads a browser, and fails
// when Chromium is missing. Screenshots of every main screen go to SCREENSHOT_DIR
// (default: docs/screenshots; UiE2eIT passes app/target/screenshots).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
const TOKEN = process.env.TOKEN;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = resolve(process.env.SCREENSHOT_DIR ?? join(here, '..', '..', 'docs', 'screenshots'));
const TIMEOUT_MS = 30_000;

function fail(message) {
  throw new Error(message);
}

function step(name) {
  console.log(`[e2e] ${new Date().toISOString().slice(11, 19)} ${name}`);
}

async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  step(`screenshot ${name}.png`);
}

async function openArtifact(page, id) {
  await page.getByRole('button', { name: `Open ${id}` }).click();
  await page.getByRole('heading', { name: new RegExp(`^${id}`) }).waitFor();
}

function row(page, id) {
  return page.getByRole('row').filter({ has: page.getByRole('button', { name: `Open ${id}` }) });
}

async function signIn(page) {
  step('a wrong token is rejected');
  await page.goto(BASE_URL);
  await page.getByLabel('API token').fill(`${TOKEN}-wrong`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').getByText('This token was rejected').waitFor();
  step('sign in');
  await page.getByLabel('API token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Artifacts' }).waitFor();
  await row(page, 'agent:architect').getByText('Conflict').waitFor();
}

async function browseDiffs(page) {
  step('open an artifact and switch diff pairs');
  await openArtifact(page, 'skill:release-notes');
  const detail = page.locator('section.detail');
  await detail.getByText('Link every entry to its pull request.').first().waitFor();
  for (const tier of ['Upstream version', 'Collection version', 'Project version']) {
    await detail.getByRole('article', { name: tier }).getByText('Hash').waitFor();
  }
  await detail.getByRole('radio', { name: 'Collection ↔ Project' }).check({ force: true });
  await detail.getByText('Identical: these two versions have the same content.').waitFor();
  await detail.getByRole('radio', { name: 'Upstream ↔ Project' }).check({ force: true });
  await detail.getByText('Link every entry to its pull request.').first().waitFor();
  await detail.getByRole('radio', { name: 'Unified' }).check({ force: true });
  await detail.locator('table.diff-unified').waitFor();
  await detail.getByRole('radio', { name: 'Split' }).check({ force: true });
  await detail.getByRole('radio', { name: 'Upstream ↔ Collection' }).check({ force: true });
  await detail.locator('table.diff-split').getByText('Link every entry to its pull request.').waitFor();
  await shot(page, 'artifact-detail-diff');
}

async function dryRunThenApply(page) {
  step('dry run, then apply, then the toast');
  await page.locator('section.detail').getByRole('button', { name: 'Sync / Update' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sync / Update' });
  await dialog.getByRole('radio', { name: /Upstream → Collection/ }).check();
  await dialog.getByRole('button', { name: 'Dry run' }).click();
  await dialog.getByRole('heading', { name: /Plan/ }).waitFor();
  await dialog.locator('.plan-action', { hasText: 'Update' }).waitFor();
  await dialog.getByText('SKILL.md').first().waitFor();
  await shot(page, 'dry-run-plan');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await dialog.waitFor({ state: 'detached' });
  const toast = page.locator('.toast').filter({ hasText: 'Sync finished' });
  await toast.waitFor();
  if (!(await toast.textContent()).includes('updated')) {
    fail(`the toast does not report the update: ${await toast.textContent()}`);
  }
  await row(page, 'skill:release-notes').getByText('Synced').first().waitFor();
  await page.getByRole('button', { name: /^Jobs/ }).click();
  const drawer = page.getByRole('complementary', { name: 'Jobs' });
  await drawer.getByText('Success').first().waitFor();
  await drawer.getByText(/Duration/).first().waitFor();
  await shot(page, 'jobs-panel-toast');
  await drawer.getByRole('button', { name: 'Close jobs' }).click();
  await toast.getByRole('button', { name: 'Dismiss notification' }).click();
}

async function resolveConflict(page) {
  step('sync into a conflict, resolve it with double confirmation');
  await openArtifact(page, 'agent:architect');
  await page.locator('section.detail').getByRole('button', { name: 'Sync / Update' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sync / Update' });
  await dialog.getByRole('radio', { name: /Collection → Project/ }).check();
  await dialog.getByRole('button', { name: 'Dry run' }).click();
  await dialog.locator('.plan-action', { hasText: 'Conflict' }).waitFor();
  await dialog.getByRole('button', { name: 'Apply' }).click();
  const toast = page.locator('.toast').filter({ hasText: 'Sync ended with conflicts' });
  await toast.getByRole('button', { name: 'Resolve conflicts…' }).click();
  const modal = page.getByRole('dialog', { name: 'Resolve conflicts' });
  await modal.getByText('architect.md').waitFor();
  await shot(page, 'conflict-modal');
  await modal.getByRole('radio', { name: 'Take collection' }).check();
  await modal.getByRole('button', { name: 'Resolve' }).click();
  await modal.getByText('Overwrite conflicted files?').waitFor();
  await modal.getByRole('button', { name: /Yes, overwrite/ }).click();
  await modal.getByText(/All conflicts resolved/).waitFor();
  if ((await page.locator('.toast').filter({ hasText: 'Sync ended with conflicts' }).count()) !== 0) {
    fail('the conflict toast is still shown after resolving');
  }
  await modal.getByRole('button', { name: 'Close' }).last().click();
  await row(page, 'agent:architect').getByText('Synced').waitFor();
}

async function pushUpstream(page) {
  step('push upstream: download the patch bundle and check its sha256');
  await openArtifact(page, 'skill:code-review');
  await page.locator('section.detail').getByRole('button', { name: 'Push upstream' }).click();
  const modal = page.getByRole('dialog', { name: 'Push upstream' });
  await modal.getByRole('button', { name: 'Create patch bundle' }).click();
  await modal.getByRole('heading', { name: /Bundle ready/ }).waitFor();
  await modal.getByRole('textbox', { name: 'Download URL' }).waitFor();
  await shot(page, 'push-upstream');
  const expected = (await modal.getByTestId('bundle-sha256').textContent()).trim();
  const [download] = await Promise.all([page.waitForEvent('download'), modal.getByRole('link', { name: /^Download/ }).click()]);
  const file = await download.path();
  const actual = createHash('sha256').update(readFileSync(file)).digest('hex');
  if (actual !== expected) {
    fail(`bundle sha256 ${actual} differs from the shown ${expected}`);
  }
  const size = readFileSync(file).length;
  if (!(await modal.getByTestId('bundle-size').textContent()).includes(`(${size} bytes)`)) {
    fail(`bundle size ${size} is not the one shown`);
  }
  step(`bundle ${download.suggestedFilename()} sha256 ${actual} (${size} bytes) matches`);
  await modal.getByRole('button', { name: 'Close' }).last().click();
}

async function debugDrawer(page) {
  step('debug drawer: trace ids and raw job JSON');
  const dismiss = page.getByRole('button', { name: 'Dismiss notification' });
  while ((await dismiss.count()) > 0) {
    await dismiss.first().click();
  }
  await page.getByRole('button', { name: 'Debug' }).click();
  const drawer = page.getByRole('complementary', { name: 'Debug' });
  await drawer.getByRole('button', { name: /Show raw JSON of/ }).first().click();
  await drawer.locator('pre.json').getByText('"trace_id"').waitFor();
  await shot(page, 'debug-drawer');
  await drawer.getByRole('button', { name: 'Close debug' }).click();
}

async function main() {
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
    await signIn(page);
    await shot(page, 'artifacts-list');
    await browseDiffs(page);
    await dryRunThenApply(page);
    await resolveConflict(page);
    await pushUpstream(page);
    await debugDrawer(page);
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
}

main().catch((e) => {
  console.error(`[e2e] FAILED: ${e.stack ?? e}`);
  process.exit(1);
});
