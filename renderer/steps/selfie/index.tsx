import type { SelfieRecord } from '../../../shared/face/selfie-record';
import type { StepProps } from '../registry';
import { lazyStep, registerStep } from '../registry';
import { useT } from '../../i18n/i18n';

const SelfieStep = lazyStep(() => import('./SelfieStep').then((m) => m.SelfieStep));

/**
 * The advisory comparison, if it finishes in time: never worth keeping the applicant long. It runs
 * while the applicant fills Data Akun; without a GPU it takes ~8–11 s (measured in the tests'
 * Chromium, competing with the password hashing), so only a very quick applicant ever waits.
 */
const MATCH_WAIT_MS = 20_000;
async function settled(match: Promise<SelfieRecord['match']> | null): Promise<SelfieRecord['match']> {
  if (!match) return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([match, new Promise<null>((ok) => { timer = setTimeout(() => ok(null), MATCH_WAIT_MS); })]);
  } finally {
    clearTimeout(timer);
  }
}

function Selfie({ step, flow, complete, back }: StepProps<'selfie'>) {
  return <SelfieStep liveness={step.liveness} ktp={flow.ktp} onDone={(selfie, match) => complete({ selfie, selfieMatch: match })} onBack={back ?? (() => {})} />;
}

function SelfieReview({ flow }: { flow: StepProps<'selfie'>['flow'] }) {
  const t = useT();
  if (!flow.selfie) return null;
  return (
    <figure>
      <img className="review__ktp" src={`data:image/jpeg;base64,${flow.selfie.image.base64}`} alt={t('review.selfie')}
        width={flow.selfie.image.width} height={flow.selfie.image.height} />
      <figcaption>{t('review.selfie')}</figcaption>
    </figure>
  );
}

registerStep({
  type: 'selfie',
  title: (_step, _locale, t) => t('steps.selfie'),
  Component: Selfie,
  Review: SelfieReview,
  contribute: async (flow) => (flow.selfie ? { selfie: { ...flow.selfie, match: await settled(flow.selfieMatch) } } : {}),
  // face-api with tfjs (1.3 MB), its three models and a first inference, otherwise paid at the camera.
  warmUp: () => Promise.all([SelfieStep.preload(), import('./face-engine').then((m) => m.warmUpFaceModels())]),
});
