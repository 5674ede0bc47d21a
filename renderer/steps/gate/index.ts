import { lazyStep, registerStep } from '../registry';

const GateStep = lazyStep(() => import('./GateStep').then((m) => m.GateStep));

registerStep({ type: 'gate', title: (step, locale) => step.title[locale], Component: GateStep, warmUp: GateStep.preload });
