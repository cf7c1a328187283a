// End-to-end test of the web UI in headless Chromium against a running tiersync app on the demo
// workspace (TIERSYNC_DEMO=true). Run by UiE2eIT; by hand:
//   BASE_URL=http://127.0.0.1:8080 TOKEN=<api token> node e2e/ui-e2e.mjs
// Uses the system Chromium (Debian's `chromium` package); it never downloads a browser, and fails
// when Chromium is missing. Screenshots of every main screen go to SCREENSHOT_DIR
// (default: docs/screenshots; UiE2eIT passes app/target/screenshots).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { BASE_URL, fail, runInBrowser, shot, step, TOKEN } from './harness.mjs';

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
  step('compare the conflict side by side: left, base, right per hunk');
  await modal.getByRole('button', { name: 'Compare side by side' }).click();
  const hunks = modal.getByRole('table', { name: 'Hunks of architect.md' });
  await hunks.getByRole('radio', { name: 'Take right' }).first().waitFor();
  await shot(page, 'conflict-three-panes');
  await modal.getByRole('button', { name: 'Close side by side' }).click();
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

async function rollBack(page) {
  step('roll the collection back to its version before the update, from the History timeline');
  await openArtifact(page, 'skill:release-notes');
  const detail = page.locator('section.detail');
  await detail.getByRole('button', { name: /^Roll back collection to / }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Roll back collection' });
  const beforeAfter = dialog.getByLabel('Before and after');
  await beforeAfter.waitFor();
  await dialog.locator('.plan-action', { hasText: 'Update' }).waitFor();
  await shot(page, 'rollback');
  const [, to] = (await beforeAfter.textContent()).split(' → ');
  await dialog.getByRole('button', { name: 'Roll back', exact: true }).click();
  const card = detail.getByRole('article', { name: 'Collection version' });
  await card.getByText(/^rolled back from [0-9a-f]{7}$/).waitFor();
  await dialog.getByText('Rolling back skill:release-notes: done.').waitFor();
  // The footer's Close (the title bar's × is named Close too).
  await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
  await dialog.waitFor({ state: 'detached' });
  if (!(await card.textContent()).includes(to.trim())) {
    fail(`the collection does not hold ${to} after the rollback: ${await card.textContent()}`);
  }
  await detail.getByText('Held').first().waitFor();
}

runInBrowser(async (page) => {
  await signIn(page);
  await shot(page, 'artifacts-list');
  await browseDiffs(page);
  await dryRunThenApply(page);
  await resolveConflict(page);
  await pushUpstream(page);
  await debugDrawer(page);
  await rollBack(page);
});
