// The shell: loads the profile, runs the flow reducer, the idle timer and the step router.
import { useCallback, useEffect, useReducer, useState } from 'react';
import type { Profile } from '../../shared/profile';
import { api } from './api';
import { flowReducer, hasApplicantData, initialFlow, stepsOf } from './flow';
import { StepsContext } from './steps-context';
import { StepProgress } from './StepProgress';
import { useIdleTimer } from './use-idle-timer';
import { IdleWarning } from './IdleWarning';
import { LanguageSwitch } from './LanguageSwitch';
import { SyncIndicator } from './SyncIndicator';
import { LocaleProvider, translate } from '../i18n/i18n';
import { WelcomeStep } from '../steps/welcome/WelcomeStep';
import { KtpScanStep } from '../steps/ktp-scan/KtpScanStep';
import { IdentityStep } from '../steps/identity/IdentityStep';
import { SelfieStep } from '../steps/selfie/SelfieStep';
import { AccountStep } from '../steps/account/AccountStep';
import { ReviewStep } from '../steps/review/ReviewStep';
import { DoneStep } from '../steps/done/DoneStep';

type Startup = { state: 'loading' } | { state: 'failed' } | { state: 'ready'; profile: Profile };

export function App() {
  const [startup, setStartup] = useState<Startup>({ state: 'loading' });
  useEffect(() => {
    api.profile.get(undefined).then(
      (profile) => setStartup({ state: 'ready', profile }),
      () => setStartup({ state: 'failed' }),
    );
  }, []);
  if (startup.state !== 'ready') {
    return (
      <main className="startup" aria-busy={startup.state === 'loading'}>
        <p role={startup.state === 'failed' ? 'alert' : 'status'}>
          {translate('id', startup.state === 'loading' ? 'startup.loading' : 'startup.failed')}
        </p>
      </main>
    );
  }
  return <Flow profile={startup.profile} />;
}

function Flow({ profile }: { profile: Profile }) {
  const [flow, dispatch] = useReducer(flowReducer, undefined, () => initialFlow(stepsOf(profile)));
  const wipe = useCallback(() => {
    dispatch({ type: 'wipe' });
    window.scrollTo(0, 0);
  }, []);
  const idle = useIdleTimer(hasApplicantData(flow), profile.idleTimeoutSeconds * 1000, profile.idleWarningSeconds * 1000, wipe);

  useEffect(() => {
    document.documentElement.lang = flow.locale;
  }, [flow.locale]);

  return (
    <LocaleProvider locale={flow.locale}>
     <StepsContext.Provider value={flow.steps}>
      <header className="header">
        <span className="header__title">{profile.title[flow.locale]}</span>
        <StepProgress current={flow.step} />
        <SyncIndicator />
        <LanguageSwitch locale={flow.locale} onLocale={(locale) => dispatch({ type: 'set-locale', locale })} />
      </header>
      <main className="main" key={flow.session}>
        {flow.step === 'welcome' ? (
          <WelcomeStep
            profile={profile}
            locale={flow.locale}
            consent={flow.consent}
            onConsent={(consent) => dispatch({ type: 'set-consent', consent })}
            onStart={() => dispatch({ type: 'start' })}
          />
        ) : null}
        {flow.step === 'ktp' ? (
          <KtpScanStep
            onDone={(prefill, uncertain, ktp) => dispatch({ type: 'ktp-done', prefill, uncertain, ktp })}
            onSkip={() => dispatch({ type: 'ktp-skip' })}
          />
        ) : null}
        {flow.step === 'identity' ? (
          <IdentityStep
            profile={profile}
            draft={flow.draft}
            acknowledgedWarnings={flow.acknowledgedWarnings}
            uncertain={flow.uncertain}
            prefilled={flow.ktp !== null}
            onDone={(draft, identity, acknowledgedWarnings) =>
              dispatch({ type: 'identity-done', draft, identity, acknowledgedWarnings, submissionId: crypto.randomUUID() })}
          />
        ) : null}
        {flow.step === 'selfie' ? (
          <SelfieStep
            profile={profile}
            ktp={flow.ktp}
            onDone={(selfie, match) => dispatch({ type: 'selfie-done', selfie, match })}
            onBack={() => dispatch({ type: 'back' })}
          />
        ) : null}
        {flow.step === 'account' && profile.account && flow.identity ? (
          <AccountStep
            settings={profile.account}
            identity={flow.identity}
            existing={flow.account}
            existingPass={flow.antiRobotPass}
            onDone={(account, antiRobotPass) => dispatch({ type: 'account-done', account, antiRobotPass })}
            onBack={() => dispatch({ type: 'back' })}
          />
        ) : null}
        {flow.step === 'review' && flow.identity && flow.submissionId ? (
          <ReviewStep
            profile={profile}
            identity={flow.identity}
            acknowledgedWarnings={flow.acknowledgedWarnings}
            ktp={flow.ktp}
            selfie={flow.selfie}
            selfieMatch={flow.selfieMatch}
            account={flow.account}
            antiRobotPass={flow.antiRobotPass}
            submissionId={flow.submissionId}
            locale={flow.locale}
            onBack={() => dispatch({ type: 'back' })}
            onPassRefused={() => dispatch({ type: 'pass-refused' })}
            onSubmitted={(receipt) => dispatch({ type: 'submitted', receipt })}
          />
        ) : null}
        {flow.step === 'done' && flow.receipt ? <DoneStep receipt={flow.receipt} onFinish={wipe} /> : null}
      </main>
      <IdleWarning secondsLeft={idle.secondsLeft} onStay={idle.stillHere} />
     </StepsContext.Provider>
    </LocaleProvider>
  );
}
