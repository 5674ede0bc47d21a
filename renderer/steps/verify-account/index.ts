import { lazyStep, registerStep } from '../registry';

const VerifyAccountStep = lazyStep(() => import('./VerifyAccountStep').then((m) => m.VerifyAccountStep));

registerStep({
  type: 'verify-account',
  title: (step, locale) => step.title[locale],
  Component: VerifyAccountStep,
  warmUp: VerifyAccountStep.preload,
  contribute: (flow) => (flow.verification ? { verification: { assertion: flow.verification.assertion } } : {}),
});
