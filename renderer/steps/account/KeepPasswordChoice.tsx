// A verified directory account may keep its existing password or set a new one (campus SSO: "Jika
// ingin mengubah password, hapus password yang sudah terisi lalu isikan dengan password baru").
import { useT } from '../../i18n/i18n';

export function KeepPasswordChoice({ keep, onKeep }: { keep: boolean; onKeep: (keep: boolean) => void }) {
  const t = useT();
  return (
    <fieldset className="field field--choice">
      <legend className="field__label">{t('account.keepTitle')}</legend>
      <div className="choices">
        <label className="choice">
          <input type="radio" name="keep-password" checked={keep} onChange={() => onKeep(true)} />
          <span>{t('account.keepExisting')}</span>
        </label>
        <label className="choice">
          <input type="radio" name="keep-password" checked={!keep} onChange={() => onKeep(false)} />
          <span>{t('account.setNew')}</span>
        </label>
      </div>
    </fieldset>
  );
}
