// The parameters each OCR mode gives a tesseract worker. A worker keeps a parameter until a mode
// sets it again, and the re-read worker alternates between digits and names: a mode that left a
// parameter unset read the first NIK of a run otherwise than every later one.
import { describe, expect, it } from 'vitest';
import { OCR_PARAMS } from '../../shared/ktp/worker-pool';

describe('OCR modes', () => {
  it('each set every parameter any mode sets, so a read does not depend on the one before it', () => {
    const keys = (params: object) => Object.keys(params).sort();
    const all = [...new Set(Object.values(OCR_PARAMS).flatMap(keys))].sort();
    for (const [mode, params] of Object.entries(OCR_PARAMS)) expect(keys(params), mode).toEqual(all);
  });
});
