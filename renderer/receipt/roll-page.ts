// The 80 mm roll has no page length: the printed page is as long as the card. The card is laid out
// off screen at the paper's printable width (print.css), measured here, and the page follows it:
// for the browser's print dialog (and Chromium's PDF) through an @page rule, for Electron's silent
// print through the height sent with the print request (print-plan.ts turns it into microns).
import { useEffect, type RefObject } from 'react';
import type { ReceiptPaper } from '../../shared/settings';
import { rollPageLengthMm, ROLL_MARGIN_MM, ROLL_WIDTH_MM } from '../../shared/receipt-print';

/** CSS pixels are 1/96 inch on screen and on paper alike. */
const MM_PER_PX = 25.4 / 96;

/** The printed card's height in mm as laid out now; undefined without a card (there is one at most: Done's). */
export function printedCardHeightMm(card: Element | null = document.querySelector('.print-card')): number | undefined {
  const px = card?.getBoundingClientRect().height ?? 0;
  return px > 0 ? px * MM_PER_PX : undefined;
}

/** While the card is on an 80 mm roll, keeps the roll's @page as long as the card (fonts, QR and texts may change it). */
export function useRollPage(card: RefObject<Element | null>, paper: ReceiptPaper): void {
  useEffect(() => {
    const element = card.current;
    if (paper !== '80mm' || !element) return undefined;
    // A constructed sheet, after the document's own: the CSP (style-src 'self') refuses inline <style>, not the CSSOM.
    const sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    const fit = (): void => {
      const length = rollPageLengthMm(printedCardHeightMm(element));
      sheet.replaceSync(`@page receipt-80mm { size: ${ROLL_WIDTH_MM}mm ${length}mm; margin: ${ROLL_MARGIN_MM.vertical}mm ${ROLL_MARGIN_MM.horizontal}mm; }`);
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(element);
    return () => {
      observer.disconnect();
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [card, paper]);
}
