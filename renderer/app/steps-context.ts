// The profile's steps with their titles in the applicant's language, for the components that number
// them (header progress, step headings): Langkah 1…n, Welcome not counted.
import { createContext, useContext } from 'react';

export interface NumberedStep {
  readonly id: string;
  readonly title: string;
}

export const StepsContext = createContext<readonly NumberedStep[]>([]);

export function useNumberedSteps(): readonly NumberedStep[] {
  return useContext(StepsContext);
}
