// A kiosk whose queue database was damaged starts on a fresh queue; the operator's screen says so
// in Bahasa Indonesia, naming the file moved aside (electron/services/db/quarantine.ts; the export of
// what such a file still holds is tested in test/unit/quarantine-export.test.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, startHost } from './kiosk-host';
import { runTs } from '../support/processes';

const SARI = { username: 'sari', password: 'meja-layanan-depan-7' };

test('the operator sees that the queue database was damaged and moved aside', async ({ page, dataDir }) => {
  writeFileSync(join(dataDir, 'queue.db'), Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(16_384, 0xab)]));
  expect(runTs(['test/support/seed-operator.ts', dataDir, SARI.username], `${SARI.password}\n`)).toContain('seeded');
  const host = await startHost(dataDir);
  try {
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: /Selamat datang/ })).toBeVisible();
    await page.keyboard.press('Control+Alt+o');
    await page.getByLabel('Nama pengguna petugas').fill(SARI.username);
    await page.getByLabel('Kata sandi').fill(SARI.password);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'Basis data antrean kios ini rusak' });
    await expect(notice).toContainText('dipindahkan ke karantina');
    await expect(notice).toContainText(/Berkas karantina: queue\.db\.corrupt-\d{4}-\d{2}-\d{2}T/);
    await expect(notice).toContainText('Tidak ada data tersegel untuk server yang masih terbaca');
  } finally {
    await host.kill('SIGTERM');
  }
});
