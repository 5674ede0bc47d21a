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

/** The 80 mm roll's page: its width and margins (print.css's @page receipt-80mm says the same). */
export const ROLL_WIDTH_MM = 80;
export const ROLL_MARGIN_MM = { vertical: 3, horizontal: 4 } as const;
/** Before the card is measured (or if it cannot be): long enough for any profile's card. */
export const ROLL_FALLBACK_LENGTH_MM = 297;
/** No profile's card comes near this; a taller measurement is a layout fault, not paper to feed. */
export const ROLL_MAX_CARD_MM = 400;

/**
 * A thermal roll has no page length: the page is the card's height plus the top and bottom margins,
 * rounded up to whole mm with 2 mm to spare, so a rounding difference between the measured and the
 * printed layout never spills a line onto a second page (and the driver cuts right after the card).
 */
export function rollPageLengthMm(cardHeightMm: number | undefined): number {
  if (cardHeightMm === undefined) return ROLL_FALLBACK_LENGTH_MM;
  return Math.ceil(cardHeightMm + 2 * ROLL_MARGIN_MM.vertical + 2);
}

/** What the renderer tells the host when asked to print: the card's height as laid out at the paper's width. */
export const PrintRequestSchema = z.object({
  cardHeightMm: z.number().positive().max(ROLL_MAX_CARD_MM).optional(),
}).strict();
export type PrintRequest = z.infer<typeof PrintRequestSchema>;
