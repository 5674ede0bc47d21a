// The image header reader (shared/image-header.ts) and the Node decoder of the command-line tools
// (electron/services/ocr/decode-image.ts: npm run ocr, verify-receipt, bench:ocr): real small PNG
// and JPEG files are measured exactly; crafted "decompression bombs" (a tiny file whose header claims
// 60000×60000 pixels) are refused from their header, before any pixel buffer exists.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { decodable, imageDimensions, MAX_DECODE_PIXELS } from '../../shared/image-header';
import { decodeImageBytes, ImageTooLargeError } from '../../electron/services/ocr/decode-image';
import { encodeGrayPng } from '../../electron/services/png';

function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
/** A well-formed PNG header claiming width × height (8-bit RGBA), one small IDAT and IEND: a few dozen bytes. */
function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(64))), chunk('IEND', Buffer.alloc(0))]);
}
/** SOI, a JFIF APP0, an EXIF-sized APP1 of `appBytes`, then a SOF (`sof`: C0 baseline, C2 progressive) claiming width × height, and EOI. */
function jpegClaiming(width: number, height: number, sof = 0xc0, appBytes = 30_000): Buffer {
  const segment = (marker: number, data: Buffer) => {
    const head = Buffer.from([0xff, marker, 0, 0]);
    head.writeUInt16BE(data.length + 2, 2);
    return Buffer.concat([head, data]);
  };
  const frame = Buffer.alloc(15);
  frame.writeUInt8(8, 0);
  frame.writeUInt16BE(height, 1);
  frame.writeUInt16BE(width, 3);
  frame.set([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1], 5);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]), segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    segment(0xe1, Buffer.alloc(appBytes, 0x45)), Buffer.from([0xff, 0xff]), segment(sof, frame), Buffer.from([0xff, 0xd9]),
  ]);
}

describe('image header reader', () => {
  it('reads the size of real PNG and JPEG files exactly', () => {
    const png = encodeGrayPng({ width: 37, height: 21, data: new Uint8Array(37 * 21) });
    expect(imageDimensions(png)).toEqual({ format: 'png', width: 37, height: 21 });
    const jpg = Buffer.from(jpeg.encode({ width: 33, height: 17, data: Buffer.alloc(33 * 17 * 4, 128) }, 80).data);
    expect(imageDimensions(jpg)).toEqual({ format: 'jpeg', width: 33, height: 17 });
    expect(decodeImageBytes(jpg)).toMatchObject({ width: 33, height: 17 });
    expect(decodeImageBytes(png)).toMatchObject({ width: 37, height: 21 });
  });

  it('reads what crafted headers claim, past EXIF segments and fill bytes, baseline and progressive', () => {
    expect(imageDimensions(pngClaiming(60_000, 60_000))).toEqual({ format: 'png', width: 60_000, height: 60_000 });
    expect(imageDimensions(pngClaiming(0xffffffff, 1))).toEqual({ format: 'png', width: 0xffffffff, height: 1 });
    expect(imageDimensions(jpegClaiming(60_000, 60_000))).toEqual({ format: 'jpeg', width: 60_000, height: 60_000 });
    expect(imageDimensions(jpegClaiming(65_535, 65_535, 0xc2))).toEqual({ format: 'jpeg', width: 65_535, height: 65_535 });
  });

  it('says nothing for headers cut short, foreign files or a scan before any frame', () => {
    const bomb = jpegClaiming(60_000, 60_000);
    for (const cut of [0, 1, 2, 3, 100, bomb.length - 21, bomb.length - 16]) expect(imageDimensions(bomb.subarray(0, cut))).toBeUndefined();
    for (const cut of [8, 16, 23]) expect(imageDimensions(pngClaiming(10, 10).subarray(0, cut))).toBeUndefined();
    expect(imageDimensions(Buffer.from('%PDF-1.4'))).toBeUndefined();
    expect(imageDimensions(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 2, 0xff, 0xd9]))).toBeUndefined();
    // Whatever the bytes, the reader answers (a size or undefined) and never throws.
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), fc.constantFrom([], [0xff, 0xd8], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), (tail, head) => {
      const found = imageDimensions(Uint8Array.from([...head, ...tail]));
      expect(found === undefined || (Number.isInteger(found.width) && Number.isInteger(found.height))).toBe(true);
    }), { numRuns: 2_000 });
  });

  it('admits a page scanned at 600 dpi and refuses more than 40 megapixels, a side past 16384 or an empty image', () => {
    expect(MAX_DECODE_PIXELS).toBe(40_000_000);
    expect(decodable({ format: 'jpeg', width: 4960, height: 7016 })).toBe(true);
    expect(decodable({ format: 'png', width: 6400, height: 6250 })).toBe(true);
    expect(decodable({ format: 'png', width: 6400, height: 6251 })).toBe(false);
    expect(decodable({ format: 'png', width: 16_385, height: 100 })).toBe(false);
    expect(decodable({ format: 'jpeg', width: 100, height: 0 })).toBe(false);
  });
});

describe('decoding a decompression bomb (the tools\' decoder)', () => {
  it('refuses a tiny PNG or JPEG claiming 60000×60000 with a typed error, from the header alone', () => {
    for (const bomb of [pngClaiming(60_000, 60_000), jpegClaiming(60_000, 60_000), jpegClaiming(60_000, 60_000, 0xc2)]) {
      expect(bomb.length).toBeLessThan(40_000);
      let refused: unknown;
      try {
        decodeImageBytes(bomb);
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(ImageTooLargeError);
      // Refused before decoding — the error names what the header claims, so no 14 GB buffer was attempted.
      expect(refused).toMatchObject({ code: 'image-too-large', width: 60_000, height: 60_000 });
    }
  });
});
