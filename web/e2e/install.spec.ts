import { expect, test, type APIRequestContext } from '@playwright/test';
import { snapshot } from './support';

// The web app is installable (a PWA, not Electron): the gateway serves its manifest and icons, and its service worker
// shows "the server is not reachable" when the gateway is down while it never answers the API or its streams.

type Manifest = {
  name: string;
  short_name: string;
  start_url: string;
  scope: string;
  display: string;
  icons: { src: string; sizes: string; type: string; purpose?: string }[];
};

async function readManifest(request: APIRequestContext): Promise<Manifest> {
  const response = await request.get('/manifest.webmanifest');
  expect(response.status(), 'GET /manifest.webmanifest').toBe(200);
  expect(response.headers()['content-type']).toContain('application/manifest+json');
  return (await response.json()) as Manifest;
}

/** The width and height a PNG file declares in its IHDR chunk. */
function pngSize(body: Buffer): [number, number] {
  expect([...body.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(body.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return [body.readUInt32BE(16), body.readUInt32BE(20)];
}

test('the gateway serves the install manifest with its name, start URL, display and icons', async ({ request }) => {
  const manifest = await readManifest(request);

  expect(manifest.name).toBe('Orchestrator');
  expect(manifest.short_name).toBeTruthy();
  expect(manifest.start_url).toBe('/');
  expect(manifest.display).toBe('standalone');
  const pngs = manifest.icons.filter((icon) => icon.type === 'image/png');
  expect(pngs.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(manifest.icons.some((icon) => icon.type === 'image/svg+xml')).toBeTruthy();

  for (const icon of manifest.icons) {
    const response = await request.get(icon.src);
    expect(response.status(), `GET ${icon.src}`).toBe(200);
    expect(response.headers()['content-type']).toContain(icon.type);
    if (icon.type === 'image/png') {
      const [width, height] = pngSize(await response.body());
      expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
    }
  }
});

test('the app is installable: linked manifest, an active service worker, icons that load in the page', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');

  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(new URL(scope).pathname).toBe('/');

  const loaded = await page.evaluate(async () => {
    const manifest = (await (await fetch('/manifest.webmanifest')).json()) as Manifest;
    return Promise.all(
      manifest.icons.map(
        (icon) =>
          new Promise<string>((resolve) => {
            const image = new Image();
            image.onload = () => resolve(`${icon.src} ${image.naturalWidth}x${image.naturalHeight}`);
            image.onerror = () => resolve(`${icon.src} failed`);
            image.src = icon.src;
          }),
      ),
    );
  });
  expect(loaded).toEqual(expect.arrayContaining(['/icons/icon-192.png 192x192', '/icons/icon-512.png 512x512']));
  expect(loaded.filter((line) => line.endsWith('failed'))).toEqual([]);
});

test('API answers never come from the service worker, and offline pages say the server is not reachable', async ({ page, context }) => {
  await page.goto('/');
  await page.evaluate(async () => navigator.serviceWorker.ready);
  // A page the worker controls (the first load only installed it).
  await page.reload();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBeTruthy();

  const api = page.waitForResponse((response) => response.url().endsWith('/api/plans'));
  await page.evaluate(() => fetch('/api/plans').then((response) => response.status));
  expect((await api).fromServiceWorker()).toBe(false);

  await context.setOffline(true);
  try {
    await page.goto('/plans');
    await expect(page.getByRole('heading', { name: 'The server is not reachable' })).toBeVisible();
    await snapshot(page, 'offline-shell');
    const offlineApi = await page.evaluate(() => fetch('/api/plans').then(() => 'answered', () => 'failed'));
    expect(offlineApi, 'an API call offline must fail, never be answered from a cache').toBe('failed');
  } finally {
    await context.setOffline(false);
  }

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'The server is not reachable' })).toHaveCount(0);
});

test('with the simulator, the plan header says its cost is nothing', async ({ page }) => {
  const model = (await (await page.request.get('/api/model')).json()) as { simulated: boolean };
  test.skip(!model.simulated, 'A real model is configured: its cost depends on the price table.');
  const created = await page.request.post('/api/plans', { data: { request: 'Fix a typo in the README', title: 'Cost label' } });
  expect(created.status()).toBe(201);
  const plan = (await created.json()) as { id: string; cost: { tokens: number; usd: number } };
  expect(plan.cost).toEqual({ tokens: 0, usd: 0 });

  await page.goto(`/plans/${plan.id}`);
  await expect(page.locator('.plan-header').getByTestId('cost')).toHaveText('simulator: no cost');
});
