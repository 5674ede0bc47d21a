// The messages between the renderer and the second OCR engine's worker (line-model.worker.ts).
// A run's input and output arrays are transferred, not copied.

export type LineModelRequest =
  /** Loads the network and its characters from `base` (the app's own ocr/line/ folder). */
  | { readonly type: 'init'; readonly base: string }
  | { readonly type: 'run'; readonly id: number; readonly input: Float32Array; readonly width: number };

export type LineModelReply =
  | { readonly type: 'ready'; readonly alphabet: readonly string[] }
  | { readonly type: 'failed'; readonly error: string }
  | { readonly type: 'output'; readonly id: number; readonly data: Float32Array; readonly steps: number; readonly classes: number }
  | { readonly type: 'error'; readonly id: number; readonly error: string };
