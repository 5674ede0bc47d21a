// A labelled input with its hint and error tied to it through aria-describedby, so screen readers
// read label, hint and error together. Every text field of every step uses this.
import { forwardRef, type InputHTMLAttributes, type ReactNode } from 'react';
import { RequiredMark } from './RequiredMark';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly error?: string;
  readonly required?: boolean;
  readonly requiredText: string;
  /** Rendered below the input (autocomplete suggestions). */
  readonly after?: ReactNode;
  /** Ids of further descriptions (e.g. a rule list shown elsewhere), read before hint and error. */
  readonly describedBy?: string;
}

export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField(
  { id, label, hint, error, required, requiredText, after, describedBy, ...input },
  ref,
) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
        {required ? <RequiredMark text={requiredText} /> : null}
      </label>
      {hint ? <p id={hintId} className="field__hint">{hint}</p> : null}
      {/* Input and its suggestions together: the list overlays the page instead of pushing it down. */}
      <div className="field__control">
        <input
          ref={ref}
          id={id}
          className="field__input"
          aria-invalid={error ? true : undefined}
          aria-required={required || undefined}
          aria-describedby={[describedBy, hintId, errorId].filter(Boolean).join(' ') || undefined}
          autoComplete="off"
          spellCheck={false}
          {...input}
        />
        {after}
      </div>
      {error ? <p id={errorId} className="field__error" role="alert">{error}</p> : null}
    </div>
  );
});
