// The profile's steps, for the components that number them (header progress, step headings).
import { createContext, useContext } from 'react';
import { numberedSteps, STEPS, type NumberedStep, type Step } from './flow';

export const StepsContext = createContext<readonly Step[]>(STEPS);

export function useNumberedSteps(): NumberedStep[] {
  return numberedSteps(useContext(StepsContext));
}
