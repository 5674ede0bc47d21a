// What the queue stores of the selfie (Swafoto), inside the encrypted payload: the unmirrored
// JPEG (≤ 200 KB), the checks it passed, and two pieces of advisory evidence for the back office —
// the liveness prompt's outcome and the similarity to the KTP photo. Neither ever blocks the
// applicant, and neither is shown to them.
import { z } from 'zod';
import { jpegImageSchema } from '../jpeg-image';

export const SELFIE_MAX_BYTES = 200 * 1024;

const Ratio = z.number().min(0).max(1);

export const SelfieRecordSchema = z.object({
  image: jpegImageSchema(SELFIE_MAX_BYTES),
  /** The detector's score and the face box as fractions of the image. */
  face: z.object({ score: Ratio, box: z.object({ x: Ratio, y: Ratio, width: Ratio, height: Ratio }) }),
  liveness: z.discriminatedUnion('prompt', [
    z.object({ prompt: z.literal('off') }),
    z.object({
      prompt: z.literal('turn-head'),
      direction: z.enum(['left', 'right']),
      /** The head turned the asked way and came back within the time allowed. */
      passed: z.boolean(),
      /** Largest turn seen the asked way, as a fraction of the face width (0 = facing the camera). */
      peakTurn: z.number().min(-1).max(1),
      framesAnalysed: z.number().int().nonnegative().max(10_000),
    }),
  ]),
  /** 1:1 comparison with the face on the scanned KTP; null when there was no scan or no face on it. */
  match: z.object({ similarity: Ratio, distance: z.number().nonnegative().max(10) }).nullable(),
}).strict();
export type SelfieRecord = z.infer<typeof SelfieRecordSchema>;
