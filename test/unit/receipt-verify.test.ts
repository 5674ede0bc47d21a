// Verifying a printed receipt's QR code at the central server (POST /v1/receipts/verify) and with
// `npm run verify-receipt` from a photo of the card: genuine, forged, signed by another device,
// unknown device, revoked device, malformed.
import { describe, expect, it, afterEach } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { create } from 'qrcode';
import { createKioskServices, type KioskServices } from '../../electron/services/kiosk-services';
import { decodeReceiptQr, encodeReceiptQr, receiptClaim, receiptSigningText } from '../../shared/receipt-qr';
import { formatReceiptNumber } from '../../shared/receipt';
import { ReceiptVerificationSchema } from '../../shared/receipt-verify';
import { ed25519Signer, generateEd25519PrivateKey } from '../../node/crypto/ed25519';
import { startCentralServer, type CentralServer } from '../support/central-server';
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

async function setUp(): Promise<{ server: CentralServer; kiosk: KioskServices; qr: string }> {
  const server = await startCentralServer(tempDir());
  open.push(server);
  const kiosk = createKioskServices({ dataDir: tempDir(), challenges });
  open.push(kiosk);
  await kiosk.enrol(server.url, await server.enrolCode());
  const receipt = await kiosk.queue.submit(submission(SITI));
  if (!receipt.card) throw new Error('no card');
  return { server, kiosk, qr: receipt.card.qr };
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
  it('says which enrolled kiosk issued a genuine receipt, and when', async () => {
    const { server, kiosk, qr } = await setUp();
    const answer = await verify(server, qr);
    expect(answer.status).toBe(200);
    const claim = claimOf(qr);
    expect(ReceiptVerificationSchema.parse(answer.body)).toEqual({
      verdict: 'valid', signatureValid: true,
      device: { id: kiosk.deviceId, status: 'enrolled', revokedAt: null },
      receipt: { number: claim.receiptNumber, issuedAt: claim.issuedAt, profileId: 'sscasn', numberMatchesDevice: true, issuedBeforeRevocation: null },
    });
  });

  it('refuses an altered receipt, another device\'s signature and an unknown device', async () => {
    const { server, kiosk, qr } = await setUp();
    const claim = claimOf(qr);
    const altered = encodeReceiptQr({ ...claim, receiptNumber: formatReceiptNumber(kiosk.deviceId, 99) });
    expect((await verify(server, altered)).body).toMatchObject({ verdict: 'bad-signature', signatureValid: false, device: { status: 'enrolled' } });
    const later = encodeReceiptQr({ ...claim, issuedAt: new Date(Date.parse(claim.issuedAt) + 86_400_000).toISOString() });
    expect((await verify(server, later)).body).toMatchObject({ verdict: 'bad-signature' });
    const stranger = ed25519Signer(generateEd25519PrivateKey());
    const forged = encodeReceiptQr({ ...claim, signature: stranger.sign(receiptSigningText(claim)) });
    expect((await verify(server, forged)).body).toMatchObject({ verdict: 'bad-signature', signatureValid: false });
    const unknownId = randomUUID();
    const unknownClaim = receiptClaim(unknownId, formatReceiptNumber(unknownId, 1), new Date(), 'sscasn');
    const unknown = encodeReceiptQr({ ...unknownClaim, signature: stranger.sign(receiptSigningText(unknownClaim)) });
    expect((await verify(server, unknown)).body).toMatchObject({ verdict: 'unknown-device', signatureValid: false, device: { id: unknownId, status: 'unknown' } });
  });

  it('tells a revoked kiosk\'s receipts apart, issued before the revocation', async () => {
    const { server, kiosk, qr } = await setUp();
    await new Promise((r) => setTimeout(r, 1100));
    await server.store.revokeDevice(kiosk.deviceId, new Date().toISOString());
    expect((await verify(server, qr)).body).toMatchObject({
      verdict: 'revoked-device', signatureValid: true, device: { status: 'revoked', revokedAt: expect.any(String) }, receipt: { issuedBeforeRevocation: true },
    });
  });

  it('answers 400 to anything that is not a receipt code, without touching the store', async () => {
    const { server } = await setUp();
    expect((await verify(server, 'KR1.nope')).status).toBe(400);
    expect((await verify(server, 'x'.repeat(401))).status).toBe(400);
    expect((await verify(server, 42)).status).toBe(400);
  });
});

describe('npm run verify-receipt', () => {
  it('reads the QR from a PNG or JPEG of the card and asks the server', async () => {
    const { server, kiosk, qr } = await setUp();
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
    const fromJpeg = await cli([join(dir, 'card.jpg'), '--server', server.url, '--json']);
    expect(fromJpeg.status).toBe(0);
    expect(JSON.parse(fromJpeg.stdout)).toMatchObject({ verdict: 'valid', device: { id: kiosk.deviceId } });

    const claim = claimOf(qr);
    const altered = encodeReceiptQr({ ...claim, receiptNumber: formatReceiptNumber(kiosk.deviceId, 5) });
    expect(await cli([altered, '--server', server.url])).toMatchObject({ status: 1, stdout: expect.stringContaining('NOT VALID') });
    expect(await cli(['KR1.garbage', '--server', server.url])).toMatchObject({ status: 2, stderr: expect.stringContaining('not a receipt code') });
    await server.stop();
    open.splice(open.indexOf(server), 1);
    expect(await cli([qr, '--server', server.url])).toMatchObject({ status: 3, stderr: expect.stringContaining('NOT verified') });
  }, 60_000);
});
