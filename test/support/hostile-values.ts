// What the fuzz and hostile-input tests throw at parsers: JSON texts and values aimed at
// Object.prototype (keys "__proto__", "constructor", "prototype"), odd types, numbers past double
// precision, long strings; record codec encodings around any header — and the checks that nothing
// reached Object.prototype and no row of a database changed.
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { expect } from 'vitest';

export const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'polluted', 'toString', 'valueOf', 'hasOwnProperty', 'session', 'id', 'kind', 'answer',
  'username', 'password', 'code', 'deviceId', 'recordIds', 'challenge', 'fields', 'nik', 'ktp', 'selfie', 'image', 'base64', 'profileId', 'cursor', 'limit');

const scalarText = fc.oneof(
  fc.constantFrom('null', 'true', 'false', '0', '-0', '-1', '1e309', '-1e309', '9007199254740993', '1.5', '1e-400', '""', '"\\u0000"', '"__proto__"', '"00000000-0000-0000-0000-000000000000"', '[]', '{}'),
  fc.string({ maxLength: 40 }).map((s) => JSON.stringify(s)),
  fc.integer({ min: 1, max: 200_000 }).map((n) => JSON.stringify('A'.repeat(n))),
  fc.double().map((d) => (Number.isFinite(d) ? String(d) : '0')),
);

/** A JSON text (always syntactically valid) whose objects use hostile keys, "__proto__" as an own member included. */
export const hostileJsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarText,
    fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
    fc.array(fc.tuple(fc.oneof(hostileKey, fc.string({ maxLength: 8 })), tie('value')), { maxLength: 5 })
      .map((members) => `{${members.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  ),
})).value;

/** A value as JSON.parse makes it from a hostile text (own "__proto__" members, not prototypes), or undefined. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileJsonText.map((t) => JSON.parse(t) as unknown),
  fc.anything({ maxDepth: 3 }),
  fc.constant(undefined),
);

/** Nothing was added to Object.prototype (by a parser merging "__proto__" or "constructor.prototype"). */
export function expectPrototypeClean(): void {
  const probe = {} as Record<string, unknown>;
  for (const name of ['polluted', 'image', 'base64', 'session', 'admin', 'isAdmin', 'role']) expect(probe[name], name).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
  // Not even a non-enumerable value: only the built-in methods, `constructor` and the `__…__` accessors.
  expect(Object.getOwnPropertyNames(Object.prototype)
    .filter((n) => !n.startsWith('__') && n !== 'constructor' && typeof Object.prototype[n as keyof object] !== 'function')).toEqual([]);
  expect(Object.getPrototypeOf(Object.prototype)).toBeNull();
}

/**
 * A record codec encoding (node/crypto/record-codec.ts) around any header text: the magic 'KRC1',
 * the header's length in bytes (big-endian), the header, then `tail` (the image bytes).
 */
export function withHeader(header: string, tail: Uint8Array = new Uint8Array(0)): Buffer {
  const h = Buffer.from(header, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(h.length);
  return Buffer.concat([Buffer.from('KRC1'), length, h, tail]);
}

/** A valid encoding split into its header text and the image bytes after it (withHeader puts them back together). */
export function splitEncoding(encoded: Buffer): { header: string; tail: Buffer } {
  const end = 8 + encoded.readUInt32BE(4);
  return { header: encoded.subarray(8, end).toString('utf8'), tail: encoded.subarray(end) };
}

/** Rows per table of a SQLite database: its whole state as far as a request could add or remove. */
export function rowCounts(db: Database.Database): Record<string, number> {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
}
