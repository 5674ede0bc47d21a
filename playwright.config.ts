import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { BLURRED_Y4M, CARD_Y4M, FACE_Y4M } from './test/e2e/camera-fixtures';

// Debian's Chromium where it is installed (CI, offline machines), else Playwright's own browser
// on a developer laptop. The flags keep Chromium from calling home on a closed network.
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-domain-reliability',
  '--disable-breakpad', '--no-first-run', '--no-default-browser-check', '--disable-quic',
];
/** Chromium's fake capture device, fed one file per project (real getUserMedia path). */
const fakeCamera = (y4m: string): string[] => [
  '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${y4m}`,
];
const launch = (extra: string[] = []) => ({ ...(systemChromium ? { executablePath: systemChromium } : {}), args: [...CHROMIUM_ARGS, ...extra] });

export default defineConfig({
  testDir: 'test/e2e',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 90_000,
  globalSetup: './test/e2e/camera-fixtures.ts',
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 1000 },
    locale: 'id-ID',
    trace: 'retain-on-failure',
    launchOptions: launch(),
  },
  projects: [
    // A face in front of the camera: the selfie step passes; the KTP step is skipped or uploaded.
    { name: 'kiosk', testIgnore: /ktp-(camera|blurred)\.spec\.ts/, use: { launchOptions: launch(fakeCamera(FACE_Y4M)) } },
    { name: 'camera-card', testMatch: /ktp-camera\.spec\.ts/, use: { launchOptions: launch(fakeCamera(CARD_Y4M)) } },
    { name: 'camera-blurred', testMatch: /ktp-blurred\.spec\.ts/, use: { launchOptions: launch(fakeCamera(BLURRED_Y4M)) } },
  ],
});
