// A gentle warning under a field (shared/fields/soft-checks.ts): what looks like a slip, a one-tap
// correction when there is one, and "Sudah benar" to keep the value as typed.
import type { SoftWarning } from '../../../shared/fields/soft-checks';
import { useT } from '../../i18n/i18n';

export interface SoftWarningNoteProps {
  readonly warning: SoftWarning;
  readonly label: string;
  readonly confirmed: boolean;
  readonly showError: boolean;
  readonly onConfirm: (confirmed: boolean) => void;
  readonly onCorrect: (value: string) => void;
}

export function SoftWarningNote({ warning, label, confirmed, showError, onConfirm, onCorrect }: SoftWarningNoteProps) {
  const t = useT();
  const id = `soft-${warning.field}`;
  const invalid = showError && !confirmed;
  return (
    <div className="soft-warning" role="note" aria-label={t('soft.title', { field: label })}>
      <p className="soft-warning__text">{t(`soft.${warning.code}`, { field: label, ...warning.vars })}</p>
      {warning.suggestion ? (
        <button type="button" className="button button--quiet" onClick={() => onCorrect(warning.suggestion ?? '')}>
          {t('soft.use', { value: warning.suggestion })}
        </button>
      ) : null}
      <div className="check">
        <input id={id} type="checkbox" checked={confirmed} aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? `${id}-error` : undefined} onChange={(e) => onConfirm(e.target.checked)} />
        <label htmlFor={id}>{t('soft.confirm', { field: label })}</label>
      </div>
      {invalid ? <p id={`${id}-error`} className="field__error" role="alert">{t('soft.required')}</p> : null}
    </div>
  );
}
