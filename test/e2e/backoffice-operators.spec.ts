// Kiosk operator accounts in the back office, in Chromium against the real central server process:
// the admin opens "Operator kios", creates an operator (a weak password refused with the rule it
// breaks, in words), gives one a new password, disables another after being asked once more; a kiosk
// then pulls the list and finds it signed with the key it pinned, the first account active with a hash
// of its new password, the second disabled. axe finds nothing serious on the page in each state.
import { expect, test, processesPerTest } from './kiosk-host';
import { serverCommand } from './server-process';
import { ADMIN, logIn, noSeriousViolations, startOffice } from './office';
import { SimulatedKiosk } from '../support/simulated-kiosk';
import { verifyEd25519 } from '../../node/crypto/ed25519';
import { verifyPasswordHash } from '../../node/crypto/password-hash';
import { verifyOperatorList } from '../../shared/sync/operators';
import { EnrolResponseSchema } from '../../shared/sync/protocol';

const run = processesPerTest();

const BUDI_PASSWORD = 'loket-pendaftaran-satu';
const BUDI_NEW_PASSWORD = 'antrean-pagi-hari-senin';

test('an admin creates operators (a weak password refused with its rule), re-passwords one and disables another; a kiosk receives them signed', async ({ page }, info) => {
  const server = (run.server = await startOffice(run.serverDir));
  await page.goto(`${server.url}/staff/`);
  await logIn(page, ADMIN);
  await page.getByRole('button', { name: 'Operator kios', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Akun operator kios' })).toBeVisible();
  await expect(page.getByText('Belum ada akun operator.')).toBeVisible();
  await noSeriousViolations(page);

  // A username the rules refuse, then a common password: each refusal says what to fix.
  const create = page.getByRole('form', { name: 'Akun operator baru' });
  await create.getByLabel('Nama pengguna', { exact: true }).fill('Budi!');
  await create.getByLabel('Nama tampilan (opsional)').fill('Budi Santoso');
  await create.getByLabel('Password awal').fill('password');
  await create.getByRole('button', { name: 'Buat akun operator' }).click();
  await expect(create.getByRole('alert')).toHaveText(/^Nama pengguna: 2–40 karakter/);
  await create.getByLabel('Nama pengguna', { exact: true }).fill('budi');
  await create.getByRole('button', { name: 'Buat akun operator' }).click();
  await expect(create.getByRole('alert')).toHaveText('Password ditolak: Password ini terlalu umum dan mudah ditebak.');
  await expect(create.getByLabel('Password awal')).toHaveValue('');
  await noSeriousViolations(page);
  await create.getByLabel('Password awal').fill(BUDI_PASSWORD);
  await create.getByRole('button', { name: 'Buat akun operator' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Akun operator budi dibuat.' })).toBeVisible();
  await expect(page.getByRole('row', { name: /budi/ })).toContainText('Budi Santoso');

  await create.getByLabel('Nama pengguna', { exact: true }).fill('sari');
  await create.getByLabel('Password awal').fill('kios-lantai-dua-barat');
  await create.getByRole('button', { name: 'Buat akun operator' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Akun operator sari dibuat.' })).toBeVisible();
  // The same name twice: refused, in words.
  await create.getByLabel('Nama pengguna', { exact: true }).fill('sari');
  await create.getByLabel('Password awal').fill('kios-lantai-tiga-timur');
  await create.getByRole('button', { name: 'Buat akun operator' }).click();
  await expect(create.getByRole('alert')).toHaveText('Nama pengguna sari sudah dipakai operator lain. Pilih nama lain.');

  // A new password: one containing the username is refused, a good one taken.
  await page.getByRole('button', { name: 'Password baru untuk budi' }).click();
  const passwordForm = page.getByRole('form', { name: 'Password baru untuk budi' });
  await passwordForm.getByLabel('Password baru', { exact: true }).fill('budi-budi-budi');
  await passwordForm.getByRole('button', { name: 'Simpan password' }).click();
  await expect(passwordForm.getByRole('alert')).toHaveText('Password ditolak: Password tidak boleh memuat nama pengguna.');
  await passwordForm.getByLabel('Password baru', { exact: true }).fill(BUDI_NEW_PASSWORD);
  await passwordForm.getByRole('button', { name: 'Simpan password' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Password budi diganti.' })).toBeVisible();

  // Disabling asks once more.
  await page.getByRole('button', { name: 'Nonaktifkan sari' }).click();
  await expect(page.getByText(/Nonaktifkan akun operator sari\? Kios menolak akun ini/)).toBeVisible();
  await noSeriousViolations(page);
  await page.getByRole('button', { name: 'Ya, nonaktifkan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Akun operator sari dinonaktifkan.' })).toBeVisible();
  await expect(page.getByRole('row', { name: /sari/ })).toContainText('Nonaktif');
  await expect(page.getByRole('button', { name: 'Nonaktifkan sari' })).toHaveCount(0);
  await expect(page.getByText('$scrypt$')).toHaveCount(0);
  await noSeriousViolations(page);
  await page.screenshot({ path: info.outputPath('screens', 'backoffice-operators.png'), fullPage: true });

  // What a kiosk receives: the list signed with the key it pinned, with the changes made above.
  const kiosk = new SimulatedKiosk(server.url);
  const enrolled = await kiosk.enrol(serverCommand(run.serverDir, 'enrol-code'));
  const { receiptPublicKey } = EnrolResponseSchema.parse(enrolled.body);
  const pulled = await kiosk.operators();
  const check = verifyOperatorList(pulled.body, receiptPublicKey, { deviceId: kiosk.deviceId, challenge: pulled.challenge, verifySignature: verifyEd25519 });
  if (!check.ok) throw new Error(`the operator list did not verify: ${check.reason}`);
  expect(check.list.operators.map((o) => [o.username, o.displayName, o.disabled])).toEqual([['budi', 'Budi Santoso', false], ['sari', null, true]]);
  expect(await verifyPasswordHash(BUDI_NEW_PASSWORD, check.list.operators[0]?.passwordHash ?? '')).toBe(true);
});
