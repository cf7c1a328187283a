// End-to-end test of the collection lifecycle in the web UI, in headless Chromium against a running
// tiersync app whose collections root is empty. Run by UiE2eIT; by hand:
//   BASE_URL=http://127.0.0.1:8080 TOKEN=<api token> UPSTREAM_DIR=/tmp/upstream node e2e/collections-e2e.mjs
// It makes the upstream repository itself, with real git commands, at UPSTREAM_DIR (which must not
// exist): a skill and a command, tagged v1; a second commit touching the skill lands after the
// artifacts are added, so the skill falls one commit behind. PROJECTS_DIR is the app's
// TIERSYNC_PROJECT_ROOTS: the script makes a project `webapp` there holding a command of its own,
// deploys the skill into it, edits it there, then undeploys it (local edits: shown, then discarded
// with force) and adopts the project's own command into the collection.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, runInBrowser, shot, signIn, step, TOKEN } from './harness.mjs';

const UPSTREAM = process.env.UPSTREAM_DIR;
const PROJECT = process.env.PROJECTS_DIR && join(process.env.PROJECTS_DIR, 'webapp');
const LOCAL = 'command:local-notes';
const SKILL = 'skill:release-check';
const COMMAND = 'command:deploy';
const SECOND_SUBJECT = 'release-check: tag the release commit';

function git(...args) {
  return execFileSync('git', ['-c', 'user.name=E2E', '-c', 'user.email=e2e@example.com', '-c', 'init.defaultBranch=main', ...args], {
    cwd: UPSTREAM,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
    encoding: 'utf8',
  });
}

function write(path, text) {
  mkdirSync(join(UPSTREAM, path, '..'), { recursive: true });
  writeFileSync(join(UPSTREAM, path), text);
}

const SKILL_V1 = `---
name: release-check
description: Checks that a release is ready to ship
---
# Release check

1. The changelog names every change.
2. The version is bumped.
`;

function makeUpstream() {
  step(`upstream repository at ${UPSTREAM}`);
  if (!UPSTREAM || existsSync(UPSTREAM)) {
    fail('UPSTREAM_DIR must name a folder that does not exist yet');
  }
  mkdirSync(UPSTREAM, { recursive: true });
  git('init', '-q');
  write('skills/release-check/SKILL.md', SKILL_V1);
  write('commands/deploy.md', '---\ndescription: Ships the current build\n---\nShip the build to production.\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'Add release-check and deploy');
  git('tag', 'v1');
}

function makeProject() {
  step(`project at ${PROJECT}`);
  if (!PROJECT) {
    fail('PROJECTS_DIR is not set');
  }
  mkdirSync(join(PROJECT, '.claude', 'commands'), { recursive: true });
  writeFileSync(join(PROJECT, '.claude', 'commands', 'local-notes.md'), '---\ndescription: Notes kept in this project\n---\nWrite the notes down.\n');
}

function secondCommit() {
  step('a second upstream commit touches the skill');
  write('skills/release-check/SKILL.md', `${SKILL_V1}3. Tag the release commit.\n`);
  git('commit', '-q', '-am', SECOND_SUBJECT);
}

function row(page, id) {
  return page.getByRole('row').filter({ has: page.getByRole('button', { name: `Open ${id}` }) });
}

async function createFromEmptyState(page) {
  step('empty state: create a collection, then go on to add from Git');
  const empty = page.getByText('There is no collection yet.');
  await empty.waitFor();
  await shot(page, 'collections-empty');
  await page.getByRole('button', { name: 'Add from a Git repository' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a collection' });
  await dialog.getByLabel('Name').fill('.team');
  await dialog.getByText('Must not start with “.”.').waitFor();
  await dialog.getByLabel('Name').fill('team');
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await dialog.locator('tr', { hasText: 'collection:team' }).locator('.plan-action', { hasText: 'Create' }).waitFor();
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.waitFor({ state: 'detached' });
  if ((await page.getByRole('combobox', { name: 'Collection' }).inputValue()) !== 'team') {
    fail('the new collection is not selected');
  }
}

async function addFromGit(page) {
  step('add from Git: browse, choose, preview, add');
  const dialog = page.getByRole('dialog', { name: 'Add from a Git repository' });
  await dialog.getByLabel('Repository URL').fill(UPSTREAM);
  await dialog.getByLabel('Ref (optional)').fill('no-such-branch');
  await dialog.getByRole('button', { name: 'Browse' }).click();
  await dialog.locator('.field', { has: page.getByLabel('Ref (optional)') }).locator('.form-error').waitFor();
  await dialog.getByLabel('Ref (optional)').fill('');
  await dialog.getByRole('button', { name: 'Browse' }).click();
  await dialog.getByRole('cell', { name: 'skills/release-check' }).waitFor();
  await dialog.getByRole('cell', { name: 'commands/deploy.md' }).waitFor();
  await dialog.getByText('Add release-check and deploy').first().waitFor();
  await dialog.getByRole('button', { name: 'Select all' }).click();
  await shot(page, 'add-from-git');
  await dialog.getByRole('button', { name: 'Preview' }).click();
  for (const id of [SKILL, COMMAND]) {
    await dialog.locator('tr', { hasText: id }).locator('.plan-action', { hasText: 'Create' }).waitFor();
  }
  await dialog.getByText('SKILL.md').first().waitFor();
  await shot(page, 'add-dry-run-plan');
  await dialog.getByRole('button', { name: 'Add 2 artifacts' }).click();
  await dialog.getByLabel('Adding 2 artifacts result').getByText('done').waitFor();
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await row(page, SKILL).getByText('Synced').first().waitFor();
  await row(page, COMMAND).getByText('Synced').first().waitFor();
}

async function pin(page, spec, expectBehind) {
  const detail = page.locator('section.detail');
  await detail.getByRole('button', { name: 'Pin / bump' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Pin / Bump' });
  await dialog.getByText(expectBehind).waitFor();
  const input = dialog.getByLabel('Version (branch, tag, commit or latest)');
  await input.fill(spec);
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await dialog.locator('.plan-action', { hasText: 'Update' }).waitFor();
  await dialog.getByText('SKILL.md').first().waitFor();
  return dialog;
}

async function bumpThenPin(page) {
  secondCommit();
  step('the skill is one commit behind: bump it');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.getByRole('button', { name: `Open ${SKILL}` }).click();
  const upstreamCard = page.locator('section.detail').getByRole('article', { name: 'Upstream version' });
  await upstreamCard.getByText('1 commit behind').first().waitFor();
  await upstreamCard.getByText(SECOND_SUBJECT).waitFor();
  await upstreamCard.getByRole('button', { name: 'Bump…' }).click();
  let dialog = page.getByRole('dialog', { name: 'Pin / Bump' });
  await dialog.getByText(SECOND_SUBJECT).waitFor();
  const followed = await dialog.getByLabel('Version (branch, tag, commit or latest)').inputValue();
  if (!followed) {
    fail('the version field is not prefilled with the followed ref');
  }
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await dialog.locator('.plan-action', { hasText: 'Update' }).waitFor();
  await shot(page, 'pin-bump-behind');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await dialog.getByLabel(/^Pinning .* result$/).getByText('done').waitFor();
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await upstreamCard.getByText(/Up to date with/).waitFor();

  step('pin the skill to the tag v1');
  dialog = await pin(page, 'v1', /Up to date with/);
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await dialog.getByLabel(`Pinning ${SKILL} to v1 result`).getByText('done').waitFor();
  await dialog.getByRole('button', { name: 'Close' }).last().click();
}

async function removeCommand(page) {
  step('remove the command from the collection');
  await row(page, COMMAND).getByLabel(`Actions for ${COMMAND}`).click();
  await page.getByRole('menuitem', { name: 'Remove from collection…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove from collection' });
  await dialog.locator('.plan-action', { hasText: 'Remove' }).waitFor();
  await dialog.getByRole('checkbox', { name: /Yes, remove/ }).check();
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await dialog.getByLabel(`Removing ${COMMAND} result`).getByText('done').waitFor();
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await page.getByRole('button', { name: `Open ${COMMAND}` }).waitFor({ state: 'detached' });
  await page.getByRole('button', { name: `Open ${SKILL}` }).waitFor();
}

async function deploy(page) {
  step('deploy the skill into the project');
  await page.getByRole('combobox', { name: 'Project' }).selectOption({ label: 'webapp' });
  await page.getByRole('button', { name: `Open ${SKILL}` }).click();
  await page.locator('section.detail').getByRole('button', { name: 'Sync / Update' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sync / Update' });
  await dialog.getByRole('radio', { name: /Collection → Project/ }).check();
  await dialog.getByRole('button', { name: 'Dry run' }).click();
  await dialog.locator('.plan-action', { hasText: 'Create' }).waitFor();
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await page.locator('.toast').filter({ hasText: 'Sync finished' }).waitFor();
  await row(page, SKILL).getByText('Synced').nth(1).waitFor();
}

async function undeployWithLocalEdits(page) {
  step('edit the skill in the project, then undeploy it');
  const file = join(PROJECT, '.claude', 'skills', 'release-check', 'SKILL.md');
  writeFileSync(file, `${readFileSync(file, 'utf8')}4. Ask the on-call first.\n`);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await row(page, SKILL).getByText('Modified').waitFor();
  await row(page, SKILL).getByLabel(`Actions for ${SKILL}`).click();
  await page.getByRole('menuitem', { name: 'Undeploy from project…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Undeploy from project' });
  await dialog.getByText('The project copy has local edits.').waitFor();
  await dialog.locator('.diff-viewer').getByText('Ask the on-call first.').first().waitFor();
  await shot(page, 'undeploy-local-edits');
  if (!(await dialog.getByRole('button', { name: 'Undeploy' }).isDisabled())) {
    fail('Undeploy is enabled while the plan skips the edited copy');
  }
  await dialog.getByRole('checkbox', { name: 'Discard local edits (force)' }).check();
  await dialog.locator('.plan-action', { hasText: 'Remove' }).waitFor();
  await dialog.getByRole('button', { name: 'Undeploy' }).click();
  await dialog.getByLabel(`Undeploying ${SKILL} result`).getByText('done').waitFor();
  await dialog.getByRole('button', { name: 'Close' }).last().click();
}

async function adoptProjectCommand(page) {
  step('adopt the project’s own command into the collection');
  await row(page, LOCAL).getByLabel(`Actions for ${LOCAL}`).click();
  await page.getByRole('menuitem', { name: 'Adopt into collection…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Adopt into collection' });
  await dialog.locator('tr', { hasText: LOCAL }).locator('.plan-action', { hasText: 'Create' }).waitFor();
  await dialog.getByRole('button', { name: 'Adopt' }).click();
  await dialog.getByLabel(`Adopting ${LOCAL} result`).getByText('done').waitFor();
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await row(page, LOCAL).getByText('Synced').first().waitFor();
}

runInBrowser(async (page) => {
  makeUpstream();
  makeProject();
  await signIn(page, TOKEN);
  await createFromEmptyState(page);
  await addFromGit(page);
  await bumpThenPin(page);
  await removeCommand(page);
  await deploy(page);
  await undeployWithLocalEdits(page);
  await adoptProjectCommand(page);
});
