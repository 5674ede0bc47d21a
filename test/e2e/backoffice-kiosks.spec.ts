// Kiosk management in the back office, in Chromium against the real central server process: a kiosk
// enrolled and delivering a record; the admin opens Kiosks, sees it with its counts and the versions
// it reported, names it, creates an enrolment code (its QR read back from the screen enrols another
// kiosk), and revokes the first one with a reason, asked once more; its next request is refused.
// axe finds nothing serious on the page in each state.
import { randomUUID } from 'node:crypto';
import { expect, test, processesPerTest } from './kiosk-host';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { serverCommand } from './server-process';
import { ADMIN, logIn, noSeriousViolations, startOffice } from './office';
import { payloadOf, SimulatedKiosk } from '../support/simulated-kiosk';
import { SITI } from '../support/identities';
import { parseEnrolmentQr } from '../../shared/enrolment-qr';
import { KIOSK_REPORT_HEADERS } from '../../shared/sync/kiosk-report';

const run = processesPerTest();

test('an admin names a kiosk, creates an enrolment code with its QR, and revokes a kiosk with a reason', async ({ page }, info) => {
  const server = (run.server = await startOffice(run.serverDir));

  // A kiosk enrolled from the command line's code delivers one record, saying what it runs.
  const kiosk = new SimulatedKiosk(server.url);
  expect((await kiosk.enrol(serverCommand(run.serverDir, 'enrol-code'))).status).toBe(200);
  const recordId = randomUUID();
  const sealed = await kiosk.seal(recordId, payloadOf(SITI, 'sscasn'));
  const report = { [KIOSK_REPORT_HEADERS.software]: '0.1.0', [KIOSK_REPORT_HEADERS.profile]: 'sscasn@1' };
  expect((await kiosk.post(sealed, { ...kiosk.signed(recordId, sealed), ...report })).status).toBe(201);

  await page.goto(`${server.url}/staff/`);
  await logIn(page, ADMIN);
  await page.getByRole('button', { name: 'Kios', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Kios terdaftar' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: kiosk.deviceId });
  await expect(row).toContainText('Tanpa nama');
  await expect(row).toContainText('0.1.0');
  await expect(row).toContainText('sscasn@1');
  await expect(row.getByRole('cell').nth(4)).toHaveText('1');
  await expect(row).toContainText('Aktif');
  await noSeriousViolations(page);

  // Its name and location.
  await page.getByRole('button', { name: `Ubah nama dan lokasi ${kiosk.deviceId.slice(0, 8)}…` }).click();
  await page.getByRole('textbox', { name: 'Nama kios', exact: true }).fill('Kios Aula');
  await page.getByRole('textbox', { name: 'Lokasi', exact: true }).fill('Gedung A, lantai 1');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Nama dan lokasi Kios Aula disimpan.' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Kios Aula/ })).toContainText('Gedung A, lantai 1');

  // An enrolment code, with its QR on screen; read from the screen, it enrols another kiosk.
  await page.getByLabel('Berlaku selama').selectOption({ label: '8 jam' });
  await page.getByRole('button', { name: 'Buat kode pendaftaran' }).click();
  const qr = page.getByRole('img', { name: /Kode QR pendaftaran kios/ });
  await expect(qr).toBeVisible();
  const code = (await page.locator('.bo-enrol__code').textContent()) ?? '';
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(page.getByText(server.url, { exact: true })).toBeVisible();
  await noSeriousViolations(page);
  await page.screenshot({ path: info.outputPath('screens', 'backoffice-kiosks.png'), fullPage: true });
  const png = PNG.sync.read(await qr.screenshot());
  const read = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height);
  const scanned = parseEnrolmentQr(read?.data ?? '');
  expect(scanned).toMatchObject({ ok: true, payload: { serverUrl: server.url, code } });
  expect((await new SimulatedKiosk(server.url).enrol(code)).status).toBe(200);

  // Revoking needs a reason, and asks once more.
  await page.getByRole('button', { name: 'Cabut Kios Aula' }).click();
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(page.getByRole('alert')).toHaveText('Isi alasan pencabutan (1 sampai 200 karakter, satu baris).');
  await page.getByRole('textbox', { name: 'Alasan pencabutan', exact: true }).fill('Perangkat dipindahkan ke kantor cabang');
  await page.getByRole('button', { name: 'Lanjutkan' }).click();
  await expect(page.getByText(/Cabut Kios Aula\? Semua permintaan berikutnya/)).toBeVisible();
  await noSeriousViolations(page);
  await page.getByRole('button', { name: 'Ya, cabut kios' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Kios Aula dicabut.' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Kios Aula/ })).toContainText('Perangkat dipindahkan ke kantor cabang');
  await expect(page.getByRole('button', { name: 'Cabut Kios Aula' })).toHaveCount(0);
  expect(await kiosk.outcomes([recordId])).toMatchObject({ status: 403, body: { code: 'revoked-device' } });
  await noSeriousViolations(page);
});
