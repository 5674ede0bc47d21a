// What a queued registration holds once sealed: the kiosk writes it, the central server opens and
// validates it with this same schema, then against the profile it names (shared/record-rules.ts).
// It never exists in plaintext outside memory.
import { z } from 'zod';
import { SubmissionSchema } from '../submission';
import { KTP_IMAGE_MAX_BYTES } from '../ktp/ktp-record';
import { SELFIE_MAX_BYTES } from '../face/selfie-record';

const submitted = SubmissionSchema.shape;

export const RecordPayloadSchema = z.object({
  /** 2: fields by profile (version 1 had a fixed identity block; no kiosk queued one in production). */
  version: z.literal(2),
  profileId: submitted.profileId,
  profileVersion: submitted.profileVersion,
  locale: submitted.locale,
  fields: submitted.fields,
  acknowledgedWarnings: submitted.acknowledgedWarnings,
  ktp: submitted.ktp,
  selfie: submitted.selfie,
  account: submitted.account,
  verification: submitted.verification,
  /** The operator who started this registration for a walk-in (the applicant still read and consented). */
  assistedBy: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,39}$/).optional(),
  submittedAt: z.iso.datetime(),
}).strict();
export type RecordPayload = z.infer<typeof RecordPayloadSchema>;

/** The largest image each image-holding field may carry, in bytes (what the base64 limits say). */
export const RECORD_IMAGE_LIMITS: ReadonlyMap<string, number> = new Map([['ktp.image', KTP_IMAGE_MAX_BYTES], ['selfie.image', SELFIE_MAX_BYTES]]);
