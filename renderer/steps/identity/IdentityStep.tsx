// Langkah 1: identity data, fields and rules from the profile, validated with the shared schema.
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { Profile } from '../../../shared/profile';
import { identitySchemaFor, type Identity, type IdentityField } from '../../../shared/identity/schema';
import type { NikWarning } from '../../../shared/identity/warnings';
import { StepHeading } from '../../components/StepHeading';
import { errorText, useT } from '../../i18n/i18n';
import type { IdentityDraft } from '../../app/flow';
import { IdentityFieldInput } from './IdentityFieldInput';
import { ScanCheck } from './ScanCheck';
import { useNikWarnings } from './use-nik-warnings';

export interface IdentityStepProps {
  readonly profile: Profile;
  readonly draft: IdentityDraft;
  readonly acknowledgedWarnings: readonly NikWarning[];
  /** Prefilled from the KTP scan with low confidence: to be checked before continuing. */
  readonly uncertain: readonly IdentityField[];
  readonly prefilled: boolean;
  readonly onDone: (draft: IdentityDraft, identity: Identity, acknowledged: NikWarning[]) => void;
}

function toggled<T>(set: ReadonlySet<T>, item: T, on: boolean): ReadonlySet<T> {
  const next = new Set(set);
  if (on) next.add(item);
  else next.delete(item);
  return next;
}

export function IdentityStep({ profile, draft, acknowledgedWarnings, uncertain, prefilled, onDone }: IdentityStepProps) {
  const t = useT();
  const schema = useMemo(() => identitySchemaFor(profile.fields), [profile]);
  const defaults = useMemo(
    () => Object.fromEntries(profile.fields.map((f) => [f.name, draft[f.name] ?? ''])),
    [profile, draft],
  );
  const { register, control, handleSubmit, getValues, setFocus, formState: { errors, submitCount } } = useForm({
    resolver: zodResolver(schema),
    defaultValues: defaults,
    mode: 'onTouched',
  });
  const [nik, tanggalLahir, jenisKelamin] = useWatch({ control, name: ['nik', 'tanggalLahir', 'jenisKelamin'] });
  const warnings = useNikWarnings(nik, tanggalLahir, jenisKelamin);
  const warningKey = warnings.join(',');
  const [ack, setAck] = useState<{ key: string; checked: boolean }>(() => ({
    key: warningKey,
    checked: warnings.length > 0 && warnings.every((w) => acknowledgedWarnings.includes(w)),
  }));
  // A different set of warnings needs a fresh confirmation.
  const acknowledged = ack.key === warningKey && ack.checked;
  const [showAckError, setShowAckError] = useState(false);
  const ackRef = useRef<HTMLInputElement>(null);
  const [checked, setChecked] = useState<ReadonlySet<IdentityField>>(new Set());
  const [showScanError, setShowScanError] = useState(false);
  const values = useWatch({ control });
  // A scanned value the applicant has neither ticked nor changed is still pending.
  const scanPending = (name: IdentityField): boolean =>
    uncertain.includes(name) && String(values[name] ?? '') === (draft[name] ?? '');
  const scanResolved = (name: IdentityField): boolean => !scanPending(name) || checked.has(name);

  const errorCount = Object.keys(errors).length;
  const fieldError = (name: IdentityField): string | undefined => {
    const e = errors[name];
    return e ? errorText(t, typeof e.message === 'string' ? e.message : undefined) : undefined;
  };

  const onValid = (identity: Record<string, string>): void => {
    const unchecked = profile.fields.map((f) => f.name).filter((n) => !scanResolved(n));
    if (unchecked.length > 0) {
      setShowScanError(true);
      document.getElementById(`scan-check-${unchecked[0]}`)?.focus();
      return;
    }
    if (warnings.length > 0 && !acknowledged) {
      setShowAckError(true);
      ackRef.current?.focus();
      return;
    }
    // The draft keeps what was typed (e.g. 0812…), the identity what is stored (+62812…).
    const draftNow = Object.fromEntries(profile.fields.map((f) => [f.name, String(getValues(f.name) ?? '')]));
    onDone(draftNow, identity as Identity, acknowledged ? warnings : []);
  };
  const submit = (event: FormEvent<HTMLFormElement>): void => {
    void handleSubmit(onValid)(event);
  };

  return (
    <section className="step" aria-labelledby="identity-heading">
      <StepHeading step="identity" />
      <p className="step__intro" id="identity-heading">{t('identity.intro')}</p>
      {prefilled ? <p className="step__intro">{t('identity.prefilled')}</p> : null}
      {submitCount > 0 && errorCount > 0 ? (
        <div className="error-summary" role="alert">
          <p>{t('identity.errorSummary', { count: errorCount })}</p>
          <ul>
            {profile.fields.filter((f) => errors[f.name]).map((f) => (
              <li key={f.name}>
                <button type="button" className="link-button" onClick={() => setFocus(f.name)}>
                  {t(`fields.${f.name}`)}: {fieldError(f.name)}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form noValidate onSubmit={submit} className="form">
        {profile.fields.map(({ name, required }) => (
          <div key={name} className={scanResolved(name) ? undefined : 'field--uncertain'}>
            <IdentityFieldInput name={name} required={required} error={fieldError(name)}
              placeSuggestMinChars={profile.placeSuggestMinChars} register={register} control={control} />
            {scanPending(name) ? (
              <ScanCheck field={name} label={t(`fields.${name}`)} checked={checked.has(name)} showError={showScanError}
                onChange={(on) => setChecked((prev) => toggled(prev, name, on))} />
            ) : null}
          </div>
        ))}

        {warnings.length > 0 ? (
          <div className="warning" role="region" aria-labelledby="nik-warning-title">
            <h2 id="nik-warning-title" className="warning__title">{t('identity.warningTitle')}</h2>
            <ul>
              {warnings.map((w) => <li key={w}>{t(`warnings.${w}`)}</li>)}
            </ul>
            <div className="check">
              <input
                ref={ackRef}
                id="confirm-warning"
                type="checkbox"
                checked={acknowledged}
                aria-invalid={showAckError && !acknowledged ? true : undefined}
                aria-describedby={showAckError && !acknowledged ? 'confirm-warning-error' : undefined}
                onChange={(e) => { setAck({ key: warningKey, checked: e.target.checked }); setShowAckError(false); }}
              />
              <label htmlFor="confirm-warning">{t('identity.confirmWarning')}</label>
            </div>
            {showAckError && !acknowledged ? (
              <p id="confirm-warning-error" className="field__error" role="alert">{t('identity.confirmWarningRequired')}</p>
            ) : null}
          </div>
        ) : null}

        <div className="actions">
          <button type="submit" className="button button--primary">{t('identity.next')}</button>
        </div>
      </form>
    </section>
  );
}
