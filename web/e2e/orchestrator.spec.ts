import { expect, test, type Page } from '@playwright/test';
import {
  childrenOf,
  createProposedPlan,
  dependenciesOf,
  dragOnto,
  isDependedOn,
  readMessages,
  readPlan,
  rootOf,
  slowNextReply,
  snapshot,
  taskIn,
  taskNode,
  taskNodes,
} from './support';

// One story over one plan, in order: each test starts from where the previous one left the plan.
test.describe.configure({ mode: 'serial' });

let planId = '';
/** The top-level task decomposed into subtasks from its menu. */
let decomposedId = '';
/** The subtask dragged out of it. */
let movedId = '';

const messages = (page: Page) => page.getByRole('list', { name: 'Messages' });
const lastReply = (page: Page) => messages(page).locator('.chat__message--assistant .chat__reply').last();
const replyText = async (page: Page) => ((await lastReply(page).textContent()) ?? '').trim();

test('the home page shows the system and the plans', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'What shall we build?' })).toBeVisible();
  await snapshot(page, '01-home');
  await page.getByRole('link', { name: 'System' }).click();
  const services = page.getByRole('list', { name: 'Services' });
  await expect(services).toBeVisible();
  for (const name of ['planner', 'executor', 'conversation', 'promptanalytics']) {
    await expect(services.getByRole('listitem').filter({ hasText: name }).first()).toHaveAttribute('data-status', 'healthy');
  }
  await snapshot(page, '02-system');
});

test('create a plan and let the planner decompose it', async ({ page }) => {
  planId = await createProposedPlan(page, 'Add a shopping cart to my e-commerce site');
  await expect(page.getByRole('button', { name: 'Approve & start' })).toBeEnabled();
  const plan = await readPlan(page.request, planId);
  expect(plan.status).toBe('proposed');
  const top = childrenOf(plan, rootOf(plan).id);
  expect(top.length).toBeGreaterThan(2);
  // The proposal arrived after the page opened with the request alone; the view makes room for it.
  for (const task of top) {
    await expect(taskNode(page, task.id)).toContainText(task.title);
    await expect(taskNode(page, task.id)).toBeInViewport({ ratio: 0.95 });
  }
  await snapshot(page, '03-plan-proposed');
});

test('decompose a task into subtasks from its menu', async ({ page }) => {
  await page.goto(`/plans/${planId}`);
  const plan = await readPlan(page.request, planId);
  // The last top-level task that nothing waits for: the plan runs the rest without it.
  const top = childrenOf(plan, rootOf(plan).id).filter((task) => !isDependedOn(plan, task.id));
  const task = top[top.length - 1]!;
  decomposedId = task.id;

  await taskNode(page, task.id).click({ button: 'right' });
  const menu = page.getByRole('menu', { name: `Actions for ${task.title}` });
  await menu.getByRole('menuitem', { name: 'Decompose into subtasks' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Subtasks proposed' })).toBeVisible({ timeout: 60_000 });

  const after = await readPlan(page.request, planId);
  const subtasks = childrenOf(after, task.id);
  expect(subtasks.length).toBeGreaterThan(1);
  for (const subtask of subtasks) await expect(taskNode(page, subtask.id)).toBeInViewport({ ratio: 0.95 });
  // The subtasks hang one column to the right of the task they came from.
  const parentBox = (await taskNode(page, task.id).boundingBox())!;
  const childBox = (await taskNode(page, subtasks[0]!.id).boundingBox())!;
  expect(childBox.x).toBeGreaterThan(parentBox.x + parentBox.width / 2);
  await snapshot(page, '04-plan-decomposed');
});

test('drag a task to a new parent, and see invalid drops refused', async ({ page }) => {
  await page.goto(`/plans/${planId}`);
  const plan = await readPlan(page.request, planId);
  const root = rootOf(plan);
  // A subtask nothing depends on moves out of the decomposed task, onto the root.
  const candidates = childrenOf(plan, decomposedId).filter((task) => !isDependedOn(plan, task.id));
  const moving = candidates[candidates.length - 1]!;
  movedId = moving.id;
  const sibling = childrenOf(plan, root.id).find((task) => task.id !== decomposedId)!;

  await dragOnto(page, taskNode(page, moving.id), taskNode(page, root.id));
  await expect.poll(async () => taskIn(await readPlan(page.request, planId), moving.id).parentId).toBe(root.id);

  // The tree shows the new parent too: the moved task now stands in the column of the root's children.
  const x = async (id: string) => (await taskNode(page, id).boundingBox())?.x ?? Number.NaN;
  await expect.poll(async () => Math.abs((await x(moving.id)) - (await x(sibling.id)))).toBeLessThan(2);
  expect(await x(moving.id)).toBeGreaterThan((await x(root.id)) + 100);

  // Dropping a task under one of its own subtasks is refused, visibly, and changes nothing.
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await page.waitForTimeout(400);
  const remaining = childrenOf(await readPlan(page.request, planId), decomposedId)[0]!;
  await dragOnto(page, taskNode(page, decomposedId), taskNode(page, remaining.id));
  await expect(page.getByRole('alert').filter({ hasText: 'own descendant' })).toBeVisible();

  // So is a drop that would make tasks wait for one another forever: the decomposed task waits for
  // what it depends on, and a task it depends on, put under it, would wait for it in turn.
  const upstream = childrenOf(plan, root.id).find((task) => dependenciesOf(plan, decomposedId).has(task.id))!;
  await dragOnto(page, taskNode(page, upstream.id), taskNode(page, decomposedId));
  await expect(page.getByRole('alert').filter({ hasText: 'waiting for one another forever' })).toBeVisible();

  const after = await readPlan(page.request, planId);
  expect(taskIn(after, decomposedId).parentId).toBe(root.id);
  expect(taskIn(after, upstream.id).parentId).toBe(root.id);
  expect(taskIn(after, moving.id).parentId).toBe(root.id);
  await snapshot(page, '05-plan-after-move');
});

test('double-click a task to change its mode', async ({ page }) => {
  await page.goto(`/plans/${planId}`);
  const node = taskNode(page, movedId);
  const original = taskIn(await readPlan(page.request, planId), movedId).mode;
  const cycle = ['autonomous', 'interactive', 'hybrid'] as const;
  // Auto → Interactive → Hybrid → Auto: three double-clicks come back to where they started.
  for (let step = 1; step <= 3; step++) {
    const expected = cycle[(cycle.indexOf(original) + step) % cycle.length]!;
    await node.dblclick();
    await expect(node).toHaveAttribute('data-mode', expected);
    await expect.poll(async () => taskIn(await readPlan(page.request, planId), movedId).mode).toBe(expected);
  }
});

test('approve the plan and watch tasks turn green live', async ({ page }) => {
  await page.goto(`/plans/${planId}`);
  await expect(page.locator('.live--live')).toBeVisible();
  const before = await readPlan(page.request, planId);
  const first = childrenOf(before, rootOf(before).id)[0]!;
  await expect(taskNode(page, first.id)).toHaveAttribute('data-status', 'pending');
  // Anything that reloads the page loses this mark; the changes must come through the event stream.
  await page.evaluate(() => Object.assign(window, { e2eSamePage: true }));

  await page.getByRole('button', { name: 'Approve & start' }).click();
  await expect(page.getByText('Shall I proceed?')).toBeHidden();
  await expect(taskNode(page, first.id)).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
  await expect(taskNodes(page).and(page.locator('[data-status="completed"]')).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { e2eSamePage?: boolean }).e2eSamePage)).toBe(true);

  const after = await readPlan(page.request, planId);
  expect(after.status).toBe('running');
  expect(after.version).toBeGreaterThan(before.version);
  await snapshot(page, '06-plan-running');
});

test('open a conversation, stream a reply, and stop a stream', async ({ page }) => {
  await page.goto(`/plans/${planId}`);
  const plan = await readPlan(page.request, planId);
  // The first interactive task to become ready waits for the person once what it depends on is done.
  const task = childrenOf(plan, rootOf(plan).id).find((candidate) => candidate.mode === 'interactive')!;
  await expect
    .poll(async () => taskIn(await readPlan(page.request, planId), task.id).status, { timeout: 60_000 })
    .toBe('active');

  await taskNode(page, task.id).click();
  await expect(page).toHaveURL(new RegExp(`/plans/${planId}/tasks/${task.id}$`));
  await expect(page.getByRole('region', { name: 'Task brief' })).toContainText(task.title);

  // A reply streams in: part of it shows, with Stop, before the whole of it.
  const replies = messages(page).locator('.chat__message--assistant');
  const repliesBefore = await replies.count();
  const input = page.getByRole('textbox', { name: 'Message' });
  await slowNextReply(page.request, 60);
  await input.fill('What is the first thing to decide?');
  await input.press('Enter');
  await expect(messages(page)).toContainText('What is the first thing to decide?');
  await expect(replies).toHaveCount(repliesBefore + 1, { timeout: 30_000 });
  await expect.poll(() => replyText(page), { timeout: 30_000 }).not.toBe('');
  const partial = await replyText(page);
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible({ timeout: 30_000 });
  const whole = await replyText(page);
  expect(whole.length).toBeGreaterThan(partial.length);
  await snapshot(page, '07-conversation-streamed');

  // Stopping keeps what arrived, marked stopped, and nothing more arrives.
  await slowNextReply(page.request, 250);
  await input.fill('Now explain each option at length, with its trade-offs.');
  await input.press('Enter');
  await expect(replies).toHaveCount(repliesBefore + 2, { timeout: 30_000 });
  await expect.poll(() => replyText(page), { timeout: 30_000 }).not.toBe('');
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
  const stopped = await replyText(page);
  await page.waitForTimeout(1_500);
  expect(await replyText(page)).toBe(stopped);
  await expect
    .poll(async () => {
      const stored = (await readMessages(page.request, task.conversationId)).filter((m) => m.role === 'assistant').at(-1);
      return stored?.status === 'stopped' || stored?.stopped === true;
    }, { timeout: 15_000 })
    .toBe(true);
  await page.reload();
  await expect(messages(page).locator('.chat__stopped').last()).toBeVisible();
  await snapshot(page, '08-conversation-stopped');

  // The person is done with this task: marking it done lets the plan go on.
  await page.getByRole('button', { name: 'Mark done' }).click();
  await expect(taskNode(page, task.id)).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });
});

test('answer a hybrid task’s question', async ({ page }) => {
  await page.goto(`/plans/${planId}`);
  const waiting = taskNodes(page).and(page.locator('[data-status="awaiting-input"]')).first();
  await expect(waiting).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: /needs? you/ }).click();
  const panel = page.getByRole('dialog', { name: 'Tasks waiting for you' });
  await panel.locator('li').filter({ hasNotText: 'Ready for you' }).getByRole('button', { name: 'Jump in' }).first().click();
  await expect(page).toHaveURL(/\/tasks\/[0-9a-f-]+$/);
  const id = page.url().split('/tasks/')[1]!;
  const task = taskIn(await readPlan(page.request, planId), id);
  expect(task.mode).toBe('hybrid');
  expect(task.status).toBe('awaiting-input');
  const question = page.locator('.chat__question');
  await expect(question).toBeVisible();
  await expect(question).toContainText(task.question ?? '');
  await snapshot(page, '09-hybrid-question');

  const input = page.getByRole('textbox', { name: 'Message' });
  await input.fill('The simple one, please.');
  await input.press('Enter');
  await expect(messages(page)).toContainText('The simple one, please.');
  await expect(taskNode(page, id)).not.toHaveAttribute('data-status', 'awaiting-input', { timeout: 60_000 });
  await expect(question).toBeHidden();
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible({ timeout: 30_000 });
  // The task goes on from the answer: a reply follows it, and stays in view.
  const answer = messages(page).locator('.chat__message--user').filter({ hasText: 'The simple one, please.' });
  await expect(answer.locator('xpath=following-sibling::li[contains(@class, "chat__message--assistant")]').first()).toBeVisible({
    timeout: 30_000,
  });
  await expect(lastReply(page)).toBeInViewport();
  await snapshot(page, '10-hybrid-answered');
});

test('replay the history with the slider', async ({ page }) => {
  await page.goto(`/plans/${planId}`);
  await page.getByRole('link', { name: 'History' }).click();
  await expect(page).toHaveURL(new RegExp(`/plans/${planId}/audit$`));
  const slider = page.getByRole('slider', { name: 'Plan version' });
  await expect(slider).toBeVisible();
  const latest = Number(await slider.getAttribute('max'));
  expect(latest).toBeGreaterThan(1);
  await expect.poll(() => taskNodes(page).count()).toBeGreaterThan(2);
  const allTasks = await taskNodes(page).count();
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(page.locator('.version-slider__label')).toContainText('v1');
  // Version 1 is the plan as created: the request alone, before any decomposition.
  await expect.poll(() => taskNodes(page).count()).toBeLessThan(allTasks);
  await snapshot(page, '11-history-first-version');
  await page.keyboard.press('End');
  await expect(page.locator('.version-slider__label')).toContainText(`v${latest}`);
  await expect.poll(() => taskNodes(page).count()).toBe(allTasks);
  await snapshot(page, '12-history-latest');
});

test('start an experiment between two prompt versions', async ({ page }) => {
  type Experiment = { id: string; prompt: string; status: string };
  const experiments = async () => (await (await page.request.get('/api/experiments')).json()) as Experiment[];
  const busy = new Set((await experiments()).filter((e) => e.status === 'running').map((e) => e.prompt));
  const prompts = ((await (await page.request.get('/api/prompts')).json()) as { name: string; versions: unknown[] }[]).filter(
    (candidate) => !busy.has(candidate.name),
  );
  const template = prompts.find((candidate) => candidate.versions.length >= 2) ?? prompts[0]!;
  if (template.versions.length < 2) {
    const created = await page.request.post(`/api/prompts/${template.name}/versions`, {
      data: { text: 'A second wording of the same instruction, for the experiment.', note: 'e2e' },
    });
    expect(created.status()).toBe(201);
  }
  await page.goto('/analytics');
  await page.getByRole('button', { name: 'New experiment' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Start an experiment' });
  await dialog.getByLabel('Template').selectOption(template.name);
  const boxes = dialog.getByRole('checkbox');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await dialog.getByRole('button', { name: 'Start experiment' }).click();
  await expect(dialog).toBeHidden();

  const started = (await experiments()).find((e) => e.prompt === template.name && e.status === 'running')!;
  expect(started).toBeDefined();
  const card = page.getByRole('article', { name: `Experiment on ${template.name}` }).filter({ hasText: `#${started.id.slice(0, 8)}` });
  await expect(card).toBeVisible();
  await expect(card).toContainText('running');
  await snapshot(page, '13-analytics-experiment');

  // Stopped again, so that the system's prompts stay as they were.
  await card.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(card).toContainText('stopped');
  expect((await experiments()).find((e) => e.id === started.id)?.status).toBe('stopped');
});

test('the simulator is announced plainly', async ({ page }) => {
  const response = await page.request.get('/api/model');
  expect(response.ok()).toBeTruthy();
  const model = (await response.json()) as { simulated: boolean };
  await page.goto('/');
  if (model.simulated) await expect(page.getByRole('note')).toContainText('Simulated model');
  else await expect(page.getByRole('note')).toHaveCount(0);
});

// The Aspire dashboard the AppHost runs beside the system: signed in by the login link the AppHost printed
// (eng/e2e.sh passes it on), it lists every resource running and healthy, and it holds the trace of the
// plan's approval across the services.
const dashboardLogin = process.env.ORCHESTRATOR_DASHBOARD_LOGIN_URL ?? '';
const resources = ['postgres', 'rabbitmq', 'rabbitmq-epmd', 'modelsim', 'planner', 'executor', 'conversation', 'promptanalytics', 'gateway'];

test('the Aspire dashboard lists every resource running and shows the approval as one trace', async ({ page }) => {
  test.skip(!dashboardLogin, 'No dashboard login link: run through eng/e2e.sh, which starts the AppHost.');
  await page.goto(dashboardLogin);
  for (const name of resources) {
    // A row per resource, its first cell named "<kind>: <name>"; the state cell reads "Running" once it is running
    // and healthy (an unhealthy one reads otherwise).
    const row = page.getByRole('row').filter({ has: page.getByRole('gridcell', { name: new RegExp(`^\\w+: ${name}$`) }) });
    await expect(row.getByRole('gridcell', { name: 'Running', exact: true }), `${name} running and healthy`).toBeVisible({ timeout: 60_000 });
  }
  await snapshot(page, '12-dashboard-resources');

  const dashboard = new URL(dashboardLogin).origin;
  // The trace list renders only the rows in view: narrow it to the plan edits and make the view tall.
  await page.setViewportSize({ width: 1440, height: 4000 });
  await page.goto(`${dashboard}/traces`);
  await page.locator('input[name="traces-search"]').fill('POST /api/plans/');
  // A trace that crosses all four: the approval (gateway → Planner → bus → Executor → Conversation → model).
  let connected = page.getByRole('row').filter({ hasText: 'gateway: POST' });
  for (const service of ['gateway', 'planner', 'executor', 'conversation']) connected = connected.filter({ hasText: service });
  await expect(connected.first(), 'a trace across gateway, planner, executor and conversation').toBeVisible({ timeout: 60_000 });
  await connected.first().getByRole('gridcell').nth(1).click();
  await expect(page).toHaveURL(/\/traces\/detail\//);
  await expect(page.getByText('executor', { exact: false }).first()).toBeVisible();
  await page.setViewportSize({ width: 1440, height: 1600 });
  await snapshot(page, '13-dashboard-approval-trace');
});
