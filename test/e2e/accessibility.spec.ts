// axe-core on every SSCASN step and its error states, and on the other profiles' own pages: no
// serious or critical violation. Each finding names the rule and the elements, so a failure says
// what to fix.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, startHost } from './kiosk-host';
import { completeIjazah, fillAccount, fillIdentity, openKtpStep, passCaptcha, takeSelfie } from './flow-helpers';
import { SITI } from '../support/identities';

async function audit(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).include('body').analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(serious, serious.join('\n')).toEqual([]);
}

test('SSCASN: every step and its error states have no serious or critical axe violation', async ({ page, host }) => {
  await page.goto(host.url);
  await audit(page, 'welcome');
  await page.getByRole('button', { name: 'Mulai Pendaftaran' }).click();
  await audit(page, 'welcome, consent missing');
  await openKtpStep(page);
  await audit(page, 'pindai KTP');
  await page.getByRole('button', { name: 'Lewati, isi data manual' }).click();
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await audit(page, 'data identitas, everything missing');
  await fillIdentity(page, { ...SITI, tanggalLahir: '18-08-1995', email: 'siti@gmial.com' });
  await audit(page, 'data identitas, NIK and e-mail warnings');
  await fillIdentity(page, SITI);
  await passCaptcha(page);
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await audit(page, 'lengkapi data');
  await completeIjazah(page, SITI.tempatLahir);
  await expect(page.getByRole('button', { name: 'Ambil Foto' })).toBeEnabled({ timeout: 30_000 });
  await audit(page, 'swafoto');
  await takeSelfie(page);
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await audit(page, 'data akun, everything missing');
  await fillAccount(page);
  await expect(page.getByRole('heading', { name: 'Langkah 6: Pengecekan Ulang Data' })).toBeVisible({ timeout: 30_000 });
  await audit(page, 'pengecekan ulang');
  await page.getByRole('button', { name: 'Proses Pendaftaran' }).click();
  await audit(page, 'confirmation dialog');
  await page.getByRole('button', { name: 'Iya' }).click();
  await expect(page.getByRole('heading', { name: /Pendaftaran Selesai/ })).toBeVisible();
  await audit(page, 'selesai');
});

test('the association and the campus pages, and the on-screen keyboard, have no serious or critical axe violation', async ({ page, dataDir }) => {
  const host = await startHost(dataDir, ['--profile', 'asosiasi', '--touch']);
  try {
    await page.goto(host.url);
    await page.getByLabel(/menyetujui pemrosesan data pribadi/).check();
    await page.getByRole('button', { name: 'Mulai Pendaftaran' }).click();
    await audit(page, 'gate');
    await page.getByRole('button', { name: 'Ya, sudah punya' }).click();
    await audit(page, 'gate, yes');
    await page.getByRole('button', { name: 'Kembali' }).click();
    await page.getByRole('button', { name: 'Belum, daftar sekarang' }).click();
    await page.getByRole('textbox', { name: 'Email Pribadi' }).fill('ani@kantor.co.id');
    await page.getByRole('button', { name: 'Lanjutkan' }).click();
    await audit(page, 'formulir registrasi, errors');
    await page.getByRole('textbox', { name: 'Nama Lengkap' }).click();
    await expect(page.getByRole('group', { name: 'Keyboard layar' })).toBeVisible();
    await audit(page, 'on-screen keyboard');
  } finally {
    await host.kill('SIGTERM');
  }
});
