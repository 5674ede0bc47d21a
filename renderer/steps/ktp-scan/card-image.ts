// Canvas work for the KTP step: frames to ImageData, files to canvases, and the stored card image —
// the located card cut out upright and compressed to JPEG within SSCASN's 200 KB, at least 720 px
// wide when the source allows, then re-checked for sharpness after compression.
import type { RgbaImage } from '../../../shared/ktp/image';
import { locateCard } from '../../../shared/ktp/locate-card';
import { assessQuality } from '../../../shared/ktp/quality';
import { KTP_IMAGE_MAX_BYTES, KTP_IMAGE_MIN_WIDTH } from '../../../shared/ktp/ktp-record';

export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;
const STORED_WIDTH = 1000;

function context(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('2D canvas unavailable');
  return ctx;
}

export function pixelsOf(canvas: HTMLCanvasElement): RgbaImage {
  const { data, width, height } = context(canvas).getImageData(0, 0, canvas.width, canvas.height);
  return { width, height, data };
}

export async function canvasFromFile(file: File): Promise<HTMLCanvasElement> {
  const bitmap = await createImageBitmap(file);
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  context(canvas).drawImage(bitmap, 0, 0);
  bitmap.close();
  return canvas;
}

function toBlob(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((ok, fail) => canvas.toBlob((b) => (b ? ok(b) : fail(new Error('JPEG encoding failed'))), 'image/jpeg', quality));
}

async function base64Of(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export interface StoredCardImage {
  readonly base64: string;
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
  /** Sharpness of the stored JPEG passed the same gate as the capture. */
  readonly readable: boolean;
}

/** Cuts the card out upright (same frame the OCR used) and fits it into the size limit. */
export async function storedCardImage(source: HTMLCanvasElement): Promise<StoredCardImage> {
  const pixels = pixelsOf(source);
  const frameWidth = Math.max(KTP_IMAGE_MIN_WIDTH, Math.min(STORED_WIDTH, Math.round(source.width)));
  const { frame } = locateCard(pixels, frameWidth);
  let width = frame.width;
  for (;;) {
    const scale = width / frame.width;
    const out = document.createElement('canvas');
    out.width = width;
    out.height = Math.round(frame.height * scale);
    const ctx = context(out);
    // Inverse of the frame's affine map (output → source), scaled to this width.
    const det = frame.ux * frame.vy - frame.vx * frame.uy;
    const a = frame.vy / det; const b = -frame.uy / det; const c = -frame.vx / det; const d = frame.ux / det;
    ctx.setTransform(a * scale, b * scale, c * scale, d * scale, -(a * frame.ox + c * frame.oy) * scale, -(b * frame.ox + d * frame.oy) * scale);
    ctx.drawImage(source, 0, 0);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    // Highest quality that fits, by bisection over the JPEG quality.
    let lo = 0.35; let hi = 0.92; let best: Blob | null = null;
    for (let i = 0; i < 6; i++) {
      const q = (lo + hi) / 2;
      const blob = await toBlob(out, q);
      if (blob.size <= KTP_IMAGE_MAX_BYTES) { best = blob; lo = q; } else hi = q;
    }
    if (best) {
      const check = await canvasFromFile(new File([best], 'ktp.jpg', { type: 'image/jpeg' }));
      const readable = !assessQuality(pixelsOf(check)).problems.includes('blurry');
      return { base64: await base64Of(best), width: out.width, height: out.height, bytes: best.size, readable };
    }
    // Even the lowest quality is too large: shrink, but never below the minimum width.
    if (width <= KTP_IMAGE_MIN_WIDTH) throw new Error('card image cannot be compressed within the size limit');
    width = Math.max(KTP_IMAGE_MIN_WIDTH, Math.round(width * 0.85));
  }
}
