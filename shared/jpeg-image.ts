// A JPEG stored inside the encrypted payload (KTP card, selfie): base64 within a byte limit.
import { z } from 'zod';

export function jpegImageSchema(maxBytes: number) {
  return z.object({
    mime: z.literal('image/jpeg'),
    /** base64 of at most maxBytes bytes. */
    base64: z.string().max(Math.ceil(maxBytes / 3) * 4).regex(/^[A-Za-z0-9+/]+=*$/),
    width: z.number().int().positive().max(4000),
    height: z.number().int().positive().max(4000),
  });
}
