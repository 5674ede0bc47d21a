import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, startHost } from './kiosk-host';
import { acceptConsentAndStart, continueToReview, fillIdentity, PASSWORD, readQueue } from './flow-helpers';
import { SITI } from '../support/identities';
import { isRunning } from '../support/processes';

test('the idle timeout warns with a countdown, then wipes the screen back to Welcome', async ({ page, host }) => {
  await page.clock.install();
  await page.goto(host.url);
  await acceptConsentAndStart(page);
  await fillIdentity(page, SITI);

  await page.clock.runFor(99_000);
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await page.clock.runFor(2_000);
  const warning = page.getByRole('alertdialog', { name: 'Apakah Anda masih di sana?' });
  await expect(warning).toContainText(/dihapus dalam (19|20) detik/);

  // "Saya masih di sini" keeps the session and the data.
  await warning.getByRole('button', { name: 'Saya masih di sini' }).click();
  await expect(warning).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'NIK' })).toHaveValue(SITI.nik);

  await page.clock.runFor(125_000);
  await expect(page.getByRole('heading', { name: 'Selamat datang di layanan pendaftaran' })).toBeVisible();
  await expect(page.getByText(SITI.nik)).toHaveCount(0);
  await expect(page.getByLabel(/menyetujui pemrosesan/)).not.toBeChecked();
  const html = await page.content();
  for (const secret of [SITI.nik, SITI.nomorKk, SITI.email, 'Rahmawati']) expect(html).not.toContain(secret);

  await acceptConsentAndStart(page);
  await expect(page.getByRole('textbox', { name: 'NIK' })).toHaveValue('');
  await expect(page.getByRole('textbox', { name: 'Email' })).toHaveValue('');
  expect(readQueue(host.dataDir).records).toHaveLength(0);
});

test('a record survives SIGKILL of the host right after submission, and no personal data is on disk in plaintext', async ({ page, dataDir }) => {
  const first = await startHost(dataDir);
  await page.goto(first.url);
  await acceptConsentAndStart(page);
  await fillIdentity(page, SITI);
  await continueToReview(page, SITI);
  await page.getByRole('button', { name: 'Proses Pendaftaran' }).click();
  await page.getByRole('button', { name: 'Iya' }).click();
  const receipt = await page.getByRole('status', { name: 'Nomor tanda terima' }).textContent();
  await first.kill('SIGKILL');
  // The pid killed is the kiosk itself (not a launcher that leaves it running): it is gone, and the
  // restarted host below would be refused the data directory if it were not.
  expect(isRunning(first.process.pid ?? 0)).toBe(false);

  // Right after the kill the commit is only in the WAL: scan every file of the data dir as bytes.
  const files = readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
  expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(['queue.db', 'queue.db-wal', 'data.key']));
  const secrets = [SITI.nik, SITI.nomorKk, SITI.email, 'SITI RAHMAWATI', 'Siti Rahmawati', '1995-08-17', '6281234567890', PASSWORD, 'Si Belang', 'si belang'];
  for (const f of files) {
    const bytes = readFileSync(join(f.parentPath, f.name));
    for (const secret of secrets) {
      expect(bytes.includes(Buffer.from(secret, 'utf8')), `${secret} in ${f.name}`).toBe(false);
      expect(bytes.includes(Buffer.from(secret, 'utf16le')), `${secret} (UTF-16) in ${f.name}`).toBe(false);
    }
  }

  const second = await startHost(dataDir);
  // A second kiosk on the same data directory is refused with a clear message.
  await expect(startHost(dataDir)).rejects.toThrow(/another kiosk process is using the data directory/);
  try {
    const queue = readQueue(dataDir);
    expect(queue.integrity).toBe('ok');
    expect(queue.records).toHaveLength(1);
    expect(queue.records[0]?.receiptNumber).toBe(receipt);
    expect(queue.records[0]?.payload?.fields.nik).toBe(SITI.nik);
  } finally {
    await second.kill('SIGTERM');
  }
});
