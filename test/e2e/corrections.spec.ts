// Cheap corrections: "Ubah" on Review goes to the page and straight back (no new selfie for a new
// e-mail); gentle warnings offer a one-tap fix or a confirmation; "Batal / Mulai ulang" asks first.
import { test, expect } from './kiosk-host';
import { acceptConsentAndStart, continueToReview, fillIdentity, readQueue } from './flow-helpers';
import { SITI } from '../support/identities';

test('Ubah on Review returns to Review; a typo in the e-mail is fixed with one tap; a title in Nama Tanpa Gelar is confirmed', async ({ page, host }) => {
  await page.goto(host.url);
  await acceptConsentAndStart(page);
  await fillIdentity(page, { ...SITI, email: 'siti.r@gmial.com' });
  await expect(page.getByRole('note', { name: 'Periksa Email' })).toHaveCount(0); // not while typing
  await page.getByRole('textbox', { name: 'Email' }).press('Tab');
  const note = page.getByRole('note', { name: 'Periksa Email' });
  await expect(note).toContainText('Maksud Anda siti.r@gmail.com?');
  await note.getByRole('button', { name: 'Gunakan siti.r@gmail.com' }).click();
  await expect(page.getByRole('textbox', { name: 'Email' })).toHaveValue('siti.r@gmail.com');
  await expect(note).toHaveCount(0);
  await continueToReview(page, SITI);

  // Correct the name on the Ijazah page from Review: a title is warned about, confirmed, and Review is next.
  await page.getByRole('button', { name: 'Ubah Data sesuai Ijazah' }).click();
  await expect(page.getByRole('heading', { name: 'Langkah 3: Lengkapi Data' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Nama Tanpa Gelar' }).fill('Siti Rahmawati Kusumadewi, S.Kom.');
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  const confirm = page.getByLabel(/Nama Tanpa Gelar .* sudah benar seperti yang saya tulis/);
  await expect(confirm).toBeFocused();
  await expect(page.getByRole('note', { name: /Periksa Nama Tanpa Gelar/ })).toContainText('"S.Kom."');
  await confirm.check();
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(page.getByRole('heading', { name: 'Langkah 6: Pengecekan Ulang Data' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Data sesuai Ijazah' })).toContainText('SITI RAHMAWATI KUSUMADEWI, S.KOM.');

  // Change the e-mail: back to Review at once, the selfie and the account kept.
  await page.getByRole('button', { name: 'Ubah Kontak' }).click();
  await page.getByRole('textbox', { name: 'Email' }).fill('siti.baru@contoh.co.id');
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(page.getByRole('heading', { name: 'Langkah 6: Pengecekan Ulang Data' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Swafoto' })).toBeVisible();
  await page.getByRole('button', { name: 'Proses Pendaftaran' }).click();
  await page.getByRole('button', { name: 'Iya' }).click();
  await expect(page.getByRole('heading', { name: /Pendaftaran Selesai/ })).toBeVisible();
  expect(readQueue(host.dataDir).records[0]?.payload?.fields).toMatchObject({ email: 'siti.baru@contoh.co.id', namaTanpaGelar: 'SITI RAHMAWATI KUSUMADEWI, S.KOM.' });
});

test('the NIK warning sits by the NIK and says what the NIK implies; Batal / Mulai ulang asks, then wipes', async ({ page, host }) => {
  await page.goto(host.url);
  await acceptConsentAndStart(page);
  await fillIdentity(page, { ...SITI, tanggalLahir: '18-08-1995' });
  await expect(page.getByRole('region', { name: 'Mohon periksa kembali' })).toContainText('NIK ini menunjukkan tanggal lahir 17-08-..95 dan jenis kelamin perempuan.');

  await page.getByRole('button', { name: 'Batal / Mulai ulang' }).click();
  const dialog = page.getByRole('dialog', { name: 'Batalkan pendaftaran ini?' });
  await dialog.getByRole('button', { name: 'Tidak, lanjutkan' }).click();
  await expect(page.getByRole('textbox', { name: 'NIK' })).toHaveValue(SITI.nik);
  await page.getByRole('button', { name: 'Batal / Mulai ulang' }).click();
  await dialog.getByRole('button', { name: 'Ya, hapus dan mulai ulang' }).click();
  await expect(page.getByRole('heading', { name: 'Selamat datang di layanan pendaftaran' })).toBeVisible();
  expect(await page.content()).not.toContain(SITI.nik);
  expect(readQueue(host.dataDir).records).toHaveLength(0);
});
