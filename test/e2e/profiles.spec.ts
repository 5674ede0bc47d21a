// The association's and the campus's sign-ups, each from Welcome to Done with the keyboard only,
// against the real central server process (and, for the campus, a real slapd directory): the
// profile decides the pages; refused e-mail domains say why and lose nothing typed.
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, startHost, type KioskHost } from './kiosk-host';
import { answerQuestion } from './flow-helpers';
import { serverCommand, startServerProcess, type ServerProcess } from './server-process';
import { startSlapd, writeDirectorySettings, type TestSlapd } from '../support/slapd';
import { SERVER_DB_FILE } from '../../server/store/open-store';

async function consentAndStart(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Selamat datang di layanan pendaftaran' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // Mulai Pendaftaran
}

/** Proses Pendaftaran → Iya, by keyboard, from Pengecekan Ulang Data (its heading focused). */
async function submitFromReview(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Kembali' }).focus(); // past the groups' "Ubah" buttons
  await page.keyboard.press('Tab'); // Proses Pendaftaran
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Tidak' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // Iya
  await expect(page.getByRole('heading', { name: /Pendaftaran Selesai/ })).toBeVisible();
}

function registrations(serverDir: string): { profile: string; number: string | null }[] {
  const db = new Database(join(serverDir, SERVER_DB_FILE), { readonly: true });
  try {
    return db.prepare(`SELECT profile_id AS profile, registration_number AS number FROM registrations`).all() as { profile: string; number: string | null }[];
  } finally {
    db.close();
  }
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

async function enrolledHost(dataDir: string, profile: string): Promise<KioskHost> {
  if (!server) throw new Error('start the server first');
  const code = serverCommand(serverDir, 'enrol-code');
  return startHost(dataDir, ['--profile', profile, '--enrol-server', server.url, '--enrol-code', code, '--sync-probe-ms', '300']);
}

test('association: already registered is told what to do; an office e-mail is refused with the reason; the secretariat numbers later', async ({ page, dataDir }) => {
  server = await startServerProcess(serverDir);
  host = await enrolledHost(dataDir, 'asosiasi');
  await page.goto(host.url);
  await consentAndStart(page);

  await expect(page.getByRole('heading', { name: 'Langkah 1: Nomor Registrasi' })).toBeFocused();
  await expect(page.getByText('Sudah punya Nomor Registrasi?')).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // Ya, sudah punya
  await expect(page.getByRole('heading', { name: 'Gunakan Nomor Registrasi Anda' })).toBeFocused();
  await expect(page.getByText(/Nomor Registrasi Anda adalah username untuk Login/)).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // Kembali
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // Belum, daftar sekarang

  await expect(page.getByRole('heading', { name: 'Langkah 2: Formulir Registrasi' })).toBeFocused();
  const typed: [string, string][] = [
    ['Nama Lengkap', 'Ani Lestari'], ['Tanggal Lahir', '12-03-1990'], ['NIK (tidak wajib)', ''], ['Nomor Telepon', '0812 7777 1234'],
    ['Email Pribadi', 'ani@asuransi-sehat.co.id'], ['Perusahaan / Instansi', 'PT Asuransi Sehat'],
  ];
  for (const [, value] of typed) {
    await page.keyboard.press('Tab');
    if (value) await page.keyboard.type(value);
  }
  await page.keyboard.press('Tab'); // Kegiatan: the first radio
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab'); // the security question's answer
  await answerQuestion(page);
  await page.keyboard.press('Enter');

  const email = page.getByRole('textbox', { name: 'Email Pribadi' });
  await expect(email).toBeFocused();
  await expect(email).toHaveAccessibleDescription(/Gunakan alamat email pribadi .* bukan email kantor/);
  for (const [name, value] of typed) await expect(page.getByRole('textbox', { name })).toHaveValue(value);
  await expect(page.getByRole('radio', { name: 'Ujian Tertulis' })).toBeChecked();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Ani.Lestari@gmail.com');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: 'Langkah 3: Pengecekan Ulang Data' })).toBeFocused();
  await expect(page.getByRole('region', { name: 'Data Pribadi' }).getByRole('definition')).toHaveText(['ANI LESTARI', '12-03-1990', '—']);
  await expect(page.getByRole('region', { name: 'Kontak dan Kegiatan' }).getByRole('definition'))
    .toHaveText(['+6281277771234', 'Ani.Lestari@gmail.com', 'PT Asuransi Sehat', 'Ujian Tertulis']);
  await submitFromReview(page);

  await expect(page.getByRole('main').getByText(/Sekretariat PAMJAKI akan memverifikasi data Anda dan mengirimkan Nomor Registrasi/)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'sudah diterima server pusat' })).toBeVisible({ timeout: 20_000 });
  // Nothing shows a number the secretariat has not issued.
  await expect(page.getByRole('status', { name: 'Nomor pendaftaran' })).toHaveCount(0);
  expect(registrations(serverDir)).toEqual([{ profile: 'asosiasi', number: null }]);
});

test.describe('campus SSO', () => {
  let slapd: TestSlapd;
  test.beforeAll(async () => { slapd = await startSlapd(); });
  test.afterAll(async () => { await slapd.destroy(); });

  test('verifies the account at the server (offline and wrong passwords said clearly), keeps the old password, refuses a non-campus e-mail', async ({ page, dataDir }) => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-directory-'));
    const serverArgs = ['--directory', writeDirectorySettings(dir, slapd)];
    server = await startServerProcess(serverDir, 0, serverArgs);
    host = await enrolledHost(dataDir, 'sso-kampus');
    await page.goto(host.url);
    await consentAndStart(page);

    await expect(page.getByRole('heading', { name: 'Langkah 1: Verifikasi Akun' })).toBeFocused();
    await server.stop();
    await page.keyboard.press('Tab');
    await page.keyboard.type('2207411001');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Andi#Pnj2022');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText('Verifikasi akun memerlukan koneksi ke server pusat');
    await expect(page.getByRole('textbox', { name: 'Username (NIM/NIP)' })).toHaveValue('2207411001');
    await expect(page.getByRole('textbox', { name: /^Password/ })).toHaveValue('Andi#Pnj2022');

    server = await startServerProcess(serverDir, server.port, serverArgs);
    await page.getByRole('textbox', { name: /^Password/ }).fill('salah-sandi');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText('Username atau password salah');
    await expect(page.getByRole('textbox', { name: /^Password/ })).toBeFocused();
    await expect(page.getByRole('textbox', { name: 'Username (NIM/NIP)' })).toHaveValue('2207411001');
    await page.keyboard.type('Andi#Pnj2022');
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { name: 'Langkah 2: Detail Akun' })).toBeFocused({ timeout: 15_000 });
    await expect(page.getByRole('textbox', { name: 'Nama' })).toHaveValue('Andi Pratama');
    await expect(page.getByRole('textbox', { name: 'Nama' })).toHaveAttribute('readonly');
    await expect(page.getByRole('textbox', { name: 'NIM/NIP' })).toHaveValue('2207411001');
    const email = page.getByRole('textbox', { name: 'E-Mail' });
    await expect(email).toHaveValue('andi.pratama@mhsw.pnj.ac.id');
    await page.keyboard.press('Tab'); // Nama (read-only, still reachable and read out)
    await page.keyboard.press('Tab'); // NIM/NIP
    await page.keyboard.press('Tab'); // E-Mail
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('andi.pratama@gmail.com');
    await page.keyboard.press('Tab'); // Jurusan / Direktorat: chosen from the directory's unit, still changeable
    await expect(page.getByRole('combobox', { name: 'Jurusan / Direktorat' })).toHaveValue('tik');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0812 5555 0101');
    await page.keyboard.press('Enter');
    await expect(email).toBeFocused();
    await expect(email).toHaveAccessibleDescription(/Gunakan Email Resmi Politeknik Negeri Jakarta \(yang berakhiran @\*\.pnj\.ac\.id\)/);
    await expect(page.getByRole('textbox', { name: 'No. Telepon' })).toHaveValue('0812 5555 0101');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('andi.pratama@mhsw.pnj.ac.id');
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { name: 'Langkah 3: Data Akun' })).toBeFocused();
    await expect(page.getByRole('radio', { name: /Tetap gunakan password lama/ })).toBeChecked();
    await page.keyboard.press('Tab'); // the kept-password radio
    await page.keyboard.press('Tab'); // Kembali
    await page.keyboard.press('Tab'); // Lanjutkan
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { name: 'Langkah 4: Pengecekan Ulang Data' })).toBeFocused();
    await expect(page.getByRole('region', { name: 'Akun' }).getByRole('definition')).toHaveText(['Andi Pratama', '2207411001', 'andi.pratama@mhsw.pnj.ac.id']);
    await expect(page.getByRole('region', { name: 'Unit dan Kontak' }).getByRole('definition')).toHaveText(['Teknik Informatika dan Komputer', '+6281255550101']);
    await expect(page.getByText('Password: tetap memakai password lama')).toBeVisible();
    await submitFromReview(page);

    await expect(page.getByRole('main').getByText(/Akun SSO PNJ Anda aktif setelah data diterima server kampus/)).toBeVisible();
    await expect(page.getByRole('status', { name: 'Nomor pendaftaran' })).toHaveText(/^SSO-\d{4}-0000001$/, { timeout: 20_000 });
    expect(registrations(serverDir)).toEqual([{ profile: 'sso-kampus', number: expect.stringMatching(/^SSO-/) }]);
    // The old password never touched the kiosk's disk.
    for (const f of readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile())) {
      expect(readFileSync(join(f.parentPath, f.name)).includes(Buffer.from('Andi#Pnj2022')), f.name).toBe(false);
    }
    rmSync(dir, { recursive: true, force: true });
  });
});
