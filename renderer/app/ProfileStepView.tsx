// Renders one of the profile's steps through the component its type registered.
import type { ComponentType } from 'react';
import type { ProfileStep } from '../../shared/profile';
import { stepDefinition, type StepProps } from '../steps/registry';

export function ProfileStepView(props: Omit<StepProps<ProfileStep['type']>, 'step'> & { step: ProfileStep }) {
  // The registry pairs each type with the component for that type's settings.
  const Component = stepDefinition(props.step.type).Component as ComponentType<typeof props>;
  return <Component {...props} />;
}
