// Swafoto: the face camera, shown mirrored for the applicant's comfort (the captured frame is not),
// an oval guide and SSCASN's buttons Ambil Foto / Foto Ulang / Simpan Foto. Live frames drive a
// hint and the advisory liveness prompt; the captured photo must pass every face check before it
// can be saved. The similarity to the KTP photo is computed for the back office, never shown here.
import { useEffect, useRef, useState } from 'react';
import Webcam from 'react-webcam';
import { checkFace, type DetectedFace, type FaceProblem } from '../../../shared/face/face-check';
import { TurnHeadLiveness, type TurnDirection } from '../../../shared/face/liveness';
import type { SelfieRecord } from '../../../shared/face/selfie-record';
import type { KtpRecord } from '../../../shared/ktp/ktp-record';
import { PlacementPicture } from '../../components/PlacementPicture';
import { StepHeading } from '../../components/StepHeading';
import { useT } from '../../i18n/i18n';
import { cameraFailure, whenPlaying, type CameraState } from '../../media/camera';
import { pixelsOf } from '../../media/canvas';
import { useCameraChoice } from '../../media/use-camera-choice';
import { loadFaceModels } from './face-engine';
import { matchWithKtp, storedSelfie, type FaceMatch } from './selfie-image';
import { useLiveFace } from './use-live-face';
import { instruction } from './instruction';

export interface SelfieStepProps {
  /** The advisory liveness prompt; 'off' skips it. */
  readonly liveness: 'turn-head' | 'off';
  readonly ktp: KtpRecord | null;
  /** `match` settles later (see selfie-image.ts); the record's own match is filled at submission. */
  readonly onDone: (selfie: SelfieRecord, match: Promise<FaceMatch>) => void;
  readonly onBack: () => void;
}

type Phase =
  | { kind: 'live' }
  | { kind: 'checking'; preview?: string }
  | { kind: 'rejected'; preview: string; problems: readonly FaceProblem[] }
  | { kind: 'accepted'; preview: string; canvas: HTMLCanvasElement; face: DetectedFace }
  | { kind: 'saving'; preview: string }
  | { kind: 'failed'; message: 'selfie.saveFailed'; preview: string };

type Models = 'loading' | 'ready' | 'failed';

const randomDirection = (): TurnDirection => ((crypto.getRandomValues(new Uint8Array(1))[0] ?? 0) % 2 === 0 ? 'left' : 'right');

export function SelfieStep({ liveness: prompt, ktp, onDone, onBack }: SelfieStepProps) {
  const t = useT();
  const webcam = useRef<Webcam>(null);
  const camera = useCameraChoice('face');
  const [cameraState, setCameraState] = useState<CameraState>('starting');
  const [models, setModels] = useState<Models>('loading');
  const [phase, setPhase] = useState<Phase>({ kind: 'live' });
  // One prompt per applicant, its direction at random; the object accumulates the live frames.
  const [liveness] = useState<TurnHeadLiveness | null>(() => (prompt === 'off' ? null : new TurnHeadLiveness(randomDirection())));

  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    loadFaceModels().then(() => { if (live) setModels('ready'); }, () => { if (live) setModels('failed'); });
    return () => { live = false; };
  }, [attempt]);

  const live = phase.kind === 'live' && cameraState === 'on' && models === 'ready';
  const { hint, grab } = useLiveFace(webcam, live, liveness);

  const capture = async (): Promise<void> => {
    // The frame the live check is looking at: no second detection from scratch.
    setPhase({ kind: 'checking' });
    try {
      const frame = await grab();
      if (!frame) { setPhase({ kind: 'live' }); return; }
      const { canvas } = frame;
      const preview = canvas.toDataURL('image/jpeg', 0.8);
      const report = checkFace(pixelsOf(canvas), frame.faces);
      if (report.problems.length > 0 || !report.face) setPhase({ kind: 'rejected', preview, problems: report.problems });
      else setPhase({ kind: 'accepted', preview, canvas, face: report.face });
    } catch {
      setModels('failed');
      setPhase({ kind: 'live' });
    }
  };

  const save = async (): Promise<void> => {
    if (phase.kind !== 'accepted') return;
    const { canvas, face, preview } = phase;
    setPhase({ kind: 'saving', preview });
    try {
      const stored = await storedSelfie(canvas, face);
      const match = matchWithKtp(canvas, ktp).catch(() => null);
      onDone({ ...stored, liveness: liveness ? liveness.result() : { prompt: 'off' }, match: null }, match);
    } catch {
      setPhase({ kind: 'failed', message: 'selfie.saveFailed', preview });
    }
  };

  const busy = phase.kind === 'checking' || phase.kind === 'saving';
  const preview = phase.kind === 'live' ? undefined : phase.preview;
  const cameraProblem = cameraState === 'denied' || cameraState === 'missing';

  return (
    <section className="step" aria-labelledby="selfie-intro">
      <StepHeading step="selfie" />
      <p className="step__intro" id="selfie-intro">{t('selfie.intro')}</p>


      <div className="capture-layout">
        <div className="capture">
          {/* The camera stays on under a preview, so Foto Ulang is immediate. */}
          {camera.ready && !cameraProblem ? (
            <Webcam
              key={camera.deviceId ?? 'first'}
              ref={webcam}
              className="capture__video capture__video--mirrored"
              audio={false}
              mirrored={false}
              forceScreenshotSourceSize
              screenshotFormat="image/jpeg"
              videoConstraints={{ ...(camera.deviceId ? { deviceId: { exact: camera.deviceId } } : {}), width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'user' }}
              onUserMedia={() => { camera.refresh(); whenPlaying(webcam.current?.video, () => setCameraState('on')); }}
              onUserMediaError={(error) => setCameraState(cameraFailure(error))}
            />
          ) : null}
          {preview ? <img className="capture__video capture__video--mirrored" src={preview} alt={t('selfie.preview')} /> : null}
          <div className="capture__guide--face" aria-hidden="true" />
        </div>
        {/* Beside the camera in landscape, below it in portrait: how to stand, then the one instruction. */}
        <div className="capture-layout__side">
          <PlacementPicture kind="face" />

          {cameraProblem ? <p className="submit-error" role="alert">{t(cameraState === 'denied' ? 'selfie.cameraDenied' : 'selfie.cameraMissing')}</p> : null}
          {models === 'failed' ? (
            <p className="submit-error" role="alert">
              {t('selfie.modelsFailed')}{' '}
              <button type="button" className="link-button" onClick={() => { setModels('loading'); setAttempt((n) => n + 1); }}>{t('selfie.tryAgain')}</button>
            </p>
          ) : null}
          {models === 'loading' && !cameraProblem ? <p role="status">{t('selfie.loading')}</p> : null}

          {phase.kind === 'live' && live ? (
            <p className="selfie-hint" role="status" aria-live="polite">{t(instruction(hint, liveness))}</p>
          ) : null}
          {phase.kind === 'rejected' ? (
            <div className="submit-error" role="alert">
              <p>{t('selfie.mustPass')}</p>
              {/* One instruction at a time: the first problem; the next one, if any, after Foto Ulang. */}
              <p>{t(`selfie.problems.${phase.problems[0] ?? 'noFace'}`)}</p>
            </div>
          ) : null}
          {phase.kind === 'accepted' ? <p className="selfie-ok" role="status">{t('selfie.good')}</p> : null}
          {phase.kind === 'failed' ? <p className="submit-error" role="alert">{t(phase.message)}</p> : null}
          {busy ? (
            <div className="reading" role="status">
              <progress aria-label={t(phase.kind === 'saving' ? 'selfie.saving' : 'selfie.checking')} />
              <span>{t(phase.kind === 'saving' ? 'selfie.saving' : 'selfie.checking')}</span>
            </div>
          ) : null}
        </div>
      </div>

      <div className="actions">
        <button type="button" className="button" onClick={onBack} disabled={busy}>{t('form.back')}</button>
        {phase.kind === 'live' ? (
          // Until a photo exists, taking it is the page's one primary action.
          <button type="button" className="button button--primary" onClick={() => void capture()} disabled={!live || !hint.checked}>{t('selfie.capture')}</button>
        ) : (
          <button type="button" className="button" onClick={() => setPhase({ kind: 'live' })} disabled={busy}>{t('selfie.retake')}</button>
        )}
        <button type="button" className={phase.kind === 'live' ? 'button' : 'button button--primary'} onClick={() => void save()} disabled={phase.kind !== 'accepted'}>
          {t('selfie.save')}
        </button>
      </div>
    </section>
  );
}
