// Watches the live face camera a few times a second and keeps the analysis it is running, so that
// "Ambil Foto" takes a frame the detector is already looking at instead of starting over. The
// photo is never older than the tap by more than FRESH_MS: an analysis begun earlier is waited for
// (the detector runs one frame at a time) and a new frame is analysed instead.
// Invariant: at most one detection runs at a time, shared by the live loop and the photo.
import { useEffect, useState, type RefObject } from 'react';
import type Webcam from 'react-webcam';
import { checkFace, type DetectedFace, type FaceProblem } from '../../../shared/face/face-check';
import type { TurnHeadLiveness } from '../../../shared/face/liveness';
import { blankCanvas, context2d, pixelsOf } from '../../media/canvas';
import { detectFaces } from './face-engine';

/**
 * The detector's input size on every frame. The frame is analysed at full resolution, so the
 * landmarks come from the face at the camera's resolution, as they did for a separate capture;
 * only the detector's own grid is coarser than the 320 it used there (224 keeps a live check near
 * 0.4 s on a 2-core CPU; large faces are found at both).
 */
const LIVE_INPUT = 224;
const PAUSE_MS = 200;
/** A photo may be the frame under analysis when the tap came at most this long after it was taken. */
const FRESH_MS = 300;
const RETRY_MS = 1000;

export interface LiveFaceHint {
  /** False until a frame has been analysed since the camera (re)started: nothing may be called fine before. */
  readonly checked: boolean;
  readonly problem: FaceProblem | null;
  readonly livenessPassed: boolean;
}

/** One camera frame at full resolution and the faces found in it. */
export interface AnalysedFrame {
  readonly canvas: HTMLCanvasElement;
  readonly faces: readonly DetectedFace[];
}

interface Analysis extends AnalysedFrame {
  readonly report: ReturnType<typeof checkFace>;
}

async function analyse(video: HTMLVideoElement): Promise<Analysis> {
  const canvas = blankCanvas(video.videoWidth, video.videoHeight);
  context2d(canvas).drawImage(video, 0, 0);
  const faces = await detectFaces(canvas, LIVE_INPUT);
  return { canvas, faces, report: checkFace(pixelsOf(canvas), faces) };
}

/** At most one analysis at a time, shared by the live loop and the photo. */
class Analyser {
  private running: { result: Promise<Analysis>; startedAt: number } | null = null;

  /** The analysis under way, else a new one of the video's current frame; null without video. */
  current(video: HTMLVideoElement | null | undefined): Promise<Analysis> | null {
    return this.running?.result ?? this.start(video);
  }

  /** A frame taken no earlier than FRESH_MS before now: the running analysis if recent enough. */
  async fresh(video: HTMLVideoElement | null | undefined): Promise<Analysis | null> {
    const asked = performance.now();
    const running = this.running;
    if (running) {
      const result = await running.result.catch(() => null);
      if (result && asked - running.startedAt <= FRESH_MS) return result;
    }
    return this.current(video);
  }

  private start(video: HTMLVideoElement | null | undefined): Promise<Analysis> | null {
    if (!video || video.videoWidth === 0) return null;
    const result = analyse(video);
    const running = { result, startedAt: performance.now() };
    this.running = running;
    const clear = (): void => { if (this.running === running) this.running = null; };
    result.then(clear, clear);
    return result;
  }
}

export interface LiveFace {
  readonly hint: LiveFaceHint;
  /** The frame for the photo (see FRESH_MS); null without video. */
  readonly grab: () => Promise<AnalysedFrame | null>;
}

const UNCHECKED: LiveFaceHint = { checked: false, problem: null, livenessPassed: false };

export function useLiveFace(webcam: RefObject<Webcam | null>, active: boolean, liveness: TurnHeadLiveness | null): LiveFace {
  const [hint, setHint] = useState<LiveFaceHint>(UNCHECKED);
  const [analyser] = useState(() => new Analyser());
  // Each time the live view (re)starts — a retake, another camera — it is unchecked again.
  const [wasActive, setWasActive] = useState(active);
  if (active !== wasActive) {
    setWasActive(active);
    if (active) setHint(UNCHECKED);
  }

  useEffect(() => {
    if (!active) return undefined;
    let stopped = false;
    const pause = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
    const loop = async (): Promise<void> => {
      while (!stopped) {
        try {
          const running = analyser.current(webcam.current?.video);
          if (running) {
            const { report } = await running;
            if (stopped) return;
            liveness?.observe(report.face ? report.yaw : null);
            const next = { checked: true, problem: report.problems[0] ?? null, livenessPassed: liveness?.passed ?? false };
            setHint((h) => (h.checked && h.problem === next.problem && h.livenessPassed === next.livenessPassed ? h : next));
          }
          await pause(PAUSE_MS);
        } catch {
          // A failing detector silences the hint for a moment; the photo's own check still gates saving.
          await pause(RETRY_MS);
        }
      }
    };
    void loop();
    return () => { stopped = true; };
  }, [active, analyser, webcam, liveness]);

  const grab = async (): Promise<AnalysedFrame | null> => {
    const analysis = await analyser.fresh(webcam.current?.video);
    return analysis ? { canvas: analysis.canvas, faces: analysis.faces } : null;
  };

  return { hint, grab };
}
