import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatReceiptNumber, isValidReceiptNumber } from '../../shared/receipt';
import id from '../../renderer/i18n/id.json';
import en from '../../renderer/i18n/en.json';
import type { ERROR_CODES } from '../../shared/result';

describe('receipt numbers', () => {
  it('are valid, distinct per sequence, and catch any single mistyped character', () => {
    fc.assert(fc.property(fc.uuid(), fc.integer({ min: 1, max: 999_999 }), fc.nat(), fc.nat(), (device, seq, pos, alt) => {
      const r = formatReceiptNumber(device, seq);
      expect(isValidReceiptNumber(r)).toBe(true);
      expect(formatReceiptNumber(device, seq + 1)).not.toBe(r);
      const positions = [...r].map((c, i) => (c === '-' ? -1 : i)).filter((i) => i >= 0);
      const at = positions[pos % positions.length] ?? 0;
      const alphabet = /\d/.test(r[at] ?? '') && at > 4 && at < r.length - 2 ? '0123456789' : '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
      const replacement = alphabet.replace(r[at] ?? '', '')[alt % (alphabet.length - 1)] ?? '0';
      expect(isValidReceiptNumber(r.slice(0, at) + replacement + r.slice(at + 1))).toBe(false);
    }));
  });
});

describe('i18n catalogues', () => {
  it('have the same keys in Indonesian and English, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
    for (const [k, v] of [...Object.entries(id), ...Object.entries(en)]) expect(v.trim(), k).not.toBe('');
  });

  it('have an applicant-facing text for every error a submission can return', () => {
    for (const code of ['duplicate-nik', 'unconfirmed-warning', 'invalid-input', 'host-unreachable'] satisfies (typeof ERROR_CODES[number])[]) {
      expect(Object.keys(id)).toContain(`submitErrors.${code}`);
    }
  });
});
