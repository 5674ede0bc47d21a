// A field office whose link is down, in Chromium through the browser host and the real server: a
// second operator's name is locked after five wrong passwords (the first still logs in); an
// applicant registers while the server is down; the operator exports the record to a file (the
// browser host's download), the office imports it with `npm run server -- import`, and when the
// link is back the kiosk's own delivery gets the same receipt: one registration, nothing waiting;
// the secretariat then rejects it, and the operator's list shows the rejection and its reason.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, startHost, processesPerTest } from './kiosk-host';
import { serverCommand, startServerProcess } from './server-process';
import { registerAssociation } from './flow-helpers';
import { ADMIN, startOffice } from './office';
import type { Page } from '@playwright/test';
import { runTs, ROOT } from '../support/processes';
import { StaffBrowser } from '../support/staff-browser';

const SARI = { username: 'sari', password: 'meja-layanan-depan-7' };
const BUDI = { username: 'budi', password: 'meja-layanan-belakang-8' };

const run = processesPerTest();

/** The kiosk's operator login (not the back office's). */
async function logIn(page: Page, who: { username: string; password: string }): Promise<void> {
  await page.getByLabel('Nama pengguna petugas').fill(who.username);
  await page.getByLabel('Kata sandi').fill(who.password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
}

const createOperator = (who: { username: string; password: string }) =>
  runTs([join(ROOT, 'server', 'main.ts'), 'create-operator', who.username, '--data-dir', run.serverDir], `${who.password}\n`);

test('lockout, then export while offline, import at the office, and the kiosk reconciles with one registration', async ({ page, dataDir }, info) => {
  const server = (run.server = await startOffice(run.serverDir));
  const { port } = server;
  createOperator(SARI);
  createOperator(BUDI);
  const host = (run.host = await startHost(dataDir, ['--profile', 'asosiasi', '--enrol-server', server.url, '--enrol-code', serverCommand(run.serverDir, 'enrol-code'), '--sync-probe-ms', '300']));
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: /Selamat datang/ })).toBeVisible();
  await page.keyboard.press('Control+Alt+o');
  // The accounts arrive with the first sync; then five wrong passwords lock budi's name.
  await expect(async () => {
    await logIn(page, { username: SARI.username, password: SARI.password });
    await expect(page.getByRole('heading', { name: 'Keadaan kios' })).toBeVisible({ timeout: 1_500 });
  }).toPass({ timeout: 10_000, intervals: [1_500, 2_000, 3_000] });
  await page.getByRole('button', { name: 'Keluar', exact: true }).click();
  for (let i = 0; i < 5; i++) {
    await logIn(page, { username: BUDI.username, password: `salah-${i}` });
    await expect(page.getByRole('alert')).toHaveText('Nama pengguna atau kata sandi salah.');
  }
  await logIn(page, BUDI);
  await expect(page.getByRole('alert')).toContainText('Terlalu banyak percobaan');
  await page.getByRole('button', { name: 'Kembali ke kios' }).first().click();

  // The link goes down; an applicant registers all the same.
  await run.server.stop();
  run.server = undefined;
  await registerAssociation(page);
  await page.getByRole('button', { name: 'Proses Pendaftaran' }).click();
  await page.getByRole('button', { name: 'Iya' }).click();
  await expect(page.getByRole('heading', { name: 'Pendaftaran Selesai' })).toBeVisible();
  const printed = (await page.getByRole('status', { name: 'Nomor tanda terima' }).textContent())?.trim() ?? '';
  await page.getByRole('button', { name: 'Selesai' }).click();

  // The operator exports it to a file for the drive.
  await page.keyboard.press('Control+Alt+o');
  await logIn(page, SARI);
  await expect(page.getByRole('heading', { name: 'Keadaan kios' })).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Ekspor data belum terkirim' }).click();
  const download = await downloading;
  await expect(page.getByRole('status').filter({ hasText: '1 data diekspor' })).toBeVisible();
  const tar = info.outputPath(download.suggestedFilename());
  await download.saveAs(tar);
  const unpacked = info.outputPath('drive');
  mkdirSync(unpacked, { recursive: true });
  execFileSync('tar', ['-xf', tar, '-C', unpacked]);
  const [folder = ''] = readdirSync(unpacked);

  // At the office: imported once (twice is "already there").
  expect(serverCommand(run.serverDir, 'import', join(unpacked, folder))).toMatch(/imported/);
  expect(serverCommand(run.serverDir, 'import', join(unpacked, folder))).toMatch(/already there/);

  // The link is back: the kiosk's own delivery finds the same registration.
  const back = (run.server = await startServerProcess(run.serverDir, port));
  await page.getByRole('button', { name: 'Sinkronkan sekarang' }).click();
  await expect(page.getByRole('row', { name: new RegExp(`${printed}.*Menunggu verifikasi`) })).toBeVisible({ timeout: 15_000 });
  const office = new StaffBrowser(back.url);
  await office.login(ADMIN.username, ADMIN.password);
  const rows = (await office.call('GET', '/registrations')).body as unknown as { receiptNumber: string | null; deviceId: string; recordId: string }[];
  expect(rows.map((r) => r.receiptNumber)).toEqual([printed]);

  // The secretariat rejects it; the operator's list says so, with the reason's code.
  const [row] = rows;
  serverCommand(run.serverDir, 'reject', row?.deviceId ?? '', row?.recordId ?? '', 'data-tidak-sesuai');
  await page.getByRole('button', { name: 'Sinkronkan sekarang' }).click();
  await expect(page.getByRole('row', { name: new RegExp(`${printed}.*Ditolak.*data-tidak-sesuai`) })).toBeVisible({ timeout: 15_000 });
});
