// Steps a person takes, expressed with roles and labels (what a screen reader user hears).
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';
import type { Applicant } from '../support/identities';

const ROOT = resolve(import.meta.dirname, '..', '..');

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
    id: string; seq: number; state: string; receiptNumber: string;
    payload: {
      identity: Record<string, string>;
      acknowledgedWarnings: string[];
      ktp?: { source: string; image: { mime: string; base64: string; width: number; height: number; readable: boolean }; fields: Record<string, { value: string; confidence: number }> };
    } | null;
  }[];
  integrity: string;
}

/** Reads the queue through the real services in a separate process (decrypting via the service). */
export function readQueue(dataDir: string): QueueDump {
  const out = execFileSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['test/support/read-queue.ts', dataDir], { cwd: ROOT });
  return JSON.parse(out.toString()) as QueueDump;
}
