// Touch only: every profile from Welcome to Done with taps — on the fields, the on-screen keyboard's
// keys, the buttons — on a 1920×1080 touch screen with the kiosk in touch mode. The one exception is
// a native <select> (Pertanyaan Pengaman): the kiosk's OS picker is touched there, which Playwright
// cannot reach, so the option is chosen programmatically after tapping the select. The association's
// and the campus's steps are saved as pictures in the test output (screens/), as screens.spec.ts
// does for SSCASN, for a person to look at.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { test, expect, startHost, type KioskHost } from './kiosk-host';
import { readQueue } from './flow-helpers';
import { serverCommand, startServerProcess, type ServerProcess } from './server-process';
import { startSlapd, writeDirectorySettings } from '../support/slapd';
import { SITI } from '../support/identities';
import { TEST_CAPTCHA_TEXT } from '../../electron/services/captcha/test-captcha';

test.use({ hasTouch: true, viewport: { width: 1920, height: 1080 } });

const keyboard = (page: Page): Locator => page.getByRole('group', { name: 'Keyboard layar' });
const key = (page: Page, name: string): Locator => keyboard(page).locator(`[data-skbtn=${JSON.stringify(name)}]`);

/** Types `text` on the on-screen keyboard, as a person would: shift for capitals, #+= for symbols. */
async function tapKeys(page: Page, text: string): Promise<void> {
  for (const ch of text) {
    if (ch === ' ') await key(page, '{space}').tap();
    else if (await key(page, ch).count()) await key(page, ch).tap();
    else if (/\p{Lu}/u.test(ch)) {
      await key(page, '{shift}').tap();
      await key(page, ch).tap();
    } else {
      await key(page, '{symbols}').tap();
      await key(page, ch).tap();
      await key(page, '{letters}').tap();
    }
  }
}

/** Taps a field and types into it with the keyboard that appears for it. */
async function tapType(page: Page, field: Locator, text: string): Promise<void> {
  await field.tap();
  await expect(keyboard(page)).toBeVisible();
  await tapKeys(page, text);
}

async function tapQuestion(page: Page): Promise<void> {
  const words = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];
  const m = /Berapa (\w+) ditambah (\w+)\?/.exec((await page.locator('#robot-question').textContent()) ?? '');
  await tapType(page, page.getByRole('textbox', { name: 'Jawaban pertanyaan' }), String(words.indexOf(m?.[1] ?? '') + words.indexOf(m?.[2] ?? '')));
}

/** SSCASN's image CAPTCHA (its only check), typed on the on-screen keyboard: the --test host draws every image with one known text. */
async function tapCaptcha(page: Page): Promise<void> {
  await expect(page.getByRole('img', { name: /Gambar kode CAPTCHA/ })).toBeVisible();
  await tapType(page, page.getByRole('textbox', { name: 'Kode CAPTCHA' }), TEST_CAPTCHA_TEXT);
}

async function welcome(page: Page): Promise<void> {
  await page.getByLabel(/menyetujui pemrosesan data pribadi/).tap();
  await page.getByRole('button', { name: 'Mulai Pendaftaran' }).tap();
}

async function submitAndFinish(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Proses Pendaftaran' }).tap();
  await page.getByRole('button', { name: 'Iya' }).tap();
  await expect(page.getByRole('heading', { name: /Pendaftaran Selesai/ })).toBeVisible();
}

/** Saves pictures of the screen as it is, in landscape and (the same moment, turned) in portrait, numbered in order. */
function camera(page: Page, info: TestInfo, profile: string): (step: string) => Promise<void> {
  let n = 0;
  return async (step) => {
    n += 1;
    const name = (orientation: string) => info.outputPath('screens', `${profile}-${orientation}-${String(n).padStart(2, '0')}-${step}.png`);
    await page.screenshot({ path: name('landscape') });
    await page.setViewportSize({ width: 1080, height: 1920 });
    await page.screenshot({ path: name('portrait') });
    await page.setViewportSize({ width: 1920, height: 1080 });
  };
}

let host: KioskHost | undefined;
test.afterEach(async () => { await host?.kill('SIGTERM'); });

test('SSCASN by touch: the number pad, the e-mail keys, suggestions and symbols', async ({ page, dataDir }) => {
  host = await startHost(dataDir, ['--touch']);
  await page.goto(host.url);
  await expect(keyboard(page)).toHaveCount(0);
  await welcome(page);
  await page.getByRole('button', { name: 'Lewati, isi data manual' }).tap();

  await tapType(page, page.getByRole('textbox', { name: 'NIK' }), SITI.nik);
  // Digits get the number pad, which never covers the field being typed.
  await expect(key(page, 'q')).toHaveCount(0);
  const nikBox = await page.getByRole('textbox', { name: 'NIK' }).boundingBox();
  const padBox = await keyboard(page).boundingBox();
  expect((nikBox?.y ?? 0) + (nikBox?.height ?? 0)).toBeLessThanOrEqual(padBox?.y ?? 0);
  await tapType(page, page.getByRole('textbox', { name: 'Nomor KK' }), SITI.nomorKk);
  await tapType(page, page.getByRole('textbox', { name: 'Nama Lengkap' }), "Siti Rahmawati O'Neil");
  await tapType(page, page.getByRole('combobox', { name: 'Tempat Lahir' }), 'bandung');
  await page.getByRole('option', { name: 'Kota Bandung' }).tap();
  await tapType(page, page.getByRole('textbox', { name: 'Tanggal Lahir' }), SITI.tanggalLahir);
  await page.getByRole('radio', { name: 'Perempuan' }).tap();
  await tapType(page, page.getByRole('textbox', { name: 'Nomor HP' }), '0812 3456 7890');
  await tapType(page, page.getByRole('textbox', { name: 'Email' }), 'siti.r');
  await key(page, '{dom0}').tap();
  await expect(page.getByRole('textbox', { name: 'Email' })).toHaveValue('siti.r@gmail.com');
  await tapCaptcha(page);
  await page.getByRole('button', { name: 'Lanjutkan' }).tap();

  await expect(page.getByRole('heading', { name: 'Langkah 3: Lengkapi Data' })).toBeVisible();
  await tapType(page, page.getByRole('combobox', { name: 'Kab/Kota Lahir' }), 'bandung');
  await page.getByRole('option', { name: 'Kota Bandung' }).tap();
  await page.getByRole('button', { name: 'Lanjutkan' }).tap();

  const take = page.getByRole('button', { name: 'Ambil Foto' });
  await expect(take).toBeEnabled({ timeout: 30_000 });
  await take.tap();
  await expect(page.getByText('Foto sudah baik.')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Simpan Foto' }).tap();

  await expect(page.getByRole('heading', { name: 'Langkah 5: Data Akun' })).toBeVisible({ timeout: 15_000 });
  const password = 'Kiosk#Aman2026';
  await tapType(page, page.getByRole('textbox', { name: /^Password/ }), password);
  await expect(page.getByRole('textbox', { name: /^Password/ })).toHaveAttribute('type', 'password');
  await expect(keyboard(page)).not.toContainText('Aman2026');
  await tapType(page, page.getByRole('textbox', { name: 'Konfirmasi Password' }), password);
  for (const [n, index, answer] of [[1, 1, 'SD Negeri 3 Cibiru'], [2, 2, 'Si Belang']] as const) {
    await page.getByRole('combobox', { name: `Pertanyaan Pengaman ${n}` }).tap();
    await page.getByRole('combobox', { name: `Pertanyaan Pengaman ${n}` }).selectOption({ index });
    await tapType(page, page.getByRole('textbox', { name: `Jawaban Pengaman ${n}` }), answer);
  }
  await tapCaptcha(page);
  await page.getByRole('button', { name: 'Lanjutkan' }).tap();

  await expect(page.getByRole('heading', { name: 'Langkah 6: Pengecekan Ulang Data' })).toBeVisible({ timeout: 30_000 });
  await submitAndFinish(page);
  const [record] = readQueue(dataDir).records;
  expect(record?.payload?.fields).toMatchObject({ nik: SITI.nik, namaLengkap: "SITI RAHMAWATI O'NEIL", email: 'siti.r@gmail.com', nomorHp: '+6281234567890' });
});

test('the association by touch', async ({ page, dataDir }, info) => {
  const shot = camera(page, info, 'asosiasi');
  host = await startHost(dataDir, ['--touch', '--profile', 'asosiasi']);
  await page.goto(host.url);
  await shot('welcome');
  await welcome(page);
  await shot('gate');
  await page.getByRole('button', { name: 'Belum, daftar sekarang' }).tap();
  await tapType(page, page.getByRole('textbox', { name: 'Nama Lengkap' }), 'Ani Lestari');
  await tapType(page, page.getByRole('textbox', { name: 'Tanggal Lahir' }), '12-03-1990');
  await tapType(page, page.getByRole('textbox', { name: 'Nomor Telepon' }), '0812 7777 1234');
  await tapType(page, page.getByRole('textbox', { name: 'Email Pribadi' }), 'ani.lestari');
  await key(page, '{dom0}').tap();
  await tapType(page, page.getByRole('textbox', { name: 'Perusahaan / Instansi' }), 'PT Asuransi Sehat');
  await page.getByRole('radio', { name: 'Seminar' }).tap();
  await tapQuestion(page);
  await shot('data-anggota');
  await page.getByRole('button', { name: 'Lanjutkan' }).tap();
  await expect(page.getByRole('heading', { name: 'Langkah 3: Pengecekan Ulang Data' })).toBeVisible();
  await shot('pengecekan-ulang');
  await submitAndFinish(page);
  await shot('selesai');
  expect(readQueue(dataDir).records[0]?.payload?.fields).toMatchObject({ email: 'ani.lestari@gmail.com', kegiatan: 'seminar', perusahaan: 'PT Asuransi Sehat' });
});

test('the campus SSO by touch, verified against the directory', async ({ page, dataDir }, info) => {
  const shot = camera(page, info, 'sso-kampus');
  const slapd = await startSlapd();
  const serverDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-server-'));
  let server: ServerProcess | undefined;
  try {
    server = await startServerProcess(serverDir, 0, ['--directory', writeDirectorySettings(serverDir, slapd)]);
    host = await startHost(dataDir, ['--touch', '--profile', 'sso-kampus', '--enrol-server', server.url, '--enrol-code', serverCommand(serverDir, 'enrol-code')]);
    await page.goto(host.url);
    await shot('welcome');
    await welcome(page);
    await tapType(page, page.getByRole('textbox', { name: 'Username (NIM/NIP)' }), '2207411001');
    await tapType(page, page.getByRole('textbox', { name: /^Password/ }), 'Andi#Pnj2022');
    await shot('verifikasi-akun');
    await page.getByRole('button', { name: 'Verifikasi' }).tap();
    await expect(page.getByRole('heading', { name: 'Langkah 2: Detail Akun' })).toBeVisible({ timeout: 15_000 });
    await tapType(page, page.getByRole('textbox', { name: 'No. Telepon' }), '0812 5555 0101');
    await shot('detail-akun');
    await page.getByRole('button', { name: 'Lanjutkan' }).tap();
    await expect(page.getByRole('heading', { name: 'Langkah 3: Data Akun' })).toBeVisible();
    await shot('data-akun');
    await page.getByRole('button', { name: 'Lanjutkan' }).tap();
    await expect(page.getByRole('heading', { name: 'Langkah 4: Pengecekan Ulang Data' })).toBeVisible();
    await shot('pengecekan-ulang');
    await submitAndFinish(page);
    await expect(page.getByRole('status', { name: 'Nomor pendaftaran' })).toHaveText(/^SSO-/, { timeout: 20_000 });
    await shot('selesai');
  } finally {
    await server?.stop();
    await slapd.destroy();
    rmSync(serverDir, { recursive: true, force: true });
  }
});
