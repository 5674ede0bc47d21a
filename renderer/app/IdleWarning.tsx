// The idle warning covers the whole screen, so a passer-by sees a countdown instead of the
// applicant's data; one touch anywhere (or the button, or Escape) gives the applicant more time
// (WCAG 2.2.1).
import { ModalDialog } from '../components/ModalDialog';
import { useT } from '../i18n/i18n';

export function IdleWarning({ secondsLeft, onStay }: { secondsLeft: number | null; onStay: () => void }) {
  const t = useT();
  return (
    <ModalDialog open={secondsLeft !== null} title={t('idle.title')} onCancel={onStay} role="alertdialog" className="dialog--fullscreen" onClick={onStay}>
      <p className="idle__countdown" aria-hidden="true">{secondsLeft ?? 0}</p>
      <p className="dialog__text" aria-live="assertive">{t('idle.text', { seconds: secondsLeft ?? 0 })}</p>
      <p className="dialog__text">{t('idle.tapToStay')}</p>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={onStay} autoFocus>
          {t('idle.stay')}
        </button>
      </div>
    </ModalDialog>
  );
}
