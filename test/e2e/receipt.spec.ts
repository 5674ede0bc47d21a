// The printed receipt (Kartu Informasi Akun / Bukti Pendaftaran) from Done, for each paper a kiosk
// may be set to: Chromium renders the print media to PDF, pdftotext reads it back. The card holds
// the receipt number to keep, the name and the masked NIK (or masked e-mail), never the full NIK,
// phone or e-mail; its QR code is verified by `npm run verify-receipt` against the real server. A
// registration the server does not approve is not titled "Selesai".
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect, startHost, type KioskHost } from './kiosk-host';
import { acceptConsentAndStart, continueToReview, fillIdentity, registerAssociation } from './flow-helpers';
import { serverCommand, startServerProcess, type ServerProcess } from './server-process';
import { SITI } from '../support/identities';
import { ROOT, runTs } from '../support/processes';
import { SERVER_DB_FILE } from '../../server/store/open-store';

let serverDir: string;
let server: ServerProcess | undefined;
let host: KioskHost | undefined;
test.beforeEach(() => { serverDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-server-')); });
test.afterEach(async () => {
  await host?.kill('SIGTERM');
  host = undefined;
  await server?.stop();
  server = undefined;
  rmSync(serverDir, { recursive: true, force: true });
});

async function kiosk(dataDir: string, args: string[], enrol: boolean): Promise<KioskHost> {
  if (!enrol) return startHost(dataDir, args);
  server = await startServerProcess(serverDir);
  const code = serverCommand(serverDir, 'enrol-code');
  return startHost(dataDir, [...args, '--enrol-server', server.url, '--enrol-code', code, '--sync-probe-ms', '300']);
}

/** window.print is the browser host's print dialog: counted instead of opened. */
async function countPrints(page: Page): Promise<void> {
  await page.addInitScript(() => {
    (window as unknown as { prints: number }).prints = 0;
    window.print = () => { (window as unknown as { prints: number }).prints += 1; };
  });
}

/** "Cetak Bukti Pendaftaran" (and "Simpan sebagai PDF"): labelled, large enough to tap, opening the print dialog. */
async function printFromDone(page: Page): Promise<void> {
  const print = page.getByRole('button', { name: 'Cetak Bukti Pendaftaran' });
  expect((await print.boundingBox())?.height).toBeGreaterThanOrEqual(48);
  await print.click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { prints: number }).prints)).toBe(1);
  await page.getByRole('button', { name: 'Simpan sebagai PDF' }).click();
  await expect(page.getByText('pilih tujuan “Simpan sebagai PDF”')).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as unknown as { prints: number }).prints)).toBe(2);
}

/** The page as printed, to PDF with the stylesheet's page size; its text, page count and page size in mm (whole, and exact). */
async function printedPdf(page: Page, info: TestInfo, name: string): Promise<{ text: string; mm: [number, number]; exactMm: [number, number]; pages: string }> {
  const file = info.outputPath(`${name}.pdf`);
  writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const pdfInfo = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const [, w = '0', h = '0'] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(pdfInfo) ?? [];
  const exact = (pts: string): number => (Number(pts) * 25.4) / 72;
  return { text, mm: [Math.round(exact(w)), Math.round(exact(h))], exactMm: [exact(w), exact(h)], pages: /Pages:\s+(\d+)/.exec(pdfInfo)?.[1] ?? '' };
}

/** The printed card's height in mm as Chromium lays it out for print (CSS px are 1/96 in). */
async function printedCardMm(page: Page): Promise<number> {
  await page.emulateMedia({ media: 'print' });
  const box = await page.getByRole('article').boundingBox();
  await page.emulateMedia({ media: null });
  return ((box?.height ?? 0) * 25.4) / 96;
}

function expectNothingElsePersonal(text: string, values: string[]): void {
  const squeezed = text.replace(/\s+/g, '');
  for (const v of values) expect(squeezed, v).not.toContain(v.replace(/\s+/g, ''));
}

test('SSCASN on A4: the card holds the number to keep, the name, the masked NIK and a QR the server verifies', async ({ page, dataDir }, info) => {
  test.setTimeout(150_000);
  host = await kiosk(dataDir, [], true);
  await countPrints(page);
  await page.goto(host.url);
  await acceptConsentAndStart(page);
  await fillIdentity(page, SITI);
  await continueToReview(page, SITI);
  await page.getByRole('button', { name: 'Proses Pendaftaran' }).click();
  await page.getByRole('button', { name: 'Iya' }).click();
  await expect(page.getByRole('heading', { name: 'Pendaftaran Selesai' })).toBeVisible();
  const receipt = (await page.getByRole('status', { name: 'Nomor tanda terima' }).textContent()) ?? '';
  const registration = page.getByRole('status', { name: 'Nomor pendaftaran' });
  await expect(registration).toHaveText(/^REG-\d{4}-\d{7}$/, { timeout: 20_000 });
  const number = (await registration.textContent()) ?? '';
  await printFromDone(page);

  const pdf = await printedPdf(page, info, 'receipt-a4');
  expect(pdf.mm).toEqual([210, 297]);
  expect(pdf.pages).toBe('1');
  for (const shown of ['Kartu Informasi Akun SSCASN', 'Pembuatan Akun SSCASN', receipt, 'Simpan nomor ini', 'SITI RAHMAWATI KUSUMADEWI', '3171••••••••0003', number, 'https://sscasn.bkn.go.id', 'ID kiosk']) {
    expect(pdf.text, shown).toContain(shown);
  }
  expectNothingElsePersonal(pdf.text, [SITI.nik, SITI.nomorKk, SITI.nomorHp, '81234567890', SITI.email, '17-08-1995', 'Kota Bandung']);

  // The QR code as printed, photographed: the verify command names this kiosk and says it is genuine.
  await page.emulateMedia({ media: 'print' });
  const png = info.outputPath('receipt-qr.png');
  await page.getByRole('img', { name: /memeriksa keaslian/ }).screenshot({ path: png });
  const verified = runTs([join(ROOT, 'scripts', 'verify-receipt.ts'), png, '--server', server?.url ?? '', '--json']);
  expect(JSON.parse(verified)).toMatchObject({ verdict: 'valid', signatureValid: true, device: { status: 'enrolled' }, receipt: { number: receipt, profileId: 'sscasn' } });
});

test('the association on A5, offline: the masked e-mail and the profile\'s words for what comes next', async ({ page, dataDir }, info) => {
  host = await kiosk(dataDir, ['--profile', 'asosiasi', '--receipt-paper', 'a5'], false);
  await countPrints(page);
  await page.goto(host.url);
  await registerAssociation(page);
  await page.getByRole('button', { name: 'Proses Pendaftaran' }).click();
  await page.getByRole('button', { name: 'Iya' }).click();
  await expect(page.getByRole('heading', { name: 'Pendaftaran Selesai' })).toBeVisible();
  const receipt = (await page.getByRole('status', { name: 'Nomor tanda terima' }).textContent()) ?? '';
  await printFromDone(page);
  const pdf = await printedPdf(page, info, 'receipt-a5');
  expect(pdf.mm).toEqual([148, 210]);
  expect(pdf.pages).toBe('1');
  for (const shown of ['Bukti Pendaftaran Anggota PAMJAKI', receipt, 'Simpan nomor ini', 'ANI LESTARI', 'a••••@gmail.com', 'Sekretariat PAMJAKI akan memverifikasi']) {
    expect(pdf.text.replace(/\s+/g, ' '), shown).toContain(shown);
  }
  expectNothingElsePersonal(pdf.text, ['ani.lestari@gmail.com', 'lestari@', '0812 7777 1234', '81277771234', 'PT Asuransi Sehat', '12-03-1990']);
});

test('the association on an 80 mm roll: a registration not approved is said so, on screen and on the card', async ({ page, dataDir }, info) => {
  host = await kiosk(dataDir, ['--profile', 'asosiasi', '--receipt-paper', '80mm'], true);
  await countPrints(page);
  await page.goto(host.url);
  await registerAssociation(page);
  await page.getByRole('button', { name: 'Proses Pendaftaran' }).click();
  await page.getByRole('button', { name: 'Iya' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'sudah diterima server pusat' })).toBeVisible({ timeout: 20_000 });
  // The secretariat refuses it (the back office's store call, here its command).
  const db = new Database(join(serverDir, SERVER_DB_FILE), { readonly: true });
  const row = db.prepare(`SELECT device_id AS device, record_id AS record FROM registrations`).get() as { device: string; record: string };
  db.close();
  serverCommand(serverDir, 'reject', row.device, row.record, 'data-tidak-sesuai');

  await expect(page.getByRole('heading', { name: 'Pendaftaran Tidak Disetujui' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('heading', { name: /Selesai/ })).toHaveCount(0);
  await expect(page.getByText('sudah tersimpan')).toHaveCount(0);
  await expect(page.getByRole('alert')).toContainText('tidak disetujui setelah verifikasi');
  await expect(page.getByRole('main').getByText('tunjukkan kepada petugas')).toBeVisible();
  const pdf = await printedPdf(page, info, 'receipt-80mm');
  // The roll is fed only as far as the card: its height plus the 3 mm margins and at most 3 mm to spare.
  const card = await printedCardMm(page);
  expect(card).toBeGreaterThan(50);
  expect(pdf.mm[0]).toBe(80);
  expect(pdf.exactMm[1]).toBeGreaterThanOrEqual(card + 6);
  expect(pdf.exactMm[1]).toBeLessThanOrEqual(card + 6 + 3);
  expect(pdf.pages).toBe('1');
  expect(pdf.text.replace(/\s+/g, ' ')).toContain('tidak disetujui setelah verifikasi');
  expect(pdf.text).toContain('a••••@gmail.com');
  expect(pdf.text).not.toContain('Langkah selanjutnya');
  // Not an account card: a receipt to show staff.
  const printed = pdf.text.replace(/\s+/g, ' ').toLowerCase();
  expect(printed).toContain('tanda terima');
  expect(printed).not.toContain('bukti pendaftaran anggota');
  expectNothingElsePersonal(pdf.text, ['ani.lestari@gmail.com', '81277771234']);
});
