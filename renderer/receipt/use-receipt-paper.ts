// The kiosk's receipt paper (a kiosk setting), read once when Done appears; A4 until it is known.
import { useEffect, useState } from 'react';
import type { ReceiptPaper } from '../../shared/settings';
import { api } from '../app/api';

export function useReceiptPaper(): ReceiptPaper {
  const [paper, setPaper] = useState<ReceiptPaper>('a4');
  useEffect(() => {
    let alive = true;
    api.settings.get(undefined).then((s) => { if (alive) setPaper(s.receiptPaper); }, () => undefined);
    return () => { alive = false; };
  }, []);
  return paper;
}
