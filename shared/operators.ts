// Operator accounts in the back office (server/operators/routes.ts; admins only): the people who run
// kiosks. Created here or with `npm run server -- create-operator <username>`; they reach every
// enrolled kiosk as password hashes through sync (shared/sync/operators.ts) and log in there offline.
// Paths are under STAFF_API; refusals use StaffErrorSchema (shared/staff.ts).
import { z } from 'zod';
import { StaffPasswordSchema } from './staff';
import { OperatorDisplayNameSchema, OperatorUsernameSchema } from './sync/operators';

export const OPERATOR_PATHS = {
  list: '/operators',
  disable: (username: string) => `/operators/${encodeURIComponent(username)}/disable`,
  password: (username: string) => `/operators/${encodeURIComponent(username)}/password`,
} as const;

/** Spaces around a name are dropped; an empty name is no name. */
const DisplayNameInput = z.string().max(200).transform((s) => s.trim()).pipe(z.union([z.literal(''), OperatorDisplayNameSchema]));

export const NewOperatorRequestSchema = z.object({
  username: OperatorUsernameSchema,
  displayName: DisplayNameInput.optional(),
  password: StaffPasswordSchema,
}).strict();
export type NewOperatorRequest = z.input<typeof NewOperatorRequestSchema>;

export const OperatorPasswordRequestSchema = z.object({ password: StaffPasswordSchema }).strict();

export const OperatorAccountSchema = z.object({
  username: z.string(),
  displayName: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The admin who created it; null: the command line. */
  createdBy: z.string().nullable(),
}).strict();
export type OperatorAccount = z.infer<typeof OperatorAccountSchema>;
