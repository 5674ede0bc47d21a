import { registerStep } from '../registry';
import { FormStep } from './FormStep';

registerStep({ type: 'form', title: (step, locale) => step.title[locale], Component: FormStep });
