import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeRecord, encodeRecord, IMAGE_PLACEHOLDER, inspectRecord } from '../../node/crypto/record-codec';
import { SITI } from '../support/identities';
import { submission, submissionWithImages } from '../support/submissions';
import { isBase64 } from '../../shared/jpeg-image';

describe('record codec', () => {
  it('round-trips a record with both images and carries them as raw bytes', () => {
    const record = submissionWithImages(SITI, 150 * 1024);
    const encoded = encodeRecord(record);
    expect(decodeRecord(encoded)).toEqual(record);
    // Two 150 KB images: within 2 KB of their raw size, where JSON would add a third.
    expect(encoded.length).toBeLessThan(2 * 150 * 1024 + 2048);
    expect(Buffer.byteLength(JSON.stringify(record))).toBeGreaterThan(400_000);
  });

  it('round-trips records without images and arbitrary image bytes', () => {
    const { selfie: _none, ...noImages } = submission(SITI);
    expect(decodeRecord(encodeRecord(noImages))).toEqual(noImages);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), (a, b) => {
      const record = { ktp: { image: { base64: Buffer.from(a).toString('base64') } }, selfie: { image: { base64: Buffer.from(b).toString('base64') } } };
      expect(decodeRecord(encodeRecord(record))).toEqual(record);
    }));
  });

  it('shows the central server the record with placeholders and the image sizes, without re-encoding the images', () => {
    const record = submissionWithImages(SITI, 1500);
    const { record: shape, imageBytes } = inspectRecord(encodeRecord(record));
    expect(shape).toEqual({ ...record, ktp: { ...record.ktp, image: { ...record.ktp?.image, base64: IMAGE_PLACEHOLDER } }, selfie: { ...record.selfie, image: { ...record.selfie?.image, base64: IMAGE_PLACEHOLDER } } });
    expect(imageBytes).toEqual(new Map([['ktp.image', 1500], ['selfie.image', 1500]]));
  });

  it('refuses a truncated, extended or foreign encoding', () => {
    const encoded = encodeRecord(submissionWithImages(SITI, 1000));
    expect(() => decodeRecord(encoded.subarray(0, encoded.length - 1))).toThrow(/bad image entry/);
    expect(() => decodeRecord(Buffer.concat([encoded, Buffer.from([0])]))).toThrow(/trailing bytes/);
    expect(() => decodeRecord(Buffer.from('{"version":1}'))).toThrow(/not an encoded record/);
    expect(() => decodeRecord(encoded.subarray(0, 12))).toThrow(/truncated/);
  });

  it('refuses image entries it does not write: unknown or repeated paths, and never touches Object.prototype', () => {
    const forged = (images: unknown[], record: object) => {
      const header = Buffer.from(JSON.stringify({ record, images }));
      const length = Buffer.alloc(4);
      length.writeUInt32BE(header.length);
      return Buffer.concat([Buffer.from('KRC1'), length, header, Buffer.alloc(8)]);
    };
    expect(() => inspectRecord(forged([{ path: ['__proto__'], bytes: 8 }], {}))).toThrow(/bad image entry/);
    expect(({} as { base64?: string }).base64).toBeUndefined();
    expect(() => inspectRecord(forged([{ path: ['ktp', 'image'], bytes: 4 }, { path: ['ktp', 'image'], bytes: 4 }], { ktp: { image: {} } }))).toThrow(/bad image entry/);
    expect(() => decodeRecord(forged([{ path: ['constructor', 'prototype'], bytes: 8 }], {}))).toThrow(/bad image entry/);
  });
});

describe('base64 check of stored images', () => {
  it('agrees with the anchored pattern it replaced on any string', () => {
    const anchored = /^[A-Za-z0-9+/]+=*$/;
    const alphabet = fc.constantFrom(...'AZaz09+/=-_ \n'.split(''));
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 24 }).map((cs) => cs.join('')), (s) => isBase64(s) === anchored.test(s)));
    fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (bytes) => isBase64(Buffer.from(bytes).toString('base64'))));
  });
});
