// The advisory face evidence in plain words, with what it can and cannot prove.
import type { SelfieRecord } from '../../shared/face/selfie-record';
import { useT } from '../i18n/use-t';

export function FaceEvidence({ selfie }: { selfie: SelfieRecord }) {
  const t = useT();
  const liveness = selfie.liveness.prompt === 'off' ? t('record.livenessOff') : selfie.liveness.passed ? t('record.livenessPassed') : t('record.livenessFailed');
  return (
    <section aria-labelledby="face-title" className="bo-card">
      <h2 id="face-title">{t('record.face')}</h2>
      <p>{selfie.match ? t('record.similarity', { value: `${Math.round(selfie.match.similarity * 100)} %` }) : t('record.noMatch')}</p>
      <p>{liveness}</p>
      <p className="bo-muted">{t('record.faceExplain')}</p>
    </section>
  );
}
