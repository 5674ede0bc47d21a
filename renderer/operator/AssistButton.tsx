// "Bantu pendaftar": the operator starts a registration for a walk-in. The operator's screen closes
// (its session ends), Welcome says who is helping, and the applicant still reads and consents; the
// record will name the operator (the kiosk turns the one-use token into the username).
import { useState } from 'react';
import type { OperatorSession } from '../../shared/operator';
import { api } from '../app/api';
import { useT } from '../i18n/i18n';

export interface Assist { readonly token: string; readonly operator: string }

export function AssistButton({ session, onAssist, onSessionEnded }: {
  session: OperatorSession; onAssist: (assist: Assist) => void; onSessionEnded: (error: unknown) => void;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const start = async (): Promise<void> => {
    setBusy(true);
    try {
      const { assist, operator } = await api.operator.assist({ session: session.session });
      onAssist({ token: assist, operator });
    } catch (err) {
      onSessionEnded(err);
    } finally {
      setBusy(false);
    }
  };
  return <button type="button" className="button" disabled={busy} onClick={() => void start()}>{t('operator.assist')}</button>;
}
