// "Ekspor data": the records not yet delivered, for a drive carried to the office (the server imports
// them with `npm run server -- import <folder>`). Electron asks for a folder; the browser host hands
// over one tar, downloaded here. They stay queued on the kiosk until delivered.
import { useState } from 'react';
import type { ExportAnswer, OperatorSession } from '../../shared/operator';
import { api } from '../app/api';
import { useT } from '../i18n/i18n';

function download(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/x-tar' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportButton({ session, onSessionEnded }: { session: OperatorSession; onSessionEnded: (error: unknown) => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<string | null>(null);

  const run = async (): Promise<void> => {
    setBusy(true);
    setSaid(null);
    try {
      const answer: ExportAnswer = await api.operator.export({ session: session.session });
      if (answer.kind === 'download') download(answer.fileName, answer.base64);
      setSaid(answer.kind === 'cancelled' ? t('operator.export.cancelled')
        : answer.kind === 'nothing' ? t('operator.export.nothing', { sealed: answer.deviceSealed })
          : t('operator.export.done', { records: answer.records }));
    } catch (err) {
      onSessionEnded(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="button" disabled={busy} onClick={() => void run()}>{t('operator.export.button')}</button>
      {said ? <p role="status">{said}</p> : null}
    </>
  );
}
