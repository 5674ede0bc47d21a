// Steps a person takes, expressed with roles and labels (what a screen reader user hears).
import { expect, type Page } from '@playwright/test';
import type { Applicant } from '../support/identities';
import { runTs } from '../support/processes';
import { TEST_CAPTCHA_TEXT } from '../../electron/services/captcha/test-captcha';
import { FACE_CARD_JPG, cardTruth } from './camera-fixtures';

export async function openKtpStep(page: Page): Promise<void> {
  await page.getByLabel(/menyetujui pemrosesan data pribadi/).check();
  await page.getByRole('button', { name: 'Mulai Pendaftaran' }).click();
  await expect(page.getByRole('heading', { name: 'Langkah 1: Pindai KTP' })).toBeVisible();
}

export async function acceptConsentAndStart(page: Page): Promise<void> {
  await openKtpStep(page);
  await page.getByRole('button', { name: 'Lewati, isi data manual' }).click();
  await expect(page.getByRole('heading', { name: 'Langkah 2: Data Identitas' })).toBeVisible();
}

/**
 * The image CAPTCHA of the page on screen, typed as a sighted applicant reads it: the host's --test
 * mode draws every image with TEST_CAPTCHA_TEXT. SSCASN's pages admit the image only (no text question).
 */
export async function passCaptcha(page: Page): Promise<void> {
  await expect(page.getByRole('img', { name: /Gambar kode CAPTCHA/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Gunakan pertanyaan teks' })).toHaveCount(0);
  await page.getByRole('textbox', { name: 'Kode CAPTCHA' }).fill(TEST_CAPTCHA_TEXT);
}

/** Data Identitas filled: its CAPTCHA, Lanjutkan, to Lengkapi Data. */
export async function submitIdentity(page: Page): Promise<void> {
  await passCaptcha(page);
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(page.getByRole('heading', { name: 'Langkah 3: Lengkapi Data' })).toBeVisible();
}

/** Lengkapi Data: the Ijazah name and birth date come prefilled; Kab/Kota Lahir is typed as listed; Lanjutkan. */
export async function completeIjazah(page: Page, kabKota: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Langkah 3: Lengkapi Data' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Nama Tanpa Gelar' })).not.toHaveValue('');
  await page.getByRole('combobox', { name: 'Kab/Kota Lahir' }).fill(kabKota);
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
}

export async function fillIdentity(page: Page, a: Applicant): Promise<void> {
  await page.getByRole('textbox', { name: 'NIK' }).fill(a.nik);
  await page.getByRole('textbox', { name: 'Nomor KK' }).fill(a.nomorKk);
  await page.getByRole('textbox', { name: 'Nama Lengkap' }).fill(a.namaLengkap);
  await page.getByRole('combobox', { name: 'Tempat Lahir' }).fill(a.tempatLahir);
  await page.getByRole('textbox', { name: 'Tanggal Lahir' }).fill(a.tanggalLahir);
  await page.getByRole('radio', { name: a.jenisKelamin === 'L' ? 'Laki-laki' : 'Perempuan' }).check();
  await page.getByRole('textbox', { name: 'Nomor HP' }).fill(a.nomorHp);
  await page.getByRole('textbox', { name: 'Email' }).fill(a.email);
}

export interface QueueDump {
  records: {
    id: string; seq: number; state: string; receiptNumber: string; sealing: 'device' | 'server';
    payload: {
      fields: Record<string, string>;
      acknowledgedWarnings: string[];
      ktp?: { source: string; image: { mime: string; base64: string; width: number; height: number; readable: boolean }; fields: Record<string, { value: string; confidence: number }> };
      selfie?: {
        image: { mime: string; base64: string; width: number; height: number };
        face: { score: number };
        liveness: { prompt: string; passed?: boolean };
        match: { similarity: number; distance: number } | null;
      };
      account?: { passwordHash: string; passwordPolicy: string; securityAnswers: { questionId: string; answerHash: string }[] };
    } | null;
  }[];
  integrity: string;
}

/** Reads the queue through the real services in a separate process (decrypting via the service). */
export function readQueue(dataDir: string): QueueDump {
  return JSON.parse(runTs(['test/support/read-queue.ts', dataDir])) as QueueDump;
}

/** Swafoto with the fake camera showing a face: the live hint settles, the photo passes, it is saved. */
export async function takeSelfie(page: Page, step = 4): Promise<void> {
  await expect(page.getByRole('heading', { name: `Langkah ${step}: Swafoto` })).toBeVisible();
  const take = page.getByRole('button', { name: 'Ambil Foto' });
  await expect(take).toBeEnabled({ timeout: 30_000 });
  // One instruction at a time: a still face is asked to turn the head (the profile's advisory
  // prompt), and is not told "Posisi sudah baik" while the turn is still asked for.
  await expect(page.getByRole('status').filter({ hasText: /^Tolehkan kepala sedikit ke (kiri|kanan)/ })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('Posisi sudah baik')).toHaveCount(0);
  await take.click();
  await expect(page.getByText('Foto sudah baik.')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Simpan Foto' }).click();
  await expect(page.getByRole('heading', { name: 'Data Akun' })).toBeVisible({ timeout: 15_000 });
}

export const PASSWORD = 'Kiosk#Aman2026';

/** Solves the text question (a 'question' page's check, or an 'image-or-question' page's alternative) the way a person would. */
export async function answerQuestion(page: Page): Promise<void> {
  const question = page.locator('#robot-question');
  await expect(question).toContainText('Berapa');
  const words = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];
  const m = /Berapa (\w+) ditambah (\w+)\?/.exec((await question.textContent()) ?? '');
  const sum = words.indexOf(m?.[1] ?? '') + words.indexOf(m?.[2] ?? '');
  await page.getByRole('textbox', { name: 'Jawaban pertanyaan' }).fill(String(sum));
}

/** From Welcome to Data Akun for an applicant who types the identity data and takes the selfie. */
export async function reachAccountStep(page: Page, a: Applicant): Promise<void> {
  await acceptConsentAndStart(page);
  await fillIdentity(page, a);
  await submitIdentity(page);
  await completeIjazah(page, a.tempatLahir);
  await takeSelfie(page);
}

/** Data Akun's own fields: a good password twice, two different questions with their answers. */
export async function fillAccountFields(page: Page): Promise<void> {
  await page.getByRole('textbox', { name: /^Password/ }).fill(PASSWORD);
  await page.getByRole('textbox', { name: 'Konfirmasi Password' }).fill(PASSWORD);
  await page.getByRole('combobox', { name: 'Pertanyaan Pengaman 1' }).selectOption({ index: 1 });
  await page.getByRole('textbox', { name: 'Jawaban Pengaman 1' }).fill('SD Negeri 3 Cibiru');
  await page.getByRole('combobox', { name: 'Pertanyaan Pengaman 2' }).selectOption({ index: 2 });
  await page.getByRole('textbox', { name: 'Jawaban Pengaman 2' }).fill('Si Belang');
}

/** Data Akun: the fields, the image CAPTCHA; Lanjutkan. */
export async function fillAccount(page: Page, step = 5): Promise<void> {
  await expect(page.getByRole('heading', { name: `Langkah ${step}: Data Akun` })).toBeVisible();
  await fillAccountFields(page);
  await passCaptcha(page);
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
}

/** From Data Identitas (filled for `a`) to Pengecekan Ulang Data: Lengkapi Data, Swafoto, Data Akun. */
export async function continueToReview(page: Page, a: Applicant): Promise<void> {
  await submitIdentity(page);
  await completeIjazah(page, a.tempatLahir);
  await takeSelfie(page);
  await fillAccount(page);
  await expect(page.getByRole('heading', { name: 'Langkah 6: Pengecekan Ulang Data' })).toBeVisible({ timeout: 30_000 });
}

/**
 * Pindai KTP → the generated card with a face uploaded and read; Data Identitas completed with what a
 * card does not print (KK, phone, e-mail) and whatever the scan was unsure of confirmed (this card
 * prints nothing that disagrees with its NIK). Stops on Data Identitas, before its CAPTCHA.
 */
export async function uploadFaceCard(page: Page): Promise<void> {
  const truth = cardTruth(FACE_CARD_JPG);
  await page.getByLabel('Unggah File').setInputFiles(FACE_CARD_JPG);
  await expect(page.getByRole('heading', { name: 'Langkah 2: Data Identitas' })).toBeVisible({ timeout: 45_000 });
  await page.getByRole('textbox', { name: 'Nomor KK' }).fill(`${truth.nik.slice(0, 6)}1501100004`);
  await page.getByRole('textbox', { name: 'Nomor HP' }).fill('0813 1122 3344');
  await page.getByRole('textbox', { name: 'Email' }).fill('pemohon@example.id');
  for (const box of await page.getByLabel(/sudah sesuai KTP$/).all()) await box.check();
}

/** The association's sign-up from Welcome to Pengecekan Ulang Data, for a first-time member. */
export async function registerAssociation(page: Page, kegiatan: 'Ujian Tertulis' | 'Seminar' = 'Ujian Tertulis'): Promise<void> {
  await page.getByLabel(/menyetujui pemrosesan data pribadi/).check();
  await page.getByRole('button', { name: 'Mulai Pendaftaran' }).click();
  await page.getByRole('button', { name: 'Belum, daftar sekarang' }).click();
  await page.getByRole('textbox', { name: 'Nama Lengkap' }).fill('Ani Lestari');
  await page.getByRole('textbox', { name: 'Tanggal Lahir' }).fill('12-03-1990');
  await page.getByRole('textbox', { name: 'Nomor Telepon' }).fill('0812 7777 1234');
  await page.getByRole('textbox', { name: 'Email Pribadi' }).fill('ani.lestari@gmail.com');
  await page.getByRole('textbox', { name: 'Perusahaan / Instansi' }).fill('PT Asuransi Sehat');
  await page.getByRole('radio', { name: kegiatan }).check();
  await answerQuestion(page);
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(page.getByRole('heading', { name: /Pengecekan Ulang Data/ })).toBeVisible();
}
