// A second OCR engine for single lines: a CTC recognition network (PaddleOCR's PP-OCRv4, run by
// the host with onnxruntime-web) that reads the whole line at once from its colour image. Its
// errors are not tesseract's: under a glare spot tesseract's reads all lose the same faded
// digits, while this network still reads them (see pipeline, where it is asked only about a NIK
// in doubt). The host runs the network; the input tensor and the decoding are made here, so both
// hosts read alike.
import type { RgbaImage } from './image';
import type { OcrLine } from './lines';

/** The network's output for one line: `steps` rows of `classes` probabilities (class 0: the CTC blank). */
export interface LineOutput {
  readonly data: Float32Array;
  readonly steps: number;
  readonly classes: number;
}

export interface LineModel {
  /**
   * Runs the network on a 3 × LINE_HEIGHT × `width` tensor (planes B, G, R; values in −1…1). The
   * input is the host's from then on (a worker host takes its buffer): the caller keeps no use of it.
   */
  run(input: Float32Array, width: number): Promise<LineOutput>;
  /** The character of each class from 1 on (class 0 is the blank). */
  readonly alphabet: readonly string[];
}

/** The network's input height (PP-OCRv4 recognition). */
export const LINE_HEIGHT = 48;
/** Wider inputs are cut (a NIK at LINE_HEIGHT is ~450 px; the network's cost grows with the width). */
const MAX_WIDTH = 1280;

/**
 * The line image (LINE_HEIGHT high) as the network's input tensor: blue, green, red planes, the
 * order PaddleOCR trains its networks in (OpenCV's). In red, green, blue the NIK read the same
 * on tuning seeds 8–17 but for one serial digit.
 */
export function lineTensor(img: RgbaImage): { input: Float32Array; width: number } {
  const width = Math.min(img.width, MAX_WIDTH);
  const plane = LINE_HEIGHT * width;
  const input = new Float32Array(3 * plane);
  for (let y = 0; y < Math.min(img.height, LINE_HEIGHT); y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * img.width + x) * 4;
      for (let c = 0; c < 3; c++) input[c * plane + y * width + x] = (img.data[i + 2 - c] ?? 255) / 127.5 - 1;
    }
  }
  return { input, width };
}

/** A read of the second engine, with each character's probability (0–1), in the text's order. */
export interface LineRead extends OcrLine {
  readonly probs: readonly number[];
}

/** Which characters a read may give: the NIK's digits, or a name's capitals and marks. */
export type LineCharset = 'digits' | 'name';
const CHARSETS: Readonly<Record<LineCharset, RegExp>> = { digits: /^[0-9]$/, name: /^[A-Z .,'-]$/ };

/**
 * Greedy CTC decoding restricted to `charset`: at each step the likeliest of the blank and the
 * allowed characters, repeats merged. The confidence (0–100, as tesseract's) is the least likely
 * character's probability: one faded digit is what makes a NIK doubtful.
 */
export function decodeLine(out: LineOutput, alphabet: readonly string[], charset: LineCharset): LineRead {
  const allowed = [0, ...alphabet.flatMap((ch, i) => (CHARSETS[charset].test(ch) ? [i + 1] : []))];
  let text = '';
  const probs: number[] = [];
  let previous = 0;
  for (let t = 0; t < out.steps; t++) {
    let best = 0;
    let p = -1;
    for (const k of allowed) {
      const q = out.data[t * out.classes + k] ?? 0;
      if (q > p) { p = q; best = k; }
    }
    if (best !== 0 && best !== previous) {
      text += alphabet[best - 1] ?? '';
      probs.push(p);
    }
    previous = best;
  }
  return { text, confidence: text ? Math.min(...probs) * 100 : 0, probs };
}

/** Reads one line (LINE_HEIGHT high) with the model; none when the host failed it (evidence, never required). */
export async function readLine(model: LineModel, img: RgbaImage, charset: LineCharset): Promise<LineRead | undefined> {
  const { input, width } = lineTensor(img);
  try {
    return decodeLine(await model.run(input, width), model.alphabet, charset);
  } catch {
    return undefined;
  }
}

/** What the model needs of an onnxruntime session (onnxruntime-web's, in both hosts). */
export interface LineSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, unknown>): Promise<Record<string, { readonly dims: readonly number[]; readonly data: unknown }>>;
}

/**
 * The PP-OCRv4 recognition network as a LineModel. `tensor` makes the runtime's float tensor;
 * `keys`: the network's character list (ppocr_keys_v1.txt, one per line), to which the network
 * adds the space as its last class.
 */
export function ppocrLineModel(session: LineSession, tensor: (data: Float32Array, dims: number[]) => unknown, keys: string): LineModel {
  const [input] = session.inputNames;
  const [output] = session.outputNames;
  if (!input || !output) throw new Error('line model: the network has no input or output');
  const alphabet = [...keys.replace(/\n$/, '').split('\n'), ' '];
  const once = async (data: Float32Array, width: number): Promise<LineOutput> => {
    const result = (await session.run({ [input]: tensor(data, [1, 3, LINE_HEIGHT, width]) }))[output];
    const [, steps, classes] = result?.dims ?? [];
    if (!(result?.data instanceof Float32Array) || !steps || classes !== alphabet.length + 1) throw new Error('line model: unexpected output');
    return { data: result.data, steps, classes };
  };
  // One run at a time: a session is not re-entrant. A failed run does not stop the next.
  let last: Promise<unknown> = Promise.resolve();
  return {
    alphabet,
    run(data, width) {
      const next = last.then(() => once(data, width), () => once(data, width));
      last = next;
      return next;
    },
  };
}
