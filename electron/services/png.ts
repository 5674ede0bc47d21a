// Grayscale PNG encoding for images the main process produces (OCR worker input, CAPTCHA).
import { PNG } from 'pngjs';

export interface GrayPixels {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array | Uint8ClampedArray;
}

export function encodeGrayPng(gray: GrayPixels): Buffer {
  const options = { colorType: 0, inputColorType: 0, inputHasAlpha: false } as const;
  const png = new PNG({ width: gray.width, height: gray.height, ...options });
  png.data = Buffer.from(gray.data);
  return PNG.sync.write(png, options);
}
