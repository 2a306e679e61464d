import { expect, test } from '@playwright/test';
import { childrenOf, readPlan, rootOf, snapshot, taskIn, taskNode } from './support';

/**
 * A chat spawns chats, as a person does it: in a running task's chat they ask to split, create the proposed child
 * chats, see them join the tree live, and open one, which starts from its own brief. Offline, the simulator proposes.
 */
test('split a running task into child chats from its chat', async ({ page }) => {
  const created = await page.request.post('/api/plans', { data: { request: 'Add a checkout page to my online shop' } });
  expect(created.ok()).toBeTruthy();
  const planId = ((await created.json()) as { id: string }).id;
  const root = rootOf(await readPlan(page.request, planId));
  const added = await page.request.post(`/api/plans/${planId}/tasks`, {
    data: { parentId: root.id, title: 'Build the checkout page', objective: 'Build the checkout page: address form, payment choice and order summary.', mode: 'interactive' },
  });
  expect(added.ok()).toBeTruthy();
  const taskId = ((await added.json()) as { id: string }).id;
  expect((await page.request.post(`/api/plans/${planId}/approve`, { data: {} })).ok()).toBeTruthy();
  await expect.poll(async () => taskIn(await readPlan(page.request, planId), taskId).status, { timeout: 60_000 }).toBe('active');

  await page.goto(`/plans/${planId}/tasks/${taskId}`);
  await expect(page.getByRole('region', { name: 'Task brief' })).toContainText('Build the checkout page');
  const asked = Date.now();
  await page.getByRole('button', { name: 'Split into child chats' }).click();
  const card = page.getByRole('region', { name: 'Proposed child chats' });
  await expect(card).toBeVisible({ timeout: 30_000 });
  const proposalShown = Date.now() - asked;
  const proposed = card.getByTestId('proposed-subtask');
  await expect(proposed).toHaveCount(3);
  await expect(card).toContainText('After:');
  await snapshot(page, '11-split-proposed');

  // Edit before creating: the person renames the first child chat.
  await card.getByRole('button', { name: 'Edit' }).click();
  const firstTitle = card.getByLabel('Title of child chat 1');
  await firstTitle.fill('Research card payments for the checkout');
  const creating = Date.now();
  await card.getByRole('button', { name: 'Create' }).click();
  await expect(card).toContainText('Created 3 child chats', { timeout: 30_000 });

  // The tree shows them live, under the task, with the edited title.
  await expect.poll(async () => childrenOf(await readPlan(page.request, planId), taskId).length, { timeout: 30_000 }).toBe(3);
  const children = childrenOf(await readPlan(page.request, planId), taskId);
  for (const child of children) await expect(taskNode(page, child.id)).toBeVisible({ timeout: 30_000 });
  const childrenInTree = Date.now() - creating;
  const research = children.find((child) => child.title === 'Research card payments for the checkout');
  expect(research, 'the edited title is the created task’s').toBeDefined();
  expect(children.some((child) => child.dependsOn.length > 0)).toBeTruthy();
  await snapshot(page, '12-split-created');

  // Open one: its own conversation, starting from its own brief.
  const design = children.find((child) => child.mode === 'interactive')!;
  await card.getByRole('link', { name: design.title }).click();
  await expect(page).toHaveURL(new RegExp(`/plans/${planId}/tasks/${design.id}$`));
  await expect(page.getByRole('region', { name: 'Task brief' })).toContainText(design.title);
  await expect(page.getByRole('list', { name: 'Messages' })).toContainText('No messages yet.');
  await snapshot(page, '13-split-child-opened');
  console.log(`chat split: ask → proposal shown ${proposalShown} ms; create → children in the tree ${childrenInTree} ms`);
});
