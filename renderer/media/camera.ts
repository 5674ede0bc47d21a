// Live camera helpers shared by the capture steps.

/**
 * Cameras deliver black or half-exposed frames right after they start: capture buttons are enabled
 * only once the video plays and a few frames have passed.
 */
export function whenPlaying(video: HTMLVideoElement | null | undefined, ready: () => void): void {
  if (!video) return;
  const settle = (): void => { setTimeout(ready, 500); };
  if (!video.paused && video.readyState >= video.HAVE_ENOUGH_DATA) settle();
  else video.addEventListener('playing', settle, { once: true });
}

export type CameraState = 'starting' | 'on' | 'denied' | 'missing';

/** react-webcam's error: a DOMException when the browser refused, a string otherwise. */
export function cameraFailure(error: string | DOMException): CameraState {
  return typeof error !== 'string' && error.name === 'NotAllowedError' ? 'denied' : 'missing';
}
