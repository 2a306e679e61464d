import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { readPlan, rootOf, snapshot, taskIn, taskNode } from './support';

type ApiArtifact = { id: string; name: string; kind: string; language?: string | null; version: number };

/**
 * What a task produced, as a person takes it out: the finished task's snippet opens in the canvas beside its chat, an
 * edit is saved as the artifact's next version, and the plan's report and artifacts download. Offline, the simulator
 * ends its reply with a python block because the brief asks for a snippet.
 */
test('open a finished task’s output in the canvas, save an edit, download the report', async ({ page }) => {
  const created = await page.request.post('/api/plans', { data: { request: 'Write a greeting module', title: 'Greeting module' } });
  expect(created.ok()).toBeTruthy();
  const planId = ((await created.json()) as { id: string }).id;
  const root = rootOf(await readPlan(page.request, planId));
  const added = await page.request.post(`/api/plans/${planId}/tasks`, {
    data: { parentId: root.id, title: 'Write the code', objective: 'Write a python snippet that returns a greeting.', mode: 'autonomous' },
  });
  expect(added.ok()).toBeTruthy();
  const taskId = ((await added.json()) as { id: string }).id;
  expect((await page.request.post(`/api/plans/${planId}/approve`, { data: {} })).ok()).toBeTruthy();
  await expect.poll(async () => (await readPlan(page.request, planId)).status, { timeout: 60_000 }).toBe('completed');
  const artifacts = (taskIn(await readPlan(page.request, planId), taskId) as unknown as { artifacts: ApiArtifact[] }).artifacts;
  const snippet = artifacts.find((artifact) => artifact.name === 'snippet.py');
  expect(snippet, 'the simulator’s snippet is an artifact').toBeDefined();

  // In the tree, the finished task's result shows beside its card while the pointer is on it, rendered as Markdown.
  await page.goto(`/plans/${planId}`);
  await taskNode(page, taskId).hover();
  const preview = page.getByTestId('result-preview');
  await expect(preview.getByRole('heading', { name: 'Snippet' })).toBeVisible();
  await expect(preview.locator('code').first()).toBeVisible();
  await page.mouse.move(5, 5);
  await expect(preview).toBeHidden();

  // The task panel renders the result and lists what it produced; the snippet opens in the canvas beside the chat.
  await page.goto(`/plans/${planId}/tasks/${taskId}`);
  const brief = page.getByRole('region', { name: 'Task brief' });
  await expect(brief.getByRole('heading', { name: 'Snippet' })).toBeVisible();
  await brief.getByRole('button', { name: /snippet\.py/ }).click();
  await expect(page).toHaveURL(new RegExp(`/plans/${planId}/tasks/${taskId}/artifacts/${snippet!.id}$`));
  const canvas = page.getByRole('region', { name: 'Canvas' });
  const editor = canvas.getByRole('textbox', { name: 'Edit snippet.py' });
  await expect(editor).toContainText('def answer() -> str:');
  await expect(page.getByRole('list', { name: 'Messages' })).toBeVisible();
  await expect(canvas.getByRole('button', { name: 'Save' })).toBeDisabled();

  // Edit in the editor and save: the artifact's next version, recorded in the plan.
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('def answer() -> str:\n    return "hello from the canvas"');
  await canvas.getByRole('button', { name: 'Save' }).click();
  await expect(canvas).toContainText('v2');
  await expect(canvas.getByRole('button', { name: 'Save' })).toBeDisabled();
  const saved = (await (await page.request.get(`/api/plans/${planId}/tasks/${taskId}/artifacts/${snippet!.id}`)).json()) as {
    version: number;
    content: string;
  };
  expect(saved.version).toBe(2);
  expect(saved.content).toContain('return "hello from the canvas"');
  await snapshot(page, '14-canvas-edited');

  // The whole result is a document: rendered, not raw.
  await canvas.getByRole('tab', { name: 'Result' }).click();
  await expect(canvas.getByRole('heading', { name: 'Snippet' })).toBeVisible();

  // The plan as one report, and its artifacts as a zip.
  const reportDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Report', exact: true }).click();
  const report = await reportDownload;
  expect(report.suggestedFilename()).toBe('greeting-module-report.md');
  const markdown = await readFile((await report.path())!, 'utf8');
  expect(markdown).toContain('# Greeting module');
  expect(markdown).toContain('[x] Write the code — completed');
  expect(markdown).toContain('hello from the canvas');

  const zipDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download artifacts', exact: true }).click();
  const zip = await zipDownload;
  expect(zip.suggestedFilename()).toBe('greeting-module-artifacts.zip');
  const bytes = await readFile((await zip.path())!);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
});
