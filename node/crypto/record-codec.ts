// The plaintext form of a record before it is sealed: the record's JSON with its images moved out
// as raw bytes, so they travel without base64's third more. The server decodes it back to the
// record shape and validates that with the shared schema.
//   "KRC1" | u32 BE length of the header | header JSON | image bytes, in header order
const MAGIC = Buffer.from('KRC1', 'latin1');
/** Where records keep images ({ mime, base64, … } objects). */
const IMAGE_PATHS = [['ktp', 'image'], ['selfie', 'image']] as const;

type Json = Record<string, unknown>;

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
const KNOWN_PATHS = new Set(IMAGE_PATHS.map((p) => p.join('.')));
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
function parse(data: Uint8Array): { header: Header; buf: Buffer; images: { image: Json; path: readonly string[]; start: number; end: number }[] } {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buf.length < 8 || !buf.subarray(0, 4).equals(MAGIC)) throw new Error('not an encoded record');
  const headerEnd = 8 + buf.readUInt32BE(4);
  if (headerEnd > buf.length) throw new Error('truncated record header');
  const header = JSON.parse(buf.subarray(8, headerEnd).toString('utf8')) as Header;
  let offset = headerEnd;
  const images = [];
  const seen = new Set<string>();
  if (!Array.isArray(header.images) || typeof header.record !== 'object' || header.record === null) throw new Error('bad record header');
  for (const { path, bytes } of header.images) {
    // Only the image fields this codec writes, each at most once.
    const name = Array.isArray(path) ? path.join('.') : '';
    if (!KNOWN_PATHS.has(name) || seen.has(name)) throw new Error('bad image entry');
    seen.add(name);
    const image = at(header.record, path);
    if (!image || !Number.isInteger(bytes) || bytes < 0 || offset + bytes > buf.length) throw new Error('bad image entry');
    images.push({ image, path, start: offset, end: offset + bytes });
    offset += bytes;
  }
  if (offset !== buf.length) throw new Error('trailing bytes after the images');
  return { header, buf, images };
}

/** The record as it was encoded (images as base64 again). Throws on a malformed encoding. */
export function decodeRecord(data: Uint8Array): unknown {
  const { header, buf, images } = parse(data);
  for (const { image, start, end } of images) image.base64 = buf.subarray(start, end).toString('base64');
  return header.record;
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
  const { header, images } = parse(data);
  for (const { image } of images) image.base64 = IMAGE_PLACEHOLDER;
  return { record: header.record, imageBytes: new Map(images.map(({ path, start, end }) => [path.join('.'), end - start])) };
}
