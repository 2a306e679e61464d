import { expect, test, type Page } from '@playwright/test';
import { createProposedPlan, dragOnto, snapshot, taskNodes } from './support';

type ApiTask = { id: string; parentId: string | null; title: string; mode: string; status: string; order: number };
type ApiPlan = { id: string; status: string; version: number; tasks: ApiTask[] };

async function readPlan(page: Page, planId: string): Promise<ApiPlan> {
  const response = await page.request.get(`/api/plans/${planId}`);
  expect(response.ok()).toBeTruthy();
  return (await response.json()) as ApiPlan;
}

test.describe.configure({ mode: 'serial' });

let planId = '';

test('the home page shows the system and the plans', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'What shall we build?' })).toBeVisible();
  await page.getByRole('link', { name: 'System' }).click();
  await expect(page.getByRole('list', { name: 'Services' })).toBeVisible();
  await snapshot(page, '01-system');
});

test('create a plan and let the planner decompose it', async ({ page }) => {
  planId = await createProposedPlan(page, 'Add a shopping cart to my e-commerce site');
  await expect(page.getByRole('button', { name: 'Approve & start' })).toBeEnabled();
  await snapshot(page, '02-plan-proposed');
});

test('drag a task under another parent, and see an invalid drop refused', async ({ page }) => {
  await page.goto(`/plans/${planId}`);
  const plan = await readPlan(page, planId);
  const root = plan.tasks.find((task) => task.parentId === null)!;
  const children = plan.tasks.filter((task) => task.parentId === root.id).sort((a, b) => a.order - b.order);
  const target = children[0]!;
  const moving = children[children.length - 1]!;

  await dragOnto(page, page.getByTestId(`task-node-${moving.id}`), page.getByTestId(`task-node-${target.id}`));
  await expect.poll(async () => (await readPlan(page, planId)).tasks.find((t) => t.id === moving.id)?.parentId).toBe(target.id);

  // The tree shows the new parent too: the moved task now sits a column to the right of its parent.
  const targetBox = async () => (await page.getByTestId(`task-node-${target.id}`).boundingBox())?.x ?? 0;
  await expect
    .poll(async () => ((await page.getByTestId(`task-node-${moving.id}`).boundingBox())?.x ?? 0) - (await targetBox()))
    .toBeGreaterThan(100);

  // Dropping the parent onto its own child is refused, visibly, and changes nothing.
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await page.waitForTimeout(400);
  await dragOnto(page, page.getByTestId(`task-node-${target.id}`), page.getByTestId(`task-node-${moving.id}`));
  await expect(page.getByRole('alert').filter({ hasText: 'own descendant' })).toBeVisible();
  expect((await readPlan(page, planId)).tasks.find((t) => t.id === target.id)?.parentId).toBe(root.id);
  await snapshot(page, '03-plan-after-move');
});

test('double-click a task to change its mode', async ({ page }) => {
  await page.goto(`/plans/${planId}`);
  const plan = await readPlan(page, planId);
  const task = plan.tasks.find((t) => t.parentId !== null && t.mode === 'autonomous') ?? plan.tasks[1]!;
  const node = page.getByTestId(`task-node-${task.id}`);
  const before = await node.getAttribute('data-mode');
  await node.dblclick();
  await expect(node).not.toHaveAttribute('data-mode', before ?? '');
  await expect.poll(async () => (await readPlan(page, planId)).tasks.find((t) => t.id === task.id)?.mode).not.toBe(before);
});

test('approve the plan and watch tasks turn green live', async ({ page }) => {
  await page.goto(`/plans/${planId}`);
  await expect(page.locator('.live--live')).toBeVisible();
  const versionBefore = (await readPlan(page, planId)).version;
  await page.getByRole('button', { name: 'Approve & start' }).click();
  await expect(page.getByText('Shall I proceed?')).toBeHidden();
  await expect(taskNodes(page).and(page.locator('[data-status="completed"]')).first()).toBeVisible({ timeout: 60_000 });
  // No reload happened: the same page received the changes through the stream.
  expect((await readPlan(page, planId)).version).toBeGreaterThan(versionBefore);
  await snapshot(page, '04-plan-running');
});

test('open a conversation, stream a reply, and stop a stream', async ({ page }) => {
  await page.goto(`/plans/${planId}`);
  const plan = await readPlan(page, planId);
  const task = plan.tasks.find((t) => t.parentId !== null && t.mode === 'interactive') ?? plan.tasks[1]!;
  await page.getByTestId(`task-node-${task.id}`).click();
  await expect(page).toHaveURL(new RegExp(`/plans/${planId}/tasks/${task.id}$`));
  await expect(page.getByRole('region', { name: 'Task brief' })).toContainText(task.title);

  const messages = page.getByRole('list', { name: 'Messages' });
  const replies = messages.locator('.chat__message--assistant');
  const repliesBefore = await replies.count();
  const input = page.getByRole('textbox', { name: 'Message' });
  await input.fill('What is the first thing to decide?');
  await input.press('Enter');
  await expect(messages).toContainText('What is the first thing to decide?');
  await expect(replies).toHaveCount(repliesBefore + 1, { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible({ timeout: 30_000 });
  await snapshot(page, '05-conversation');

  // The simulator quotes what it is asked, so a long question makes a reply long enough to stop.
  const long = Array.from({ length: 120 }, (_, i) => `point ${i + 1}`).join(', ');
  await input.fill(`Now explain each of these at length: ${long}.`);
  await input.press('Enter');
  await page.getByRole('button', { name: 'Stop', exact: true }).click({ timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
  await input.fill('Thanks.');
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();
});

test('answer a hybrid task’s question', async ({ page }) => {
  await page.goto(`/plans/${planId}`);
  const waiting = taskNodes(page).and(page.locator('[data-status="awaiting-input"]')).first();
  await expect(waiting).toBeVisible({ timeout: 90_000 });
  await page.getByRole('button', { name: /need you/ }).click();
  const panel = page.getByRole('dialog', { name: 'Tasks waiting for you' });
  await panel.locator('li').filter({ hasNotText: 'Ready for you' }).getByRole('button', { name: 'Jump in' }).first().click();
  await expect(page).toHaveURL(/\/tasks\/[0-9a-f-]+$/);
  const id = page.url().split('/tasks/')[1]!;
  await expect(page.locator('.chat__question')).toBeVisible();
  await snapshot(page, '06-awaiting-input');
  const input = page.getByRole('textbox', { name: 'Message' });
  await input.fill('The simple one, please.');
  await input.press('Enter');
  await expect(page.getByTestId(`task-node-${id}`)).not.toHaveAttribute('data-status', 'awaiting-input', { timeout: 60_000 });
});

test('replay the history with the slider', async ({ page }) => {
  await page.goto(`/plans/${planId}`);
  await page.getByRole('link', { name: 'History' }).click();
  await expect(page).toHaveURL(new RegExp(`/plans/${planId}/audit$`));
  const slider = page.getByRole('slider', { name: 'Plan version' });
  await expect(slider).toBeVisible();
  const latest = Number(await slider.getAttribute('max'));
  const allTasks = await taskNodes(page).count();
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(page.locator('.version-slider__label')).toContainText('v1');
  await expect.poll(() => taskNodes(page).count()).toBeLessThan(Math.max(2, allTasks));
  await snapshot(page, '07-audit-first-version');
  await page.keyboard.press('End');
  await expect(page.locator('.version-slider__label')).toContainText(`v${latest}`);
  await snapshot(page, '08-audit-latest');
});

test('start an experiment between two prompt versions', async ({ page }) => {
  const prompts = (await (await page.request.get('/api/prompts')).json()) as { name: string; versions: unknown[] }[];
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
  await expect(page.getByRole('article', { name: `Experiment on ${template.name}` }).first()).toBeVisible();
  await snapshot(page, '09-analytics');
});

test('the simulator is announced plainly', async ({ page }) => {
  const model = (await (await page.request.get('/api/system/model')).json()) as { simulated: boolean };
  await page.goto('/');
  if (model.simulated) await expect(page.getByRole('note')).toContainText('Simulated model');
  else await expect(page.getByRole('note')).toHaveCount(0);
});
