// Reads the back office's enrolment QR with the document camera (the one assigned in settings):
// a few frames a second are drawn small onto a canvas and decoded with jsQR. A QR that is not an
// enrolment QR says so and scanning goes on; camera failures are told in words with a retry.
import { useEffect, useRef, useState } from 'react';
import Webcam from 'react-webcam';
import jsQR from 'jsqr';
import { parseEnrolmentQr, type EnrolmentQr } from '../../shared/enrolment-qr';
import { useCameraChoice } from '../media/use-camera-choice';
import { cameraFailure, whenPlaying, type CameraState } from '../media/camera';
import { useT } from '../i18n/i18n';

const SCAN_EVERY_MS = 250;
/** Frames are decoded at most this wide: enough for a QR filling part of the view, cheap on 2 cores. */
const DECODE_WIDTH = 800;

function decodeFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement): string | null {
  if (video.videoWidth === 0) return null;
  const scale = Math.min(1, DECODE_WIDTH / video.videoWidth);
  canvas.width = Math.round(video.videoWidth * scale);
  canvas.height = Math.round(video.videoHeight * scale);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
  const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

export function QrScanner({ onScanned, onCancel }: { onScanned: (qr: EnrolmentQr) => void; onCancel: () => void }) {
  const t = useT();
  const camera = useCameraChoice('document');
  const webcam = useRef<Webcam>(null);
  const [state, setState] = useState<CameraState>('starting');
  const [foreign, setForeign] = useState(false);
  /** Bumped by "Coba lagi": remounts the camera. */
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (state !== 'on') return undefined;
    const canvas = document.createElement('canvas');
    let done = false;
    const timer = setInterval(() => {
      const video = webcam.current?.video;
      const text = !done && video ? decodeFrame(video, canvas) : null;
      if (text === null) return;
      const parsed = parseEnrolmentQr(text);
      if (!parsed.ok) { setForeign(true); return; }
      done = true;
      clearInterval(timer);
      onScanned(parsed.payload);
    }, SCAN_EVERY_MS);
    return () => { done = true; clearInterval(timer); };
  }, [state, onScanned]);

  const retry = (): void => { setState('starting'); setForeign(false); setAttempt((a) => a + 1); };
  const failed = state === 'denied' || state === 'missing';
  return (
    <div className="enrol-scan">
      <p id="enrol-scan-hint" className="field__hint">{t('operator.enrol.scanHint')}</p>
      <div className="capture">
        {camera.ready && !failed ? (
          <Webcam
            key={`${camera.deviceId ?? 'first'}-${attempt}`}
            ref={webcam}
            className="capture__video"
            audio={false}
            mirrored={false}
            aria-describedby="enrol-scan-hint"
            videoConstraints={{ ...(camera.deviceId ? { deviceId: { exact: camera.deviceId } } : {}), width: { ideal: 1280 }, height: { ideal: 720 } }}
            onUserMedia={() => whenPlaying(webcam.current?.video, () => setState('on'))}
            onUserMediaError={(error) => setState(cameraFailure(error))}
          />
        ) : null}
      </div>
      <p role="status">{failed ? '' : t(foreign ? 'operator.enrol.notEnrolmentQr' : state === 'on' ? 'operator.enrol.scanning' : 'operator.enrol.cameraStarting')}</p>
      {failed ? <p className="field__error" role="alert">{t(state === 'denied' ? 'operator.enrol.cameraDenied' : 'operator.enrol.cameraMissing')}</p> : null}
      <div className="actions actions--inline">
        <button type="button" className="button" onClick={onCancel}>{t('operator.enrol.cancel')}</button>
        {failed ? <button type="button" className="button button--primary" onClick={retry}>{t('operator.enrol.retry')}</button> : null}
      </div>
    </div>
  );
}
