import { registerStep } from '../registry';
import { GateStep } from './GateStep';

registerStep({ type: 'gate', title: (step, locale) => step.title[locale], Component: GateStep });
