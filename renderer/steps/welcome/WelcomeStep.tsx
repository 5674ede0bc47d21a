// Welcome: informed consent (UU PDP): the purpose and the controller are
// stated before any personal data is asked for.
import { useState } from 'react';
import type { Profile } from '../../../shared/profile';
import { StepHeading } from '../../components/StepHeading';
import { useT, type Locale } from '../../i18n/i18n';

export interface WelcomeStepProps {
  readonly profile: Profile;
  readonly locale: Locale;
  readonly consent: boolean;
  readonly onConsent: (consent: boolean) => void;
  readonly onStart: () => void;
  /** The operator helping this walk-in, when one started the registration for them. */
  readonly assistedBy?: string | null;
}

export function WelcomeStep({ profile, locale, consent, onConsent, onStart, assistedBy = null }: WelcomeStepProps) {
  const t = useT();
  const [showConsentError, setShowConsentError] = useState(false);
  const start = (): void => {
    if (consent) onStart();
    else setShowConsentError(true);
  };
  return (
    <section className="step" aria-labelledby="welcome-title">
      <StepHeading text={t('welcome.title')} />
      <p className="step__subtitle" id="welcome-title">{profile.title[locale]}</p>
      {assistedBy ? <p className="note" role="status">{t('welcome.assisted', { operator: assistedBy })}</p> : null}

      {profile.bring.length > 0 ? (
        <>
          <h2 className="section-title">{t('welcome.bringTitle')}</h2>
          <ul className="bring">
            {profile.bring.map((item) => <li key={item.id}>{item[locale]}</li>)}
          </ul>
        </>
      ) : null}

      <h2 className="section-title">{t('welcome.purposeTitle')}</h2>
      <p className="purpose">{profile.purpose[locale]}</p>
      <p className="purpose purpose--controller">{profile.controller[locale]}</p>

      <div className={`check${showConsentError && !consent ? ' check--invalid' : ''}`}>
        <input
          id="consent"
          type="checkbox"
          checked={consent}
          aria-describedby={showConsentError && !consent ? 'consent-error' : undefined}
          aria-invalid={showConsentError && !consent ? true : undefined}
          onChange={(e) => onConsent(e.target.checked)}
        />
        <label htmlFor="consent">{t('welcome.consent')}</label>
      </div>
      {showConsentError && !consent ? (
        <p id="consent-error" className="field__error" role="alert">{t('welcome.consentRequired')}</p>
      ) : null}

      <div className="actions">
        <button type="button" className="button button--primary" onClick={start}>{t('welcome.start')}</button>
      </div>
    </section>
  );
}
