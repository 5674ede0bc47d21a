// Pengecekan Ulang Data. Everything entered (identity, selfie, account without its secrets),
// "Kembali" to correct it, "Proses Pendaftaran" behind an Iya/Tidak confirmation. The submission id is fixed for this applicant, so
// a double tap or a retry after an error queues at most one record.
import { useRef, useState } from 'react';
import type { Profile } from '../../../shared/profile';
import type { Identity, IdentityField } from '../../../shared/identity/schema';
import type { NikWarning } from '../../../shared/identity/warnings';
import { parseIsoDate, toDisplayDate } from '../../../shared/identity/dates';
import type { Receipt } from '../../../shared/submission';
import { KioskError } from '../../../shared/result';
import type { KtpRecord } from '../../../shared/ktp/ktp-record';
import type { SelfieRecord } from '../../../shared/face/selfie-record';
import type { AccountRecord } from '../../../shared/account/account-record';
import { api } from '../../app/api';
import { ModalDialog } from '../../components/ModalDialog';
import { StepHeading } from '../../components/StepHeading';
import { hasMessage, useT, type Locale, type Translate } from '../../i18n/i18n';

export interface ReviewStepProps {
  readonly profile: Profile;
  readonly identity: Identity;
  readonly acknowledgedWarnings: readonly NikWarning[];
  readonly ktp: KtpRecord | null;
  readonly selfie: SelfieRecord | null;
  readonly selfieMatch: Promise<SelfieRecord['match']> | null;
  readonly account: AccountRecord | null;
  readonly antiRobotPass: string | null;
  readonly submissionId: string;
  readonly locale: Locale;
  readonly onBack: () => void;
  /** The anti-robot pass expired before submission: the account step must ask again. */
  readonly onPassRefused: () => void;
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

/**
 * The advisory comparison, if it finishes in time: never worth keeping the applicant long. It runs
 * while the applicant fills Data Akun; without a GPU it takes ~8–11 s (measured in the tests'
 * Chromium, competing with the password hashing), so only a very quick applicant ever waits.
 */
const MATCH_WAIT_MS = 20_000;
async function settled(match: Promise<SelfieRecord['match']> | null): Promise<SelfieRecord['match']> {
  if (!match) return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([match, new Promise<null>((ok) => { timer = setTimeout(() => ok(null), MATCH_WAIT_MS); })]);
  } finally {
    clearTimeout(timer);
  }
}

function submitErrorText(t: Translate, error: unknown): string {
  const key = `submitErrors.${error instanceof KioskError ? error.code : 'generic'}`;
  return t(hasMessage(key) ? key : 'submitErrors.generic');
}

export function ReviewStep(props: ReviewStepProps) {
  const { profile, identity, acknowledgedWarnings, ktp, selfie, selfieMatch, account, antiRobotPass, submissionId, locale, onBack, onPassRefused, onSubmitted } = props;
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
        ...(selfie ? { selfie: { ...selfie, match: await settled(selfieMatch) } } : {}),
        ...(account ? { account } : {}),
        ...(antiRobotPass ? { antiRobotPass } : {}),
      });
      onSubmitted(receipt);
    } catch (e) {
      if (e instanceof KioskError && e.code === 'anti-robot-required') { onPassRefused(); return; }
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
      <div className="review__images">
        {selfie ? (
          <figure>
            <img className="review__ktp" src={`data:image/jpeg;base64,${selfie.image.base64}`} alt={t('review.selfie')}
              width={selfie.image.width} height={selfie.image.height} />
            <figcaption>{t('review.selfie')}</figcaption>
          </figure>
        ) : null}
        {ktp ? (
          <figure>
            <img className="review__ktp" src={`data:image/jpeg;base64,${ktp.image.base64}`} alt={t('ktp.preview')}
              width={ktp.image.width} height={ktp.image.height} />
          </figure>
        ) : null}
      </div>
      <dl className="review">
        {profile.fields.map(({ name }) => (
          <div key={name} className="review__row">
            <dt>{t(`fields.${name}`)}</dt>
            <dd>{displayValue(t, name, identity[name])}</dd>
          </div>
        ))}
      </dl>
      {account && profile.account ? (
        <dl className="review">
          <div className="review__row"><dt>{t('review.account')}</dt><dd>{t('review.passwordSet')}</dd></div>
          {account.securityAnswers.map((a, i) => (
            <div key={a.questionId} className="review__row">
              <dt>{t('account.question', { n: i + 1 })}</dt>
              <dd>{profile.account?.securityQuestions.find((q) => q.id === a.questionId)?.text[locale] ?? a.questionId}</dd>
            </div>
          ))}
        </dl>
      ) : null}
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
