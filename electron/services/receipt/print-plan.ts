// The Electron host's silent print, decided without Electron: which printer, which page, or why
// not. electron/main.ts only lists the printers and calls webContents.print with the options.
import type { ReceiptPaper } from '../../../shared/settings';
import { rollPageLengthMm, ROLL_WIDTH_MM, type PrintOutcome } from '../../../shared/receipt-print';

/** The part of Electron's PrinterInfo this needs. */
export interface AttachedPrinter {
  readonly name: string;
}

/** Structurally Electron's WebContentsPrintOptions (page sizes in microns). */
export interface SilentPrintOptions {
  readonly silent: true;
  readonly deviceName: string;
  readonly printBackground: true;
  readonly pageSize: 'A4' | 'A5' | { readonly width: number; readonly height: number };
  readonly margins: { readonly marginType: 'none' };
}

/**
 * A4 and A5 are the driver's named sheets. A thermal roll has no page length: 80 mm wide and as long
 * as the card the renderer measured (the same length its print stylesheet gives the page), so the
 * driver cuts right after the card instead of feeding blank paper.
 */
export function pageSizeOf(paper: ReceiptPaper, cardHeightMm?: number): SilentPrintOptions['pageSize'] {
  if (paper !== '80mm') return paper === 'a4' ? 'A4' : 'A5';
  return { width: ROLL_WIDTH_MM * 1000, height: rollPageLengthMm(cardHeightMm) * 1000 };
}

export type PrintPlan = { readonly ok: true; readonly options: SilentPrintOptions } | { readonly ok: false; readonly outcome: PrintOutcome };

/** The page margins come from the print stylesheet (@page), so the driver adds none. */
export function planSilentPrint(printer: string | null | undefined, paper: ReceiptPaper, attached: readonly AttachedPrinter[], cardHeightMm?: number): PrintPlan {
  if (!printer) return { ok: false, outcome: { outcome: 'no-printer' } };
  if (!attached.some((p) => p.name === printer)) return { ok: false, outcome: { outcome: 'printer-missing' } };
  return { ok: true, options: { silent: true, deviceName: printer, printBackground: true, pageSize: pageSizeOf(paper, cardHeightMm), margins: { marginType: 'none' } } };
}

/** Electron's failure reasons are short English phrases ("cancelled", "Print job failed"); bounded for the contract. */
export function failedPrint(reason: string | undefined): PrintOutcome {
  return { outcome: 'failed', reason: (reason ?? 'unknown').slice(0, 200) };
}
