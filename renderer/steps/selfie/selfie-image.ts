// The stored selfie: the unmirrored capture scaled to at most 720 px wide and compressed to JPEG
// within 200 KB, the face box as fractions; and the advisory comparison with the KTP photo, which
// runs in the background (the recognition network takes seconds on a kiosk without a GPU) and is
// awaited only when the record is submitted.
import type { DetectedFace } from '../../../shared/face/face-check';
import { compareDescriptors } from '../../../shared/face/face-match';
import { SELFIE_MAX_BYTES, type SelfieRecord } from '../../../shared/face/selfie-record';
import type { KtpRecord } from '../../../shared/ktp/ktp-record';
import { base64Of, blankCanvas, blobOfBase64, canvasFromBlob, context2d, jpegWithin } from '../../media/canvas';
import { describeFace } from './face-engine';

const STORED_WIDTH = 720;
const MIN_WIDTH = 320;
/** Where the photo sits on an upright e-KTP (fractions of the card), with a margin. */
const KTP_PHOTO = { x: 0.66, y: 0.12, w: 0.34, h: 0.78 };

function scaled(source: HTMLCanvasElement, width: number, x = 0, y = 0, w = source.width, h = source.height): HTMLCanvasElement {
  const out = blankCanvas(width, Math.round((h * width) / w));
  context2d(out).drawImage(source, x, y, w, h, 0, 0, out.width, out.height);
  return out;
}

async function compressed(source: HTMLCanvasElement): Promise<{ blob: Blob; width: number; height: number }> {
  for (let width = Math.min(STORED_WIDTH, source.width); ; width = Math.round(width * 0.85)) {
    const canvas = scaled(source, width);
    const blob = await jpegWithin(canvas, SELFIE_MAX_BYTES);
    if (blob) return { blob, width: canvas.width, height: canvas.height };
    if (width <= MIN_WIDTH) throw new Error('selfie cannot be compressed within the size limit');
  }
}

export type FaceMatch = SelfieRecord['match'];

/**
 * Similarity to the face on the card, or null without a scan, without a face found on it, or when
 * the comparison fails (it is advisory: it never stops the applicant).
 */
export async function matchWithKtp(capture: HTMLCanvasElement, ktp: KtpRecord | null): Promise<FaceMatch> {
  if (!ktp) return null;
  // Own copy: the camera component reuses its canvas for the next capture.
  const selfie = scaled(capture, Math.min(640, capture.width));
  const card = await canvasFromBlob(blobOfBase64(ktp.image.base64, 'image/jpeg'));
  const photo = scaled(card, 300, card.width * KTP_PHOTO.x, card.height * KTP_PHOTO.y, card.width * KTP_PHOTO.w, card.height * KTP_PHOTO.h);
  const onCard = await describeFace(photo, 224);
  const onSelfie = onCard ? await describeFace(selfie) : null;
  return onCard && onSelfie ? compareDescriptors(onCard, onSelfie) : null;
}

export async function storedSelfie(canvas: HTMLCanvasElement, face: DetectedFace): Promise<Omit<SelfieRecord, 'liveness' | 'match'>> {
  const { blob, width, height } = await compressed(canvas);
  const fraction = (v: number, of: number): number => Math.max(0, Math.min(1, Math.round((v / of) * 1000) / 1000));
  return {
    image: { mime: 'image/jpeg', base64: await base64Of(blob), width, height },
    face: {
      score: fraction(face.score, 1),
      box: {
        x: fraction(face.box.x, canvas.width), y: fraction(face.box.y, canvas.height),
        width: fraction(face.box.width, canvas.width), height: fraction(face.box.height, canvas.height),
      },
    },
  };
}
