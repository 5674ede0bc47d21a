// The plaintext form of a record before it is sealed: the record's JSON with its images moved out
// as raw bytes, so they travel without base64's third more. The server decodes it back to the
// record shape and validates that with the shared schema.
//   "KRC1" | u32 BE length of the header | header JSON | image bytes, in header order
const MAGIC = Buffer.from('KRC1', 'latin1');
/** Where records keep images ({ mime, base64, … } objects). */
const IMAGE_PATHS = [['ktp', 'image'], ['selfie', 'image']] as const;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null;

interface Header {
  readonly record: Json;
  /** Byte length of each image of IMAGE_PATHS present in the record, in that order. */
  readonly images: { readonly path: readonly string[]; readonly bytes: number }[];
}

// Own properties only: a header naming "__proto__" must never reach Object.prototype.
const child = (o: unknown, key: string): Json | undefined => {
  if (typeof o !== 'object' || o === null || !Object.hasOwn(o, key)) return undefined;
  const v = (o as Json)[key];
  return typeof v === 'object' && v !== null ? (v as Json) : undefined;
};
/**
 * Keys no record has and that prototype-pollution gadgets look for: a header carrying one anywhere
 * is refused whole, so no decoded record (on the kiosk, the server, in an export) ever holds them.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const refuseForbiddenKeys = (key: string, value: unknown): unknown => {
  if (FORBIDDEN_KEYS.has(key)) throw new Error('forbidden key in record header');
  return value;
};
const at = (root: Json, path: readonly string[]): Json | undefined => path.reduce<Json | undefined>((o, k) => child(o, k), root);

export function encodeRecord(record: object): Buffer {
  const copy = structuredClone(record) as Json;
  const images: Header['images'] = [];
  const parts: Buffer[] = [];
  for (const path of IMAGE_PATHS) {
    const image = at(copy, path);
    if (typeof image?.base64 !== 'string') continue;
    const bytes = Buffer.from(image.base64, 'base64');
    image.base64 = '';
    images.push({ path, bytes: bytes.length });
    parts.push(bytes);
  }
  const header = Buffer.from(JSON.stringify({ record: copy, images } satisfies Header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  return Buffer.concat([MAGIC, length, header, ...parts]);
}

/** The header and where each image's bytes lie; throws on a malformed encoding. */
function parse(data: Uint8Array): { record: Json; buf: Buffer; images: { image: Json; path: readonly string[]; start: number; end: number }[] } {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buf.length < 8 || !buf.subarray(0, 4).equals(MAGIC)) throw new Error('not an encoded record');
  const headerEnd = 8 + buf.readUInt32BE(4);
  if (headerEnd > buf.length) throw new Error('truncated record header');
  const header: unknown = JSON.parse(buf.subarray(8, headerEnd).toString('utf8'), refuseForbiddenKeys);
  if (!isObject(header) || !Array.isArray(header.images) || !isObject(header.record) || Array.isArray(header.record)) throw new Error('bad record header');
  const record = header.record;
  let offset = headerEnd;
  const images = [];
  const seen = new Set<string>();
  for (const entry of header.images as unknown[]) {
    // Only the image fields this codec writes (compared member by member, as strings), each at most once.
    const path = isObject(entry) && Array.isArray(entry.path) ? IMAGE_PATHS.find((p) => p.length === (entry.path as unknown[]).length && p.every((k, i) => (entry.path as unknown[])[i] === k)) : undefined;
    const bytes = isObject(entry) ? entry.bytes : undefined;
    if (!path || seen.has(path.join('.'))) throw new Error('bad image entry');
    seen.add(path.join('.'));
    const image = at(record, path);
    if (!image || typeof bytes !== 'number' || !Number.isInteger(bytes) || bytes < 0 || offset + bytes > buf.length) throw new Error('bad image entry');
    images.push({ image, path, start: offset, end: offset + bytes });
    offset += bytes;
  }
  if (offset !== buf.length) throw new Error('trailing bytes after the images');
  return { record, buf, images };
}

/** The record as it was encoded (images as base64 again). Throws on a malformed encoding. */
export function decodeRecord(data: Uint8Array): unknown {
  const { record, buf, images } = parse(data);
  for (const { image, start, end } of images) image.base64 = buf.subarray(start, end).toString('base64');
  return record;
}

/** Stands in for an image's base64 when only the record's shape is checked. */
export const IMAGE_PLACEHOLDER = 'AAAA';

export interface RecordShape {
  /** The record with each image's base64 replaced by IMAGE_PLACEHOLDER. */
  readonly record: unknown;
  /** Each image's size in bytes, by its path ('ktp.image'). */
  readonly imageBytes: ReadonlyMap<string, number>;
}

/**
 * The record without turning its images back into base64: what the central server checks. It
 * stores the sealed bytes as received and never needs the images themselves, and re-encoding two
 * 150 KB images only to check their alphabet cost it about as much as storing the record.
 */
export function inspectRecord(data: Uint8Array): RecordShape {
  const { record, images } = parse(data);
  for (const { image } of images) image.base64 = IMAGE_PLACEHOLDER;
  return { record, imageBytes: new Map(images.map(({ path, start, end }) => [path.join('.'), end - start])) };
}
