// One field of a form page, rendered by its kind: places and regencies with Kab/Kota suggestions,
// choices as radios or a list, read-only values (from a verified account) as read-only inputs, and
// everything else a labelled text input with the right on-screen keyboard.
import { Controller, type Control, type UseFormRegister } from 'react-hook-form';
import type { FieldDefinition } from '../../shared/fields/definitions';
import { TextField } from '../components/TextField';
import { useLocale, useT } from '../i18n/i18n';
import { ChoiceField } from './ChoiceField';
import { INPUT_MODES } from './kinds';
import { RegionField } from './RegionField';

export interface FieldInputProps {
  readonly def: FieldDefinition;
  readonly error: string | undefined;
  readonly register: UseFormRegister<Record<string, string>>;
  readonly control: Control<Record<string, string>>;
}

export function FieldInput({ def, error, register, control }: FieldInputProps) {
  const t = useT();
  const locale = useLocale();
  const label = def.label[locale];
  const hint = def.hint?.[locale];
  if (def.kind === 'place' || def.kind === 'regency') {
    return (
      <Controller
        control={control}
        name={def.name}
        render={({ field }) => (
          <RegionField id={def.name} label={label} hint={hint} value={String(field.value ?? '')} onChange={field.onChange}
            onBlur={field.onBlur} error={error} required={def.required} minChars={def.suggestMinChars} />
        )}
      />
    );
  }
  if (def.kind === 'choice') return <ChoiceField def={def} registration={register(def.name)} error={error} hint={hint} />;
  const mode = def.kind === 'text' ? { inputMode: def.inputMode, maxLength: def.maxLength } : INPUT_MODES[def.kind];
  return (
    <TextField
      id={def.name}
      label={label}
      hint={def.kind === 'readonly' ? t('fields.readonlyHint') : hint}
      error={error}
      required={def.required}
      requiredText={t('form.required')}
      inputMode={mode?.inputMode}
      maxLength={mode?.maxLength}
      // type=text (inputMode=email for the keyboards): an e-mail input has no caret API, so a correction
      // in the middle of an address would land at its end.
      type="text"
      autoCapitalize={def.kind === 'email' ? 'none' : undefined}
      readOnly={def.kind === 'readonly'}
      aria-readonly={def.kind === 'readonly' || undefined}
      // The on-screen keyboard offers these as whole keys.
      data-email-domains={def.kind === 'email' ? def.domains?.allow.join(',') : undefined}
      {...register(def.name)}
    />
  );
}
