// Canvas helpers shared by the capture steps: pixels out of a canvas, a file into a canvas, and
// JPEG encoding at the highest quality that fits a byte limit.
import type { RgbaImage } from '../../shared/ktp/image';

export function context2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('2D canvas unavailable');
  return ctx;
}

export function pixelsOf(canvas: HTMLCanvasElement): RgbaImage {
  const { data, width, height } = context2d(canvas).getImageData(0, 0, canvas.width, canvas.height);
  return { width, height, data };
}

export async function canvasFromBlob(blob: Blob): Promise<HTMLCanvasElement> {
  const bitmap = await createImageBitmap(blob);
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  context2d(canvas).drawImage(bitmap, 0, 0);
  bitmap.close();
  return canvas;
}

export function blankCanvas(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

function toBlob(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((ok, fail) => canvas.toBlob((b) => (b ? ok(b) : fail(new Error('JPEG encoding failed'))), 'image/jpeg', quality));
}

/** The highest JPEG quality (0.35–0.92, by bisection) whose file fits; null when none does. */
export async function jpegWithin(canvas: HTMLCanvasElement, maxBytes: number): Promise<Blob | null> {
  let lo = 0.35; let hi = 0.92; let best: Blob | null = null;
  for (let i = 0; i < 6; i++) {
    const q = (lo + hi) / 2;
    const blob = await toBlob(canvas, q);
    if (blob.size <= maxBytes) { best = blob; lo = q; } else hi = q;
  }
  return best;
}

export async function base64Of(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function blobOfBase64(base64: string, type: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}
