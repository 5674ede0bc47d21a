// Property-based fuzzing of the record codec (node/crypto/record-codec.ts): random bytes, mutated
// valid encodings and forged headers either decode or fail with a plain Error — never a crash of
// another kind, never a change to Object.prototype.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeRecord, encodeRecord, inspectRecord } from '../../node/crypto/record-codec';
import { submissionWithImages } from '../support/submissions';
import { SITI } from '../support/identities';
import { expectPrototypeClean, hostileJsonText, hostileKey, splitEncoding, withHeader } from '../support/hostile-values';

const RUNS = { random: 2_000, mutated: 3_000, forged: 2_000 } as const;

/** Decoding either succeeds or throws an Error (not a TypeError/RangeError from a bad read, not a non-Error). */
function decodesOrRefuses(data: Uint8Array): void {
  for (const decode of [decodeRecord, inspectRecord]) {
    try {
      decode(data);
    } catch (error) {
      expect(error).toBeInstanceOf(Error);
      // JSON.parse's own SyntaxError is a clean refusal of a malformed header; a TypeError or
      // RangeError would mean the codec read something it had not checked.
      expect(['Error', 'SyntaxError']).toContain((error as Error).name);
    }
  }
  expectPrototypeClean();
}

const valid = encodeRecord(submissionWithImages(SITI, 600));
const headerText = splitEncoding(valid).header;

/** A mutation of the valid encoding: bytes flipped, set, cut, inserted, or the length field changed. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('length' as const), value: fc.integer({ min: 0, max: 0xffffffff }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(data: Buffer, m: Mutation): Buffer {
  const out = Buffer.from(data);
  if (m.kind === 'length') { if (out.length >= 8) out.writeUInt32BE(m.value, 4); return out; }
  if (out.length === 0) return m.kind === 'insert' ? Buffer.from(m.bytes) : out;
  const at = m.at % out.length;
  if (m.kind === 'flip') out[at] = (out[at] ?? 0) ^ (1 << m.bit);
  if (m.kind === 'set') out[at] = m.value;
  if (m.kind === 'cut') return out.subarray(0, at);
  if (m.kind === 'insert') return Buffer.concat([out.subarray(0, at), m.bytes, out.subarray(at)]);
  return out;
}

const imageEntry = fc.record({
  path: fc.oneof(fc.array(hostileKey, { maxLength: 3 }), fc.constantFrom('ktp.image', null, 7)),
  bytes: fc.oneof(fc.integer({ min: -2, max: 700 }), fc.constantFrom(1.5, 1e21, Number.MAX_SAFE_INTEGER)),
});

describe('record codec under fuzzing', () => {
  it('refuses random bytes, mutated valid encodings and forged headers cleanly, leaving Object.prototype alone', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), fc.boolean(), (bytes, magic) => {
      decodesOrRefuses(magic ? Buffer.concat([Buffer.from('KRC1'), bytes]) : bytes);
    }), { numRuns: RUNS.random });
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (ms) => {
      decodesOrRefuses(ms.reduce(mutate, valid));
    }), { numRuns: RUNS.mutated });
    const entries = fc.array(fc.oneof(imageEntry.map((e) => JSON.stringify(e)), hostileJsonText), { maxLength: 3 }).map((es) => `[${es.join(',')}]`);
    fc.assert(fc.property(hostileJsonText, entries, fc.uint8Array({ maxLength: 64 }), fc.constantFrom('valid', 'forged', 'whole'), (record, images, tail, form) => {
      const header = form === 'valid' ? headerText.replace('{"record":{', `{"record":{"__proto__":${record},`)
        : form === 'forged' ? `{"record":${record},"images":${images}}` : record;
      decodesOrRefuses(withHeader(header, tail));
    }), { numRuns: RUNS.forged });
    console.log(`record codec fuzz: ${RUNS.random} random, ${RUNS.mutated} mutated, ${RUNS.forged} forged inputs`);
  // The 7,000 inputs take ~13 s alone on a 2-core machine, and beside the suite's OCR tests more
  // than the default 20 s (it timed out so once): the limit is for a hang, not for speed.
  }, 90_000);
});
