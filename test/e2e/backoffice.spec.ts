// The back office in Chromium against the real central server process: an association sign-up from
// a kiosk arrives; a reviewer logs in, finds it in the queue, opens it (what was typed, the face
// evidence in plain words), approves it → the Nomor Registrasi is issued and the kiosk's Done screen
// shows it. A logged-out browser and a wrong role are refused; axe finds nothing serious on the pages.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, startHost, type KioskHost } from './kiosk-host';
import { registerAssociation } from './flow-helpers';
import { createAdminCommand, serverCommand, startServerProcess, type ServerProcess } from './server-process';
import { StaffBrowser } from '../support/staff-browser';

const ADMIN = { username: 'kepala', password: 'kunci-rahasia-kantor-2026' };
const REVIEWER = { username: 'rina', password: 'meja-verifikasi-tiga' };
const YEAR = new Date().getUTCFullYear();

async function noSeriousViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
}

let serverDir: string;
let server: ServerProcess | undefined;
let host: KioskHost | undefined;
test.beforeEach(() => { serverDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-server-')); });
test.afterEach(async () => {
  await host?.kill('SIGTERM');
  await server?.stop();
  rmSync(serverDir, { recursive: true, force: true });
});

test('a reviewer opens an association sign-up from a kiosk and approves it; the kiosk shows the number', async ({ page, context, dataDir }, info) => {
  server = await startServerProcess(serverDir);
  expect(createAdminCommand(serverDir, ADMIN.username, ADMIN.password)).toContain(`admin ${ADMIN.username} created`);
  const admin = new StaffBrowser(server.url);
  expect((await admin.login(ADMIN.username, ADMIN.password)).status).toBe(200);
  expect((await admin.call('POST', '/staff', { username: REVIEWER.username, role: 'reviewer', password: REVIEWER.password })).status).toBe(201);

  // The applicant, at a kiosk enrolled to this server.
  const code = serverCommand(serverDir, 'enrol-code');
  host = await startHost(dataDir, ['--profile', 'asosiasi', '--enrol-server', server.url, '--enrol-code', code, '--sync-probe-ms', '300']);
  await page.goto(host.url);
  await registerAssociation(page, 'Seminar');
  await page.getByRole('button', { name: 'Proses Pendaftaran' }).click();
  await page.getByRole('button', { name: 'Iya' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'sudah diterima server pusat' })).toBeVisible({ timeout: 20_000 });

  // The reviewer, in another tab of a browser at the office.
  const office = await context.newPage();
  await office.goto(`${server.url}/staff/`);
  await expect(office.getByRole('heading', { name: 'Masuk' })).toBeVisible();
  await noSeriousViolations(office);
  await office.getByLabel('Nama pengguna').fill(REVIEWER.username);
  await office.getByLabel('Password').fill('salah-sekali-ini');
  await office.getByRole('button', { name: 'Masuk' }).click();
  await expect(office.getByRole('alert')).toHaveText('Nama pengguna atau password salah.');
  await office.getByLabel('Password').fill(REVIEWER.password);
  await office.getByRole('button', { name: 'Masuk' }).click();
  await expect(office.getByRole('heading', { name: 'Antrean pendaftaran' })).toBeVisible();
  await expect(office.getByRole('row')).toHaveCount(2);
  await noSeriousViolations(office);
  await office.getByRole('button', { name: /^Buka / }).click();
  await expect(office.getByRole('row', { name: 'Nama Lengkap ANI LESTARI' })).toBeVisible();
  await expect(office.getByText('Menunggu verifikasi')).toBeVisible();
  await office.screenshot({ path: info.outputPath('screens', 'backoffice-record.png'), fullPage: true });
  await noSeriousViolations(office);
  await office.getByRole('button', { name: 'Setujui dan terbitkan nomor' }).click();
  // Final decisions ask once more.
  await expect(office.getByText('Keputusan tidak dapat diubah.')).toBeVisible();
  await office.getByRole('button', { name: 'Ya, setujui' }).click();
  await expect(office.getByRole('status').filter({ hasText: `Bernomor PAM-${YEAR}-0000001` })).toBeVisible();

  // Back at the kiosk: its next status pull brings the number to the Done screen.
  await expect(page.getByRole('status', { name: 'Nomor pendaftaran' })).toHaveText(`PAM-${YEAR}-0000001`, { timeout: 30_000 });

  // Logged out: the pages' API refuses; a reviewer cannot manage staff.
  await office.getByRole('button', { name: 'Keluar', exact: true }).click();
  await expect(office.getByRole('heading', { name: 'Masuk' })).toBeVisible();

  // The admin: staff accounts (a weak password refused with the rules, an auditor created), then
  // the audit trail's chain checked.
  await office.getByLabel('Nama pengguna').fill(ADMIN.username);
  await office.getByLabel('Password').fill(ADMIN.password);
  await office.getByRole('button', { name: 'Masuk' }).click();
  await office.getByRole('button', { name: 'Petugas' }).click();
  await expect(office.getByRole('row', { name: /rina Verifikator Aktif/ })).toBeVisible();
  await office.getByLabel('Nama pengguna').fill('audit');
  await office.getByLabel('Peran').selectOption({ label: 'Auditor' });
  await office.getByLabel('Password awal').fill('password');
  await office.getByRole('button', { name: 'Buat akun' }).click();
  await expect(office.getByRole('alert')).toContainText('bukan password umum');
  await office.getByLabel('Password awal').fill('buku-besar-kantor');
  await office.getByRole('button', { name: 'Buat akun' }).click();
  await expect(office.getByRole('row', { name: /audit Auditor Aktif/ })).toBeVisible();
  await noSeriousViolations(office);
  await office.getByRole('button', { name: 'Jejak audit' }).click();
  await office.getByRole('button', { name: 'Periksa keutuhan rantai' }).click();
  await expect(office.getByRole('status').filter({ hasText: /Rantai utuh: \d+ catatan diperiksa/ })).toBeVisible();
  await expect(office.getByRole('cell', { name: 'registration.approve' })).toBeVisible();
  await noSeriousViolations(office);
  await office.getByRole('button', { name: 'Keluar', exact: true }).click();
  const anonymous = await office.request.get(`${server.url}/staff/api/registrations`);
  expect(anonymous.status()).toBe(401);
  const reviewer = new StaffBrowser(server.url);
  await reviewer.login(REVIEWER.username, REVIEWER.password);
  expect((await reviewer.call('GET', '/staff')).status).toBe(403);
  expect((await reviewer.call('GET', '/audit')).status).toBe(403);
});
