// `npm run verify-receipt -- <QR text | image.png | image.jpg> [--server URL] [--json]`
// Reads a printed receipt's QR code (the text, or a photo/scan of the card), shows what it claims,
// and asks the central server whether the kiosk named in it signed it and whether the server has
// received that registration (two separate facts: a genuine card's record may still be on an
// offline kiosk). Lines in Bahasa Indonesia / English. It asks the server over HTTP
// (POST /v1/receipts/verify) rather than opening the server's data directory: the answer then comes
// from the one place that knows which devices are enrolled or revoked, works with SQLite and
// PostgreSQL alike, and the desk checking a card needs no database access or keys.
// Exit status: 0 valid (whether or not the record has arrived yet), 1 not valid (bad signature,
// unknown or revoked device), 2 unreadable input, 3 the server could not be asked.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import jsQR from 'jsqr';
import { decodeImage } from '../electron/services/ocr/decode-image';
import { decodeReceiptQr } from '../shared/receipt-qr';
import { RECEIPT_VERIFY_PATH, ReceiptVerificationSchema, type ReceiptDelivery, type ReceiptVerification } from '../shared/receipt-verify';

const USAGE = 'usage: npm run verify-receipt -- <QR text | image.png | image.jpg> [--server URL (default $KIOSK_SERVER_URL or http://127.0.0.1:8787)] [--json]';

/** The QR text in a PNG/JPEG photo or scan of the card; undefined when none is found. */
function readQrImage(file: string): string | undefined {
  const image = decodeImage(file);
  const found = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength), image.width, image.height, { inversionAttempts: 'attemptBoth' });
  return found?.data;
}

const VERDICT_TEXT: Record<ReceiptVerification['verdict'], string> = {
  valid: 'SAH / VALID: ditandatangani kiosk terdaftar ini / signed by this enrolled kiosk',
  'revoked-device': 'ditandatangani kiosk ini, tetapi kiosk sudah DICABUT / signed by this kiosk, but the kiosk has been REVOKED',
  'bad-signature': 'TIDAK SAH / NOT VALID: tidak ditandatangani kiosk yang terdaftar di server ini / not signed by a kiosk enrolled with this server (altered, made up, or an unknown kiosk)',
  // Only from servers older than issue 15; a current one answers an unknown kiosk 'bad-signature'.
  'unknown-device': 'TIDAK SAH / NOT VALID: kiosk ini tidak terdaftar / no such kiosk is enrolled with this server',
};

/** Where the registration stands at the server, said apart from the signature's verdict. */
function deliveryText(d: ReceiptDelivery | null): string {
  if (d === null) return 'tidak diperiksa (kode tidak sah) / not looked up (the code is not valid)';
  const at = (t: string | null): string => (t === null ? '' : ` ${t}`);
  switch (d.state) {
    case 'not-received':
      return 'BELUM DITERIMA server pusat (kiosk mungkin masih luring; data dikirim begitu tersambung) / NOT YET RECEIVED by the central server (the kiosk may still be offline; it delivers once connected)';
    case 'received':
      return `DITERIMA server pusat${at(d.receivedAt)} / RECEIVED by the central server${at(d.receivedAt)}`;
  }
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { server: { type: 'string' }, json: { type: 'boolean', default: false } } });
  } catch (error) {
    console.error(`verify-receipt: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [input] = positionals;
  if (!input || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  let text: string | undefined = input;
  if (!input.startsWith('KR') && existsSync(input)) {
    try {
      text = readQrImage(input);
    } catch (error) {
      console.error(`verify-receipt: ${(error as Error).message}`);
      return 2;
    }
    if (text === undefined) {
      console.error(`verify-receipt: no QR code found in ${input}`);
      return 2;
    }
  }
  const decoded = decodeReceiptQr(text);
  if (!decoded.ok) {
    console.error(`verify-receipt: not a receipt code: ${decoded.reason}`);
    return 2;
  }
  const server = (values.server ?? process.env.KIOSK_SERVER_URL ?? 'http://127.0.0.1:8787').replace(/\/+$/, '');
  let answer: ReceiptVerification;
  try {
    const response = await fetch(`${server}${RECEIPT_VERIFY_PATH}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payload: text }), signal: AbortSignal.timeout(10_000),
    });
    const body: unknown = await response.json();
    if (!response.ok) throw new Error(`${response.status} ${(body as { message?: string }).message ?? ''}`);
    answer = ReceiptVerificationSchema.parse(body);
  } catch (error) {
    const { claim } = decoded;
    console.error(`verify-receipt: could not ask ${server}: ${(error as Error).message}`);
    console.error(`  the code claims: kiosk ${claim.deviceId}, receipt ${claim.receiptNumber}, issued ${claim.issuedAt}, profile ${claim.profileId} (NOT verified)`);
    return 3;
  }
  if (values.json) console.log(JSON.stringify(answer));
  else {
    const r = answer.receipt;
    console.log(VERDICT_TEXT[answer.verdict]);
    console.log(`  kiosk:          ${answer.device.id} (${answer.device.status}${answer.device.revokedAt ? `, revoked ${answer.device.revokedAt}` : ''})`);
    console.log(`  receipt number: ${r.number}${r.numberMatchesDevice ? '' : ' (does NOT name this kiosk)'}`);
    console.log(`  issued at:      ${r.issuedAt}${r.issuedBeforeRevocation === null ? '' : r.issuedBeforeRevocation ? ' (before the revocation)' : ' (AFTER the revocation)'}`);
    console.log(`  profile:        ${r.profileId}`);
    console.log(`  server pusat / central server: ${deliveryText(answer.delivery)}`);
  }
  return answer.verdict === 'valid' ? 0 : 1;
}

process.exitCode = await main();
