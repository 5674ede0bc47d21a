// A picture of every SSCASN step on a 1920×1080 landscape and a 1080×1920 portrait kiosk, saved in
// the test output (test-results/…/screens/) for a person to look at; and the primary action of each
// page in view without scrolling.
import { test, expect } from './kiosk-host';
import type { Page, TestInfo } from '@playwright/test';
import { completeIjazah, fillAccount, fillIdentity, openKtpStep, submitIdentity, takeSelfie } from './flow-helpers';
import { SITI } from '../support/identities';

const ORIENTATIONS = [
  { name: 'landscape', viewport: { width: 1920, height: 1080 } },
  { name: 'portrait', viewport: { width: 1080, height: 1920 } },
] as const;

for (const { name, viewport } of ORIENTATIONS) {
  test(`every step on a ${name} kiosk, its primary action in view`, async ({ page, host }, testInfo: TestInfo) => {
    await page.setViewportSize(viewport);
    let n = 0;
    const shot = async (step: string, primary?: string): Promise<void> => {
      n += 1;
      await page.screenshot({ path: testInfo.outputPath('screens', `${name}-${String(n).padStart(2, '0')}-${step}.png`) });
      if (primary) await expect(page.getByRole('button', { name: primary, exact: true })).toBeInViewport();
    };
    const top = (p: Page) => p.evaluate(() => window.scrollTo(0, 0));
    await page.goto(host.url);
    await shot('welcome', 'Mulai Pendaftaran');
    await openKtpStep(page);
    await shot('ktp-scan');
    await page.getByRole('button', { name: 'Lewati, isi data manual' }).click();
    await fillIdentity(page, SITI);
    await top(page);
    await shot('data-identitas', 'Lanjutkan');
    await submitIdentity(page);
    await top(page);
    await shot('lengkapi-data', 'Lanjutkan');
    await completeIjazah(page, SITI.tempatLahir);
    await expect(page.getByRole('button', { name: 'Ambil Foto' })).toBeEnabled({ timeout: 30_000 });
    await shot('swafoto');
    await takeSelfie(page);
    await top(page);
    await shot('data-akun', 'Lanjutkan');
    await fillAccount(page);
    await expect(page.getByRole('heading', { name: 'Langkah 6: Pengecekan Ulang Data' })).toBeVisible({ timeout: 30_000 });
    await top(page);
    await shot('pengecekan-ulang', 'Proses Pendaftaran');
    await page.getByRole('button', { name: 'Proses Pendaftaran' }).click();
    await page.getByRole('button', { name: 'Iya' }).click();
    await expect(page.getByRole('heading', { name: /Pendaftaran Selesai/ })).toBeVisible();
    await shot('selesai');
  });
}
