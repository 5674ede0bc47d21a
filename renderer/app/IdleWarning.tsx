import { ModalDialog } from '../components/ModalDialog';
import { useT } from '../i18n/i18n';

export function IdleWarning({ secondsLeft, onStay }: { secondsLeft: number | null; onStay: () => void }) {
  const t = useT();
  return (
    <ModalDialog open={secondsLeft !== null} title={t('idle.title')} onCancel={onStay} role="alertdialog">
      <p className="dialog__text" aria-live="assertive">{t('idle.text', { seconds: secondsLeft ?? 0 })}</p>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={onStay} autoFocus>
          {t('idle.stay')}
        </button>
      </div>
    </ModalDialog>
  );
}
