// "Cetak Bukti Pendaftaran" (and, where the browser's print dialog exists, "Simpan sebagai PDF").
// The host decides how: Electron prints silently to the kiosk's printer and says if it cannot; the
// browser host answers use-browser and the page opens the print dialog. Whatever happens, the
// receipt number stays on screen, so a failed print only asks the applicant to note it.
import { useState } from 'react';
import type { PrintOutcome } from '../../shared/receipt-print';
import type { MessageKey } from '../i18n/i18n';
import { api } from '../app/api';
import { useT } from '../i18n/i18n';
import { printedCardHeightMm } from './roll-page';

type Shown = { key: MessageKey; problem: boolean } | null;

const OUTCOME_TEXT: Record<Exclude<PrintOutcome['outcome'], 'use-browser'>, Shown> = {
  printed: { key: 'receipt.printed', problem: false },
  'no-printer': { key: 'receipt.noPrinter', problem: true },
  'printer-missing': { key: 'receipt.printerMissing', problem: true },
  failed: { key: 'receipt.printFailed', problem: true },
};

/** Only the browser host has a print dialog (with "Save as PDF"); the Electron preload defines window.kiosk. */
const hasPrintDialog = (): boolean => window.kiosk === undefined;

export function PrintActions() {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<Shown>(null);

  const print = async (pdf: boolean): Promise<void> => {
    setBusy(true);
    setShown(pdf ? { key: 'receipt.savePdfHint', problem: false } : null);
    try {
      const cardHeightMm = printedCardHeightMm();
      // Electron sizes a roll's page from the card's height; the browser's dialog takes it from the @page rule.
      const result = await api.receipt.print(cardHeightMm === undefined ? {} : { cardHeightMm });
      if (result.outcome === 'use-browser') window.print();
      else setShown(OUTCOME_TEXT[result.outcome]);
    } catch {
      setShown(OUTCOME_TEXT.failed);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="receipt-print">
      <div className="actions">
        <button type="button" className="button" disabled={busy} aria-busy={busy} onClick={() => void print(false)}>{t('receipt.print')}</button>
        {hasPrintDialog() ? <button type="button" className="button" disabled={busy} onClick={() => void print(true)}>{t('receipt.savePdf')}</button> : null}
      </div>
      <p className={shown?.problem ? 'submit-error' : undefined} role={shown?.problem ? 'alert' : 'status'}>{shown ? t(shown.key) : null}</p>
    </div>
  );
}
