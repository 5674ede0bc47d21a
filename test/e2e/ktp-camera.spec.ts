// Runs with Chromium's fake camera playing a generated, photographed KTP whose printed birth date
// is one day off its NIK (see camera-fixtures.ts). The same camera then serves the selfie step,
// which must refuse a card held up instead of a face.
import type { Page } from '@playwright/test';
import { test, expect, recordForeignRequests } from './kiosk-host';
import { completeIjazah, openKtpStep, readQueue, submitIdentity } from './flow-helpers';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { CARD_JPG, cardTruth } from './camera-fixtures';

const SEX = { 'LAKI-LAKI': 'Laki-laki', PEREMPUAN: 'Perempuan' } as const;

test('scan → fields prefilled → the doubtful field is highlighted → applicant confirms → a card in front of the face camera is refused', async ({ page, host }) => {
  const truth = cardTruth();
  const foreign = recordForeignRequests(page, host.origin);
  // The second OCR engine (the card's NIK is in doubt: its date disagrees) must start and run
  // from the app's own files: its network is fetched, and nothing reports a failure.
  const ocrWarnings: string[] = [];
  page.on('console', (message) => { if (message.text().startsWith('ocr:')) ocrWarnings.push(message.text()); });
  const lineNetwork = page.waitForRequest((request) => request.url().endsWith('/ocr/line/rec.onnx'));
  await page.goto(host.url);
  await openKtpStep(page);
  const capture = page.getByRole('button', { name: 'Ambil Foto' });
  await expect(capture).toBeEnabled({ timeout: 15_000 });
  await capture.click();
  await expect(page.getByRole('heading', { name: 'Langkah 2: Data Identitas' })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByText('Data di bawah diisi dari KTP Anda')).toBeVisible();
  // It reads in its own worker, off the page's thread (see browser-line-model).
  expect(page.workers().map((w) => w.url()).filter((url) => url.includes('line-model.worker'))).toHaveLength(1);

  await expect(page.getByRole('textbox', { name: 'NIK' })).toHaveValue(truth.nik);
  await expect(page.getByRole('textbox', { name: 'Nama Lengkap' })).toHaveValue(truth.nama);
  await expect(page.getByRole('textbox', { name: 'Tanggal Lahir' })).toHaveValue(truth.tanggalLahir);
  await expect(page.getByRole('radio', { name: SEX[truth.jenisKelamin] })).toBeChecked();

  // The printed date disagrees with the NIK: the scan flags it for the applicant to check.
  const dateCheck = page.getByLabel(/^Tanggal Lahir.* sudah sesuai KTP$/);
  await expect(dateCheck).toBeVisible();
  await page.getByRole('textbox', { name: 'Nomor KK' }).fill(`${truth.nik.slice(0, 6)}1501100004`);
  await page.getByRole('textbox', { name: 'Nomor HP' }).fill('0813 1122 3344');
  await page.getByRole('textbox', { name: 'Email' }).fill('pemohon@example.id');
  await page.getByLabel('Saya sudah memeriksa dan data yang saya isi sudah benar.').check();
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(page.getByText('Periksa isian yang ditandai').first()).toBeVisible();
  await expect(page.getByLabel(/sudah sesuai KTP$/).first()).toBeFocused();
  for (const box of await page.getByLabel(/sudah sesuai KTP$/).all()) await box.check();
  await submitIdentity(page);
  await completeIjazah(page, 'Kota Bandung');

  await expect(page.getByRole('heading', { name: 'Langkah 4: Swafoto' })).toBeVisible();
  const take = page.getByRole('button', { name: 'Ambil Foto' });
  await expect(take).toBeEnabled({ timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Wajah tidak terlihat' })).toBeVisible({ timeout: 15_000 });
  await take.click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Foto belum dapat disimpan' });
  // The still is analysed like the live frames: seconds on a GPU-less machine under load.
  await expect(refusal).toContainText('Wajah tidak terlihat. Hadapkan wajah Anda ke kamera di dalam oval.', { timeout: 15_000 });
  await expect(page.getByRole('button', { name: 'Simpan Foto' })).toBeDisabled();
  await page.getByRole('button', { name: 'Foto Ulang' }).click();
  await expect(page.getByRole('button', { name: 'Ambil Foto' })).toBeVisible();
  // Going back (past Lengkapi Data) keeps the scanned identity; nothing was queued.
  await page.getByRole('button', { name: 'Kembali' }).click();
  await page.getByRole('button', { name: 'Kembali' }).click();
  await expect(page.getByRole('textbox', { name: 'NIK' })).toHaveValue(truth.nik);
  expect(readQueue(host.dataDir).records).toHaveLength(0);
  expect(foreign).toEqual([]);
  await lineNetwork;
  expect(ocrWarnings).toEqual([]);
});

test('a scanner user uploads the KTP as a file instead', async ({ page, host }) => {
  const truth = cardTruth();
  await page.goto(host.url);
  await openKtpStep(page);
  await page.getByLabel('Unggah File').setInputFiles(CARD_JPG);
  await expect(page.getByRole('heading', { name: 'Langkah 2: Data Identitas' })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByRole('textbox', { name: 'NIK' })).toHaveValue(truth.nik);
  await expect(page.getByRole('textbox', { name: 'Nama Lengkap' })).toHaveValue(truth.nama);
});

/** How many of the warm-up's reads of its bundled card are done (see warmUpBrowserOcr). */
const warmUpReads = (page: Page): Promise<number> => page.evaluate(() => performance.getEntriesByName('ocr.warmUp.cardRead').length);

test('while Welcome shows, the OCR reads the bundled synthetic card three times; the first applicant\'s card is then read', async ({ page, host }) => {
  const truth = cardTruth();
  const foreign = recordForeignRequests(page, host.origin);
  const card = page.waitForResponse((response) => response.url().endsWith('/ocr/warm-up-card.jpg'));
  await page.goto(host.url);
  expect((await card).status()).toBe(200);
  await expect.poll(() => warmUpReads(page), { timeout: 60_000 }).toBe(3);
  await openKtpStep(page);
  await page.getByLabel('Unggah File').setInputFiles(CARD_JPG);
  await expect(page.getByRole('heading', { name: 'Langkah 2: Data Identitas' })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByRole('textbox', { name: 'NIK' })).toHaveValue(truth.nik);
  expect(await warmUpReads(page)).toBe(3);
  expect(foreign).toEqual([]);
});

test('an applicant who leaves Welcome while the warm-up reads its card stops it after the read under way', async ({ page, host }) => {
  const truth = cardTruth();
  const card = page.waitForResponse((response) => response.url().endsWith('/ocr/warm-up-card.jpg'));
  await page.goto(host.url);
  await card;
  await openKtpStep(page);
  await page.getByLabel('Unggah File').setInputFiles(CARD_JPG);
  await expect(page.getByRole('heading', { name: 'Langkah 2: Data Identitas' })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByRole('textbox', { name: 'NIK' })).toHaveValue(truth.nik);
  // Unstopped, the second read would have started with the applicant's and ended first.
  expect(await warmUpReads(page)).toBeLessThanOrEqual(1);
});

test('a KTP photographed upside down is read the right way up; a photo of people is called "not a KTP"', async ({ page, host }, info) => {
  const truth = cardTruth();
  const upsideDown = info.outputPath('ktp-upside-down.jpg');
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', CARD_JPG, '-vf', 'hflip,vflip', '-q:v', '2', upsideDown]);
  await page.goto(host.url);
  await openKtpStep(page);
  // A group photo (face-api's demo) was refused as "glare" before: the right reason is given.
  await page.getByLabel('Unggah File').setInputFiles(resolve('node_modules/@vladmandic/face-api/demo/sample6.jpg'));
  await expect(page.getByRole('alert')).toHaveText('Gambar ini tidak tampak seperti KTP. Gunakan sisi depan e-KTP yang memenuhi bingkai, di atas alas polos.');
  await page.getByLabel('Unggah File').setInputFiles(upsideDown);
  await expect(page.getByRole('heading', { name: 'Langkah 2: Data Identitas' })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByRole('textbox', { name: 'NIK' })).toHaveValue(truth.nik);
  await expect(page.getByRole('textbox', { name: 'Nama Lengkap' })).toHaveValue(truth.nama);
});

test('a file that is not an image is refused with a clear message and nothing is lost', async ({ page, host }) => {
  await page.goto(host.url);
  await openKtpStep(page);
  await page.getByLabel('Unggah File').setInputFiles({ name: 'ktp.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
  await expect(page.getByRole('alert')).toContainText('File harus berupa gambar JPG atau PNG.');
  // A 33-byte PNG claiming 60000×60000 pixels is refused from its header, before the browser decodes it.
  const bomb = Buffer.from('89504e470d0a1a0a0000000d49484452' + '0000ea60' + '0000ea60' + '0806000000' + '00000000', 'hex');
  await page.getByLabel('Unggah File').setInputFiles({ name: 'ktp.png', mimeType: 'image/png', buffer: bomb });
  await expect(page.getByRole('alert')).toContainText('Gambar terlalu besar (lebih dari 40 megapiksel)');
  await page.getByRole('button', { name: 'Foto Ulang' }).click();
  await expect(page.getByRole('button', { name: 'Ambil Foto' })).toBeVisible();
});
