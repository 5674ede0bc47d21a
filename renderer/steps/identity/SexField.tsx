// Jenis Kelamin as a radio group: two large targets, arrow keys move between them.
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useT } from '../../i18n/i18n';

export function SexField({ registration, error, required }: { registration: UseFormRegisterReturn; error?: string; required: boolean }) {
  const t = useT();
  return (
    <fieldset
      className={`field field--choice${error ? ' field--invalid' : ''}`}
      aria-describedby={error ? 'jenisKelamin-error' : undefined}
      aria-invalid={error ? true : undefined}
      aria-required={required || undefined}
    >
      <legend className="field__label">
        {t('fields.jenisKelamin')}
        {required ? <span className="field__required" aria-label={t('identity.required')}> *</span> : null}
      </legend>
      <div className="choices">
        {(['L', 'P'] as const).map((value) => (
          <label key={value} className="choice">
            <input type="radio" value={value} {...registration} />
            <span>{t(`fields.jenisKelamin.${value}`)}</span>
          </label>
        ))}
      </div>
      {error ? <p id="jenisKelamin-error" className="field__error" role="alert">{error}</p> : null}
    </fieldset>
  );
}
