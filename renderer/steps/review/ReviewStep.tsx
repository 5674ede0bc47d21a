// Langkah 2: Pengecekan Ulang Data. Everything entered, "Kembali" to correct it, "Proses
// Pendaftaran" behind an Iya/Tidak confirmation. The submission id is fixed for this applicant, so
// a double tap or a retry after an error queues at most one record.
import { useRef, useState } from 'react';
import type { Profile } from '../../../shared/profile';
import type { Identity, IdentityField } from '../../../shared/identity/schema';
import type { NikWarning } from '../../../shared/identity/warnings';
import { parseIsoDate, toDisplayDate } from '../../../shared/identity/dates';
import type { Receipt } from '../../../shared/submission';
import { KioskError } from '../../../shared/result';
import type { KtpRecord } from '../../../shared/ktp/ktp-record';
import { api } from '../../app/api';
import { ModalDialog } from '../../components/ModalDialog';
import { StepHeading } from '../../components/StepHeading';
import { hasMessage, useT, type Locale, type Translate } from '../../i18n/i18n';

export interface ReviewStepProps {
  readonly profile: Profile;
  readonly identity: Identity;
  readonly acknowledgedWarnings: readonly NikWarning[];
  readonly ktp: KtpRecord | null;
  readonly submissionId: string;
  readonly locale: Locale;
  readonly onBack: () => void;
  readonly onSubmitted: (receipt: Receipt) => void;
}

function displayValue(t: Translate, name: IdentityField, value: string | undefined): string {
  if (!value) return '—';
  if (name === 'tanggalLahir') {
    const d = parseIsoDate(value);
    return d ? toDisplayDate(d) : value;
  }
  if (name === 'jenisKelamin' && (value === 'L' || value === 'P')) return t(`fields.jenisKelamin.${value}`);
  return value;
}

function submitErrorText(t: Translate, error: unknown): string {
  const key = `submitErrors.${error instanceof KioskError ? error.code : 'generic'}`;
  return t(hasMessage(key) ? key : 'submitErrors.generic');
}

export function ReviewStep(props: ReviewStepProps) {
  const { profile, identity, acknowledgedWarnings, ktp, submissionId, locale, onBack, onSubmitted } = props;
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A ref, not state: two taps in the same frame both see it before React re-renders.
  const inFlight = useRef(false);

  const submit = async (): Promise<void> => {
    if (inFlight.current) return;
    inFlight.current = true;
    setSubmitting(true);
    setError(null);
    try {
      const { receipt } = await api.queue.submit({
        id: submissionId,
        profileId: profile.id,
        locale,
        identity,
        acknowledgedWarnings: [...acknowledgedWarnings],
        ...(ktp ? { ktp } : {}),
      });
      onSubmitted(receipt);
    } catch (e) {
      setConfirming(false);
      setError(submitErrorText(t, e));
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  };

  return (
    <section className="step" aria-labelledby="review-intro">
      <StepHeading step="review" />
      <p className="step__intro" id="review-intro">{t('review.intro')}</p>
      {ktp ? (
        <img className="review__ktp" src={`data:image/jpeg;base64,${ktp.image.base64}`} alt={t('ktp.preview')}
          width={ktp.image.width} height={ktp.image.height} />
      ) : null}
      <dl className="review">
        {profile.fields.map(({ name }) => (
          <div key={name} className="review__row">
            <dt>{t(`fields.${name}`)}</dt>
            <dd>{displayValue(t, name, identity[name])}</dd>
          </div>
        ))}
      </dl>
      {acknowledgedWarnings.length > 0 ? (
        <ul className="review__warnings">
          {acknowledgedWarnings.map((w) => <li key={w}>{t('review.warningConfirmed', { warning: t(`warnings.${w}`) })}</li>)}
        </ul>
      ) : null}
      {error ? <p className="submit-error" role="alert">{error}</p> : null}
      <div className="actions">
        <button type="button" className="button" onClick={onBack} disabled={submitting}>{t('review.back')}</button>
        <button type="button" className="button button--primary" onClick={() => setConfirming(true)} disabled={submitting}>
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
