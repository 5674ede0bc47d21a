// What the queue stores of a KTP scan, inside the encrypted payload: the card image (JPEG, at
// most 200 KB as SSCASN requires) and the reading with its confidences for the back office.
import { z } from 'zod';
import { KTP_FIELDS } from './vocabulary';
import { jpegImageSchema } from '../jpeg-image';

export const KTP_IMAGE_MAX_BYTES = 200 * 1024;
export const KTP_IMAGE_MIN_WIDTH = 720;

const Reading = z.object({ value: z.string().max(200), confidence: z.number().min(0).max(1), flags: z.array(z.string().max(60)).max(10).readonly() });

export const KtpRecordSchema = z.object({
  image: jpegImageSchema(KTP_IMAGE_MAX_BYTES).extend({
    /** The compressed image passed the sharpness gate again (stored either way, for the back office). */
    readable: z.boolean(),
  }),
  source: z.enum(['camera', 'file']),
  fields: z.partialRecord(z.enum(KTP_FIELDS), Reading),
}).strict();
export type KtpRecord = z.infer<typeof KtpRecordSchema>;
