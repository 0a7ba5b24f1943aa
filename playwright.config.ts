import { defineConfig } from 'playwright/test';

// PORT_ATLAS_E2E_PORT lets two checkouts on one machine test side by side without reusing each other's server.
const PORT = Number(process.env.PORT_ATLAS_E2E_PORT) || 4329;
const BASE_URL = `http://127.0.0.1:${PORT}`;
// The fixture builds (fixture-builds.spec.ts) make small sites of their own and need neither the
// real build nor a server, so they run apart (`npm run test:builds`), which `npm test` runs while
// the real build does; `npm run test:e2e` runs the rest, against dist/.
const FIXTURE_BUILDS = '**/fixture-builds.spec.ts';
const buildsOnly = process.env.PORT_ATLAS_E2E === 'builds';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: buildsOnly ? FIXTURE_BUILDS : '**/*.spec.ts',
  testIgnore: buildsOnly ? undefined : FIXTURE_BUILDS,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? 'line' : 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    browserName: 'chromium',
    baseURL: BASE_URL,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    // Recording a trace snapshots the DOM at every action, costly on the 7,300-link pages: the
    // whole run took 346 s with it and 266 s without. CI keeps no artifacts, so it records none;
    // locally a failing test still leaves its trace.
    trace: process.env.CI ? 'off' : 'retain-on-failure',
  },
  webServer: buildsOnly ? undefined : {
    // --ignore-lock: Astro 7 refuses to start a second preview server of the same project
    // (lock file in .astro/preview.json) and, when it detects an AI agent, moves itself to the
    // background and exits; both would leave Playwright without the server it waits for.
    command: `astro preview --host 127.0.0.1 --port ${PORT} --ignore-lock`,
    url: `${BASE_URL}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
