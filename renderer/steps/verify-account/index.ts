import { registerStep } from '../registry';
import { VerifyAccountStep } from './VerifyAccountStep';

registerStep({
  type: 'verify-account',
  title: (step, locale) => step.title[locale],
  Component: VerifyAccountStep,
  contribute: (flow) => (flow.verification ? { verification: { assertion: flow.verification.assertion } } : {}),
});
