// A form page of the profile (Data Identitas, Lengkapi Data, Detail Akun, Formulir Registrasi): its
// fields by kind, validated with the same shared schema the queue and the server use; values the
// scan was unsure of to confirm; the NIK cross-check; the page's anti-robot check on "Lanjutkan".
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { fieldsOf, stepOf } from '../../../shared/profile';
import { KTP_PREFILL_FIELDS } from '../../../shared/ktp/prefill';
import { fieldsSchema } from '../../../shared/fields/validate';
import { StepHeading } from '../../components/StepHeading';
import { useAntiRobot } from '../../components/anti-robot/use-anti-robot';
import { useLocale, useT } from '../../i18n/i18n';
import { FieldInput } from '../../fields/FieldInput';
import { fieldErrorText } from '../../fields/field-text';
import type { StepProps } from '../registry';
import { initialValues } from './prefill';
import { ScanCheck } from './ScanCheck';
import { FormSummary } from './FormSummary';
import { NikWarningBox } from './NikWarningBox';
import { useNikWarnings } from './use-nik-warnings';
import { useSoftChecks } from './use-soft-checks';
import { SoftWarningNote } from './SoftWarningNote';

export function FormStep({ step, profile, flow, complete, back, goto }: StepProps<'form'>) {
  const t = useT();
  const locale = useLocale();
  const defs = useMemo(() => fieldsOf(profile, step.fields), [profile, step]);
  const schema = useMemo(() => fieldsSchema(defs), [defs]);
  const defaults = useMemo(() => initialValues(defs, flow), [defs, flow]);
  const { register, control, handleSubmit, getValues, setValue, setFocus, formState: { errors, submitCount, touchedFields } } = useForm<Record<string, string>>({
    resolver: zodResolver(schema) as never,
    defaultValues: defaults,
    mode: 'onTouched',
  });
  const values = useWatch({ control });
  const warnings = useNikWarnings(defs, values);
  const warningKey = warnings.join(',');
  const [ack, setAck] = useState<{ key: string; checked: boolean }>(() => ({
    key: warningKey,
    checked: warnings.length > 0 && warnings.every((w) => flow.acknowledgedWarnings.includes(w)),
  }));
  // A different set of warnings needs a fresh confirmation.
  const acknowledged = ack.key === warningKey && ack.checked;
  const [showAckError, setShowAckError] = useState(false);
  const ackRef = useRef<HTMLInputElement>(null);
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [showScanError, setShowScanError] = useState(false);
  const robot = useAntiRobot(step.antiRobot, flow.robotCleared.includes(step.id));
  const soft = useSoftChecks(defs, values);
  const [busy, setBusy] = useState(false);
  const scanStep = stepOf(profile, 'ktp-scan');

  // A scanned value the applicant has neither ticked nor changed is still pending.
  const scanPending = (name: string): boolean => flow.uncertain.includes(name) && String(values[name] ?? '') === (flow.draft[name] ?? '');
  const scanResolved = (name: string): boolean => !scanPending(name) || checked.has(name);
  const errorOf = (name: string): string | undefined => {
    const e = errors[name];
    const def = defs.find((d) => d.name === name);
    return e && def ? fieldErrorText(t, locale, def, typeof e.message === 'string' ? e.message : undefined) : undefined;
  };
  const errorCount = Object.keys(errors).length;

  const onValid = async (): Promise<void> => {
    const unchecked = defs.map((d) => d.name).filter((n) => !scanResolved(n));
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
    if (soft.stop()) return;
    if (robot.validate()) return;
    setBusy(true);
    const earned = await robot.earn().finally(() => setBusy(false));
    if (!earned.ok) return;
    // The draft keeps what was typed (e.g. 0812…); Review and the queue take the normalised values.
    const draft = Object.fromEntries(defs.map((d) => [d.name, String(getValues(d.name) ?? '')]));
    complete({
      draft,
      // Checked (or changed) here: a later page showing the same field does not ask again.
      uncertain: flow.uncertain.filter((name) => !step.fields.includes(name)),
      ...(defs.some((d) => d.name === 'nik') ? { acknowledgedWarnings: acknowledged ? warnings : [] } : {}),
      ...(earned.pass ? { antiRobotPass: earned.pass, robotCleared: [...flow.robotCleared, step.id] } : {}),
    });
  };
  const submit = (event: FormEvent<HTMLFormElement>): void => {
    // A blank anti-robot answer is reported with the fields' errors; the first field in error keeps the focus.
    void handleSubmit(onValid, () => { robot.validate(false); })(event);
  };

  const card = flow.ktp && defs.some((d) => (KTP_PREFILL_FIELDS as readonly string[]).includes(d.name)) ? flow.ktp : null;

  return (
    <section className="step" aria-label={step.title[locale]}>
      <StepHeading step={step.id} />
      {step.intro ? <p className="step__intro" id={`${step.id}-intro`}>{step.intro[locale]}</p> : null}
      {flow.ktp && defs.some((d) => flow.draft[d.name] !== undefined) ? <p className="step__intro">{t('form.prefilled')}</p> : null}
      {step.notice ? <p className="warning" role="note">{step.notice[locale]}</p> : null}
      <div className={card ? 'form-layout form-layout--card' : 'form-layout'}>
        {card ? (
          // The card beside the values read from it (above them in portrait), to compare without picking it up again.
          <figure className="form__card">
            <img src={`data:image/jpeg;base64,${card.image.base64}`} alt={t('ktp.preview')} width={card.image.width} height={card.image.height} />
          </figure>
        ) : null}
        <div className="form-layout__main">
          {step.summary ? <FormSummary profile={profile} names={step.summary} draft={flow.draft} /> : null}
          {submitCount > 0 && errorCount > 0 ? (
            <div className="error-summary" role="alert">
              <p>{t('form.errorSummary', { count: errorCount })}</p>
              <ul>
                {defs.filter((d) => errors[d.name]).map((d) => (
                  <li key={d.name}>
                    <button type="button" className="link-button" onClick={() => setFocus(d.name)}>
                      {d.label[locale]}: {errorOf(d.name)}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <form noValidate onSubmit={submit} className="form form--fields">
            {defs.map((def) => (
              <div key={def.name} className={scanResolved(def.name) ? undefined : 'field--uncertain'}>
                <FieldInput def={def} error={errorOf(def.name)} register={register} control={control} />
                {/* Not while the value is still being typed: once the field is left, or on Lanjutkan. */}
                {(touchedFields[def.name] || submitCount > 0 ? soft.of(def.name) : []).map(({ warning, confirmed }) => (
                  <SoftWarningNote key={warning.code} warning={warning} label={def.label[locale]} confirmed={confirmed} showError={soft.showError}
                    onConfirm={(on) => soft.setConfirmed(warning, on)} onCorrect={(v) => setValue(def.name, v, { shouldValidate: true, shouldDirty: true })} />
                ))}
                {scanPending(def.name) ? (
                  <ScanCheck field={def.name} label={def.label[locale]} checked={checked.has(def.name)} showError={showScanError}
                    onChange={(on) => setChecked((prev) => { const next = new Set(prev); if (on) next.add(def.name); else next.delete(def.name); return next; })} />
                ) : null}
                {def.name === 'nik' && warnings.length > 0 ? (
                  <NikWarningBox ref={ackRef} warnings={warnings} nik={String(values.nik ?? '')} acknowledged={acknowledged} showError={showAckError}
                    onChange={(on) => { setAck({ key: warningKey, checked: on }); setShowAckError(false); }} />
                ) : null}
              </div>
            ))}
            {robot.element ? <div className="form__wide">{robot.element}</div> : null}
            <div className="actions form__wide">
              {scanStep && defs.some((d) => d.name === 'nik') ? (
                <button type="button" className="button" onClick={() => goto(scanStep.id)} disabled={busy}>{t('form.rescan')}</button>
              ) : null}
              {back ? <button type="button" className="button" onClick={back} disabled={busy}>{t('form.back')}</button> : null}
              <button type="submit" className="button button--primary" disabled={busy}>{t('form.next')}</button>
            </div>
          </form>
        </div>
      </div>
    </section>
  );
}
