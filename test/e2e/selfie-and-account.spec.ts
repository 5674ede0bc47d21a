// Runs with Chromium's fake camera showing a face from face-api's sample photos.
import { test, expect, recordForeignRequests } from './kiosk-host';
import { completeIjazah, fillAccount, fillAccountFields, openKtpStep, PASSWORD, reachAccountStep, readQueue, submitIdentity, takeSelfie, uploadFaceCard } from './flow-helpers';
import { KTP_IMAGE_MAX_BYTES, KTP_IMAGE_MIN_WIDTH } from '../../shared/ktp/ktp-record';
import { SELFIE_MAX_BYTES } from '../../shared/face/selfie-record';
import { verifySecret, normaliseAnswer } from '../../shared/account/secret-hash';
import { SITI } from '../support/identities';
import { TEST_CAPTCHA_TEXT } from '../../electron/services/captcha/test-captcha';

const jpegBytes = (base64: string | undefined): Buffer => Buffer.from(base64 ?? '', 'base64');

test('Welcome → KTP → Identity → Swafoto → Data Akun → Review → Done queues one record with both images and only hashes', async ({ page, host }) => {
  const foreign = recordForeignRequests(page, host.origin);
  await page.goto(host.url);
  await openKtpStep(page);
  await uploadFaceCard(page);
  await submitIdentity(page);
  await completeIjazah(page, 'Kota Bandung');

  await takeSelfie(page);
  await fillAccount(page);
  await expect(page.getByRole('heading', { name: 'Langkah 6: Pengecekan Ulang Data' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('img', { name: 'Swafoto' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Foto KTP yang diambil' })).toBeVisible();
  await expect(page.getByText('Password: sudah diatur (tidak ditampilkan)')).toBeVisible();
  await expect(page.getByText(PASSWORD)).toHaveCount(0);
  await page.getByRole('button', { name: 'Proses Pendaftaran' }).click();
  await page.getByRole('button', { name: 'Iya' }).click();
  // The submission waits for the advisory selfie-to-KTP match up to 20 s (renderer/steps/selfie/index.tsx):
  // typing the image's code is quicker than the text question was, so the match may still be running.
  await expect(page.getByRole('heading', { name: 'Pendaftaran Selesai' })).toBeVisible({ timeout: 30_000 });

  const { records } = readQueue(host.dataDir);
  expect(records).toHaveLength(1);
  const payload = records[0]?.payload;
  const ktp = jpegBytes(payload?.ktp?.image.base64);
  expect(payload?.ktp?.source).toBe('file');
  expect(ktp.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  expect(ktp.length).toBeLessThanOrEqual(KTP_IMAGE_MAX_BYTES);
  expect(payload?.ktp?.image.width).toBeGreaterThanOrEqual(KTP_IMAGE_MIN_WIDTH);
  expect(payload?.ktp?.image.readable).toBe(true);

  const selfie = jpegBytes(payload?.selfie?.image.base64);
  expect(selfie.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  expect(selfie.length).toBeLessThanOrEqual(SELFIE_MAX_BYTES);
  expect(payload?.selfie?.face.score).toBeGreaterThan(0.5);
  // A still photo cannot turn its head: the advisory liveness evidence says so, and nothing blocked.
  expect(payload?.selfie?.liveness).toMatchObject({ prompt: 'turn-head', passed: false });
  // The card's photo is the same person: the advisory comparison found them close.
  expect(payload?.selfie?.match?.distance).toBeLessThan(0.6);
  expect(payload?.selfie?.match?.similarity).toBeGreaterThan(0.5);

  const account = payload?.account;
  expect(account?.passwordPolicy).toBe('sscasn');
  expect(account?.passwordHash).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$/);
  expect(verifySecret(PASSWORD, account?.passwordHash ?? '')).toBe(true);
  expect(account?.securityAnswers).toHaveLength(2);
  expect(verifySecret(normaliseAnswer('si belang'), account?.securityAnswers[1]?.answerHash ?? '')).toBe(true);
  const decrypted = JSON.stringify(payload);
  for (const plaintext of [PASSWORD, 'SD Negeri 3 Cibiru', 'Si Belang', 'si belang']) expect(decrypted).not.toContain(plaintext);
  expect(foreign).toEqual([]);
});

test('a weak password is refused naming the rule it breaks, and nothing typed is lost', async ({ page, host }) => {
  await page.goto(host.url);
  await reachAccountStep(page, SITI);
  await expect(page.getByRole('heading', { name: 'Langkah 5: Data Akun' })).toBeVisible();

  const password = page.getByRole('textbox', { name: /^Password/ });
  await password.fill('kiosk#aman2026');
  await page.getByRole('textbox', { name: 'Konfirmasi Password' }).fill('kiosk#aman2026');
  await page.getByRole('combobox', { name: 'Pertanyaan Pengaman 1' }).selectOption({ index: 1 });
  await page.getByRole('textbox', { name: 'Jawaban Pengaman 1' }).fill('SD Negeri 3');
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(password).toBeFocused();
  await expect(password).toHaveAccessibleDescription(/Password belum memenuhi aturan: memiliki huruf besar \(A–Z\)\./);
  await expect(page.getByText('Pilih pertanyaan pengaman.')).toBeVisible();

  // A common password with the portal's decorations, and the applicant's own NIK, are refused too.
  await password.fill('Password123!');
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(password).toHaveAccessibleDescription(/bukan password yang umum dipakai/);
  await password.fill(`Aa!${SITI.nik}`);
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(password).toHaveAccessibleDescription(/tidak memuat NIK, nama/);
  await password.fill(PASSWORD);
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(page.getByRole('textbox', { name: 'Konfirmasi Password' })).toHaveAccessibleDescription(/tidak sama dengan Password/);
  await expect(page.getByRole('textbox', { name: 'Jawaban Pengaman 1' })).toHaveValue('SD Negeri 3');
  expect(readQueue(host.dataDir).records).toHaveLength(0);
});

test('a wrong CAPTCHA answer is refused, a new image replaces it, and the form is kept', async ({ page, host }) => {
  await page.goto(host.url);
  await reachAccountStep(page, SITI);
  await fillAccountFields(page);

  const image = page.getByRole('img', { name: /Gambar kode CAPTCHA berisi 5 huruf dan angka/ });
  await expect(image).toBeVisible();
  const first = await image.getAttribute('src');
  expect(first).toMatch(/^data:image\/png;base64,/);
  // The renderer never holds the answer: nothing in the page but the image tells what to type.
  expect(await page.content()).not.toMatch(/data-answer|captchaText/);
  await page.getByRole('textbox', { name: 'Kode CAPTCHA' }).fill('00000');
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  const answer = page.getByRole('textbox', { name: 'Kode CAPTCHA' });
  await expect(answer).toHaveAccessibleDescription(/Jawaban salah\. Silakan coba dengan kode yang baru\./);
  await expect(image).not.toHaveAttribute('src', first ?? '');
  await expect(page.getByRole('heading', { name: 'Langkah 5: Data Akun' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: /^Password/ })).toHaveValue(PASSWORD);
  await expect(page.getByRole('textbox', { name: 'Jawaban Pengaman 2' })).toHaveValue('Si Belang');

  // Ganti gambar draws another; SSCASN's mode is the image only, so no text question is offered;
  // the new image read right passes (the --test host draws every image with one known text).
  const second = await image.getAttribute('src');
  await page.getByRole('button', { name: 'Ganti gambar' }).click();
  await expect(image).not.toHaveAttribute('src', second ?? '');
  await expect(page.getByRole('button', { name: 'Gunakan pertanyaan teks' })).toHaveCount(0);
  await answer.fill(TEST_CAPTCHA_TEXT);
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(page.getByRole('heading', { name: 'Langkah 6: Pengecekan Ulang Data' })).toBeVisible({ timeout: 30_000 });
});
