// Watches the live face camera a few times a second and keeps the last analysed frame, so that
// "Ambil Foto" takes a frame the detector has already looked at instead of starting over: the
// photo is the frame being analysed when the button was pressed (or, between analyses, a fresh
// one), in the camera's full resolution, with the faces found on its analysis copy.
// Invariant: `grab` never runs a second detector alongside the loop's; it waits for the loop's.
import { useEffect, useState, type RefObject } from 'react';
import type Webcam from 'react-webcam';
import { checkFace, type DetectedFace, type FaceProblem } from '../../../shared/face/face-check';
import type { TurnHeadLiveness } from '../../../shared/face/liveness';
import { blankCanvas, context2d, pixelsOf } from '../../media/canvas';
import { detectFaces } from './face-engine';

/** Analysis copy width: large enough for landmarks on a face a fifth of the frame wide. */
const ANALYSIS_WIDTH = 640;
/** The detector's input size on the live loop: quick on a kiosk's CPU, and finds large faces. */
const LIVE_INPUT = 224;
const PAUSE_MS = 200;

export interface LiveFaceHint {
  /** False until a frame has been analysed: nothing may be said to be fine before that. */
  readonly checked: boolean;
  readonly problem: FaceProblem | null;
  readonly livenessPassed: boolean;
}

/** One camera frame at full resolution and the faces found in it (full-resolution pixels). */
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
  const small = blankCanvas(ANALYSIS_WIDTH, Math.round((canvas.height * ANALYSIS_WIDTH) / canvas.width));
  context2d(small).drawImage(canvas, 0, 0, small.width, small.height);
  const found = await detectFaces(small, LIVE_INPUT);
  const k = canvas.width / small.width;
  const faces = found.map((f) => ({
    score: f.score,
    box: { x: f.box.x * k, y: f.box.y * k, width: f.box.width * k, height: f.box.height * k },
    landmarks: f.landmarks.map((p) => ({ x: p.x * k, y: p.y * k })),
  }));
  return { canvas, faces, report: checkFace(pixelsOf(small), found) };
}

export interface LiveFace {
  readonly hint: LiveFaceHint;
  /** The frame for the photo: the one under analysis now, else a fresh one; null without video. */
  readonly grab: () => Promise<AnalysedFrame | null>;
}

/** At most one analysis at a time, shared by the live loop and the photo. */
class Analyser {
  private running: Promise<Analysis> | null = null;

  /** The analysis under way, else a new one of the video's current frame. */
  current(video: HTMLVideoElement | null | undefined): Promise<Analysis> | null {
    if (this.running) return this.running;
    if (!video || video.videoWidth === 0) return null;
    const running = analyse(video);
    this.running = running;
    const clear = (): void => { if (this.running === running) this.running = null; };
    running.then(clear, clear);
    return running;
  }
}

export function useLiveFace(webcam: RefObject<Webcam | null>, active: boolean, liveness: TurnHeadLiveness | null): LiveFace {
  const [hint, setHint] = useState<LiveFaceHint>({ checked: false, problem: null, livenessPassed: false });
  const [analyser] = useState(() => new Analyser());

  useEffect(() => {
    if (!active) return undefined;
    let stopped = false;
    const loop = async (): Promise<void> => {
      while (!stopped) {
        const running = analyser.current(webcam.current?.video);
        if (running) {
          const { report } = await running;
          if (stopped) return;
          liveness?.observe(report.face ? report.yaw : null);
          const next = { checked: true, problem: report.problems[0] ?? null, livenessPassed: liveness?.passed ?? false };
          setHint((h) => (h.checked && h.problem === next.problem && h.livenessPassed === next.livenessPassed ? h : next));
        }
        await new Promise((ok) => setTimeout(ok, PAUSE_MS));
      }
    };
    // A failing detector only silences the hint; the capture's own check still gates saving.
    loop().catch(() => undefined);
    return () => { stopped = true; };
  }, [active, analyser, webcam, liveness]);

  const grab = async (): Promise<AnalysedFrame | null> => {
    const running = analyser.current(webcam.current?.video);
    if (!running) return null;
    const { canvas, faces } = await running;
    return { canvas, faces };
  };

  return { hint, grab };
}
