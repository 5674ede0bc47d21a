// Pengecekan Ulang Data. Every field in the profile's review groups and order (SSCASN: KTP, then
// Ijazah), what the other steps show of themselves (selfie, scan, account without its secrets),
// "Kembali" to correct it, "Proses Pendaftaran" behind an Iya/Tidak confirmation. The submission id
// is fixed for this applicant, so a double tap or a retry after an error queues at most one record.
import { useMemo, useRef, useState } from 'react';
import type { Profile } from '../../../shared/profile';
import { fieldsOf } from '../../../shared/profile';
import { fieldsSchema } from '../../../shared/fields/validate';
import type { Receipt, Submission } from '../../../shared/submission';
import { KioskError } from '../../../shared/result';
import { api } from '../../app/api';
import type { FlowState } from '../../app/flow';
import { ModalDialog } from '../../components/ModalDialog';
import { StepHeading } from '../../components/StepHeading';
import { displayValue } from '../../fields/field-text';
import { hasMessage, useLocale, useT, type Translate } from '../../i18n/i18n';
import { stepDefinition } from '../registry';
import { StepReview } from './StepReview';
import { EditButton } from './EditButton';

export interface ReviewStepProps {
  readonly profile: Profile;
  readonly flow: FlowState;
  /** The operator's one-use token when an operator started this registration for a walk-in. */
  readonly assist: string | null;
  /** Null when the last data step cannot be revisited. */
  readonly onBack: (() => void) | null;
  /** The anti-robot pass expired before submission: the page with the check must ask again. */
  readonly onPassRefused: () => void;
  /** The account verification expired before submission: verify again. */
  readonly onReverify: () => void;
  /** "Ubah": correct the step that holds a group's fields, then come back here. */
  readonly onEdit: (step: string) => void;
  readonly onSubmitted: (receipt: Receipt) => void;
}

function submitErrorText(t: Translate, profile: Profile, locale: 'id' | 'en', error: unknown): string {
  const code = error instanceof KioskError ? error.code : 'generic';
  const unique = profile.fields.find((f) => f.name === profile.uniqueField);
  const key = `submitErrors.${code}`;
  return t(hasMessage(key) ? key : 'submitErrors.generic', { field: unique?.label[locale] ?? 'NIK' });
}

export function ReviewStep({ profile, flow, assist, onBack, onPassRefused, onReverify, onEdit, onSubmitted }: ReviewStepProps) {
  const t = useT();
  const locale = useLocale();
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A ref, not state: two taps in the same frame both see it before React re-renders.
  const inFlight = useRef(false);
  // Every page validated its own fields: this only normalises them (0812… → +62812…).
  const fields = useMemo(() => fieldsSchema(profile.fields).safeParse(flow.draft), [profile, flow.draft]);

  const submit = async (): Promise<void> => {
    if (inFlight.current || !fields.success || !flow.submissionId) return;
    inFlight.current = true;
    setSubmitting(true);
    setError(null);
    try {
      let submission: Submission = {
        id: flow.submissionId, profileId: profile.id, profileVersion: profile.version, locale,
        fields: fields.data, acknowledgedWarnings: [...flow.acknowledgedWarnings],
        ...(flow.antiRobotPass ? { antiRobotPass: flow.antiRobotPass } : {}),
        ...(assist ? { assist } : {}),
      };
      for (const step of profile.steps) {
        const contribute = stepDefinition(step.type).contribute;
        if (contribute) submission = { ...submission, ...(await contribute(flow)) };
      }
      const { receipt } = await api.queue.submit(submission);
      onSubmitted(receipt);
    } catch (e) {
      if (e instanceof KioskError && e.code === 'anti-robot-required') { onPassRefused(); return; }
      if (e instanceof KioskError && e.code === 'verification-expired') { onReverify(); return; }
      setConfirming(false);
      setError(submitErrorText(t, profile, locale, e));
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  };

  return (
    <section className="step" aria-labelledby="review-intro">
      <StepHeading step="review" />
      <p className="step__intro" id="review-intro">{t('review.intro')}</p>
      {profile.review.groups.map((group, i) => (
        <section key={i} className="review__group" aria-label={group.title[locale]}>
          <div className="review__head">
            <h2 className="review__title">{group.title[locale]}</h2>
            <EditButton profile={profile} fields={group.fields} title={group.title[locale]} onEdit={onEdit} disabled={submitting} />
          </div>
          <dl className="review">
            {fieldsOf(profile, group.fields).map((def) => (
              <div key={def.name} className="review__row">
                <dt>{def.label[locale]}</dt>
                <dd>{displayValue(locale, def, fields.success ? fields.data[def.name] : flow.draft[def.name])}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <div className="review__steps">
        {profile.steps.map((step) => <StepReview key={step.id} step={step} profile={profile} flow={flow} />)}
      </div>
      {flow.acknowledgedWarnings.length > 0 ? (
        <ul className="review__warnings">
          {flow.acknowledgedWarnings.map((w) => <li key={w}>{t('review.warningConfirmed', { warning: t(`warnings.${w}`) })}</li>)}
        </ul>
      ) : null}
      {!fields.success ? <p className="submit-error" role="alert">{t('submitErrors.invalid-input')}</p> : null}
      {error ? <p className="submit-error" role="alert">{error}</p> : null}
      <div className="actions">
        {onBack ? <button type="button" className="button" onClick={onBack} disabled={submitting}>{t('review.back')}</button> : null}
        <button type="button" className="button button--primary" onClick={() => setConfirming(true)} disabled={submitting || !fields.success}>
          {error ? t('submitErrors.retry') : t('review.submit')}
        </button>
      </div>

      <ModalDialog open={confirming} title={t('review.confirmTitle')} onCancel={() => { if (!submitting) setConfirming(false); }}>
        <p className="dialog__text">{submitting ? t('review.submitting') : t('review.confirmText')}</p>
        <div className="actions">
          <button type="button" className="button" onClick={() => setConfirming(false)} disabled={submitting} autoFocus>
            {t('review.no')}
          </button>
          <button type="button" className="button button--primary" onClick={() => void submit()} disabled={submitting} aria-busy={submitting}>
            {t('review.yes')}
          </button>
        </div>
      </ModalDialog>
    </section>
  );
}
