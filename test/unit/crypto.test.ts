import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { FileSecretStore } from '../../node/crypto/secret-store';
import { createPayloadCipher, loadDataKey } from '../../electron/services/crypto/payload-cipher';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();

describe('payload cipher (AES-256-GCM)', () => {
  const cipher = createPayloadCipher(Buffer.alloc(32, 7));

  it('round-trips any payload bound to its associated data', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 4096 }), fc.string(), (bytes, aad) => {
      const sealed = cipher.seal(Buffer.from(bytes), aad);
      expect(cipher.open(sealed, aad)).toEqual(Buffer.from(bytes));
    }));
  });

  it('never repeats ciphertext for the same plaintext and hides it', () => {
    const plain = Buffer.from('3171015708950003 SITI RAHMAWATI');
    const a = cipher.seal(plain, 'dev/rec');
    const b = cipher.seal(plain, 'dev/rec');
    expect(a.equals(b)).toBe(false);
    expect(a.includes(Buffer.from('3171015708950003'))).toBe(false);
  });

  it('refuses a tampered blob, another record\'s associated data, or another key', () => {
    const sealed = cipher.seal(Buffer.from('data'), 'dev/rec-1');
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 20] = (flipped[flipped.length - 20] ?? 0) ^ 1;
    expect(() => cipher.open(flipped, 'dev/rec-1')).toThrow();
    expect(() => cipher.open(sealed, 'dev/rec-2')).toThrow();
    expect(() => createPayloadCipher(Buffer.alloc(32, 8)).open(sealed, 'dev/rec-1')).toThrow();
    expect(() => cipher.open(Buffer.from([9, 1, 2]), 'dev/rec-1')).toThrow(/unknown format/);
  });

  it('tags equal values equally and different values differently, independent of the AES key', () => {
    expect(cipher.tag('nik:1').equals(cipher.tag('nik:1'))).toBe(true);
    expect(cipher.tag('nik:1').equals(cipher.tag('nik:2'))).toBe(false);
    expect(cipher.tag('nik:1').equals(createPayloadCipher(Buffer.alloc(32, 8)).tag('nik:1'))).toBe(false);
  });
});

describe('file secret store', () => {
  it('creates a 32-byte data key readable by the owner only, and returns the same key afterwards', () => {
    const dir = tempDir();
    const store = new FileSecretStore(dir);
    const key = loadDataKey(store);
    expect(key).toHaveLength(32);
    expect(statSync(store.pathOf('data')).mode & 0o777).toBe(0o600);
    expect(loadDataKey(new FileSecretStore(dir))).toEqual(key);
  });

  it('tightens loose permissions and refuses a truncated key', () => {
    const dir = tempDir();
    const store = new FileSecretStore(dir);
    loadDataKey(store);
    const path = store.pathOf('data');
    chmodSync(path, 0o644);
    loadDataKey(store);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    writeFileSync(path, Buffer.alloc(5));
    expect(() => loadDataKey(store)).toThrow(/5 bytes, expected 32/);
  });

  it('stores wrapped secrets only in their wrapped form', () => {
    const dir = tempDir();
    const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0xff));
    const store = new FileSecretStore(dir, { suffix: '.wrapped', wrap: flip, unwrap: flip });
    const key = loadDataKey(store);
    expect(readFileSync(store.pathOf('data'))).toEqual(flip(key));
    expect(loadDataKey(store)).toEqual(key);
  });
});
