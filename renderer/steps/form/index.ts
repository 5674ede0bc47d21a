import { lazyStep, registerStep } from '../registry';

const FormStep = lazyStep(() => import('./FormStep').then((m) => m.FormStep));

registerStep({ type: 'form', title: (step, locale) => step.title[locale], Component: FormStep, warmUp: FormStep.preload });
