import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const artifacts = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');
export const screenshots = join(artifacts, 'screenshots');
mkdirSync(screenshots, { recursive: true });

/** The model simulator's own address (its test hooks are not behind the gateway); the AppHost's default port. */
export const modelSimulatorUrl = process.env.ORCHESTRATOR_MODELSIM_URL ?? 'http://127.0.0.1:5105';

export type ApiTask = {
  id: string;
  parentId: string | null;
  title: string;
  mode: 'autonomous' | 'interactive' | 'hybrid';
  status: string;
  order: number;
  dependsOn: string[];
  conversationId: string;
  question: string | null;
};
export type ApiPlan = { id: string; status: string; version: number; tasks: ApiTask[] };
export type ApiMessage = { id: string; role: string; content: string; status?: string; stopped?: boolean };

/** Saves a screenshot of a main screen under e2e/artifacts/screenshots/<name>.png. */
export async function snapshot(page: Page, name: string): Promise<string> {
  const path = join(screenshots, `${name}.png`);
  // Transitions finish at once: a button caught halfway from one state to the next is no screen.
  await page.screenshot({ path, animations: 'disabled' });
  return path;
}

export const taskNodes = (page: Page): Locator => page.locator('[data-testid^="task-node-"]');
export const taskNode = (page: Page, taskId: string): Locator => page.getByTestId(`task-node-${taskId}`);

export async function readPlan(request: APIRequestContext, planId: string): Promise<ApiPlan> {
  const response = await request.get(`/api/plans/${planId}`);
  expect(response.ok(), `GET /api/plans/${planId} answered ${response.status()}`).toBeTruthy();
  return (await response.json()) as ApiPlan;
}

export async function readMessages(request: APIRequestContext, conversationId: string): Promise<ApiMessage[]> {
  const response = await request.get(`/api/conversations/${conversationId}`);
  expect(response.ok(), `GET /api/conversations/${conversationId} answered ${response.status()}`).toBeTruthy();
  return ((await response.json()) as { messages: ApiMessage[] }).messages;
}

export const rootOf = (plan: ApiPlan): ApiTask => plan.tasks.find((task) => task.parentId === null)!;

export const childrenOf = (plan: ApiPlan, taskId: string): ApiTask[] =>
  plan.tasks.filter((task) => task.parentId === taskId).sort((a, b) => a.order - b.order);

export const taskIn = (plan: ApiPlan, taskId: string): ApiTask => {
  const task = plan.tasks.find((candidate) => candidate.id === taskId);
  if (!task) throw new Error(`Task ${taskId} is not in plan ${plan.id}.`);
  return task;
};

/** Whether some task of the plan depends on this one. */
export const isDependedOn = (plan: ApiPlan, taskId: string): boolean =>
  plan.tasks.some((task) => task.dependsOn.includes(taskId));

/** Every task this one waits for through its dependencies, directly or not. */
export function dependenciesOf(plan: ApiPlan, taskId: string): Set<string> {
  const found = new Set<string>();
  const stack = [...taskIn(plan, taskId).dependsOn];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (found.has(id)) continue;
    found.add(id);
    stack.push(...taskIn(plan, id).dependsOn);
  }
  return found;
}

/** Creates a plan through the home page and waits for its decomposition to be proposed. */
export async function createProposedPlan(page: Page, request: string): Promise<string> {
  await page.goto('/');
  await page.getByLabel('What do you want to get done?').fill(request);
  await page.getByRole('button', { name: 'Plan it' }).click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]+$/);
  await expect(page.getByText('Shall I proceed?')).toBeVisible({ timeout: 60_000 });
  await expect.poll(async () => taskNodes(page).count(), { timeout: 30_000 }).toBeGreaterThan(2);
  return page.url().split('/plans/')[1] ?? '';
}

/** Drags one task card onto the middle of another with real mouse moves. */
export async function dragOnto(page: Page, source: Locator, target: Locator): Promise<void> {
  await clearOfMinimap(page, source);
  await clearOfMinimap(page, target);
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('Both tasks must be on screen to drag.');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2 + 12, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 16 });
  await page.mouse.up();
}

/**
 * Pans the tree up, as a person would, while the task's card lies under the minimap in the corner: a press there lands on
 * the minimap, not the card.
 */
async function clearOfMinimap(page: Page, card: Locator): Promise<void> {
  const minimap = page.locator('.react-flow__minimap');
  for (let attempt = 0; attempt < 6; attempt++) {
    const box = await card.boundingBox();
    const map = (await minimap.count()) > 0 ? await minimap.boundingBox() : null;
    if (!box || !map) return;
    const overlaps = box.x < map.x + map.width && box.x + box.width > map.x && box.y < map.y + map.height && box.y + box.height > map.y;
    if (!overlaps) return;
    // Drag an empty spot of the pane upwards by the overlap: the first point, from the bottom, where nothing lies on the pane.
    const spot = await page.evaluate(() => {
      const pane = document.querySelector('.react-flow__pane');
      if (!pane) return null;
      const r = pane.getBoundingClientRect();
      for (let y = r.bottom - 20; y > r.top + r.height / 2; y -= 16) {
        for (let x = r.left + 20; x < r.right - 20; x += 16) {
          if (document.elementFromPoint(x, y) === pane) return { x, y };
        }
      }
      return null;
    });
    if (!spot) return;
    const { x, y } = spot;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x, y - (box.y + box.height - map.y + 24), { steps: 8 });
    await page.mouse.up();
  }
}

/**
 * Makes the model's next reply stream slowly (one chunk, about a word, every `tokenLatencyMs`), so
 * that a test can watch it arrive and stop it halfway. Only the simulator can be told so; with a
 * real model, replies are slow enough as they are.
 */
export async function slowNextReply(request: APIRequestContext, tokenLatencyMs: number): Promise<void> {
  const model = (await (await request.get('/api/model')).json()) as { simulated: boolean };
  if (!model.simulated) return;
  const response = await request
    .post(`${modelSimulatorUrl}/v1/_faults`, { data: { fail: 'none', count: 1, tokenLatencyMs } })
    .catch((error: unknown) => {
      throw new Error(`The model simulator is not at ${modelSimulatorUrl}; set ORCHESTRATOR_MODELSIM_URL. (${String(error)})`);
    });
  expect(response.ok(), `POST ${modelSimulatorUrl}/v1/_faults answered ${response.status()}`).toBeTruthy();
}
