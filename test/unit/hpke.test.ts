// Our HPKE (node/crypto/hpke.ts) against an independent implementation of RFC 9180, @hpke/core
// (WebCrypto), as the oracle: what one seals the other opens, both ways, for the same suite; and
// any change to key, info, aad, encapsulated key or ciphertext makes opening fail.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { hpkeOpen, hpkeRecipient, hpkeSeal } from '../../node/crypto/hpke';
import { generateSealingKeyPair, splitSealingKeyPair } from '../../node/crypto/record-sealing';

const oracle = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });
const keys = splitSealingKeyPair(generateSealingKeyPair());
const recipient = hpkeRecipient(keys.privateKey);
const bytes = (max: number) => fc.uint8Array({ maxLength: max });

describe('HPKE base mode, DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 / AES-256-GCM', () => {
  it('derives the recipient public key from the private key', () => {
    expect(recipient.publicKey.equals(keys.publicKey)).toBe(true);
  });

  it('opens what @hpke/core seals, and @hpke/core opens what it seals', async () => {
    await fc.assert(fc.asyncProperty(bytes(64), bytes(64), bytes(4096), async (info, aad, plaintext) => {
      const theirs = await oracle.seal({ recipientPublicKey: await oracle.kem.deserializePublicKey(keys.publicKey), info }, plaintext, aad);
      expect(hpkeOpen(recipient, info, aad, new Uint8Array(theirs.enc), new Uint8Array(theirs.ct)).equals(Buffer.from(plaintext))).toBe(true);
      const ours = hpkeSeal(keys.publicKey, info, aad, plaintext);
      const opened = await oracle.open({ recipientKey: await oracle.kem.deserializePrivateKey(keys.privateKey), enc: ours.enc, info }, ours.ct, aad);
      expect(Buffer.from(opened).equals(Buffer.from(plaintext))).toBe(true);
    }), { numRuns: 40 });
  });

  it('refuses another key, info, aad, encapsulated key or a flipped ciphertext bit', () => {
    const info = Buffer.from('info');
    const aad = Buffer.from('device/record');
    const { enc, ct } = hpkeSeal(keys.publicKey, info, aad, Buffer.from('rahasia'));
    const stranger = hpkeRecipient(splitSealingKeyPair(generateSealingKeyPair()).privateKey);
    const flip = (b: Buffer, i: number) => { const c = Buffer.from(b); c[i] = (c[i] ?? 0) ^ 1; return c; };
    expect(hpkeOpen(recipient, info, aad, enc, ct).toString()).toBe('rahasia');
    expect(() => hpkeOpen(stranger, info, aad, enc, ct)).toThrow();
    expect(() => hpkeOpen(recipient, Buffer.from('other'), aad, enc, ct)).toThrow();
    expect(() => hpkeOpen(recipient, info, Buffer.from('device/other'), enc, ct)).toThrow();
    expect(() => hpkeOpen(recipient, info, aad, flip(enc, 3), ct)).toThrow();
    expect(() => hpkeOpen(recipient, info, aad, enc, flip(ct, 0))).toThrow();
    expect(() => hpkeOpen(recipient, info, aad, Buffer.alloc(32), ct)).toThrow(); // a low-order point
  });
});
