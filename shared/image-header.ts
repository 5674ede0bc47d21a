// An image's dimensions from its header alone (PNG IHDR, JPEG SOFn), read before anything decodes
// it: a 1 KB file may claim 60000×60000 pixels ("decompression bomb"), and decoding allocates
// width × height × 4 bytes whatever the file's size. Pure. What protects the kiosk is the renderer's
// KTP upload (renderer/steps/ktp-scan/KtpScanStep.tsx), which checks an uploaded file with it before
// the browser decodes it; the kiosk's main process decodes no uploaded image. The Node decoder of the
// command-line tools (electron/services/ocr/decode-image.ts: npm run ocr, verify-receipt, bench:ocr)
// uses it too.

export interface ImageDimensions {
  readonly format: 'png' | 'jpeg';
  readonly width: number;
  readonly height: number;
}

/**
 * The most pixels the kiosk decodes from an uploaded KTP image: 40 megapixels. A KTP scanned on its
 * own at 600 dpi is 2.6 MP; a whole A4 page at 600 dpi is 35 MP and still passes. Decoded as RGBA
 * that is 160 MB, and the KTP step holds about three copies (bitmap, canvas, pixels read back) —
 * roughly 0.5 GB, the most a 4 GB kiosk's renderer should spend on one upload.
 */
export const MAX_DECODE_PIXELS = 40_000_000;
/** Longest side: Chromium refuses canvases much beyond this, and no scan of a card needs more. */
export const MAX_DECODE_SIDE = 16_384;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const u16 = (b: Uint8Array, i: number): number => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const u32 = (b: Uint8Array, i: number): number => (((b[i] ?? 0) << 24) | ((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0)) >>> 0;

function pngDimensions(b: Uint8Array): ImageDimensions | undefined {
  // Signature, then the IHDR chunk first of all: length 13, "IHDR", width, height (big-endian).
  if (b.length < 24 || u32(b, 8) !== 13 || String.fromCharCode(b[12] ?? 0, b[13] ?? 0, b[14] ?? 0, b[15] ?? 0) !== 'IHDR') return undefined;
  return { format: 'png', width: u32(b, 16), height: u32(b, 20) };
}

/** Start-of-frame markers (baseline, extended, progressive, lossless; Huffman or arithmetic): C0–CF but C4, C8, CC. */
const isStartOfFrame = (m: number): boolean => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function jpegDimensions(b: Uint8Array): ImageDimensions | undefined {
  let i = 2;
  // Walk the marker segments (APPn, DQT, DHT… each with its length) up to the first frame header.
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1] ?? 0;
    if (marker === 0xff) { i += 1; continue; } // fill byte
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) { i += 2; continue; } // no length
    if (marker === 0xd9 || marker === 0xda) return undefined; // end of image, or scan data before any frame
    const length = u16(b, i + 2);
    if (length < 2) return undefined;
    if (isStartOfFrame(marker)) {
      if (i + 9 > b.length || length < 7) return undefined;
      return { format: 'jpeg', height: u16(b, i + 5), width: u16(b, i + 7) };
    }
    i += 2 + length;
  }
  return undefined;
}

/** The dimensions a PNG or JPEG file claims; undefined when it is neither or its header is cut short. */
export function imageDimensions(bytes: Uint8Array): ImageDimensions | undefined {
  if (PNG_SIGNATURE.every((v, i) => bytes[i] === v)) return pngDimensions(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegDimensions(bytes);
  return undefined;
}

/** Whether an image of these dimensions may be decoded: non-empty, each side and the pixel count within the limits. */
export function decodable({ width, height }: ImageDimensions): boolean {
  return width > 0 && height > 0 && width <= MAX_DECODE_SIDE && height <= MAX_DECODE_SIDE && width * height <= MAX_DECODE_PIXELS;
}
