// The KTP step's stored card image: the located card cut out upright and compressed to JPEG within SSCASN's 200 KB, at least 720 px
// wide when the source allows, then re-checked for sharpness after compression.
import { turnedFrame } from '../../../shared/ktp/image';
import { locateCard } from '../../../shared/ktp/locate-card';
import { assessQuality } from '../../../shared/ktp/quality';
import { KTP_IMAGE_MAX_BYTES, KTP_IMAGE_MIN_WIDTH } from '../../../shared/ktp/ktp-record';
import { base64Of, blankCanvas, canvasFromBlob, context2d, jpegWithin, pixelsOf } from '../../media/canvas';

export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;
const STORED_WIDTH = 1000;

export interface StoredCardImage {
  readonly base64: string;
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
  /** Sharpness of the stored JPEG passed the same gate as the capture. */
  readonly readable: boolean;
}

/**
 * Cuts the card out upright (same frame the OCR used, turned when the read found the card upside
 * down) and fits it into the size limit.
 */
export async function storedCardImage(source: HTMLCanvasElement, upsideDown: boolean): Promise<StoredCardImage> {
  const pixels = pixelsOf(source);
  const frameWidth = Math.max(KTP_IMAGE_MIN_WIDTH, Math.min(STORED_WIDTH, Math.round(source.width)));
  const located = locateCard(pixels, frameWidth).frame;
  const frame = upsideDown ? turnedFrame(located) : located;
  let width = frame.width;
  for (;;) {
    const scale = width / frame.width;
    const out = blankCanvas(width, Math.round(frame.height * scale));
    const ctx = context2d(out);
    // Inverse of the frame's affine map (output → source), scaled to this width.
    const det = frame.ux * frame.vy - frame.vx * frame.uy;
    const a = frame.vy / det; const b = -frame.uy / det; const c = -frame.vx / det; const d = frame.ux / det;
    ctx.setTransform(a * scale, b * scale, c * scale, d * scale, -(a * frame.ox + c * frame.oy) * scale, -(b * frame.ox + d * frame.oy) * scale);
    ctx.drawImage(source, 0, 0);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    const best = await jpegWithin(out, KTP_IMAGE_MAX_BYTES);
    if (best) {
      const check = await canvasFromBlob(best);
      const readable = !assessQuality(pixelsOf(check)).problems.includes('blurry');
      return { base64: await base64Of(best), width: out.width, height: out.height, bytes: best.size, readable };
    }
    // Even the lowest quality is too large: shrink, but never below the minimum width.
    if (width <= KTP_IMAGE_MIN_WIDTH) throw new Error('card image cannot be compressed within the size limit');
    width = Math.max(KTP_IMAGE_MIN_WIDTH, Math.round(width * 0.85));
  }
}
