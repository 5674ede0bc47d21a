// The back office in Chromium against the real central server process and a real SMTP server: an
// association sign-up from a kiosk arrives; a reviewer logs in, finds it in the queue, opens it (what
// was typed, the face evidence in plain words), approves it → the Nomor Registrasi is issued, the
// applicant's e-mail holds it, and the kiosk's Done screen shows it. Another is rejected with a reason
// → the e-mail says why, the kiosk says it was not approved; an admin reopens it. A logged-out browser
// and a wrong role are refused; axe finds nothing serious on the pages.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, startHost, type KioskHost } from './kiosk-host';
import { registerAssociation } from './flow-helpers';
import { serverCommand, type ServerProcess } from './server-process';
import { ADMIN, logIn, noSeriousViolations, REVIEWER, startOffice } from './office';
import { StaffBrowser } from '../support/staff-browser';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

const YEAR = new Date().getUTCFullYear();


let serverDir: string;
let server: ServerProcess | undefined;
let host: KioskHost | undefined;
let smtp: SmtpSink;
const closeAfter: (() => Promise<void>)[] = [];
const MAIL_FROM = 'Sekretariat PAM <no-reply@asosiasi.example>';
test.beforeEach(async () => {
  serverDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-server-'));
  smtp = await startSmtpSink();
});
test.afterEach(async () => {
  for (const close of closeAfter.splice(0)) await close();
  await host?.kill('SIGTERM');
  await server?.stop();
  await smtp.close();
  rmSync(serverDir, { recursive: true, force: true });
});

/** The server with its e-mail going to the test's SMTP server, an admin and a reviewer. */
const startMailingOffice = () => startOffice(serverDir, { args: ['--smtp-url', smtp.url, '--mail-from', MAIL_FROM], reviewer: true });

/** The mail to the association's applicant, once the outbox worker has sent it. */
async function mailTo(address: string, containing: string): Promise<string> {
  await expect.poll(() => smtp.mails.filter((m) => m.to.includes(address) && m.text.includes(containing)).length, { timeout: 20_000 }).toBe(1);
  return smtp.mails.find((m) => m.to.includes(address) && m.text.includes(containing))?.text ?? '';
}

test('a reviewer opens an association sign-up from a kiosk and approves it; the kiosk shows the number', async ({ page, context, dataDir }, info) => {
  server = await startMailingOffice();

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
  // The applicant brings the printed receipt: its number finds the record.
  const printed = (await page.getByRole('status', { name: 'Nomor tanda terima' }).textContent())?.trim() ?? '';
  await office.getByLabel(/Cari NIK/).fill(printed);
  await office.getByRole('button', { name: 'Cari' }).click();
  await expect(office.getByRole('cell', { name: printed })).toBeVisible();
  await expect(office.getByRole('row')).toHaveCount(2);
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

  // Back at the kiosk: its next status pull brings the number to the Done screen; the applicant's
  // e-mail holds it as their username.
  await expect(page.getByRole('status', { name: 'Nomor pendaftaran' })).toHaveText(`PAM-${YEAR}-0000001`, { timeout: 30_000 });
  expect(await mailTo('ani.lestari@gmail.com', `PAM-${YEAR}-0000001`)).toMatch(/Ani Lestari/i);

  // Logged out: the pages' API refuses; a reviewer cannot manage staff.
  await office.getByRole('button', { name: 'Keluar', exact: true }).click();
  await expect(office.getByRole('heading', { name: 'Masuk' })).toBeVisible();

  // The admin: staff accounts (a weak password refused with the rules, an auditor created), then
  // the audit trail's chain checked.
  await logIn(office, ADMIN);
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

test('a reviewer rejects a sign-up with a reason: the e-mail says why, the kiosk says so; an admin reopens it', async ({ page, context, browser, dataDir }) => {
  server = await startMailingOffice();
  const code = serverCommand(serverDir, 'enrol-code');
  host = await startHost(dataDir, ['--profile', 'asosiasi', '--enrol-server', server.url, '--enrol-code', code, '--sync-probe-ms', '300']);
  await page.goto(host.url);
  await registerAssociation(page);
  await page.getByRole('button', { name: 'Proses Pendaftaran' }).click();
  await page.getByRole('button', { name: 'Iya' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'sudah diterima server pusat' })).toBeVisible({ timeout: 20_000 });

  // The admin has the record open too: the reviewer sees it before deciding.
  const adminView = await context.newPage();
  await adminView.goto(`${server.url}/staff/`);
  await logIn(adminView, ADMIN);
  await adminView.getByRole('button', { name: /^Buka / }).click();
  await expect(adminView.getByRole('row', { name: 'Nama Lengkap ANI LESTARI' })).toBeVisible();

  // The reviewer at another desk: a browser of their own (its own session cookie).
  const desk = await browser.newContext();
  closeAfter.push(() => desk.close());
  const office = await desk.newPage();
  await office.goto(`${server.url}/staff/`);
  await logIn(office, REVIEWER);
  await expect(office.getByRole('cell', { name: ADMIN.username })).toBeVisible();
  await office.getByRole('button', { name: /^Buka / }).click();
  await expect(office.getByRole('status').filter({ hasText: `Juga sedang dibuka oleh: ${ADMIN.username}` })).toBeVisible();
  await office.getByLabel('Alasan penolakan').selectOption({ label: 'Foto KTP atau swafoto tidak jelas' });
  await office.getByLabel('Catatan untuk pemohon').fill('Swafoto terlalu gelap; silakan daftar lagi di tempat yang terang.');
  await office.getByRole('button', { name: 'Tolak pendaftaran' }).click();
  await office.getByRole('button', { name: 'Ya, tolak' }).click();
  await expect(office.getByRole('status').filter({ hasText: 'Ditolak' })).toBeVisible();

  const mail = await mailTo('ani.lestari@gmail.com', 'Foto KTP atau swafoto tidak jelas');
  expect(mail).toContain('Swafoto terlalu gelap; silakan daftar lagi di tempat yang terang.');
  await expect(page.getByRole('heading', { name: 'Pendaftaran Tidak Disetujui' })).toBeVisible({ timeout: 30_000 });

  // The admin's page still shows the record as it was: deciding on it is refused, nothing changes.
  await adminView.getByRole('button', { name: 'Setujui dan terbitkan nomor' }).click();
  await adminView.getByRole('button', { name: 'Ya, setujui' }).click();
  await expect(adminView.getByRole('alert')).toContainText('sudah berubah sejak Anda membukanya');
  await adminView.reload();
  await adminView.getByLabel('Status').selectOption({ label: 'Ditolak' });
  await adminView.getByRole('button', { name: /^Buka / }).click();
  await adminView.getByLabel('Alasan membuka ulang').selectOption({ label: 'Keberatan dari pemohon' });
  await adminView.getByRole('button', { name: 'Buka ulang untuk diputuskan lagi' }).click();
  await adminView.getByRole('button', { name: 'Ya, buka ulang' }).click();
  await expect(adminView.getByRole('status').filter({ hasText: 'Menunggu verifikasi' })).toBeVisible();
  await noSeriousViolations(adminView);
  await adminView.getByRole('button', { name: 'Kembali ke antrean' }).click();
  await adminView.getByRole('button', { name: 'E-mail pemohon' }).click();
  await expect(adminView.getByRole('row', { name: /Penolakan Terkirim 1/ })).toBeVisible();
  await expect(adminView.getByRole('main')).not.toContainText('ani.lestari');
  await noSeriousViolations(adminView);
});
