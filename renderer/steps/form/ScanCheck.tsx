// Under a field the KTP scan filled in without confidence: a note and a checkbox the applicant ticks
// once they have compared the value with their card (editing the value counts as checking it).
import { useT } from '../../i18n/i18n';

export interface ScanCheckProps {
  readonly field: string;
  readonly label: string;
  readonly checked: boolean;
  readonly showError: boolean;
  readonly onChange: (checked: boolean) => void;
}

export function ScanCheck({ field, label, checked, showError, onChange }: ScanCheckProps) {
  const t = useT();
  const errorId = `scan-check-${field}-error`;
  return (
    <div className="scan-check">
      <p className="uncertain-note">{t('form.scanUncertain')}</p>
      <div className="check">
        <input
          id={`scan-check-${field}`}
          type="checkbox"
          checked={checked}
          aria-invalid={showError && !checked ? true : undefined}
          aria-describedby={showError && !checked ? errorId : undefined}
          onChange={(e) => onChange(e.target.checked)}
        />
        <label htmlFor={`scan-check-${field}`}>{t('form.scanConfirm', { field: label })}</label>
      </div>
      {showError && !checked ? <p id={errorId} className="field__error" role="alert">{t('form.scanConfirmRequired')}</p> : null}
    </div>
  );
}
