import { defineConfig } from '@playwright/test';
import { chromiumLaunch } from './playwright.config';

// The browser benchmark needs a 2,000-task plan and a controlled rate of status changes, which only
// the mock gateway can produce on demand; it measures the web app's rendering, not the services.
const port = Number(process.env.MOCK_PORT ?? 8099);

export default defineConfig({
  testDir: './e2e/bench',
  testMatch: '**/*.bench.ts',
  outputDir: './e2e/artifacts/bench-results',
  timeout: 180_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1440, height: 900 },
    launchOptions: chromiumLaunch,
  },
  webServer: {
    command: `npm run build && npx tsx scripts/mock-gateway.ts --port ${port}`,
    url: `http://127.0.0.1:${port}/api/system/health`,
    reuseExistingServer: true,
    timeout: 120_000,
  },
});
