// A deployment profile decides which identity fields the kiosk asks for and its timings. Profiles
// are JSON files in resources/profiles/, parsed with this schema when the kiosk starts.
import { z } from 'zod';
import { IDENTITY_FIELDS } from './identity/schema';

const LocalisedText = z.object({ id: z.string().min(1), en: z.string().min(1) });

export const ProfileSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
  title: LocalisedText,
  /** Why the personal data is processed: shown on the consent screen (UU PDP 27/2022 art. 20). */
  purpose: LocalisedText,
  /** Who processes it and how to reach them. */
  controller: LocalisedText,
  fields: z.array(z.object({ name: z.enum(IDENTITY_FIELDS), required: z.boolean() }))
    .min(1)
    .refine((fs) => new Set(fs.map((f) => f.name)).size === fs.length, 'duplicate field'),
  idleTimeoutSeconds: z.number().int().min(30).max(1800).default(120),
  idleWarningSeconds: z.number().int().min(5).max(120).default(20),
  placeSuggestMinChars: z.number().int().min(1).max(5).default(3),
}).refine((p) => p.idleWarningSeconds < p.idleTimeoutSeconds, {
  message: 'idleWarningSeconds must be shorter than idleTimeoutSeconds',
  path: ['idleWarningSeconds'],
});

export type Profile = z.output<typeof ProfileSchema>;

/** A readable one-line-per-problem description for the operator who wrote a bad profile. */
export function describeProfileError(error: z.ZodError): string {
  return error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
}
