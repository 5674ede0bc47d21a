// Verifying a printed receipt's QR code at the central server (POST /v1/receipts/verify) and with
// `npm run verify-receipt` from a photo of the card: genuine, forged, signed by another device,
// unknown device, revoked device, malformed; apart from the signature, whether the server has the
// registration (not yet / received — never how it was decided); the endpoint's rate limit as a
// server setting.
import { describe, expect, it, afterEach } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { create } from 'qrcode';
import { createKioskServices, type KioskServices, type KioskServicesOptions } from '../../electron/services/kiosk-services';
import { appPaths } from '../../electron/services/app-paths';
import { outcomeOf } from '../../electron/services/sync/sync-repo';
import { DEFAULT_RATE_LIMITS } from '../../server/app';
import { parseServerConfig } from '../../server/config';
import { decodeReceiptQr, encodeReceiptQr, receiptClaim, receiptSigningText } from '../../shared/receipt-qr';
import { formatReceiptNumber } from '../../shared/receipt';
import { ReceiptVerificationSchema } from '../../shared/receipt-verify';
import { ed25519Signer, generateEd25519PrivateKey } from '../../node/crypto/ed25519';
import { startCentralServer, type CentralServer, type CentralServerOptions } from '../support/central-server';
import { testProfiles } from '../support/simulated-kiosk';
import { NODE_TSX, ROOT } from '../support/processes';
import { SITI } from '../support/identities';
import { challenges, submission } from '../support/submissions';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
const run = promisify(execFile);
const open: (CentralServer | KioskServices)[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await ('stop' in o ? o.stop() : o.close());
});

async function centralServer(options: CentralServerOptions = {}): Promise<CentralServer> {
  const server = await startCentralServer(tempDir(), options);
  open.push(server);
  return server;
}

async function enrolledKiosk(server: CentralServer, options: Partial<KioskServicesOptions> = {}): Promise<KioskServices> {
  const kiosk = createKioskServices({ dataDir: tempDir(), challenges, ...options });
  open.push(kiosk);
  await kiosk.enrol(server.url, await server.enrolCode());
  return kiosk;
}

/** Queues the applicant (not yet delivered: the kiosk syncs only when asked); the card's QR and the record id. */
async function register(kiosk: KioskServices, who = SITI, profileId?: string): Promise<{ qr: string; id: string }> {
  const receipt = await kiosk.queue.submit(submission(who, profileId ? { profileId } : {}));
  if (!receipt.card) throw new Error('no card');
  return { qr: receipt.card.qr, id: receipt.id };
}

/** Runs sync cycles until the record is settled at the kiosk (delivered or refused). */
async function deliver(kiosk: KioskServices, id: string): Promise<void> {
  for (let i = 0; i < 20 && !['acked', 'rejected'].includes(outcomeOf(kiosk.db, id)?.state ?? ''); i++) await kiosk.sync.syncNow();
  expect(outcomeOf(kiosk.db, id)?.state).toMatch(/^(acked|rejected)$/);
}

async function setUp(): Promise<{ server: CentralServer; kiosk: KioskServices; qr: string; id: string }> {
  const server = await centralServer();
  const kiosk = await enrolledKiosk(server);
  return { server, kiosk, ...(await register(kiosk)) };
}

/** A kiosk on the review-first test profile (received, then numbered or rejected by staff). */
async function reviewKiosk(server: CentralServer): Promise<KioskServices> {
  const resources = tempDir();
  mkdirSync(join(resources, 'profiles'));
  writeFileSync(join(resources, 'profiles', 'asosiasi-uji.json'), JSON.stringify(testProfiles().get('asosiasi-uji')));
  return enrolledKiosk(server, { profileId: 'asosiasi-uji', paths: { ...appPaths(), resources } });
}

async function verify(server: CentralServer, payload: unknown) {
  const response = await fetch(`${server.url}/v1/receipts/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payload }) });
  return { status: response.status, body: await response.json() as Record<string, unknown> };
}

function claimOf(qr: string) {
  const decoded = decodeReceiptQr(qr);
  if (!decoded.ok) throw new Error(decoded.reason);
  return decoded.claim;
}

/** The QR code as a black-on-white raster, 4 px per module, as a scanner or camera would see the card. */
function qrRaster(text: string): { width: number; height: number; data: Buffer } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const scale = 4;
  const size = (modules.size + 8) * scale;
  const data = Buffer.alloc(size * size * 4, 255);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const r = Math.floor(y / scale) - 4;
      const c = Math.floor(x / scale) - 4;
      if (r >= 0 && c >= 0 && r < modules.size && c < modules.size && modules.get(r, c)) data.fill(0, (y * size + x) * 4, (y * size + x) * 4 + 3);
    }
  }
  return { width: size, height: size, data };
}

/** Asynchronous: the server answering it runs in this very process. */
async function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const [node = process.execPath, ...flags] = NODE_TSX;
  try {
    const { stdout, stderr } = await run(node, [...flags, join(ROOT, 'scripts', 'verify-receipt.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { status: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('receipt verification at the central server', () => {
  it('says which enrolled kiosk issued a genuine receipt, and when; apart from that, that its record has not arrived yet', async () => {
    const { server, kiosk, qr } = await setUp();
    const answer = await verify(server, qr);
    expect(answer.status).toBe(200);
    const claim = claimOf(qr);
    expect(ReceiptVerificationSchema.parse(answer.body)).toEqual({
      verdict: 'valid', signatureValid: true,
      device: { id: kiosk.deviceId, status: 'enrolled', revokedAt: null },
      receipt: { number: claim.receiptNumber, issuedAt: claim.issuedAt, profileId: 'sscasn', numberMatchesDevice: true, issuedBeforeRevocation: null },
      delivery: { state: 'not-received' },
    });
  });

  it('says once the server has the record, numbered on acceptance, without the number', async () => {
    const { server, kiosk, qr, id } = await setUp();
    await deliver(kiosk, id);
    expect(outcomeOf(kiosk.db, id)?.registrationNumber).toMatch(/^REG-/);
    const answer = ReceiptVerificationSchema.parse((await verify(server, qr)).body);
    expect(answer).toMatchObject({ verdict: 'valid', delivery: { state: 'received', receivedAt: expect.any(String) } });
    expect(Math.abs(Date.parse(answer.delivery?.state === 'received' ? answer.delivery.receivedAt ?? '' : '') - Date.now())).toBeLessThan(60_000);
    expect(JSON.stringify(answer)).not.toContain('REG-');
  });

  it('says received whatever staff decided or the server refused, and never the decision or its reason', async () => {
    const server = await centralServer({ profiles: testProfiles() });
    const review = await reviewKiosk(server);
    const a = await register(review, SITI, 'asosiasi-uji');
    await deliver(review, a.id);
    const before = (await verify(server, a.qr)).body;
    expect(before).toMatchObject({ verdict: 'valid', delivery: { state: 'received', receivedAt: expect.any(String) } });
    await server.store.rejectRegistration(review.deviceId, a.id, 'dokumen-tidak-sah', new Date().toISOString());
    expect((await verify(server, a.qr)).body).toEqual(before);

    // A second kiosk registers the same NIK: its record is refused on delivery, for good.
    const other = await reviewKiosk(server);
    const again = await register(other, SITI, 'asosiasi-uji');
    expect((await verify(server, again.qr)).body).toMatchObject({ delivery: { state: 'not-received' } });
    await deliver(other, again.id);
    expect(outcomeOf(other.db, again.id)?.state).toBe('rejected');
    const refused = await verify(server, again.qr);
    expect(refused.body).toMatchObject({ verdict: 'valid', delivery: { state: 'received', receivedAt: expect.any(String) } });
    expect(JSON.stringify(refused.body)).not.toMatch(/nik|reject|refus/i);
  });

  it('refuses an altered receipt, another device\'s signature and an unknown device with one answer that tells nothing of the device', async () => {
    const { server, kiosk, qr } = await setUp();
    const claim = claimOf(qr);
    // What a refusal says beyond the code's own claims: the same whatever the reason.
    const NOT_RECOGNISED = { verdict: 'bad-signature', signatureValid: false, device: { status: 'unknown', revokedAt: null }, receipt: { issuedBeforeRevocation: null }, delivery: null };
    const altered = encodeReceiptQr({ ...claim, receiptNumber: formatReceiptNumber(kiosk.deviceId, 99) });
    expect((await verify(server, altered)).body).toMatchObject({ ...NOT_RECOGNISED, device: { id: kiosk.deviceId, status: 'unknown', revokedAt: null } });
    // Another record id under the genuine signature: no record is looked up for it.
    const otherRecord = encodeReceiptQr({ ...claim, recordId: randomUUID() });
    expect((await verify(server, otherRecord)).body).toMatchObject(NOT_RECOGNISED);
    const later = encodeReceiptQr({ ...claim, issuedAt: new Date(Date.parse(claim.issuedAt) + 86_400_000).toISOString() });
    expect((await verify(server, later)).body).toMatchObject(NOT_RECOGNISED);
    const stranger = ed25519Signer(generateEd25519PrivateKey());
    const forged = encodeReceiptQr({ ...claim, signature: stranger.sign(receiptSigningText(claim)) });
    const forgedAnswer = (await verify(server, forged)).body;
    expect(forgedAnswer).toMatchObject(NOT_RECOGNISED);
    // A device id the server does not know, signed by a key of its own: the forged code's answer, but for what the code claims.
    const unknownId = randomUUID();
    const unknownClaim = receiptClaim({ deviceId: unknownId, recordId: claim.recordId, receiptNumber: formatReceiptNumber(unknownId, 1), issuedAt: new Date(), profileId: 'sscasn' });
    const unknown = encodeReceiptQr({ ...unknownClaim, signature: stranger.sign(receiptSigningText(unknownClaim)) });
    const unknownAnswer = (await verify(server, unknown)).body;
    expect(unknownAnswer).toMatchObject({ ...NOT_RECOGNISED, device: { id: unknownId, status: 'unknown', revokedAt: null } });
    const beyondClaims = (answer: Record<string, unknown>) => ({ ...answer, device: { ...(answer.device as object), id: 'x' }, receipt: { ...(answer.receipt as object), number: 'x', issuedAt: 'x' } });
    expect(beyondClaims(unknownAnswer)).toEqual(beyondClaims(forgedAnswer));
  });

  it('tells a revoked kiosk\'s receipts apart, issued before the revocation', async () => {
    const { server, kiosk, qr } = await setUp();
    await new Promise((r) => setTimeout(r, 1100));
    await server.store.revokeDevice(kiosk.deviceId, new Date().toISOString());
    expect((await verify(server, qr)).body).toMatchObject({
      verdict: 'revoked-device', signatureValid: true, device: { status: 'revoked', revokedAt: expect.any(String) }, receipt: { issuedBeforeRevocation: true },
      // A revoked kiosk's key may be in a thief's hands: it learns nothing about any record.
      delivery: null,
    });
    // A code the revoked kiosk did not sign names it in vain: its revocation is not told.
    const altered = encodeReceiptQr({ ...claimOf(qr), receiptNumber: formatReceiptNumber(kiosk.deviceId, 98) });
    expect((await verify(server, altered)).body).toMatchObject({
      verdict: 'bad-signature', signatureValid: false, device: { id: kiosk.deviceId, status: 'unknown', revokedAt: null }, receipt: { issuedBeforeRevocation: null }, delivery: null,
    });
  });

  it('answers 400 to anything that is not a receipt code, without touching the store', async () => {
    const { server } = await setUp();
    expect((await verify(server, 'KR2.nope')).status).toBe(400);
    expect((await verify(server, 'x'.repeat(401))).status).toBe(400);
    expect((await verify(server, 42)).status).toBe(400);
  });
});

describe('the verification rate limit', () => {
  it('is a server setting (--rate-limit-receipt-verify), 30 a minute per address unless set', async () => {
    expect(parseServerConfig([], {}).rateLimits.receiptVerifyPerAddress).toBe(30);
    expect(parseServerConfig(['--rate-limit-receipt-verify', '3'], {}).rateLimits.receiptVerifyPerAddress).toBe(3);
    expect(() => parseServerConfig(['--rate-limit-receipt-verify', '0'], {})).toThrow(/--rate-limit-receipt-verify/);
    const server = await centralServer({ rateLimits: parseServerConfig(['--rate-limit-receipt-verify', '3'], {}).rateLimits });
    const kiosk = await enrolledKiosk(server);
    const { qr } = await register(kiosk);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await verify(server, qr)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(DEFAULT_RATE_LIMITS.receiptVerifyPerAddress).toBe(30);
  });
});

describe('npm run verify-receipt', () => {
  it('reads the QR from a PNG or JPEG of the card and asks the server', async () => {
    const { server, kiosk, qr, id } = await setUp();
    const dir = tempDir();
    const raster = qrRaster(qr);
    const png = new PNG({ width: raster.width, height: raster.height });
    raster.data.copy(png.data);
    writeFileSync(join(dir, 'card.png'), PNG.sync.write(png));
    writeFileSync(join(dir, 'card.jpg'), jpeg.encode(raster, 85).data);

    const fromPng = await cli([join(dir, 'card.png'), '--server', server.url]);
    expect(fromPng.status, fromPng.stderr).toBe(0);
    expect(fromPng.stdout).toContain('VALID');
    expect(fromPng.stdout).toContain(kiosk.deviceId);
    // Genuine, but the record is still on the kiosk: said apart from the signature, in both languages.
    expect(fromPng.stdout).toContain('BELUM DITERIMA server pusat');
    expect(fromPng.stdout).toContain('NOT YET RECEIVED by the central server');
    const fromJpeg = await cli([join(dir, 'card.jpg'), '--server', server.url, '--json']);
    expect(fromJpeg.status).toBe(0);
    expect(JSON.parse(fromJpeg.stdout)).toMatchObject({ verdict: 'valid', device: { id: kiosk.deviceId }, delivery: { state: 'not-received' } });
    await deliver(kiosk, id);
    const number = outcomeOf(kiosk.db, id)?.registrationNumber ?? 'none';
    const delivered = await cli([qr, '--server', server.url]);
    expect(delivered.status).toBe(0);
    expect(delivered.stdout).toContain('DITERIMA server pusat');
    expect(delivered.stdout).toContain('RECEIVED by the central server');
    expect(delivered.stdout).not.toContain(number);
    expect(delivered.stdout).not.toContain('BELUM');

    const claim = claimOf(qr);
    const altered = encodeReceiptQr({ ...claim, receiptNumber: formatReceiptNumber(kiosk.deviceId, 5) });
    expect(await cli([altered, '--server', server.url])).toMatchObject({ status: 1, stdout: expect.stringContaining('NOT VALID') });
    expect(await cli(['KR2.garbage', '--server', server.url])).toMatchObject({ status: 2, stderr: expect.stringContaining('not a receipt code') });
    await server.stop();
    open.splice(open.indexOf(server), 1);
    expect(await cli([qr, '--server', server.url])).toMatchObject({ status: 3, stderr: expect.stringContaining('NOT verified') });
  }, 60_000);
});
