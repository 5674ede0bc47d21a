// The NIK cross-check's warnings and the applicant's confirmation that the data is nevertheless right.
import { forwardRef } from 'react';
import type { NikWarning } from '../../../shared/identity/warnings';
import { checkNik } from '../../../shared/identity/nik';
import { useT } from '../../i18n/i18n';

export interface NikWarningBoxProps {
  readonly warnings: readonly NikWarning[];
  readonly acknowledged: boolean;
  readonly showError: boolean;
  readonly onChange: (checked: boolean) => void;
  /** The NIK typed: what it implies is shown beside the warning. */
  readonly nik: string;
}

export const NikWarningBox = forwardRef<HTMLInputElement, NikWarningBoxProps>(function NikWarningBox({ warnings, acknowledged, showError, onChange, nik }, ref) {
  const t = useT();
  const invalid = showError && !acknowledged;
  const info = checkNik(nik);
  // The century is not in the NIK: the year is shown as its last two digits.
  const implied = info.ok ? { date: `${String(info.info.day).padStart(2, '0')}-${String(info.info.month).padStart(2, '0')}-..${String(info.info.yy).padStart(2, '0')}`, sex: info.info.sex } : null;
  return (
    <div className="warning" role="region" aria-labelledby="nik-warning-title">
      <h2 id="nik-warning-title" className="warning__title">{t('form.warningTitle')}</h2>
      <ul>
        {warnings.map((w) => <li key={w}>{t(`warnings.${w}`)}</li>)}
      </ul>
      {implied ? <p>{t('form.nikImplies', { date: implied.date, sex: t(implied.sex === 'P' ? 'form.sexP' : 'form.sexL') })}</p> : null}
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
