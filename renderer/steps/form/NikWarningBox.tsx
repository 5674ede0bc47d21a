// The NIK cross-check's warnings and the applicant's confirmation that the data is nevertheless right.
import { forwardRef } from 'react';
import type { NikWarning } from '../../../shared/identity/warnings';
import { useT } from '../../i18n/i18n';

export interface NikWarningBoxProps {
  readonly warnings: readonly NikWarning[];
  readonly acknowledged: boolean;
  readonly showError: boolean;
  readonly onChange: (checked: boolean) => void;
}

export const NikWarningBox = forwardRef<HTMLInputElement, NikWarningBoxProps>(function NikWarningBox({ warnings, acknowledged, showError, onChange }, ref) {
  const t = useT();
  const invalid = showError && !acknowledged;
  return (
    <div className="warning" role="region" aria-labelledby="nik-warning-title">
      <h2 id="nik-warning-title" className="warning__title">{t('form.warningTitle')}</h2>
      <ul>
        {warnings.map((w) => <li key={w}>{t(`warnings.${w}`)}</li>)}
      </ul>
      <div className="check">
        <input ref={ref} id="confirm-warning" type="checkbox" checked={acknowledged}
          aria-invalid={invalid ? true : undefined} aria-describedby={invalid ? 'confirm-warning-error' : undefined}
          onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor="confirm-warning">{t('form.confirmWarning')}</label>
      </div>
      {invalid ? <p id="confirm-warning-error" className="field__error" role="alert">{t('form.confirmWarningRequired')}</p> : null}
    </div>
  );
});
