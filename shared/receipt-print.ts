// What happened when the kiosk was asked to print the receipt card. The renderer turns each outcome
// into words for the applicant; the receipt number stays on screen whatever happens.
import { z } from 'zod';

export const PrintOutcomeSchema = z.discriminatedUnion('outcome', [
  /** Sent to the configured printer (Electron host). */
  z.object({ outcome: z.literal('printed') }).strict(),
  /** The browser host: the renderer opens the browser's print dialog (which also saves a PDF). */
  z.object({ outcome: z.literal('use-browser') }).strict(),
  /** No printer is configured for this kiosk. */
  z.object({ outcome: z.literal('no-printer') }).strict(),
  /** The configured printer is not attached (or not known to the system). */
  z.object({ outcome: z.literal('printer-missing') }).strict(),
  /** The printer refused or failed (out of paper, jammed, offline): the system's reason, for the log. */
  z.object({ outcome: z.literal('failed'), reason: z.string().max(200) }).strict(),
]);
export type PrintOutcome = z.infer<typeof PrintOutcomeSchema>;
