// Watches the live face camera a few times a second: the first problem the face checks find (the
// hint shown under the camera) and the liveness prompt's progress. Frames are analysed at 320 px
// wide, which keeps the detector quick enough on the kiosk's CPU.
import { useEffect, useState, type RefObject } from 'react';
import type Webcam from 'react-webcam';
import { checkFace, type FaceProblem } from '../../../shared/face/face-check';
import type { TurnHeadLiveness } from '../../../shared/face/liveness';
import { blankCanvas, context2d, pixelsOf } from '../../media/canvas';
import { detectFaces } from './face-engine';

const ANALYSIS_WIDTH = 320;
const PAUSE_MS = 200;

export interface LiveFaceHint {
  /** False until a frame has been analysed: nothing may be said to be fine before that. */
  readonly checked: boolean;
  readonly problem: FaceProblem | null;
  readonly livenessPassed: boolean;
}

export function useLiveFaceHint(webcam: RefObject<Webcam | null>, active: boolean, liveness: TurnHeadLiveness | null): LiveFaceHint {
  const [hint, setHint] = useState<LiveFaceHint>({ checked: false, problem: null, livenessPassed: false });
  useEffect(() => {
    if (!active) return undefined;
    let stopped = false;
    const canvas = blankCanvas(ANALYSIS_WIDTH, ANALYSIS_WIDTH);
    const loop = async (): Promise<void> => {
      while (!stopped) {
        const video = webcam.current?.video;
        if (video && video.videoWidth > 0) {
          canvas.height = Math.round((video.videoHeight * ANALYSIS_WIDTH) / video.videoWidth);
          context2d(canvas).drawImage(video, 0, 0, ANALYSIS_WIDTH, canvas.height);
          const faces = await detectFaces(canvas, 224);
          if (stopped) return;
          const report = checkFace(pixelsOf(canvas), faces);
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
  }, [active, webcam, liveness]);
  return hint;
}
