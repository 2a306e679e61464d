import { expect, test } from '@playwright/test';
import { createProposedPlan, readPlan, rootOf, snapshot } from './support';

type SavedPattern = { id: string; title: string; sourcePlanId: string; tasks: { id: string }[] };

/**
 * The gallery of proven plans, as a person uses it: a plan that ran to completion is rated and saved as a pattern,
 * found in the gallery by searching, previewed, and a new plan is started from it, which says what it is based on.
 */
test('save a finished plan as a pattern and start a new plan from it', async ({ page }) => {
  test.setTimeout(300_000);
  // Earlier runs leave patterns of the same request in the gallery: this run's is told apart by its team's name.
  const team = `team ${Math.random().toString(36).slice(2, 8)}`;
  const planId = await createProposedPlan(page, `Write a weekly newsletter about open source releases for the ${team}`);

  // Every task runs by itself, so the plan finishes without anyone completing interactive tasks.
  const proposed = await readPlan(page.request, planId);
  const root = rootOf(proposed);
  for (const task of proposed.tasks.filter((candidate) => candidate.id !== root.id)) {
    const patched = await page.request.patch(`/api/plans/${planId}/tasks/${task.id}`, { data: { mode: 'autonomous' } });
    expect(patched.ok(), `PATCH task ${task.id} answered ${patched.status()}`).toBeTruthy();
  }

  await page.getByRole('button', { name: 'Approve & start' }).click();
  await expect(page.getByText('Shall I proceed?')).toBeHidden();
  await expect
    .poll(async () => (await readPlan(page.request, planId)).status, { timeout: 240_000, intervals: [2_000] })
    .toBe('completed');

  // The finished plan takes a rating and can be saved to the gallery.
  await page.goto(`/plans/${planId}`);
  await page.getByRole('radio', { name: '5 stars' }).click();
  await expect(page.getByRole('radio', { name: '5 stars' })).toHaveAttribute('aria-checked', 'true');
  await expect.poll(async () => ((await readPlan(page.request, planId)) as { rating?: { score: number } | null }).rating?.score).toBe(5);

  const saving = page.waitForResponse((response) => response.url().endsWith(`/api/plans/${planId}/save-as-pattern`));
  await page.getByRole('button', { name: 'Save as pattern' }).click();
  // A plan that succeeded goes into the gallery by itself: saving it again is refused, and the page links there all the same.
  expect([201, 409]).toContain((await saving).status());
  await expect(page.getByRole('link', { name: 'In the gallery' })).toBeVisible();
  await snapshot(page, '21-plan-saved-as-pattern');

  // Found in the gallery by what it was for.
  await page.getByRole('link', { name: 'Gallery', exact: true }).click();
  await expect(page).toHaveURL(/\/patterns/);
  await page.getByRole('searchbox', { name: 'Search patterns' }).fill(`newsletter ${team}`);
  const found = page.getByRole('list', { name: 'Patterns' }).getByRole('button').filter({ hasText: team });
  await expect(found).toHaveCount(1);
  await found.click();
  await expect(page).toHaveURL(/selected=[0-9a-f-]+/);
  const patternId = new URL(page.url()).searchParams.get('selected') ?? '';
  const read = await page.request.get(`/api/patterns/${patternId}`);
  expect(read.ok(), `GET /api/patterns/${patternId} answered ${read.status()}`).toBeTruthy();
  const pattern = (await read.json()) as SavedPattern;
  expect(pattern.sourcePlanId).toBe(planId);
  expect(pattern.tasks.length).toBeGreaterThan(0);
  const preview = page.getByRole('region', { name: 'Pattern preview' });
  await expect(preview.getByRole('heading', { name: pattern.title })).toBeVisible();
  await expect(preview.getByRole('list', { name: 'Pattern tree' }).getByRole('listitem')).toHaveCount(pattern.tasks.length);
  await snapshot(page, '22-gallery-preview');

  // A new plan from it: adapted to the new request, proposed, and saying what it is based on.
  const form = preview.getByRole('form', { name: 'Start a plan from this pattern' });
  await form.getByRole('textbox', { name: 'Your request' }).fill('Write a monthly newsletter about new database releases');
  await form.getByRole('button', { name: 'Start a plan from this pattern' }).click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]+$/, { timeout: 60_000 });
  const newPlanId = page.url().split('/plans/')[1] ?? '';
  expect(newPlanId).not.toBe(planId);
  await expect(page.getByText('Based on:')).toBeVisible();
  const basedOn = page.locator(`.based-on a[href="/patterns?selected=${patternId}"]`);
  await expect(basedOn).toHaveText(pattern.title);
  const started = await readPlan(page.request, newPlanId);
  expect(started.status).toBe('proposed');
  expect(started.tasks.length).toBeGreaterThan(1);
  await snapshot(page, '23-plan-from-pattern');

  await basedOn.click();
  await expect(page.getByRole('region', { name: 'Pattern preview' }).getByRole('heading', { name: pattern.title })).toBeVisible();
});
