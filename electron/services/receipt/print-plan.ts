// The Electron host's silent print, decided without Electron: which printer, which page, or why
// not. electron/main.ts only lists the printers and calls webContents.print with the options.
import type { ReceiptPaper } from '../../../shared/settings';
import type { PrintOutcome } from '../../../shared/receipt-print';

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
 * A thermal roll has no page length: the driver cuts after the content. 80 mm wide; the length is
 * the longest card (A4's) so nothing is cut off whatever the profile prints.
 */
const ROLL_80MM = { width: 80_000, height: 297_000 } as const;

export function pageSizeOf(paper: ReceiptPaper): SilentPrintOptions['pageSize'] {
  return paper === 'a4' ? 'A4' : paper === 'a5' ? 'A5' : ROLL_80MM;
}

export type PrintPlan = { readonly ok: true; readonly options: SilentPrintOptions } | { readonly ok: false; readonly outcome: PrintOutcome };

/** The page margins come from the print stylesheet (@page), so the driver adds none. */
export function planSilentPrint(printer: string | null | undefined, paper: ReceiptPaper, attached: readonly AttachedPrinter[]): PrintPlan {
  if (!printer) return { ok: false, outcome: { outcome: 'no-printer' } };
  if (!attached.some((p) => p.name === printer)) return { ok: false, outcome: { outcome: 'printer-missing' } };
  return { ok: true, options: { silent: true, deviceName: printer, printBackground: true, pageSize: pageSizeOf(paper), margins: { marginType: 'none' } } };
}

/** Electron's failure reasons are short English phrases ("cancelled", "Print job failed"); bounded for the contract. */
export function failedPrint(reason: string | undefined): PrintOutcome {
  return { outcome: 'failed', reason: (reason ?? 'unknown').slice(0, 200) };
}
