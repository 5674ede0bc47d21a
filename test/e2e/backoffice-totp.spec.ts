// The optional second factor in Chromium against the real central server process: a reviewer turns
// TOTP on from "Akun saya" (scanning is played by reading the key shown for typing), logs out, then
// logs in with the password and a code (a wrong code first); an admin resets it from the staff page
// after a lost phone. axe finds nothing serious on the account page in each of its states.
import { test, expect, processesPerTest } from './kiosk-host';
import { StaffBrowser } from '../support/staff-browser';
import { ADMIN, logIn, noSeriousViolations, REVIEWER, startOffice } from './office';
import { base32Decode, totpCode } from '../../server/staff/totp';

const STEP_MS = 30_000;

const run = processesPerTest();

test('a reviewer turns the authenticator code on, then logs in with password and code; an admin resets it', async ({ page }, info) => {
  const server = (run.server = await startOffice(run.serverDir, { reviewer: true }));

  await page.goto(`${server.url}/staff/`);
  await logIn(page, REVIEWER);
  await page.getByRole('button', { name: 'Akun saya' }).click();
  await expect(page.getByRole('heading', { name: 'Akun saya', level: 1 })).toBeVisible();
  await expect(page.getByText('Tidak aktif.')).toBeVisible();
  await noSeriousViolations(page);

  await page.getByRole('button', { name: 'Aktifkan kode autentikator' }).click();
  await expect(page.getByRole('img', { name: `Kode QR untuk aplikasi autentikator, akun ${REVIEWER.username}` })).toBeVisible();
  // The key is shown in groups of four, as it would be typed into the phone.
  const shown = (await page.getByRole('definition').textContent()) ?? '';
  expect(shown).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
  const secret = base32Decode(shown);
  expect(secret).toHaveLength(20);
  await page.screenshot({ path: info.outputPath('screens', 'backoffice-account-totp.png'), fullPage: true });
  await noSeriousViolations(page);
  const code = page.getByLabel('Kode dari aplikasi (6 angka)');
  await expect(code).toHaveAttribute('inputmode', 'numeric');
  await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
  await code.fill(totpCode(secret, Date.now()));
  await page.getByRole('button', { name: 'Aktifkan', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Kode autentikator aktif.' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Nonaktifkan kode autentikator' })).toBeVisible();
  await noSeriousViolations(page);

  // Logged out, in again: the password first, then the code is asked for (the password stays typed).
  await page.getByRole('button', { name: 'Keluar', exact: true }).click();
  await logIn(page, REVIEWER);
  await expect(page.getByRole('alert')).toHaveText('Masukkan kode 6 angka dari aplikasi autentikator.');
  const loginCode = page.getByLabel('Kode autentikator (6 angka)');
  await expect(loginCode).toBeFocused();
  await expect(page.getByLabel('Password')).toHaveValue(REVIEWER.password);
  await noSeriousViolations(page);
  const next = totpCode(secret, Date.now() + STEP_MS);
  const valid = [-1, 0, 1, 2].map((d) => totpCode(secret, Date.now() + d * STEP_MS));
  await loginCode.fill(['000000', '111111', '222222', '333333', '444444'].find((c) => !valid.includes(c)) ?? '');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('alert')).toContainText('Kode autentikator salah');
  // The code's next step: later than the one spent confirming, within the accepted window.
  await loginCode.fill(next);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('heading', { name: 'Antrean pendaftaran' })).toBeVisible();
  await page.getByRole('button', { name: 'Keluar', exact: true }).click();

  // The phone is lost: an admin resets the code from the staff page; the password alone logs in again.
  await logIn(page, ADMIN);
  await page.getByRole('button', { name: 'Petugas' }).click();
  await page.getByRole('button', { name: `Atur ulang kode autentikator ${REVIEWER.username}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Kode autentikator ${REVIEWER.username} diatur ulang.` })).toBeVisible();
  await expect(page.getByRole('button', { name: `Atur ulang kode autentikator ${REVIEWER.username}` })).toHaveCount(0);
  await noSeriousViolations(page);
  expect((await new StaffBrowser(server.url).login(REVIEWER.username, REVIEWER.password)).status).toBe(200);
  const admin = new StaffBrowser(server.url);
  expect((await admin.login(ADMIN.username, ADMIN.password)).status).toBe(200);
  const trail = (await admin.call('GET', '/audit')).body as unknown as { actor: string; action: string; subject?: string | null }[];
  expect(trail.filter((e) => e.action.startsWith('staff.totp-')).map((e) => [e.actor, e.action, e.subject ?? null]))
    .toEqual([[ADMIN.username, 'staff.totp-reset', REVIEWER.username], [REVIEWER.username, 'staff.totp-enabled', null]]);
});
