// One identity field, rendered by kind: Tempat Lahir with suggestions, Jenis Kelamin as radios,
// everything else a labelled text input with the right keyboard for the kiosk's on-screen keys.
import { Controller, type Control, type UseFormRegister } from 'react-hook-form';
import type { IdentityField } from '../../../shared/identity/schema';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/i18n';
import { PlaceField } from './PlaceField';
import { SexField } from './SexField';

const INPUT_MODES: Partial<Record<IdentityField, { inputMode: 'numeric' | 'tel' | 'email' | 'text'; maxLength: number }>> = {
  nik: { inputMode: 'numeric', maxLength: 24 },
  nomorKk: { inputMode: 'numeric', maxLength: 24 },
  namaLengkap: { inputMode: 'text', maxLength: 100 },
  tanggalLahir: { inputMode: 'numeric', maxLength: 10 },
  nomorHp: { inputMode: 'tel', maxLength: 20 },
  email: { inputMode: 'email', maxLength: 254 },
};

export interface IdentityFieldInputProps {
  readonly name: IdentityField;
  readonly required: boolean;
  readonly error: string | undefined;
  readonly placeSuggestMinChars: number;
  readonly register: UseFormRegister<Record<string, string>>;
  readonly control: Control<Record<string, string>>;
}

export function IdentityFieldInput({ name, required, error, placeSuggestMinChars, register, control }: IdentityFieldInputProps) {
  const t = useT();
  if (name === 'tempatLahir') {
    return (
      <Controller
        control={control}
        name="tempatLahir"
        render={({ field }) => (
          <PlaceField value={String(field.value ?? '')} onChange={field.onChange} onBlur={field.onBlur}
            error={error} required={required} minChars={placeSuggestMinChars} />
        )}
      />
    );
  }
  if (name === 'jenisKelamin') return <SexField registration={register(name)} error={error} required={required} />;
  const mode = INPUT_MODES[name];
  return (
    <TextField
      id={name}
      label={t(`fields.${name}`)}
      hint={t(`fields.${name}.hint`)}
      error={error}
      required={required}
      requiredText={t('identity.required')}
      inputMode={mode?.inputMode}
      maxLength={mode?.maxLength}
      type={name === 'email' ? 'email' : 'text'}
      {...register(name)}
    />
  );
}
