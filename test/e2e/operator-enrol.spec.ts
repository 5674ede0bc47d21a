// Enrolling a fresh kiosk from the operator screen (issue 14), in Chromium through the browser host,
// against the real central server process. The kiosk starts with no --enrol-* switches; its one
// operator account is written into its data directory first (an unenrolled kiosk has no server to
// pull accounts from). Typed: a plain-http address is refused in words, a mistyped code is refused,
// then the real code shows the server keys' fingerprint — the same the back office shows — and the
// link is kept only after "Cocok, daftarkan". QR: the back office's own QR image, played by
// Chromium's fake camera, is read by the document camera and enrols at once; a QR naming other keys
// than the server answers with is refused and nothing is kept.
import { chromium, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, startHost, processesPerTest, type KioskHost } from './kiosk-host';
import { ADMIN, noSeriousViolations, startOffice } from './office';
import { runTs } from '../support/processes';
import { launchOptions } from '../support/chromium';
import { StaffBrowser } from '../support/staff-browser';
import { EnrolCodeAnswerSchema, type EnrolCodeAnswer } from '../../shared/kiosks';
import { encodeEnrolmentQr, formatFingerprint } from '../../shared/enrolment-qr';
import { toBuffer } from 'qrcode';

const OPERATOR = { username: 'sari', password: 'meja-layanan-depan-7' };

const run = processesPerTest();

/** An enrolment code as the admin makes it in the back office: code, server, fingerprint and QR image. */
async function enrolCode(url: string): Promise<EnrolCodeAnswer> {
  const admin = new StaffBrowser(url);
  expect((await admin.login(ADMIN.username, ADMIN.password)).status).toBe(200);
  const r = await admin.call('POST', '/enrol-codes', { ttlHours: 8 });
  expect(r.status).toBe(201);
  return EnrolCodeAnswerSchema.parse(r.body);
}

async function unenrolledKiosk(dataDir: string): Promise<KioskHost> {
  expect(runTs(['test/support/seed-operator.ts', dataDir, OPERATOR.username], `${OPERATOR.password}\n`)).toContain('seeded');
  return startHost(dataDir, ['--sync-probe-ms', '300']);
}

async function operatorDashboard(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: /Selamat datang/ })).toBeVisible();
  await page.keyboard.press('Control+Alt+o');
  await page.getByLabel('Nama pengguna petugas').fill(OPERATOR.username);
  await page.getByLabel('Kata sandi').fill(OPERATOR.password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Keadaan kios' })).toBeVisible();
  await expect(page.getByText('Belum didaftarkan ke server pusat')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Daftarkan kios ke server' })).toBeVisible();
}

test('an operator enrols a fresh kiosk by typing the address and code, after comparing the fingerprint', async ({ page, dataDir }) => {
  const server = (run.server = await startOffice(run.serverDir));
  const host = (run.host = await unenrolledKiosk(dataDir));
  const issued = await enrolCode(server.url);
  await operatorDashboard(page, host.url);

  await page.getByRole('button', { name: 'Ketik alamat dan kode' }).click();
  const url = page.getByRole('textbox', { name: 'Alamat server' });
  const code = page.getByRole('textbox', { name: 'Kode pendaftaran' });
  await url.fill('http://pendaftaran.example.org');
  await code.fill(issued.code);
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(page.getByRole('alert')).toContainText('harus diawali https://');

  // A code in the right form that the server never made: refused in words, nothing kept.
  await url.fill(server.url);
  await code.fill('ABCD-EFGH-JKMN');
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(page.getByRole('alert')).toContainText('salah ketik, sudah dipakai, atau kedaluwarsa');

  await code.fill(issued.code.toLowerCase());
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(page.getByRole('heading', { name: 'Cocokkan sidik kunci server' })).toBeVisible();
  // What the operator compares with the back office's screen.
  await expect(page.getByLabel('Sidik kunci server')).toHaveText(formatFingerprint(issued.fingerprint));
  await expect(page.getByRole('button', { name: 'Tidak cocok, batalkan' })).toBeFocused();
  await noSeriousViolations(page);
  await page.getByRole('button', { name: 'Cocok, daftarkan' }).click();

  await expect(page.getByRole('status').filter({ hasText: `Kios terdaftar ke ${server.url}` })).toBeVisible();
  await expect(page.getByText(server.url, { exact: true })).toBeVisible();
  await expect(page.getByText(formatFingerprint(issued.fingerprint), { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Daftarkan kios ke server' })).toHaveCount(0);
  // The link works: the kiosk syncs with the server it was just enrolled to.
  await page.getByRole('button', { name: 'Sinkronkan sekarang' }).click();
  await expect(page.getByText('Terhubung', { exact: true })).toBeVisible();
});

/** A browser of its own whose fake camera plays `png` (the project's camera shows a face). */
async function withQrCamera(png: Buffer, dir: string, run: (page: Page) => Promise<void>): Promise<void> {
  const file = join(dir, 'enrol-qr.png');
  const y4m = join(dir, 'enrol-qr.y4m');
  writeFileSync(file, png);
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-loop', '1', '-i', file, '-vf', 'pad=iw+160:ih+120:80:60:white,scale=trunc(iw/2)*2:trunc(ih/2)*2', '-frames:v', '10', '-r', '10', '-pix_fmt', 'yuv420p', y4m]);
  const browser = await chromium.launch(launchOptions(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${y4m}`]));
  try {
    await run(await (await browser.newContext({ locale: 'id-ID', viewport: { width: 1280, height: 1000 } })).newPage());
  } finally {
    await browser.close();
  }
}

test('an operator enrols a fresh kiosk by showing the back office\'s QR to the document camera', async ({ dataDir }, info) => {
  const server = (run.server = await startOffice(run.serverDir));
  const host = (run.host = await unenrolledKiosk(dataDir));
  const issued = await enrolCode(server.url);
  const png = Buffer.from(issued.qrImage.replace(/^data:image\/png;base64,/, ''), 'base64');
  await withQrCamera(png, info.outputPath(), async (page) => {
    await operatorDashboard(page, host.url);
    await page.getByRole('button', { name: 'Pindai kode QR' }).click();
    await expect(page.getByText('Arahkan kamera dokumen ke kode QR pendaftaran')).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: `Kios terdaftar ke ${issued.serverUrl}` })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText(formatFingerprint(issued.fingerprint), { exact: true })).toBeVisible();
  });
});

test('a QR naming other keys than the server answers with is refused and nothing is kept', async ({ dataDir }, info) => {
  const server = (run.server = await startOffice(run.serverDir));
  const host = (run.host = await unenrolledKiosk(dataDir));
  const issued = await enrolCode(server.url);
  // The same server and code, but the fingerprint of other keys (a look-alike server's QR).
  const forged = encodeEnrolmentQr({ serverUrl: issued.serverUrl, code: issued.code, fingerprint: 'ab'.repeat(32) });
  const png = await toBuffer(forged, { errorCorrectionLevel: 'M', margin: 4, scale: 6 });
  await withQrCamera(png, info.outputPath(), async (page) => {
    await operatorDashboard(page, host.url);
    await page.getByRole('button', { name: 'Pindai kode QR' }).click();
    await expect(page.getByRole('alert')).toContainText('Kunci server tidak cocok dengan kode QR', { timeout: 20_000 });
    await expect(page.getByText('Belum didaftarkan ke server pusat')).toBeVisible();
    // Back at the choice: the operator can scan again or type.
    await expect(page.getByRole('button', { name: 'Ketik alamat dan kode' })).toBeVisible();
  });
});
