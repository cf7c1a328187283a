// End-to-end test of the fleet page and the artifact policy in the web UI, in headless Chromium
// against a running tiersync app. Run by UiE2eIT; by hand:
//   BASE_URL=http://127.0.0.1:8080 TOKEN=<api token> UPSTREAM_DIR=/tmp/new-folder PROJECTS_DIR=<a project root> \
//     node e2e/fleet-e2e.mjs
// It makes the upstream repository with real git commands at UPSTREAM_DIR (which must not exist:
// skills review and lint, command ship) and three projects alpha, beta and gamma under PROJECTS_DIR
// (the app's TIERSYNC_PROJECT_ROOTS), then sets the fleet up through the API as a person would
// with the CLI: collection `fleet` with the three artifacts, deployed unevenly, the collection's
// review moved on upstream and synced to alpha only, lint edited in beta. The page then must show
// review synced in alpha and outdated in beta and gamma, lint modified in beta, and so on; the
// filters narrow it; "Sync to these projects" plans review for beta and gamma in one job, applies
// it and the cells turn synced; a hold set in the detail panel shows as a badge. Last, lint moves
// on upstream and a watch pass is asked for: its drift event shows as a toast (held, not updated)
// and the fleet's badge turns outdated without a reload.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_URL, fail, runInBrowser, shot, signIn, step, TOKEN } from './harness.mjs';

const UPSTREAM = process.env.UPSTREAM_DIR;
const ROOT = process.env.PROJECTS_DIR;
const COLLECTION = 'fleet';
const REVIEW = 'skill:review';
const LINT = 'skill:lint';
const SHIP = 'command:ship';
const PROJECTS = ['alpha', 'beta', 'gamma'];
const HOLD_REASON = 'e2e: waiting for the security review';

function git(...args) {
  return execFileSync('git', ['-c', 'user.name=E2E', '-c', 'user.email=e2e@example.com', '-c', 'init.defaultBranch=main', ...args], {
    cwd: UPSTREAM,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
    encoding: 'utf8',
  });
}

function write(path, text) {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

function skill(name, body) {
  return `---\nname: ${name}\ndescription: The ${name} skill\n---\n# ${name}\n\n${body}\n`;
}

function projectPath(name) {
  return realpathSync(join(ROOT, name));
}

/** Calls the API as the CLI would. */
async function api(method, path, body) {
  const response = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    fail(`${method} ${path} answered ${response.status}: ${text}`);
  }
  return text ? JSON.parse(text) : null;
}

/** Starts a job with `dry_run: false` and waits for it to succeed. */
async function applied(path, body) {
  let job = await api('POST', path, { ...body, dry_run: false });
  const until = Date.now() + 60_000;
  while (!['success', 'conflict', 'error', 'canceled'].includes(job.state)) {
    if (Date.now() > until) {
      fail(`job ${job.job_id} did not end within 60 s: ${job.state}`);
    }
    await new Promise((done) => setTimeout(done, 250));
    job = await api('GET', `/api/v1/sync/jobs/${job.job_id}`);
  }
  if (job.state !== 'success') {
    fail(`job ${job.job_id} (${path}) ended ${job.state}: ${job.log_excerpt}`);
  }
  return job;
}

function deploy(project, artifactIds) {
  return applied('/api/v1/sync/jobs', { direction: 'collection_to_project', collection: COLLECTION, project_path: projectPath(project), artifact_ids: artifactIds });
}

async function setUpFleet() {
  step(`upstream repository at ${UPSTREAM}, projects under ${ROOT}`);
  if (!UPSTREAM || existsSync(UPSTREAM) || !ROOT) {
    fail('UPSTREAM_DIR must name a folder that does not exist yet, and PROJECTS_DIR a project root');
  }
  mkdirSync(UPSTREAM, { recursive: true });
  git('init', '-q');
  write(join(UPSTREAM, 'skills/review/SKILL.md'), skill('review', '1. Read the diff.'));
  write(join(UPSTREAM, 'skills/lint/SKILL.md'), skill('lint', '1. Run the linter.'));
  write(join(UPSTREAM, 'commands/ship.md'), '---\ndescription: Ships the build\n---\nShip it.\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'Add review, lint and ship');
  for (const p of PROJECTS) {
    mkdirSync(join(ROOT, p, '.claude'), { recursive: true });
  }

  step('collection fleet with the three artifacts, deployed into alpha (all), beta (the skills), gamma (review)');
  await applied('/api/v1/collections', { name: COLLECTION });
  await applied(`/api/v1/collections/${COLLECTION}/artifacts`, {
    upstream: UPSTREAM,
    artifacts: [{ path: 'skills/review' }, { path: 'skills/lint' }, { path: 'commands/ship.md' }],
  });
  await deploy('alpha', [REVIEW, LINT, SHIP]);
  await deploy('beta', [REVIEW, LINT]);
  await deploy('gamma', [REVIEW]);

  step('review moves on upstream and in the collection, and is synced to alpha only; lint is edited in beta');
  write(join(UPSTREAM, 'skills/review/SKILL.md'), skill('review', '1. Read the diff.\n2. Run the tests.'));
  git('commit', '-q', '-am', 'review: run the tests too');
  await applied('/api/v1/sync/jobs', { direction: 'upstream_to_collection', collection: COLLECTION, artifact_ids: [REVIEW] });
  await deploy('alpha', [REVIEW]);
  const lint = join(ROOT, 'beta', '.claude', 'skills', 'lint', 'SKILL.md');
  writeFileSync(lint, `${readFileSync(lint, 'utf8')}2. Only on changed files.\n`);
  // The watch's events are transitions from its last pass: a pass now makes this the baseline.
  await watchPass();
}

/** Asks the collection's watch for a pass and waits until it is recorded. */
async function watchPass() {
  const lastPass = async () => (await api('GET', '/api/v1/watch')).items.find((i) => i.collection === COLLECTION)?.last_pass_at ?? null;
  const before = await lastPass();
  await api('POST', `/api/v1/watch/${COLLECTION}/run`);
  const until = Date.now() + 60_000;
  while ((await lastPass()) === before) {
    if (Date.now() > until) {
      fail('the watch did not pass within 60 s');
    }
    await new Promise((done) => setTimeout(done, 250));
  }
}

/** The matrix as shown: artifact id → project name → the cell badge's word. */
function readMatrix(page) {
  return page.evaluate(() => {
    const projects = [...document.querySelectorAll('.fleet-table thead .fleet-project')].map((p) => p.textContent);
    const rows = {};
    for (const tr of document.querySelectorAll('.fleet-table tbody tr')) {
      const id = tr.querySelector('th button')?.getAttribute('aria-label')?.replace(/^Select /, '');
      const cells = [...tr.querySelectorAll('td.fleet-cell')].map((td) => td.textContent.replace(/^\W+/, '').replace(/no such edge/, '–'));
      rows[id] = Object.fromEntries(projects.map((p, i) => [p, cells[i]]));
    }
    return rows;
  });
}

/** Waits until the matrix shows `expected` (the page reloads it after jobs and drift). */
async function expectMatrix(page, expected, what) {
  const until = Date.now() + 20_000;
  let shown;
  for (;;) {
    shown = await readMatrix(page);
    if (JSON.stringify(shown) === JSON.stringify(expected)) {
      step(`matrix ${what}: ${JSON.stringify(shown)}`);
      return;
    }
    if (Date.now() > until) {
      fail(`the matrix ${what} is ${JSON.stringify(shown)}, expected ${JSON.stringify(expected)}`);
    }
    await page.waitForTimeout(250);
  }
}

const BEFORE = {
  [LINT]: { alpha: 'Synced', beta: 'Modified', gamma: 'Missing' },
  [REVIEW]: { alpha: 'Synced', beta: 'Outdated', gamma: 'Outdated' },
  [SHIP]: { alpha: 'Synced', beta: 'Missing', gamma: 'Missing' },
};

async function openFleet(page) {
  step('open the fleet of collection fleet');
  await page.getByRole('combobox', { name: 'Collection' }).selectOption(COLLECTION);
  await page.getByRole('button', { name: 'Fleet', exact: true }).click();
  await page.locator('.fleet-table').waitFor();
  await expectMatrix(page, BEFORE, 'as set up');
  if (new URL(page.url()).searchParams.get('view') !== 'fleet') {
    fail(`the address does not keep the view: ${page.url()}`);
  }
  const header = (name) => page.locator('.fleet-table thead th', { has: page.locator('.fleet-project', { hasText: name }) });
  await header('alpha').locator('.count[title="3 synced"]').waitFor();
  await header('beta').locator('.count[title="1 modified"]').waitFor();
  await header('gamma').locator('.count[title="2 missing"]').waitFor();
  await page.locator('.fleet-table tbody tr', { has: page.getByRole('button', { name: `Select ${REVIEW}` }) }).locator('td').first().getByText('Synced').waitFor();
  await shot(page, 'fleet');
}

async function filter(page) {
  step('filters: type, only drift, projects');
  await page.getByRole('combobox', { name: 'Type' }).selectOption('command');
  await expectMatrix(page, { [SHIP]: BEFORE[SHIP] }, 'of commands');
  await page.getByRole('combobox', { name: 'Type' }).selectOption('');
  await page.getByLabel('Only drift').check();
  const projects = page.locator('.multi-select > summary');
  await projects.click();
  await page.getByRole('checkbox', { name: 'alpha' }).check();
  await page.getByText('No artifact matches these filters.').waitFor();
  const params = new URL(page.url()).searchParams;
  if (params.get('drift') !== 'true' || params.getAll('project').join() !== projectPath('alpha')) {
    fail(`the address does not keep the filters: ${page.url()}`);
  }
  await page.getByRole('checkbox', { name: 'gamma' }).check();
  await expectMatrix(page, { [LINT]: { alpha: 'Synced', gamma: 'Missing' }, [REVIEW]: { alpha: 'Synced', gamma: 'Outdated' }, [SHIP]: { alpha: 'Synced', gamma: 'Missing' } }, 'of alpha and gamma, drift only');
  await page.getByRole('button', { name: 'Show all projects' }).click();
  await projects.click();
  await page.getByLabel('Only drift').uncheck();
  await expectMatrix(page, BEFORE, 'unfiltered');
}

async function syncToProjects(page) {
  step('sync review to the projects where it is not synced: plan per project, then apply');
  await page.getByRole('button', { name: `Select ${REVIEW}` }).click();
  const panel = page.getByRole('region', { name: new RegExp(REVIEW) });
  const targets = panel.getByRole('checkbox');
  await targets.first().waitFor();
  const labels = await targets.evaluateAll((boxes) => boxes.map((b) => `${b.closest('label').querySelector('strong').textContent}:${b.checked}`));
  if (labels.join() !== 'beta:true,gamma:true') {
    fail(`the projects offered are ${labels.join()}, expected beta and gamma, both chosen`);
  }
  await panel.getByRole('button', { name: 'Sync to these projects' }).click();
  const plan = panel.getByRole('table', { name: 'Dry-run plan' });
  await plan.waitFor();
  const planned = await plan.locator('tbody tr').evaluateAll((rows) => rows.map((r) => `${r.cells[0].textContent}:${r.querySelector('.plan-action').textContent.trim()}`));
  if (planned.join() !== 'beta:↑ Update,gamma:↑ Update') {
    fail(`the plan is ${planned.join()}, expected an update in beta and in gamma`);
  }
  await shot(page, 'fleet-sync-plan');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await panel.getByLabel(`Sync ${REVIEW} to 2 projects result`).getByText('done').waitFor();
  await page.locator('.toast').filter({ hasText: 'Sync finished' }).waitFor();
  await expectMatrix(page, { ...BEFORE, [REVIEW]: { alpha: 'Synced', beta: 'Synced', gamma: 'Synced' } }, 'after the sync');
  await panel.getByRole('button', { name: 'Close', exact: true }).click();
}

async function hold(page) {
  step('hold lint from its detail panel');
  await page.getByRole('button', { name: 'Artifacts', exact: true }).click();
  await page.getByRole('button', { name: `Open ${LINT}` }).click();
  const detail = page.locator('section.detail');
  const until = detail.getByLabel('Until (optional)');
  await detail.getByLabel('Hold reason').fill(HOLD_REASON);
  await until.fill('2020-01-01T00:00');
  await detail.getByRole('button', { name: 'Hold', exact: true }).click();
  const refused = await detail.locator('.field', { has: page.locator('input[type="datetime-local"]') }).locator('.form-error').textContent();
  if (!refused.includes('hold.until')) {
    fail(`a past end is refused with "${refused}", expected the hold.until rule`);
  }
  await until.fill('2099-12-31T12:00');
  await detail.getByRole('button', { name: 'Hold', exact: true }).click();
  await detail.getByRole('button', { name: 'Release' }).waitFor();
  const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: `Open ${LINT}` }) });
  const badge = row.locator('.badge-hold');
  await badge.waitFor();
  const title = await badge.getAttribute('title');
  if (!title.includes(HOLD_REASON) || !title.includes('until')) {
    fail(`the held badge's title is "${title}", expected the reason and the end`);
  }
  await detail.locator('h2 .badge-hold').waitFor();
  await shot(page, 'artifact-hold');
  await page.getByRole('button', { name: 'Fleet', exact: true }).click();
  await page.locator('.fleet-table tbody tr', { has: page.getByRole('button', { name: `Select ${LINT}` }) }).locator('.badge-hold').waitFor();
}

async function driftLive(page) {
  step('lint moves on upstream; a watch pass reports it live: a toast and the badge, no reload');
  write(join(UPSTREAM, 'skills/lint/SKILL.md'), skill('lint', '1. Run the linter.\n2. Fix what it finds.'));
  git('commit', '-q', '-am', 'lint: fix what it finds');
  const lint = page.locator('.fleet-table tbody tr', { has: page.getByRole('button', { name: `Select ${LINT}` }) });
  await lint.locator('td').first().getByText('Synced').waitFor();
  await api('POST', `/api/v1/watch/${COLLECTION}/run`);
  await page.locator('.toast-drift').filter({ hasText: `${LINT}: upstream moved, synced → outdated (1 commit), held, not updated` }).waitFor();
  await lint.locator('td').first().getByText('Outdated').waitFor();
  await shot(page, 'fleet-drift');
}

runInBrowser(async (page) => {
  await setUpFleet();
  await signIn(page, TOKEN);
  await openFleet(page);
  await filter(page);
  await syncToProjects(page);
  await hold(page);
  await driftLive(page);
});
