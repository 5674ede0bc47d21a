// The idle wipe measures idle time on the monotonic clock (performance.now), not on Date: Playwright's
// clock fakes both, and setSystemTime moves Date alone — as a time-zone change or NTP correction
// moves the kiosk's wall clock — while runFor moves both, as real time passing does.
import { test, expect } from './kiosk-host';
import { acceptConsentAndStart, fillIdentity } from './flow-helpers';
import { SITI } from '../support/identities';

const HOURS_7 = 7 * 3_600_000;

test('a wall-clock jump of ±7 h neither wipes an applicant mid-entry nor keeps abandoned data past the idle period', async ({ page, host }) => {
  await page.clock.install();
  await page.goto(host.url);
  await acceptConsentAndStart(page);
  await fillIdentity(page, SITI);
  const nik = page.getByRole('textbox', { name: 'NIK' });

  // Date jumps 7 h ahead while the applicant is typing: one second later nothing is wiped or warned.
  await page.clock.setSystemTime(Date.now() + HOURS_7);
  await page.clock.runFor(1_000);
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(nik).toHaveValue(SITI.nik);

  // Date steps 7 h back and the applicant walks away: the wipe still comes after the idle period (120 s).
  await page.clock.setSystemTime(Date.now() - HOURS_7);
  await page.clock.runFor(99_000);
  await expect(nik).toHaveValue(SITI.nik);
  await page.clock.runFor(22_000);
  await expect(page.getByRole('heading', { name: 'Selamat datang di layanan pendaftaran' })).toBeVisible();
  expect(await page.content()).not.toContain(SITI.nik);
});
