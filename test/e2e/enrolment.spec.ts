import { test, expect, recordForeignRequests } from './kiosk-host';
import { acceptConsentAndStart, continueToReview, fillIdentity, PASSWORD, readQueue, submitIdentity } from './flow-helpers';
import { TEST_CAPTCHA_TEXT } from '../../electron/services/captcha/test-captcha';
import { SITI, BUDI } from '../support/identities';

test('a person completes the flow with the keyboard only and the record is queued', async ({ page, host }) => {
  const foreign = recordForeignRequests(page, host.origin);
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Selamat datang di layanan pendaftaran' })).toBeFocused();

  await page.keyboard.press('Tab'); // consent checkbox
  await expect(page.getByLabel(/menyetujui pemrosesan/)).toBeFocused();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // Mulai Pendaftaran
  await expect(page.getByRole('heading', { name: 'Langkah 1: Pindai KTP' })).toBeFocused();
  await page.keyboard.press('Tab'); // Lewati, isi data manual
  await expect(page.getByRole('button', { name: 'Lewati, isi data manual' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Langkah 2: Data Identitas' })).toBeFocused();

  await page.keyboard.press('Tab');
  await page.keyboard.type(SITI.nik);
  await page.keyboard.press('Tab');
  await page.keyboard.type(SITI.nomorKk);
  await page.keyboard.press('Tab');
  await page.keyboard.type(SITI.namaLengkap);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Bandung');
  const options = page.getByRole('listbox', { name: 'Pilihan Kabupaten/Kota' }).getByRole('option');
  await expect(options).toHaveText(['Kab. Bandung', 'Kab. Bandung Barat', 'Kota Bandung']);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter'); // picks the suggestion, does not submit
  await expect(page.getByRole('combobox', { name: 'Tempat Lahir' })).toHaveValue('Kota Bandung');
  await page.keyboard.press('Tab');
  await page.keyboard.type(SITI.tanggalLahir);
  await page.keyboard.press('Tab'); // first radio
  await page.keyboard.press('ArrowDown'); // moves to and selects Perempuan
  await expect(page.getByRole('radio', { name: 'Perempuan' })).toBeChecked();
  await page.keyboard.press('Tab');
  await page.keyboard.type(SITI.nomorHp);
  await page.keyboard.press('Tab');
  await page.keyboard.type(SITI.email);
  await page.keyboard.press('Tab'); // CAPTCHA answer: SSCASN asks for the image only
  await expect(page.getByRole('img', { name: /Gambar kode CAPTCHA/ })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Kode CAPTCHA' })).toBeFocused();
  await page.keyboard.type(TEST_CAPTCHA_TEXT);
  await page.keyboard.press('Enter'); // submits the page

  // Lengkapi Data: what is known is prefilled; Kab/Kota Lahir (sesuai Ijazah) from the list.
  await expect(page.getByRole('heading', { name: 'Langkah 3: Lengkapi Data' })).toBeFocused();
  await expect(page.getByRole('note')).toContainText('dasar penetapan Nomor Induk Pegawai');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Nama Tanpa Gelar' })).toBeFocused();
  await expect(page.getByRole('textbox', { name: 'Nama Tanpa Gelar' })).toHaveValue(SITI.namaLengkap);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('combobox', { name: 'Tempat Lahir (sesuai KTP)' })).toHaveValue('Kota Bandung');
  await page.keyboard.press('Tab');
  await page.keyboard.type('bandung');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: 'Kab/Kota Lahir' })).toHaveValue('Kota Bandung');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Tanggal Lahir (sesuai Ijazah)' })).toHaveValue(SITI.tanggalLahir);
  await page.keyboard.press('Enter');

  // Swafoto: Tab past Kembali to Ambil Foto once the camera is live, then to Simpan Foto.
  await expect(page.getByRole('heading', { name: 'Langkah 4: Swafoto' })).toBeFocused();
  const take = page.getByRole('button', { name: 'Ambil Foto' });
  await expect(take).toBeEnabled({ timeout: 30_000 });
  await take.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Foto sudah baik.')).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Simpan Foto' })).toBeFocused();
  await page.keyboard.press('Enter');

  // Data Akun, field by field in tab order.
  await expect(page.getByRole('heading', { name: 'Langkah 5: Data Akun' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Tab'); // Tampilkan password
  await page.keyboard.press('Tab'); // Pertanyaan Pengaman 1
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await page.keyboard.type('SD Negeri 3 Cibiru');
  await page.keyboard.press('Tab'); // Pertanyaan Pengaman 2: the first choice is taken, so two down
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Si Belang');
  await page.keyboard.press('Tab'); // CAPTCHA answer
  await expect(page.getByRole('img', { name: /Gambar kode CAPTCHA/ })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Kode CAPTCHA' })).toBeFocused();
  await page.keyboard.type(TEST_CAPTCHA_TEXT);
  await page.keyboard.press('Tab'); // Ganti gambar, the last control of the check: no text question on SSCASN
  await expect(page.getByRole('button', { name: 'Ganti gambar' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter'); // from the answer: submits the page

  await expect(page.getByRole('heading', { name: 'Langkah 6: Pengecekan Ulang Data' })).toBeFocused({ timeout: 30_000 });
  // The KTP group and the Ijazah group apart, as the portal's Pengecekan Ulang Data lists them.
  await expect(page.getByRole('region', { name: 'Data sesuai KTP' }).getByRole('definition')).toHaveText([
    SITI.nik, SITI.nomorKk, 'SITI RAHMAWATI KUSUMADEWI', 'Kota Bandung', '17-08-1995', 'Perempuan',
  ]);
  await expect(page.getByRole('region', { name: 'Data sesuai Ijazah' }).getByRole('definition')).toHaveText(['SITI RAHMAWATI KUSUMADEWI', 'Kota Bandung', '17-08-1995']);
  await expect(page.getByRole('region', { name: 'Kontak' }).getByRole('definition')).toHaveText(['+6281234567890', SITI.email]);
  await page.getByRole('button', { name: 'Kembali' }).focus();
  await page.keyboard.press('Tab'); // Proses Pendaftaran
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Apakah data yang Anda masukkan sudah sesuai?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Tidak' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // Iya

  await expect(page.getByRole('heading', { name: 'Pendaftaran Selesai' })).toBeVisible();
  const receipt = await page.getByRole('status', { name: 'Nomor tanda terima' }).textContent();
  expect(receipt).toMatch(/^[0-9A-Z]{4}-\d{6}-[0-9A-Z]$/);
  await expect(page.getByText('tidak dapat diubah lagi')).toBeVisible();

  const queue = readQueue(host.dataDir);
  expect(queue.integrity).toBe('ok');
  expect(queue.records).toHaveLength(1);
  expect(queue.records[0]).toMatchObject({ state: 'pending', seq: 1, receiptNumber: receipt });
  expect(queue.records[0]?.payload?.fields).toEqual({
    nik: SITI.nik, nomorKk: SITI.nomorKk, namaLengkap: 'SITI RAHMAWATI KUSUMADEWI', tempatLahir: 'Kota Bandung',
    tanggalLahir: '1995-08-17', jenisKelamin: 'P', nomorHp: '+6281234567890', email: SITI.email,
    namaTanpaGelar: 'SITI RAHMAWATI KUSUMADEWI', kabKotaLahir: 'Kota Bandung', tanggalLahirIjazah: '1995-08-17',
  });
  expect(foreign).toEqual([]);
});

test('an invalid NIK shows a clear message and keeps every other field', async ({ page, host }) => {
  await page.goto(host.url);
  await acceptConsentAndStart(page);
  await fillIdentity(page, { ...BUDI, nik: '9999990201880012' });
  await page.getByRole('button', { name: 'Lanjutkan' }).click();

  const nik = page.getByRole('textbox', { name: 'NIK' });
  await expect(nik).toBeFocused();
  await expect(nik).toHaveAttribute('aria-invalid', 'true');
  await expect(nik).toHaveAccessibleDescription(/6 angka pertama NIK bukan kode wilayah yang terdaftar/);
  await expect(page.getByRole('alert').first()).toContainText('1 isian yang perlu diperbaiki');
  await expect(page.getByRole('textbox', { name: 'Nama Lengkap' })).toHaveValue(BUDI.namaLengkap);
  await expect(page.getByRole('textbox', { name: 'Nomor KK' })).toHaveValue(BUDI.nomorKk);
  await expect(page.getByRole('textbox', { name: 'Email' })).toHaveValue(BUDI.email);
  await expect(page.getByRole('radio', { name: 'Laki-laki' })).toBeChecked();

  await nik.fill('12345');
  await expect(nik).toHaveAccessibleDescription(/NIK harus 16 angka/);
  await nik.fill(BUDI.nik);
  await expect(nik).not.toHaveAttribute('aria-invalid', 'true');
  await submitIdentity(page);
  expect(readQueue(host.dataDir).records).toHaveLength(0);
});

test('a NIK that disagrees with the birth date and sex must be confirmed, then is queued with the confirmation', async ({ page, host }) => {
  await page.goto(host.url);
  await acceptConsentAndStart(page);
  await fillIdentity(page, { ...SITI, tanggalLahir: '18-08-1995', jenisKelamin: 'L' });
  const warning = page.getByRole('region', { name: 'Mohon periksa kembali' });
  await expect(warning).toContainText('berbeda dengan tanggal lahir yang tercantum dalam NIK');
  await expect(warning).toContainText('Jenis Kelamin yang Anda pilih berbeda');
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(page.getByText('Centang pernyataan ini')).toBeVisible();
  await page.getByLabel('Saya sudah memeriksa dan data yang saya isi sudah benar.').check();
  await continueToReview(page, SITI);
  await page.getByRole('button', { name: 'Proses Pendaftaran' }).click();
  await page.getByRole('button', { name: 'Iya' }).click();
  await expect(page.getByRole('heading', { name: 'Pendaftaran Selesai' })).toBeVisible();
  const [record] = readQueue(host.dataDir).records;
  expect(record?.payload?.acknowledgedWarnings.sort()).toEqual(['nik.birthDateMismatch', 'nik.sexMismatch']);
});

test('Kembali keeps the data, English can be chosen mid-flow, a double tap queues once, a second registration of the NIK is refused', async ({ page, host }) => {
  await page.goto(host.url);
  await acceptConsentAndStart(page);
  await fillIdentity(page, BUDI);
  await continueToReview(page, BUDI);
  // Kembali steps back through Data Akun, Swafoto and Lengkapi Data to the identity data, unchanged.
  await page.getByRole('button', { name: 'Kembali' }).click();
  await expect(page.getByRole('heading', { name: 'Langkah 5: Data Akun' })).toBeVisible();
  await expect(page.getByText('Password dan jawaban pengaman sudah diatur')).toBeVisible();
  await page.getByRole('button', { name: 'Kembali' }).click();
  await page.getByRole('button', { name: 'Kembali' }).click();
  await expect(page.getByRole('combobox', { name: 'Kab/Kota Lahir' })).toHaveValue(BUDI.tempatLahir);
  await page.getByRole('button', { name: 'Kembali' }).click();
  await expect(page.getByRole('textbox', { name: 'Nomor HP' })).toHaveValue(BUDI.nomorHp);
  await expect(page.getByRole('combobox', { name: 'Tempat Lahir' })).toHaveValue(BUDI.tempatLahir);

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Step 2: Identity data' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Nama Lengkap (full name)' })).toHaveValue(BUDI.namaLengkap);
  // The page's CAPTCHA was passed already in this visit: it is not asked again.
  await expect(page.getByRole('group', { name: 'Anti-robot check' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Step 3: Complete your data' })).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  // The saved selfie and the account (hashes, pass) are kept: Save Photo again, Continue as is.
  await expect(page.getByRole('button', { name: 'Take Photo' })).toBeEnabled({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Take Photo' }).click();
  await page.getByRole('button', { name: 'Save Photo' }).click();
  await expect(page.getByRole('heading', { name: 'Step 5: Account details' })).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Process registration' }).click();
  await page.getByRole('button', { name: 'Yes' }).dblclick();
  await expect(page.getByRole('heading', { name: 'Registration complete' })).toBeVisible();
  expect(readQueue(host.dataDir).records).toHaveLength(1);

  await page.getByRole('button', { name: 'Finish' }).click();
  // The next applicant starts in Bahasa Indonesia, English one tap away.
  await expect(page.getByRole('button', { name: 'Mulai Pendaftaran' })).toBeVisible();
  await expect(page.getByRole('button', { name: /English/ })).toBeVisible();
  await acceptConsentAndStart(page);
  await expect(page.getByRole('textbox', { name: 'NIK' })).toHaveValue('');
  await fillIdentity(page, { ...BUDI, email: 'lain@example.id' });
  await continueToReview(page, BUDI);
  await page.getByRole('button', { name: 'Proses Pendaftaran' }).click();
  await page.getByRole('button', { name: 'Iya' }).click();
  await expect(page.getByRole('alert')).toContainText('NIK ini sudah didaftarkan di perangkat ini');
  await expect(page.getByRole('definition').filter({ hasText: 'lain@example.id' })).toBeVisible();
  expect(readQueue(host.dataDir).records).toHaveLength(1);
});
