// The one contract between the renderer and whichever host runs it (Electron IPC or the loopback
// HTTP browser host). Channel names are kiosk:<domain>:<verb>; inputs are parsed with `input`
// before any handler runs, outputs are parsed with `output` by the renderer's api.
import { z } from 'zod';
import { ProfileSchema } from './profile';
import { QueueStatsSchema, ReceiptSchema, SubmissionSchema } from './submission';
import { KioskSettingsSchema } from './settings';
import { AnswerChallengeSchema, ChallengeSchema, ChallengeVerdictSchema, CreateChallengeSchema } from './anti-robot';
import { DirectoryCredentialsSchema, DirectoryVerdictSchema } from './sync/directory';
import { RecordOutcomeQuerySchema, RecordOutcomeSchema, SyncStatusSchema } from './sync/status';
import { PrintOutcomeSchema, PrintRequestSchema } from './receipt-print';
import type { Channel, NestedApi } from './channels';
import { IntakeSchema } from './intake';
import {
  AssistSchema, DashboardSchema, DoneSchema, ExportAnswerSchema, OperatorLoginSchema, SetCameraRequestSchema, OperatorSessionSchema, RecordsPageSchema, RecordsQuerySchema, RequeueSchema, SessionOnlySchema,
} from './operator';
import { ConfirmEnrolSchema, EnrolInputSchema, EnrolStateSchema } from './operator';

export { CHANNELS as channels, isChannel, isGatedChannel, buildApi, type Channel } from './channels';

export const contract = {
  'kiosk:profile:get': { input: z.undefined(), output: ProfileSchema },
  'kiosk:queue:submit': { input: SubmissionSchema, output: z.object({ receipt: ReceiptSchema }) },
  'kiosk:queue:stats': { input: z.undefined(), output: QueueStatsSchema },
  'kiosk:settings:get': { input: z.undefined(), output: KioskSettingsSchema },
  'kiosk:challenge:create': { input: CreateChallengeSchema, output: ChallengeSchema },
  'kiosk:challenge:answer': { input: AnswerChallengeSchema, output: ChallengeVerdictSchema },
  'kiosk:sync:status': { input: z.undefined(), output: SyncStatusSchema },
  'kiosk:sync:record': { input: RecordOutcomeQuerySchema, output: RecordOutcomeSchema },
  /** Campus SSO: the central server checks an existing account (the kiosk never talks to the directory). */
  'kiosk:directory:verify': {
    input: DirectoryCredentialsSchema.omit({ profileId: true }),
    output: DirectoryVerdictSchema,
  },
  /** Prints the Done screen's receipt card: Electron silently to the configured printer; the browser host answers use-browser. */
  'kiosk:receipt:print': { input: PrintRequestSchema, output: PrintOutcomeSchema },
  /** Whether a new applicant may start (shared/intake.ts); the reasons are for the operator screen. */
  'kiosk:intake:status': { input: z.undefined(), output: IntakeSchema },

  // The operator's part (shared/operator.ts): every channel but login names a live session.
  'kiosk:operator:login': { input: OperatorLoginSchema, output: OperatorSessionSchema },
  'kiosk:operator:logout': { input: SessionOnlySchema, output: DoneSchema },
  'kiosk:operator:dashboard': { input: SessionOnlySchema, output: DashboardSchema },
  'kiosk:operator:records': { input: RecordsQuerySchema, output: RecordsPageSchema },
  'kiosk:operator:sync-now': { input: SessionOnlySchema, output: DashboardSchema },
  'kiosk:operator:requeue': { input: RequeueSchema, output: DoneSchema },
  /** Electron asks for a folder (its shell replaces this handler); the browser host hands a tar to download. */
  'kiosk:operator:export': { input: SessionOnlySchema, output: ExportAnswerSchema },
  /** Which camera serves each role (applicants never choose one). */
  'kiosk:operator:set-camera': { input: SetCameraRequestSchema, output: KioskSettingsSchema },
  /** Starts a registration on behalf of a walk-in: the record will name the operator. */
  'kiosk:operator:assist': { input: SessionOnlySchema, output: AssistSchema },
  'kiosk:operator:enrol': { input: EnrolInputSchema, output: EnrolStateSchema },
  'kiosk:operator:confirm-enrol': { input: ConfirmEnrolSchema, output: EnrolStateSchema },
} as const satisfies { [C in Channel]: { input: z.ZodType; output: z.ZodType } };

export type Contract = typeof contract;
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
/** What a handler returns (defaults not yet applied)… */
export type OutputOf<C extends Channel> = z.input<Contract[C]['output']>;
/** …and what the renderer gets after parsing it with the output schema. */
export type ResultOf<C extends Channel> = z.output<Contract[C]['output']>;

/** Handlers a host must provide: one per channel, receiving already-parsed input. */
export type Handlers = { [C in Channel]: (input: ParsedInputOf<C>) => Promise<OutputOf<C>> | OutputOf<C> };

/** The renderer's typed api (answers parsed); the preload exposes the same shape with raw envelopes. */
export type ApiFunctions = { [C in Channel]: (input: InputOf<C>) => Promise<ResultOf<C>> };
export type Api = NestedApi<ApiFunctions>;
export type EnvelopeApi = NestedApi<{ [C in Channel]: (input: InputOf<C>) => Promise<unknown> }>;
