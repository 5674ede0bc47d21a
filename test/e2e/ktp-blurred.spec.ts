// Runs with Chromium's fake camera playing a generated KTP photographed out of focus.
import { test, expect } from './kiosk-host';
import { openKtpStep } from './flow-helpers';

test('a blurred card is refused before OCR with an instruction and a retake', async ({ page, host }) => {
  await page.goto(host.url);
  await openKtpStep(page);
  const capture = page.getByRole('button', { name: 'Ambil Foto' });
  await expect(capture).toBeEnabled({ timeout: 15_000 });
  await capture.click();
  await expect(page.getByRole('alert')).toContainText('Foto buram. Tahan KTP tetap diam di dalam bingkai, lalu foto ulang.');
  await expect(page.getByRole('img', { name: 'Foto KTP yang diambil' })).toBeVisible();
  await page.getByRole('button', { name: 'Foto Ulang' }).click();
  await expect(page.getByRole('button', { name: 'Ambil Foto' })).toBeEnabled();
  await expect(page.getByRole('heading', { name: 'Langkah 1: Pindai KTP' })).toBeVisible();
});
