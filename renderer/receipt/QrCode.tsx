// The receipt's QR code drawn as one SVG path from the qrcode library's module matrix: no canvas,
// no data: URL and no innerHTML, so it needs nothing from the CSP and prints sharp at any size.
import { useMemo } from 'react';
import { create } from 'qrcode';

/** Four modules of quiet zone, as the QR specification asks, so a phone finds the code on paper. */
const QUIET = 4;

export function QrCode({ text, label }: { text: string; label: string }) {
  const { size, path } = useMemo(() => {
    const { modules } = create(text, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (modules.get(row, col)) d += `M${col + QUIET} ${row + QUIET}h1v1h-1z`;
      }
    }
    return { size: modules.size + 2 * QUIET, path: d };
  }, [text]);
  return (
    <svg className="print-card__qr" role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
