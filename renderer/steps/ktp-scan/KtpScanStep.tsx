// Pindai KTP: the document camera (never mirrored) with an ID-1 card guide, "Ambil Foto" at the
// source's full resolution, a quality gate with a retake, a file upload for scanner users, and a
// skip to manual entry. A good capture is read offline and prefills the identity form.
import { useRef, useState, type ChangeEvent } from 'react';
import Webcam from 'react-webcam';
import { assessQuality, QUALITY_LIMITS, type QualityProblem } from '../../../shared/ktp/quality';
import { readKtp } from '../../../shared/ktp/pipeline';
import { prefillFromKtp } from '../../../shared/ktp/prefill';
import type { KtpRecord } from '../../../shared/ktp/ktp-record';
import type { PrefilledField } from '../../../shared/ktp/prefill';
import { PlacementPicture } from '../../components/PlacementPicture';
import { StepHeading } from '../../components/StepHeading';
import { useT } from '../../i18n/i18n';
import type { Draft } from '../../app/flow';
import { MAX_UPLOAD_BYTES, storedCardImage } from './card-image';
import { decodable, imageDimensions } from '../../../shared/image-header';
import { canvasFromBlob, pixelsOf } from '../../media/canvas';
import { getBrowserOcrEngine } from './browser-ocr-engine';
import { useCameraChoice } from '../../media/use-camera-choice';
import { cameraFailure, whenPlaying, type CameraState } from '../../media/camera';

export interface KtpScanStepProps {
  readonly onDone: (prefill: Draft, uncertain: PrefilledField[], ktp: KtpRecord) => void;
  readonly onSkip: () => void;
}

type Phase =
  | { kind: 'live' }
  /** One instruction at a time: the first problem the gate found. */
  | { kind: 'rejected'; problem: QualityProblem; preview: string }
  | { kind: 'reading'; preview: string }
  | { kind: 'failed'; message: 'ktp.readFailed' | 'ktp.problems.notCard' | 'ktp.fileType' | 'ktp.fileTooLarge' | 'ktp.imageTooLarge'; preview?: string };

const nextFrame = (): Promise<void> => new Promise((ok) => setTimeout(ok, 30));

export function KtpScanStep({ onDone, onSkip }: KtpScanStepProps) {
  const t = useT();
  const webcam = useRef<Webcam>(null);
  const camera = useCameraChoice('document');
  const [cameraState, setCameraState] = useState<CameraState>('starting');
  const [phase, setPhase] = useState<Phase>({ kind: 'live' });

  const process = async (canvas: HTMLCanvasElement, source: KtpRecord['source']): Promise<void> => {
    const preview = canvas.toDataURL('image/jpeg', 0.7);
    try {
      const pixels = pixelsOf(canvas);
      const quality = assessQuality(pixels);
      const [problem] = quality.problems;
      if (problem) {
        setPhase({ kind: 'rejected', problem, preview });
        return;
      }
      setPhase({ kind: 'reading', preview });
      await nextFrame();
      const scan = await readKtp(pixels, await getBrowserOcrEngine(), () => performance.now());
      if (!scan.fields.nik && !scan.fields.nama) {
        // Nothing of a KTP read (either way up): say "not a KTP" when it did not look like one either.
        const notCard = quality.metrics.cardLike < QUALITY_LIMITS.minCardLike;
        setPhase({ kind: 'failed', message: notCard ? 'ktp.problems.notCard' : 'ktp.readFailed', preview });
        return;
      }
      const image = await storedCardImage(canvas, scan.frame);
      const prefill = prefillFromKtp(scan.fields);
      onDone(prefill.values, prefill.uncertain, {
        image: { mime: 'image/jpeg', base64: image.base64, width: image.width, height: image.height, readable: image.readable },
        source,
        fields: scan.fields,
      });
    } catch {
      setPhase({ kind: 'failed', message: 'ktp.readFailed', preview });
    }
  };

  const capture = (): void => {
    const canvas = webcam.current?.getCanvas();
    if (canvas) void process(canvas, 'camera');
  };

  const upload = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (!['image/jpeg', 'image/png'].includes(file.type)) { setPhase({ kind: 'failed', message: 'ktp.fileType' }); return; }
    if (file.size > MAX_UPLOAD_BYTES) { setPhase({ kind: 'failed', message: 'ktp.fileTooLarge' }); return; }
    // The pixel count from the header, before the browser decodes anything: a small file may claim
    // 60000×60000 pixels, and decoding allocates width × height × 4 bytes (shared/image-header.ts).
    const dimensions = imageDimensions(new Uint8Array(await file.arrayBuffer()));
    if (!dimensions) { setPhase({ kind: 'failed', message: 'ktp.fileType' }); return; }
    if (!decodable(dimensions)) { setPhase({ kind: 'failed', message: 'ktp.imageTooLarge' }); return; }
    try {
      await process(await canvasFromBlob(file), 'file');
    } catch {
      setPhase({ kind: 'failed', message: 'ktp.fileType' });
    }
  };

  const busy = phase.kind === 'reading';
  const showLive = phase.kind === 'live' && (cameraState === 'starting' || cameraState === 'on');
  const preview = phase.kind === 'live' ? undefined : phase.preview;

  return (
    <section className="step" aria-labelledby="ktp-intro">
      <StepHeading step="ktp-scan" />
      <p className="step__intro" id="ktp-intro">{t('ktp.intro')}</p>


      <div className="capture-layout">
        <div className="capture">
          {showLive && camera.ready ? (
            <Webcam
              key={camera.deviceId ?? 'first'}
              ref={webcam}
              className="capture__video"
              audio={false}
              mirrored={false}
              forceScreenshotSourceSize
              screenshotFormat="image/jpeg"
              videoConstraints={{ ...(camera.deviceId ? { deviceId: { exact: camera.deviceId } } : {}), width: { ideal: 1920 }, height: { ideal: 1080 } }}
              onUserMedia={() => { camera.refresh(); whenPlaying(webcam.current?.video, () => setCameraState('on')); }}
              onUserMediaError={(error) => setCameraState(cameraFailure(error))}
            />
          ) : null}
          {preview ? <img className="capture__video" src={preview} alt={t('ktp.preview')} /> : null}
          {showLive ? <div className="capture__guide capture__guide--card" aria-hidden="true" /> : null}
        </div>
        {/* Beside the camera in landscape, below it in portrait: how to place the card, then what went wrong. */}
        <div className="capture-layout__side">
          <PlacementPicture kind="card" />
          <p id="ktp-upload-hint" className="field__hint">{t('ktp.uploadHint')}</p>

          {cameraState === 'denied' || cameraState === 'missing' ? (
            <p className="field__error" role="alert">{t(cameraState === 'denied' ? 'ktp.cameraDenied' : 'ktp.cameraMissing')}</p>
          ) : null}
          {phase.kind === 'rejected' ? (
            <p className="submit-error" role="alert">{t(`ktp.problems.${phase.problem}`)}</p>
          ) : null}
          {phase.kind === 'failed' ? <p className="submit-error" role="alert">{t(phase.message)}</p> : null}
          {busy ? (
            <div className="reading" role="status">
              <progress aria-label={t('ktp.reading')} />
              <span>{t('ktp.reading')}</span>
            </div>
          ) : null}
        </div>
      </div>

      <div className="actions">
        <button type="button" className="button" onClick={onSkip} disabled={busy}>{t('ktp.skip')}</button>
        <label className={`button file-button${busy ? ' file-button--disabled' : ''}`}>
          {t('ktp.upload')}
          <input type="file" accept="image/jpeg,image/png" className="visually-hidden" disabled={busy}
            aria-describedby="ktp-upload-hint" onChange={(e) => void upload(e)} />
        </label>
        {phase.kind === 'live' ? (
          <button type="button" className="button button--primary" onClick={capture} disabled={cameraState !== 'on'}>{t('ktp.capture')}</button>
        ) : (
          <button type="button" className="button button--primary" onClick={() => setPhase({ kind: 'live' })} disabled={busy}>{t('ktp.retake')}</button>
        )}
      </div>
    </section>
  );
}
