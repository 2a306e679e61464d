import { expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const artifacts = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');
mkdirSync(artifacts, { recursive: true });

/** Saves a screenshot of a main screen under e2e/artifacts/<name>.png. */
export async function snapshot(page: Page, name: string): Promise<string> {
  const path = join(artifacts, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

export const taskNodes = (page: Page): Locator => page.locator('[data-testid^="task-node-"]');

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
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('Both tasks must be on screen to drag.');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2 + 12, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 16 });
  await page.mouse.up();
}
