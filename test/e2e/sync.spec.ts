// Registering while the central server is down, then delivery when it returns: the real kiosk host,
// the real server process, real SQLite on both sides.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, startHost } from './kiosk-host';
import { acceptConsentAndStart, continueToReview, fillIdentity, readQueue } from './flow-helpers';
import { serverCommand, startServerProcess } from './server-process';
import { SITI } from '../support/identities';
import { SERVER_DB_FILE } from '../../server/store/open-store';

test('registered offline, delivered once when the server returns; the Done screen shows the registration number', async ({ page, dataDir }) => {
  const serverDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-server-'));
  let server = await startServerProcess(serverDir);
  const code = serverCommand(serverDir, 'enrol-code');
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  const host = await startHost(dataDir, ['--enrol-server', server.url, '--enrol-code', code, '--sync-probe-ms', '300']);
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('sync-indicator')).toHaveText('Terhubung');
    await server.stop();

    await acceptConsentAndStart(page);
    await fillIdentity(page, SITI);
    await continueToReview(page, SITI);
    await page.getByRole('button', { name: 'Proses Pendaftaran' }).click();
    await page.getByRole('button', { name: 'Iya' }).click();
    await expect(page.getByRole('heading', { name: 'Pendaftaran Selesai' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'dikirim ke server pusat secara otomatis' })).toBeVisible();
    await expect(page.getByTestId('sync-indicator')).toHaveText('Luring', { timeout: 15_000 });
    const queued = readQueue(host.dataDir).records;
    expect(queued).toMatchObject([{ state: 'pending', sealing: 'server', payload: null }]);

    server = await startServerProcess(serverDir, server.port);
    const number = page.getByRole('status', { name: 'Nomor pendaftaran' });
    await expect(number).toHaveText(/^REG-\d{4}-0000001$/, { timeout: 20_000 });
    await expect(page.getByTestId('sync-indicator')).toHaveText('Terhubung', { timeout: 15_000 });

    const [record] = readQueue(host.dataDir).records;
    expect(record).toMatchObject({ id: queued[0]?.id, state: 'acked', payload: null });
    await server.stop();
    const db = new Database(join(serverDir, SERVER_DB_FILE), { readonly: true });
    const rows = db.prepare(`SELECT record_id AS id, registration_number AS number FROM registrations`).all();
    db.close();
    expect(rows).toEqual([{ id: queued[0]?.id, number: await number.textContent() }]);
  } finally {
    await host.kill('SIGTERM');
    await server.stop();
    rmSync(serverDir, { recursive: true, force: true });
  }
});
