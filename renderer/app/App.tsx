// The shell: loads the profile, runs the flow reducer, the idle timer and the step router. Which
// steps run, in which order, is the profile's list; each step type comes from the registry.
// Only the shell and Welcome are in the first chunk; every other screen is loaded on first use or
// ahead of it while Welcome shows (useWarmUp).
import { lazy, Suspense, useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import type { Profile } from '../../shared/profile';
import { api } from './api';
import { KioskError } from '../../shared/result';
import { flowReducer, flowRules, hasApplicantData, initialFlow, stepsOf, type Collected } from './flow';
import { StepsContext, type NumberedStep } from './steps-context';
import { StepProgress } from './StepProgress';
import { useIdleTimer } from './use-idle-timer';
import { IdleWarning } from './IdleWarning';
import { LanguageSwitch } from './LanguageSwitch';
import { SyncIndicator } from './SyncIndicator';
import { RestartButton } from './RestartButton';
import { TextSizeSwitch } from './TextSizeSwitch';
import { ScreenBoundary } from './ScreenBoundary';
import { LocaleProvider, translate } from '../i18n/i18n';
import { lazyStep, stepDefinition } from '../steps/registry';
import '../steps/all';
import { WelcomeStep } from '../steps/welcome/WelcomeStep';
import { ProfileStepView } from './ProfileStepView';
import { useWarmUp } from './warm-up';
import { useOperatorEntry } from '../operator/use-operator-entry';
import type { Assist } from '../operator/AssistButton';
import { usePoll } from './use-poll';
import { IntakeClosed } from './IntakeClosed';

/** How often Welcome asks whether intake is open (a freeze lifts after a sync, within this). */
const INTAKE_POLL_MS = 10_000;

/** The operator's screen: its own chunk, loaded only when an operator opens it. */
const OperatorScreen = lazy(() => import('../operator/OperatorScreen').then((m) => ({ default: m.OperatorScreen })));

const ReviewStep = lazyStep(() => import('../steps/review/ReviewStep').then((m) => m.ReviewStep));
const DoneStep = lazyStep(() => import('../steps/done/DoneStep').then((m) => m.DoneStep));
const TouchKeyboard = lazyStep(() => import('../keyboard/TouchKeyboard').then((m) => m.TouchKeyboard));
const AFTER_STEPS = [ReviewStep.preload, DoneStep.preload];

type Startup = { state: 'loading' } | { state: 'failed'; reason: 'startup.failed' | 'startup.noSession' } | { state: 'ready'; profile: Profile; touch: boolean };

export function App() {
  const [startup, setStartup] = useState<Startup>({ state: 'loading' });
  useEffect(() => {
    Promise.all([api.profile.get(undefined), api.settings.get(undefined)]).then(
      ([profile, settings]) => setStartup({ state: 'ready', profile, touch: settings.touchKeyboard }),
      // `forbidden`: the browser host does not know this page (its launch link was already used).
      (error: unknown) => setStartup({ state: 'failed', reason: error instanceof KioskError && error.code === 'forbidden' ? 'startup.noSession' : 'startup.failed' }),
    );
  }, []);
  if (startup.state !== 'ready') {
    return (
      <main className="startup" aria-busy={startup.state === 'loading'}>
        <p role={startup.state === 'failed' ? 'alert' : 'status'}>
          {translate('id', startup.state === 'loading' ? 'startup.loading' : startup.reason)}
        </p>
      </main>
    );
  }
  return <Flow profile={startup.profile} touch={startup.touch} />;
}

function Flow({ profile, touch }: { profile: Profile; touch: boolean }) {
  const rules = useMemo(() => flowRules(profile), [profile]);
  const reducer = useMemo(() => flowReducer(rules), [rules]);
  const [flow, dispatch] = useReducer(reducer, undefined, () => initialFlow(stepsOf(profile)));
  /** A walk-in the operator started this registration for; forgotten with the applicant's data. */
  const [assist, setAssist] = useState<Assist | null>(null);
  const wipe = useCallback(() => {
    dispatch({ type: 'wipe' });
    setAssist(null);
    window.scrollTo(0, 0);
  }, []);
  useWarmUp(profile, AFTER_STEPS, flow.step === 'welcome');
  const idle = useIdleTimer(hasApplicantData(flow), profile.idleTimeoutSeconds * 1000, profile.idleWarningSeconds * 1000, wipe);
  const numbered = useMemo<NumberedStep[]>(() => {
    const t = (key: string) => translate(flow.locale, key);
    return [
      ...profile.steps.map((s) => ({ id: s.id, title: stepDefinition(s.type).title(s as never, flow.locale, t) })),
      { id: 'review', title: t('steps.review') },
      { id: 'done', title: t('steps.done') },
    ];
  }, [profile, flow.locale]);

  useEffect(() => {
    document.documentElement.lang = flow.locale;
  }, [flow.locale]);

  const complete = useCallback((collected: Partial<Collected>) => {
    dispatch({ type: 'complete', step: flow.step, collected, submissionId: crypto.randomUUID() });
  }, [flow.step]);
  const previous = flow.steps[flow.steps.indexOf(flow.step) - 1];
  const back = previous !== undefined && rules.revisit.has(previous) ? () => dispatch({ type: 'back' }) : null;
  const current = profile.steps.find((s) => s.id === flow.step);
  // Only from Welcome: no applicant's step ever opens the operator's screen.
  const [operator, setOperator] = useState(false);
  useOperatorEntry(flow.step === 'welcome' && !operator, () => setOperator(true));
  // A freeze closes Welcome only: an applicant already past it finishes (their data is safer queued).
  const intake = usePoll(() => api.intake.status(undefined), INTAKE_POLL_MS);
  const closed = flow.step === 'welcome' && intake?.open === false;

  if (operator) {
    return (
      <LocaleProvider locale="id">
        <Suspense fallback={null}><OperatorScreen onClose={() => setOperator(false)} onAssist={(a) => { setAssist(a); setOperator(false); }} /></Suspense>
      </LocaleProvider>
    );
  }

  return (
    <LocaleProvider locale={flow.locale}>
     <StepsContext.Provider value={numbered}>
      <header className="header">
        {/* The name beside it says what the logo would: it is decoration to a screen reader. */}
        {profile.logo ? <img className="header__logo" src={profile.logo} alt="" /> : null}
        <span className="header__title">{profile.title[flow.locale]}</span>
        <StepProgress current={flow.step} />
        <SyncIndicator />
        <TextSizeSwitch session={flow.session} />
        <LanguageSwitch locale={flow.locale} onLocale={(locale) => dispatch({ type: 'set-locale', locale })} />
        {flow.step !== 'welcome' && flow.step !== 'done' ? <RestartButton onRestart={wipe} /> : null}
      </header>
      <main className="main" key={flow.session}>
       {/* A screen whose chunk is still loading shows nothing for that moment (a local file). */}
       <ScreenBoundary locale={flow.locale}>
       <Suspense fallback={null}>
        {closed ? <IntakeClosed /> : null}
        {flow.step === 'welcome' && !closed ? (
          <WelcomeStep
            profile={profile}
            locale={flow.locale}
            consent={flow.consent}
            onConsent={(consent) => dispatch({ type: 'set-consent', consent })}
            onStart={() => dispatch({ type: 'start' })}
            assistedBy={assist?.operator ?? null}
          />
        ) : null}
        {current ? (
          <ProfileStepView key={current.id} step={current} profile={profile} flow={flow} complete={complete} back={back} finish={wipe}
            goto={(step) => dispatch({ type: 'goto', step })} />
        ) : null}
        {flow.step === 'review' && flow.submissionId ? (
          <ReviewStep
            profile={profile}
            flow={flow}
            assist={assist?.token ?? null}
            onBack={back}
            onPassRefused={() => dispatch({ type: 'pass-refused' })}
            onReverify={() => dispatch({ type: 'reverify' })}
            onEdit={(step) => dispatch({ type: 'edit', step })}
            onSubmitted={(receipt) => dispatch({ type: 'submitted', receipt })}
          />
        ) : null}
        {flow.step === 'done' && flow.receipt ? <DoneStep profile={profile} receipt={flow.receipt} onFinish={wipe} /> : null}
       </Suspense>
       </ScreenBoundary>
      </main>
      {touch ? <Suspense fallback={null}><TouchKeyboard /></Suspense> : null}
      <IdleWarning secondsLeft={idle.secondsLeft} onStay={idle.stillHere} />
     </StepsContext.Provider>
    </LocaleProvider>
  );
}
