// A picture of every SSCASN step on a 1920×1080 landscape and a 1080×1920 portrait kiosk, saved in
// the test output (test-results/…/screens/) for a person to look at; and the primary action of each
// page in view without scrolling.
import { test, expect } from './kiosk-host';
import type { Page, TestInfo } from '@playwright/test';
import { completeIjazah, fillAccount, openKtpStep, submitIdentity, takeSelfie, uploadFaceCard } from './flow-helpers';

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
    await expect(page.getByRole('button', { name: 'Ambil Foto' })).toBeEnabled({ timeout: 30_000 });
    await shot('ktp-scan', 'Ambil Foto');
    // The scanned card, read: Data Identitas shows it beside the fields it prefilled.
    await uploadFaceCard(page);
    await top(page);
    await shot('data-identitas', 'Lanjutkan');
    if (name === 'landscape') {
      // Beside, not above: the card's right edge is left of the first field's left edge.
      const card = await page.getByRole('img', { name: 'Foto KTP yang diambil' }).boundingBox();
      const nik = await page.getByRole('textbox', { name: 'NIK' }).boundingBox();
      expect((card?.x ?? 0) + (card?.width ?? 0)).toBeLessThan(nik?.x ?? 0);
    }
    await submitIdentity(page);
    await top(page);
    await shot('lengkapi-data', 'Lanjutkan');
    await completeIjazah(page, 'Kota Bandung');
    await expect(page.getByRole('button', { name: 'Ambil Foto' })).toBeEnabled({ timeout: 30_000 });
    await shot('swafoto', 'Ambil Foto');
    if (name === 'landscape') {
      // The camera and its instructions side by side.
      const view = await page.locator('video').boundingBox();
      const picture = await page.getByRole('figure', { name: /Satu wajah di tengah oval/ }).boundingBox();
      expect((view?.x ?? 0) + (view?.width ?? 0)).toBeLessThan(picture?.x ?? 0);
    }
    await takeSelfie(page);
    await top(page);
    await shot('data-akun', 'Lanjutkan');
    await fillAccount(page);
    await expect(page.getByRole('heading', { name: 'Langkah 6: Pengecekan Ulang Data' })).toBeVisible({ timeout: 30_000 });
    await top(page);
    await shot('pengecekan-ulang', 'Proses Pendaftaran');
    await page.getByRole('button', { name: 'Proses Pendaftaran' }).click();
    await page.getByRole('button', { name: 'Iya' }).click();
    // The submission waits for the advisory selfie-to-KTP match up to 20 s (renderer/steps/selfie/index.tsx).
    await expect(page.getByRole('heading', { name: /Pendaftaran Selesai/ })).toBeVisible({ timeout: 30_000 });
    await shot('selesai');
  });
}

test('the header is one line on a landscape kiosk with the profile logo; large text scales the page until the next applicant', async ({ page, host }) => {
  await page.setViewportSize(ORIENTATIONS[0].viewport);
  await page.goto(host.url);
  await openKtpStep(page);
  const restart = page.getByRole('button', { name: 'Batal / Mulai ulang' });
  const header = await page.getByRole('banner').boundingBox();
  const button = await restart.boundingBox();
  expect(header?.height ?? 0).toBeLessThan((button?.height ?? 0) * 2);
  // The logo is the profile's own SVG, drawn (not a broken image).
  const logo = page.getByRole('banner').locator('img');
  await expect(logo).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
  expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

  const rootSize = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  const large = page.getByRole('button', { name: 'Teks besar' });
  await expect.poll(rootSize).toBe('22px');
  await large.click();
  await expect(large).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(rootSize).toBe('27px');
  await expect(page.getByRole('button', { name: 'Ambil Foto' })).toBeInViewport();
  await restart.click();
  await page.getByRole('button', { name: 'Ya, hapus dan mulai ulang' }).click();
  await expect(page.getByRole('button', { name: 'Mulai Pendaftaran' })).toBeVisible();
  await expect(large).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(rootSize).toBe('22px');
});
