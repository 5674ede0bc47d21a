// What one step shows of itself on Review, through its registered Review component (if any).
import type { Profile, ProfileStep } from '../../../shared/profile';
import type { FlowState } from '../../app/flow';
import { stepDefinition } from '../registry';

export function StepReview({ step, profile, flow }: { step: ProfileStep; profile: Profile; flow: FlowState }) {
  const Review = stepDefinition(step.type).Review as ((props: { step: ProfileStep; profile: Profile; flow: FlowState }) => React.ReactNode) | undefined;
  return Review ? <Review step={step} profile={profile} flow={flow} /> : null;
}
