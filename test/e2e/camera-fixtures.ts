// Playwright global setup for the camera projects: renders photographed synthetic KTPs, crops a
// face from face-api's sample photos, and turns them into the .y4m files Chromium's fake capture
// device plays (one file per project).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateCards } from '../fixtures/ktp/generate';
import type { KtpTruth } from '../fixtures/ktp/identities';

export const GENERATED = resolve(import.meta.dirname, '.generated');
export const CARD_Y4M = join(GENERATED, 'card.y4m');
export const BLURRED_Y4M = join(GENERATED, 'blurred.y4m');
export const CARD_JPG = join(GENERATED, 'card', 'ktp-011-0000.jpg');
export const FACE_Y4M = join(GENERATED, 'face.y4m');
/** A card whose photo is the same person as FACE_Y4M (another crop of the same picture). */
export const FACE_CARD_JPG = join(GENERATED, 'face-card', 'ktp-013-0000.jpg');
/** A face photo from the installed face-api package: one frontal face, cropped to a webcam's 4:3. */
const FACE_SOURCE = { file: resolve(import.meta.dirname, '..', '..', 'node_modules', '@vladmandic', 'face-api', 'demo', 'sample6.jpg'), crop: '640:480:50:444', portrait: '360:484:190:430' };

/** The printed birth date is one day off the NIK's, as on some real cards: the scan must flag it. */
export function shiftBirthDay(t: KtpTruth): KtpTruth {
  const [d, m, y] = t.tanggalLahir.split('-');
  const day = Number(d) === 28 ? 27 : Number(d) + 1;
  return { ...t, tanggalLahir: `${String(day).padStart(2, '0')}-${m}-${y}` };
}

export function cardTruth(jpg = CARD_JPG): KtpTruth {
  return (JSON.parse(readFileSync(jpg.replace(/\.jpg$/, '.json'), 'utf8')) as { truth: KtpTruth }).truth;
}

function toY4m(jpg: string, y4m: string, filter?: string): void {
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-loop', '1', '-i', jpg, ...(filter ? ['-vf', filter] : []), '-frames:v', '10', '-r', '10', '-pix_fmt', 'yuv420p', y4m]);
}

export default async function globalSetup(): Promise<void> {
  mkdirSync(GENERATED, { recursive: true });
  if (!existsSync(CARD_Y4M)) {
    const [card] = await generateCards(join(GENERATED, 'card'), 1, 11, false, {
      camera: { rotateDeg: 3, tiltXDeg: 2, tiltYDeg: -3, blurPx: 0.3, jpegQuality: 85, cardScale: 1, offsetX: 0, offsetY: 0 },
      truth: shiftBirthDay,
    });
    if (card) toY4m(card, CARD_Y4M);
  }
  if (!existsSync(BLURRED_Y4M)) {
    const [blurred] = await generateCards(join(GENERATED, 'blurred'), 1, 12, false, { camera: { blurPx: 5, cardScale: 1, offsetX: 0, offsetY: 0 } });
    if (blurred) toY4m(blurred, BLURRED_Y4M);
  }
  if (!existsSync(FACE_Y4M)) toY4m(FACE_SOURCE.file, FACE_Y4M, `crop=${FACE_SOURCE.crop}`);
  if (!existsSync(FACE_CARD_JPG)) {
    const portrait = execFileSync('ffmpeg', ['-loglevel', 'error', '-i', FACE_SOURCE.file, '-vf', `crop=${FACE_SOURCE.portrait},scale=168:226`, '-f', 'image2pipe', '-vcodec', 'mjpeg', '-']);
    await generateCards(join(GENERATED, 'face-card'), 1, 13, false, {
      camera: { rotateDeg: 2, tiltXDeg: 1, tiltYDeg: -1, blurPx: 0.2, jpegQuality: 88, cardScale: 1, offsetX: 0, offsetY: 0 },
      photo: `data:image/jpeg;base64,${portrait.toString('base64')}`,
    });
  }
}
