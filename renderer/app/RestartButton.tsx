// "Batal / Mulai ulang" on every step: after a confirmation, everything the applicant entered is wiped
// and the kiosk returns to Welcome, as if they had walked away.
import { useState } from 'react';
import { ModalDialog } from '../components/ModalDialog';
import { useT } from '../i18n/i18n';

export function RestartButton({ onRestart }: { onRestart: () => void }) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button type="button" className="button button--quiet" onClick={() => setAsking(true)}>{t('restart.button')}</button>
      <ModalDialog open={asking} title={t('restart.title')} onCancel={() => setAsking(false)}>
        <p className="dialog__text">{t('restart.text')}</p>
        <div className="actions">
          <button type="button" className="button" onClick={() => setAsking(false)} autoFocus>{t('restart.no')}</button>
          <button type="button" className="button button--danger" onClick={() => { setAsking(false); onRestart(); }}>{t('restart.yes')}</button>
        </div>
      </ModalDialog>
    </>
  );
}
