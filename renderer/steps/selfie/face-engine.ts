// face-api in the renderer: models served by the app (dist/renderer/face/, copied from the
// installed package by scripts/copy-offline-assets.mjs) — never a CDN. The library (1.3 MB, with
// tfjs) and the models are loaded once: while Welcome shows (app/warm-up.ts), else when the selfie
// step first needs them. WebGL when the kiosk has a GPU, tfjs's CPU backend otherwise.
import type * as FaceApiModule from '@vladmandic/face-api';
import type { DetectedFace } from '../../../shared/face/face-check';

type FaceApi = typeof FaceApiModule;

/** face-api bundles all of tfjs but its type file declares only the ops it uses itself. */
interface TfBackends {
  setBackend(name: 'webgl' | 'cpu'): Promise<boolean>;
  ready(): Promise<void>;
}

let ready: Promise<FaceApi> | null = null;

export function loadFaceModels(): Promise<FaceApi> {
  ready ??= (async () => {
    const faceapi = await import('@vladmandic/face-api');
    const tf = faceapi.tf as unknown as TfBackends;
    const webgl = await tf.setBackend('webgl').catch(() => false);
    if (!webgl) await tf.setBackend('cpu');
    await tf.ready();
    const base = new URL('./face/', document.baseURI).href;
    await Promise.all([
      faceapi.nets.tinyFaceDetector.loadFromUri(base),
      faceapi.nets.faceLandmark68Net.loadFromUri(base),
      faceapi.nets.faceRecognitionNet.loadFromUri(base),
    ]);
    return faceapi;
  })().catch((error: unknown) => {
    ready = null; // retried on the next attempt
    throw error;
  });
  return ready;
}

/**
 * The detector's input size. A selfie's face fills a third of the frame or more: at 416 and above
 * the tiny detector misses such large faces (measured on face-api's own sample photos); 320 finds them.
 */
const SELFIE_INPUT = 320;

const detector = (faceapi: FaceApi, inputSize: number) => new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold: 0.4 });

type Source = HTMLCanvasElement | HTMLVideoElement;

/** Every face in the frame with its 68 landmarks, in the source's pixels. */
export async function detectFaces(source: Source, inputSize = SELFIE_INPUT): Promise<DetectedFace[]> {
  const faceapi = await loadFaceModels();
  const found = await faceapi.detectAllFaces(source, detector(faceapi, inputSize)).withFaceLandmarks();
  return found.map(({ detection, landmarks }) => ({
    score: detection.score,
    box: { x: detection.box.x, y: detection.box.y, width: detection.box.width, height: detection.box.height },
    landmarks: landmarks.positions.map((p) => ({ x: p.x, y: p.y })),
  }));
}

/** The 128-D descriptor of the most prominent face, or null when there is none. */
export async function describeFace(source: HTMLCanvasElement, inputSize = SELFIE_INPUT): Promise<Float32Array | null> {
  const faceapi = await loadFaceModels();
  const found = await faceapi.detectSingleFace(source, detector(faceapi, inputSize)).withFaceLandmarks().withFaceDescriptor();
  return found?.descriptor ?? null;
}

/**
 * Loads the models and runs each network once on a blank frame, while Welcome shows: tfjs's first
 * inference on a CPU sets up its kernels (the first live check took 4.9 s on this 2-core machine
 * without this, later ones about 0.4 s), and the applicant at the camera should not wait for that.
 */
export async function warmUpFaceModels(): Promise<void> {
  const faceapi = await loadFaceModels();
  const blank = document.createElement('canvas');
  blank.width = 640;
  blank.height = 360;
  await faceapi.detectAllFaces(blank, detector(faceapi, 224));
  await faceapi.nets.faceLandmark68Net.detectLandmarks(blank);
  await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(blank);
}
