// Decodes PNG and JPEG files to RGBA in pure JS (no native image library on these machines), for the
// command-line tools only — npm run ocr, verify-receipt and bench:ocr, on files an operator or a
// developer hands them; the running kiosk never calls it (an applicant's KTP upload is checked and
// decoded in the renderer: renderer/steps/ktp-scan/KtpScanStep.tsx). The header is read first: an
// image claiming more pixels than MAX_DECODE_PIXELS is refused before any pixel buffer is allocated
// (shared/image-header.ts), so a tool is not brought down by a crafted file either.
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import type { RgbaImage } from '../../../shared/ktp/image';
import { decodable, imageDimensions, MAX_DECODE_PIXELS } from '../../../shared/image-header';

/** The image claims more pixels (or a longer side) than MAX_DECODE_PIXELS / MAX_DECODE_SIDE allow. */
export class ImageTooLargeError extends Error {
  readonly code = 'image-too-large';
  constructor(readonly width: number, readonly height: number) {
    super(`the image is ${width}×${height} pixels; at most ${MAX_DECODE_PIXELS / 1_000_000} megapixels are decoded`);
    this.name = 'ImageTooLargeError';
  }
}

export function decodeImage(file: string): RgbaImage {
  return decodeImageBytes(readFileSync(file), file);
}

/** `name` only labels the error of a file that is neither PNG nor JPEG. */
export function decodeImageBytes(bytes: Buffer, name = 'the image'): RgbaImage {
  const dimensions = imageDimensions(bytes);
  if (!dimensions) throw new Error(`${name}: not a PNG or JPEG image`);
  if (!decodable(dimensions)) throw new ImageTooLargeError(dimensions.width, dimensions.height);
  if (dimensions.format === 'png') {
    const png = PNG.sync.read(bytes);
    return { width: png.width, height: png.height, data: png.data };
  }
  const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_DECODE_PIXELS / 1_000_000, maxMemoryUsageInMB: 512 });
  return { width: img.width, height: img.height, data: img.data };
}
