// The printed receipt's data: the QR payload codec (round trip, every malformed form refused), the
// masking of the unique value, the card the queue service returns (never stored), the kiosk's
// receipt settings and the Electron host's print plan.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decodeReceiptQr, encodeReceiptQr, receiptClaim, receiptNumberMatchesDevice, receiptSigningText, RECEIPT_SIGNING_PREFIX } from '../../shared/receipt-qr';
import { formatReceiptNumber } from '../../shared/receipt';
import { cardPerson, maskDigits, maskEmail, maskOther, type PrintedCard } from '../../shared/receipt-card';
import { loadAllProfiles } from '../../node/profiles';
import { createKioskServices } from '../../electron/services/kiosk-services';
import { dispatch } from '../../electron/services/dispatch';
import { planSilentPrint } from '../../electron/services/receipt/print-plan';
import { KioskSettingsSchema } from '../../shared/settings';
import { ed25519Signer, verifyEd25519 } from '../../node/crypto/ed25519';
import { FileSecretStore } from '../../node/crypto/secret-store';
import { SITI } from '../support/identities';
import { challenges, submission } from '../support/submissions';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
const DEVICE = '0f3c2a9e-5b1d-4c7e-9a2f-6d8e1b3c5a70';
const RECORD = '7d1e4b2a-9c3f-4e8d-b5a6-1f2e3d4c5b6a';
const SIG = 'A'.repeat(86);
/** The sscasn claim of this device's record RECORD with sequence `seq`. */
const claimOf = (seq: number, issuedAt: Date | string) => receiptClaim({ deviceId: DEVICE, recordId: RECORD, receiptNumber: formatReceiptNumber(DEVICE, seq), issuedAt, profileId: 'sscasn' });
const profiles = loadAllProfiles(resolve(import.meta.dirname, '..', '..', 'resources'));
const profile = (id: string) => {
  const p = profiles.get(id);
  if (!p) throw new Error(`no profile ${id}`);
  return p;
};
/** The card a receipt must carry. */
const cardOf = (r: { card?: PrintedCard | undefined }): PrintedCard => {
  if (!r.card) throw new Error('the receipt has no card');
  return r.card;
};

describe('receipt QR payload', () => {
  it('round-trips any device, sequence, second and profile, in about 150 characters', () => {
    fc.assert(fc.property(
      fc.uuid(), fc.uuid(), fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 0, max: 4_102_444_800 }), fc.stringMatching(/^[a-z][a-z0-9-]{1,40}$/),
      (device, record, seq, seconds, profileId) => {
        const claim = receiptClaim({ deviceId: device, recordId: record, receiptNumber: formatReceiptNumber(device, seq), issuedAt: new Date(seconds * 1000), profileId });
        const text = encodeReceiptQr({ ...claim, signature: SIG });
        const decoded = decodeReceiptQr(text);
        expect(decoded).toEqual({ ok: true, claim: { ...claim, deviceId: device.toLowerCase(), recordId: record.toLowerCase(), signature: SIG } });
        expect(receiptNumberMatchesDevice(claim)).toBe(true);
        expect(text.length).toBeLessThanOrEqual(4 + 23 + 23 + 14 + 9 + 42 + 86);
      },
    ));
    const text = encodeReceiptQr({ ...claimOf(1, '2026-11-29T10:15:30.789Z'), signature: SIG });
    expect(text.length).toBeLessThan(185);
    expect(text).toMatch(/^KR2\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}\.[0-9A-Z]{4}-000001-[0-9A-Z]\.[0-9a-z]+\.sscasn\.A{86}$/);
  });

  it('refuses every malformed code with a reason, never throwing', () => {
    const good = encodeReceiptQr({ ...claimOf(7, new Date()), signature: SIG });
    const parts = good.split('.');
    const part = (i: number): string => parts[i] ?? '';
    const swap = (i: number, v: string) => parts.map((p, j) => (j === i ? v : p)).join('.');
    const bad = [
      '', 'hello', 'KR1' + good.slice(3), good + '.x', parts.filter((_, j) => j !== 2).join('.'), swap(1, 'A'.repeat(21)), swap(1, part(1).slice(0, 21) + 'B'),
      swap(2, 'A'.repeat(23)), swap(2, part(2).slice(0, 21) + 'B'),
      swap(3, part(3).slice(0, -1) + (part(3).endsWith('0') ? '1' : '0')), swap(4, 'ZZ'), swap(5, 'Sscasn'), swap(6, 'A'.repeat(85)), good.repeat(3),
    ];
    for (const text of bad) expect(decodeReceiptQr(text), text).toMatchObject({ ok: false, reason: expect.any(String) });
    fc.assert(fc.property(fc.string({ maxLength: 500 }), (s) => { expect(() => decodeReceiptQr(s)).not.toThrow(); }));
  });

  it('signs a text no request signature can equal', () => {
    const text = receiptSigningText(claimOf(1, new Date(0)));
    expect(text.startsWith(RECEIPT_SIGNING_PREFIX)).toBe(true);
    expect(text.startsWith('KIOSK-REQUEST-V1')).toBe(false);
  });
});

describe('masking', () => {
  it('keeps the region code and the last four digits of a NIK, the first letter and the domain of an e-mail', () => {
    expect(maskDigits('3171015708950003')).toBe('3171••••••••0003');
    expect(maskEmail('siti.rahmawati@contoh.co.id')).toBe('s••••@contoh.co.id');
    expect(maskOther('2207411001')).toBe('22•••••001');
    expect(maskOther('AB1')).toBe('••1');
  });

  it('prints the name and the masked NIK, or the masked unique value, per shipped profile', () => {
    const fields = { nik: SITI.nik, namaLengkap: 'SITI RAHMAWATI', nomorHp: '+6281234567890', email: 'ani@gmail.com', nama: 'Andi Pratama', nimNip: '2207411001' };
    expect(cardPerson(profile('sscasn'), fields)).toEqual({ name: 'SITI RAHMAWATI', masked: { field: 'nik', value: '3171••••••••0003' } });
    expect(cardPerson(profile('asosiasi'), { ...fields, nik: '' })).toEqual({ name: 'SITI RAHMAWATI', masked: { field: 'email', value: 'a••••@gmail.com' } });
    expect(cardPerson(profile('asosiasi'), fields).masked).toEqual({ field: 'nik', value: '3171••••••••0003' });
    expect(cardPerson(profile('sso-kampus'), fields)).toEqual({ name: 'Andi Pratama', masked: { field: 'nimNip', value: '22•••••001' } });
    for (const p of profiles.values()) {
      if (p.receipt?.nameField) expect(p.fields.map((f) => f.name), p.id).toContain(p.receipt.nameField);
    }
  });
});

describe('the card the queue service returns', () => {
  it('carries the name, the masked NIK and a QR signed by the device key; none of it reaches the disk', async () => {
    const dir = tempDir();
    const s = createKioskServices({ dataDir: dir, challenges });
    const input = submission(SITI);
    const receipt = await s.queue.submit(input);
    expect(receipt.card).toMatchObject({ deviceId: s.deviceId, name: 'SITI RAHMAWATI KUSUMADEWI', masked: { field: 'nik', value: '3171••••••••0003' } });
    const decoded = decodeReceiptQr(cardOf(receipt).qr);
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.claim).toMatchObject({ deviceId: s.deviceId, recordId: receipt.id, receiptNumber: receipt.receiptNumber, profileId: 'sscasn' });
    expect(Math.abs(Date.parse(decoded.claim.issuedAt) - Date.parse(receipt.createdAt))).toBeLessThan(1000);
    // A retry of the same submission answers the same receipt and the same card (Ed25519 is deterministic).
    expect(await s.queue.submit(input)).toEqual(receipt);
    await s.close();
    for (const file of readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
      const bytes = readFileSync(join(file.parentPath, file.name));
      for (const secret of [SITI.nik, 'SITI RAHMAWATI', '3171••••••••0003', cardOf(receipt).qr]) expect(bytes.includes(Buffer.from(secret)), `${file.name}: ${secret}`).toBe(false);
    }
  });

  it('signs with the key enrolment registers', async () => {
    const dir = tempDir();
    const s = createKioskServices({ dataDir: dir, challenges });
    const receipt = await s.queue.submit(submission(SITI));
    const decoded = decodeReceiptQr(cardOf(receipt).qr);
    if (!decoded.ok) throw new Error(decoded.reason);
    const key = ed25519Signer(new FileSecretStore(dir).loadOrCreate('device-signing', () => { throw new Error('no key was made'); }));
    expect(verifyEd25519(key.publicKey, receiptSigningText(decoded.claim), decoded.claim.signature)).toBe(true);
    await s.close();
  });
});

describe('receipt settings', () => {
  it('default to A4, no printer, no touch keyboard; start-up preferences are stored and kept', async () => {
    const dir = tempDir();
    const a = createKioskServices({ dataDir: dir, challenges });
    const first = await dispatch(a, 'kiosk:settings:get', undefined);
    expect(KioskSettingsSchema.parse(first.envelope.ok ? first.envelope.value : null)).toMatchObject({ receiptPaper: 'a4', receiptPrinter: null, touchKeyboard: false });
    await a.close();
    const b = createKioskServices({ dataDir: dir, challenges, preferences: { receiptPaper: '80mm', touchKeyboard: true, receiptPrinter: 'EPSON TM-T82' } });
    await b.close();
    const c = createKioskServices({ dataDir: dir, challenges, preferences: { touchKeyboard: false } });
    const got = await dispatch(c, 'kiosk:settings:get', undefined);
    expect(got.envelope).toEqual({ ok: true, value: { cameras: { document: null, face: null }, receiptPaper: '80mm', receiptPrinter: 'EPSON TM-T82', touchKeyboard: false } });
    expect((await dispatch(c, 'kiosk:receipt:print', { cardHeightMm: 142.3 })).envelope).toEqual({ ok: true, value: { outcome: 'use-browser' } });
    await c.close();
  });

  it('plan a silent print only to a configured, attached printer, on the kiosk\'s paper', () => {
    const attached = [{ name: 'EPSON TM-T82' }, { name: 'HP LaserJet' }];
    expect(planSilentPrint(null, 'a4', attached)).toEqual({ ok: false, outcome: { outcome: 'no-printer' } });
    expect(planSilentPrint('Brother', 'a4', attached)).toEqual({ ok: false, outcome: { outcome: 'printer-missing' } });
    expect(planSilentPrint('HP LaserJet', 'a5', attached)).toMatchObject({ ok: true, options: { silent: true, deviceName: 'HP LaserJet', pageSize: 'A5' } });
    expect(planSilentPrint('EPSON TM-T82', '80mm', attached)).toMatchObject({ ok: true, options: { pageSize: { width: 80_000 } } });
  });

  it('feeds an 80 mm roll only as far as the card: its measured height, the margins and 2 mm, in microns', () => {
    const attached = [{ name: 'EPSON TM-T82' }];
    expect(planSilentPrint('EPSON TM-T82', '80mm', attached, 121.4)).toMatchObject({ ok: true, options: { pageSize: { width: 80_000, height: 130_000 } } });
    expect(planSilentPrint('EPSON TM-T82', '80mm', attached, 60)).toMatchObject({ ok: true, options: { pageSize: { width: 80_000, height: 68_000 } } });
    // Not measured (no layout): the longest card still fits.
    expect(planSilentPrint('EPSON TM-T82', '80mm', attached)).toMatchObject({ ok: true, options: { pageSize: { height: 297_000 } } });
    // Sheets keep their size whatever the card.
    expect(planSilentPrint('EPSON TM-T82', 'a5', attached, 60)).toMatchObject({ ok: true, options: { pageSize: 'A5' } });
  });
});
