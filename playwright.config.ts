import { defineConfig } from '@playwright/test';
import { BLURRED_Y4M, CARD_Y4M, FACE_Y4M } from './test/e2e/camera-fixtures';
import { launchOptions as launch } from './test/support/chromium';

/** Chromium's fake capture device, fed one file per project (real getUserMedia path). */
const fakeCamera = (y4m: string): string[] => [
  '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${y4m}`,
];

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
