// What a queued registration holds once sealed: the kiosk writes it, the central server opens and
// validates it with this same schema. It never exists in plaintext outside memory.
import { z } from 'zod';
import { SubmissionSchema } from '../submission';

const submitted = SubmissionSchema.shape;

export const RecordPayloadSchema = z.object({
  version: z.literal(1),
  profileId: submitted.profileId,
  locale: submitted.locale,
  identity: submitted.identity,
  acknowledgedWarnings: submitted.acknowledgedWarnings,
  ktp: submitted.ktp,
  selfie: submitted.selfie,
  account: submitted.account,
  submittedAt: z.iso.datetime(),
}).strict();
export type RecordPayload = z.infer<typeof RecordPayloadSchema>;
