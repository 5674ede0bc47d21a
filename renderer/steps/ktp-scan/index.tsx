import type { StepProps } from '../registry';
import { lazyStep, registerStep } from '../registry';
import { useT } from '../../i18n/i18n';

const KtpScanStep = lazyStep(() => import('./KtpScanStep').then((m) => m.KtpScanStep));

/** The reading prefills only the fields this profile has (by name). */
function KtpScan({ profile, flow, complete }: StepProps<'ktp-scan'>) {
  const names = new Set(profile.fields.map((f) => f.name));
  return (
    <KtpScanStep
      onDone={(prefill, uncertain, ktp) => complete({
        draft: Object.fromEntries(Object.entries(prefill).filter(([name]) => names.has(name))),
        uncertain: uncertain.filter((name) => names.has(name)),
        ktp,
      })}
      // Skipping a rescan keeps the card scanned before.
      onSkip={() => complete(flow.ktp ? {} : { ktp: null, uncertain: [] })}
    />
  );
}

function KtpReview({ flow }: { flow: StepProps<'ktp-scan'>['flow'] }) {
  const t = useT();
  if (!flow.ktp) return null;
  return (
    <figure>
      <img className="review__ktp" src={`data:image/jpeg;base64,${flow.ktp.image.base64}`} alt={t('ktp.preview')}
        width={flow.ktp.image.width} height={flow.ktp.image.height} />
    </figure>
  );
}

registerStep({
  type: 'ktp-scan',
  title: (_step, _locale, t) => t('steps.ktp'),
  Component: KtpScan,
  Review: KtpReview,
  contribute: (flow) => (flow.ktp ? { ktp: flow.ktp } : {}),
  // The first scan would otherwise wait for three OCR workers to start and read for the first time,
  warmUp: () => Promise.all([KtpScanStep.preload(), import('./browser-ocr-engine').then((m) => m.warmUpBrowserOcr())]),
  // and for V8 to compile the pipeline's own code.
  rehearse: (stopped) => import('./browser-ocr-engine').then((m) => m.rehearseBrowserOcr(stopped)),
});
