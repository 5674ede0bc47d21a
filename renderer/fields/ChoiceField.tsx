// A choice from the profile's options: radios (large targets, arrow keys move between them) for a
// few options, a native select for a long list (Jurusan / Direktorat).
import type { UseFormRegisterReturn } from 'react-hook-form';
import type { FieldOfKind } from './kinds';
import { useLocale, useT } from '../i18n/i18n';
import { RequiredMark } from '../components/RequiredMark';

const MAX_RADIOS = 4;

export interface ChoiceFieldProps {
  readonly def: FieldOfKind<'choice'>;
  readonly registration: UseFormRegisterReturn;
  readonly error?: string | undefined;
  readonly hint?: string | undefined;
}

export function ChoiceField({ def, registration, error, hint }: ChoiceFieldProps) {
  const t = useT();
  const locale = useLocale();
  const id = def.name;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const required = def.required ? <RequiredMark text={t('form.required')} /> : null;
  const hintText = hint ? <p id={`${id}-hint`} className="field__hint">{hint}</p> : null;
  const errorText = error ? <p id={`${id}-error`} className="field__error" role="alert">{error}</p> : null;
  if (def.options.length > MAX_RADIOS) {
    return (
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <label htmlFor={id} className="field__label">{def.label[locale]}{required}</label>
        {hintText}
        <select id={id} className="field__input" aria-invalid={error ? true : undefined} aria-required={def.required || undefined}
          aria-describedby={describedBy} {...registration}>
          <option value="">{t('fields.choose')}</option>
          {def.options.map((o) => <option key={o.value} value={o.value}>{o.label[locale]}</option>)}
        </select>
        {errorText}
      </div>
    );
  }
  return (
    // A radiogroup, not a plain group: only that role may say it is required and invalid.
    <fieldset
      role="radiogroup"
      className={`field field--choice${error ? ' field--invalid' : ''}`}
      aria-describedby={describedBy}
      aria-invalid={error ? true : undefined}
      aria-required={def.required || undefined}
    >
      <legend className="field__label">{def.label[locale]}{required}</legend>
      {hintText}
      <div className="choices">
        {def.options.map((o) => (
          <label key={o.value} className="choice">
            <input type="radio" value={o.value} {...registration} />
            <span>{o.label[locale]}</span>
          </label>
        ))}
      </div>
      {errorText}
    </fieldset>
  );
}
