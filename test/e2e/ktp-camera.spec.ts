// Runs with Chromium's fake camera playing a generated, photographed KTP whose printed birth date
// is one day off its NIK (see camera-fixtures.ts).
import { test, expect, recordForeignRequests } from './kiosk-host';
import { openKtpStep, readQueue } from './flow-helpers';
import { CARD_JPG, cardTruth } from './camera-fixtures';
import { KTP_IMAGE_MAX_BYTES, KTP_IMAGE_MIN_WIDTH } from '../../shared/ktp/ktp-record';

const SEX = { 'LAKI-LAKI': 'Laki-laki', PEREMPUAN: 'Perempuan' } as const;

test('scan → fields prefilled → the doubtful field is highlighted → applicant confirms → queued with the card image', async ({ page, host }) => {
  const truth = cardTruth();
  const foreign = recordForeignRequests(page, host.url.replace(/\/$/, ''));
  await page.goto(host.url);
  await openKtpStep(page);
  const capture = page.getByRole('button', { name: 'Ambil Foto' });
  await expect(capture).toBeEnabled({ timeout: 15_000 });
  await capture.click();
  await expect(page.getByRole('heading', { name: 'Langkah 2: Data Identitas' })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByText('Data di bawah diisi dari KTP Anda')).toBeVisible();

  await expect(page.getByRole('textbox', { name: 'NIK' })).toHaveValue(truth.nik);
  await expect(page.getByRole('textbox', { name: 'Nama Lengkap' })).toHaveValue(truth.nama);
  await expect(page.getByRole('textbox', { name: 'Tanggal Lahir' })).toHaveValue(truth.tanggalLahir);
  await expect(page.getByRole('radio', { name: SEX[truth.jenisKelamin] })).toBeChecked();

  // The printed date disagrees with the NIK: the scan flags it for the applicant to check.
  const dateCheck = page.getByLabel('Tanggal Lahir sudah sesuai KTP');
  await expect(dateCheck).toBeVisible();
  await page.getByRole('textbox', { name: 'Nomor KK' }).fill(`${truth.nik.slice(0, 6)}1501100004`);
  await page.getByRole('textbox', { name: 'Nomor HP' }).fill('0813 1122 3344');
  await page.getByRole('textbox', { name: 'Email' }).fill('pemohon@example.id');
  await page.getByLabel('Saya sudah memeriksa dan data yang saya isi sudah benar.').check();
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(page.getByText('Periksa isian yang ditandai').first()).toBeVisible();
  await expect(page.getByLabel(/sudah sesuai KTP$/).first()).toBeFocused();
  for (const box of await page.getByLabel(/sudah sesuai KTP$/).all()) await box.check();
  await page.getByRole('button', { name: 'Lanjutkan' }).click();

  await expect(page.getByRole('heading', { name: 'Langkah 3: Pengecekan Ulang Data' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Foto KTP yang diambil' })).toBeVisible();
  await page.getByRole('button', { name: 'Proses Pendaftaran' }).click();
  await page.getByRole('button', { name: 'Iya' }).click();
  await expect(page.getByRole('heading', { name: 'Pendaftaran Selesai' })).toBeVisible();

  const [record] = readQueue(host.dataDir).records;
  expect(record?.payload?.identity.nik).toBe(truth.nik);
  expect(record?.payload?.acknowledgedWarnings).toContain('nik.birthDateMismatch');
  const ktp = record?.payload?.ktp;
  expect(ktp?.source).toBe('camera');
  expect(ktp?.fields.nik?.value).toBe(truth.nik);
  const bytes = Buffer.from(ktp?.image.base64 ?? '', 'base64');
  expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  expect(bytes.length).toBeLessThanOrEqual(KTP_IMAGE_MAX_BYTES);
  expect(ktp?.image.width).toBeGreaterThanOrEqual(KTP_IMAGE_MIN_WIDTH);
  expect(ktp?.image.readable).toBe(true);
  expect(foreign).toEqual([]);
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

test('a file that is not an image is refused with a clear message and nothing is lost', async ({ page, host }) => {
  await page.goto(host.url);
  await openKtpStep(page);
  await page.getByLabel('Unggah File').setInputFiles({ name: 'ktp.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
  await expect(page.getByRole('alert')).toContainText('File harus berupa gambar JPG atau PNG.');
  await page.getByRole('button', { name: 'Foto Ulang' }).click();
  await expect(page.getByRole('button', { name: 'Ambil Foto' })).toBeVisible();
});
