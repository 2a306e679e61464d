import { defineConfig } from '@playwright/test';

// End-to-end tests run against the whole system started by the AppHost (the gateway serves the
// built app and the API). Playwright never downloads a browser here: it drives Debian's Chromium.
const baseURL = process.env.ORCHESTRATOR_URL ?? 'http://127.0.0.1:8080';

export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

export default defineConfig({
  testDir: './e2e',
  testIgnore: ['bench/**'],
  outputDir: './e2e/artifacts/test-results',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  // The json file's stats (expected, unexpected, flaky, skipped) are what test.sh counts.
  reporter: [
    ['list'],
    ['json', { outputFile: './e2e/artifacts/results.json' }],
    ['html', { outputFolder: './e2e/artifacts/report', open: 'never' }],
  ],
  use: {
    baseURL,
    viewport: { width: 1440, height: 900 },
    launchOptions: chromiumLaunch,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
