// The KTP step's stored card image: the located card cut out upright and compressed to JPEG within SSCASN's 200 KB, at least 720 px
// wide when the source allows, then re-checked for sharpness after compression.
import { subFrame, warpRgba, type Frame } from '../../../shared/ktp/image';
import { locateCard } from '../../../shared/ktp/locate-card';
import { cutOutIsSharp } from '../../../shared/ktp/quality';
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
 * Cuts the card out upright — from the frame the OCR read it in (perspective undone, turned when
 * the card lay upside down), or where it is located when the read found no card — and fits it
 * into the size limit.
 */
export async function storedCardImage(source: HTMLCanvasElement, readFrame: Frame | null): Promise<StoredCardImage> {
  const pixels = pixelsOf(source);
  const frameWidth = Math.max(KTP_IMAGE_MIN_WIDTH, Math.min(STORED_WIDTH, Math.round(source.width)));
  const located = readFrame ?? locateCard(pixels, frameWidth).frame;
  const frame = subFrame(located, 0, 0, located.width / frameWidth, located.width / frameWidth, frameWidth, located.height * (frameWidth / located.width));
  const upright = warpRgba(pixels, frame);
  const full = blankCanvas(upright.width, upright.height);
  context2d(full).putImageData(new ImageData(new Uint8ClampedArray(upright.data), upright.width, upright.height), 0, 0);
  let width = frame.width;
  for (;;) {
    const out = blankCanvas(width, Math.round(frame.height * (width / frame.width)));
    context2d(out).drawImage(full, 0, 0, out.width, out.height);
    const best = await jpegWithin(out, KTP_IMAGE_MAX_BYTES);
    if (best) {
      const check = await canvasFromBlob(best);
      const readable = cutOutIsSharp(pixelsOf(check));
      return { base64: await base64Of(best), width: out.width, height: out.height, bytes: best.size, readable };
    }
    // Even the lowest quality is too large: shrink, but never below the minimum width.
    if (width <= KTP_IMAGE_MIN_WIDTH) throw new Error('card image cannot be compressed within the size limit');
    width = Math.max(KTP_IMAGE_MIN_WIDTH, Math.round(width * 0.85));
  }
}
