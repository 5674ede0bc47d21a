// The operator's screen in Chromium through the browser host, against the real central server: an
// operator account made at the server reaches the kiosk through sync; Ctrl+Alt+O on Welcome (never
// on an applicant's step) opens the login; a wrong password is refused in words; the operator sees
// the queue, the device and the server's key fingerprint, syncs, and logs out. The applicant page
// cannot call an operator channel without the operator's session (401). axe finds nothing serious.
import { join } from 'node:path';
import { test, expect, startHost, processesPerTest } from './kiosk-host';
import { serverCommand } from './server-process';
import { noSeriousViolations, startOffice } from './office';
import { runTs, ROOT } from '../support/processes';

const OPERATOR = { username: 'sari', password: 'meja-layanan-depan-7' };

const run = processesPerTest();

test('an operator logs in with the account the server sent, sees the kiosk, and an applicant page cannot', async ({ page, dataDir }) => {
  const server = (run.server = await startOffice(run.serverDir));
  expect(runTs([join(ROOT, 'server', 'main.ts'), 'create-operator', OPERATOR.username, '--data-dir', run.serverDir], `${OPERATOR.password}\n`)).toContain(OPERATOR.username);
  const host = (run.host = await startHost(dataDir, ['--profile', 'asosiasi', '--enrol-server', server.url, '--enrol-code', serverCommand(run.serverDir, 'enrol-code'), '--sync-probe-ms', '300']));
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: /Selamat datang/ })).toBeVisible();

  // Not from an applicant's step.
  await page.getByLabel(/menyetujui pemrosesan data pribadi/).check();
  await page.getByRole('button', { name: 'Mulai Pendaftaran' }).click();
  await page.keyboard.press('Control+Alt+o');
  await expect(page.getByRole('heading', { name: 'Masuk sebagai petugas' })).toHaveCount(0);
  await page.getByRole('button', { name: /Batal/ }).click();
  await page.getByRole('button', { name: /Ya/ }).click();

  await expect(page.getByRole('heading', { name: /Selamat datang/ })).toBeVisible();
  await page.keyboard.press('Control+Alt+o');
  await expect(page.getByRole('heading', { name: 'Masuk sebagai petugas' })).toBeVisible();
  await noSeriousViolations(page);
  await page.getByLabel('Nama pengguna petugas').fill(OPERATOR.username);
  await page.getByLabel('Kata sandi').fill('bukan-sandinya');
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('Nama pengguna atau kata sandi salah.');
  // The account arrives with the kiosk's first sync; a few tries at most (five would lock the name).
  await expect(async () => {
    await page.getByLabel('Kata sandi').fill(OPERATOR.password);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Keadaan kios' })).toBeVisible({ timeout: 1_500 });
  }).toPass({ timeout: 10_000, intervals: [1_500, 2_000, 3_000] });

  await expect(page.getByText(server.url)).toBeVisible();
  await expect(page.getByText(/^([0-9a-f]{4} ){3}/)).toBeVisible();
  await page.getByRole('button', { name: 'Sinkronkan sekarang' }).click();
  await expect(page.getByText('Terhubung', { exact: true })).toBeVisible();
  await noSeriousViolations(page);

  // The page itself, without the operator's session, is refused every operator channel.
  const status = await page.evaluate(async () => {
    // The page's own session cookie and header: only the operator's session is missing.
    const res = await fetch('/api/kiosk:operator:records', {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-kiosk-request': '1' }, body: JSON.stringify({ input: { session: 'x'.repeat(43) } }),
    });
    return res.status;
  });
  expect(status).toBe(401);

  await page.getByRole('button', { name: 'Keluar', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Masuk sebagai petugas' })).toBeVisible();
  await page.getByRole('button', { name: 'Kembali ke kios' }).first().click();
  await expect(page.getByRole('heading', { name: /Selamat datang/ })).toBeVisible();
});

test('intake closes when the server revokes the kiosk: applicants see a polite notice, the operator sees why', async ({ page, dataDir }) => {
  const server = (run.server = await startOffice(run.serverDir));
  runTs([join(ROOT, 'server', 'main.ts'), 'create-operator', OPERATOR.username, '--data-dir', run.serverDir], `${OPERATOR.password}\n`);
  const host = (run.host = await startHost(dataDir, ['--profile', 'asosiasi', '--enrol-server', server.url, '--enrol-code', serverCommand(run.serverDir, 'enrol-code'), '--sync-probe-ms', '300']));
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: /Selamat datang/ })).toBeVisible();
  await page.keyboard.press('Control+Alt+o');
  await expect(async () => {
    await page.getByLabel('Nama pengguna petugas').fill(OPERATOR.username);
    await page.getByLabel('Kata sandi').fill(OPERATOR.password);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Keadaan kios' })).toBeVisible({ timeout: 1_500 });
  }).toPass({ timeout: 10_000, intervals: [1_500, 2_000, 3_000] });
  await expect(page.getByRole('status').filter({ hasText: 'Dibuka' })).toBeVisible();

  const deviceId = (await page.getByText(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/).textContent()) ?? '';
  expect(serverCommand(run.serverDir, 'revoke', deviceId)).toContain('revoked');
  await page.getByRole('button', { name: 'Sinkronkan sekarang' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ditutup sementara' })).toBeVisible();
  await expect(page.getByText('Perangkat ini dicabut oleh server.', { exact: false })).toBeVisible();
  await noSeriousViolations(page);

  await page.getByRole('button', { name: 'Kembali ke kios' }).first().click();
  await expect(page.getByRole('heading', { name: 'Layanan sementara tidak tersedia' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('Silakan hubungi petugas.', { exact: false })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Mulai Pendaftaran' })).toHaveCount(0);
  await noSeriousViolations(page);
});
