// The one instruction under the selfie camera, from the live check's latest finding.
import type { TurnHeadLiveness } from '../../../shared/face/liveness';
import type { MessageKey } from '../../i18n/i18n';
import type { LiveFaceHint } from './use-live-face';

/**
 * The one instruction under the camera: what is wrong first, then the head turn, then "take the
 * photo". A turned head is what the prompt asks for, so it is not called a problem while it runs.
 */
export function instruction(hint: LiveFaceHint, liveness: Pick<TurnHeadLiveness, 'direction'> | null): MessageKey {
  if (!hint.checked) return 'selfie.liveChecking';
  if (hint.problem && hint.problem !== 'notFacing') return `selfie.problems.${hint.problem}`;
  if (liveness && !hint.livenessPassed) return `selfie.liveness.${liveness.direction}`;
  if (hint.problem) return `selfie.problems.${hint.problem}`;
  return liveness ? 'selfie.liveness.done' : 'selfie.liveReady';
}
