import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normaliseEmail, normalisePhone } from '../../shared/identity/contact';

const subscriber = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^\d{7,10}$/)).map(([op, rest]) => `8${op}${rest}`);

describe('Indonesian mobile numbers', () => {
  it('normalise 08…, +62 8…, 62 8… and spaced/dashed forms to the same +62 number', () => {
    fc.assert(fc.property(subscriber, (national) => {
      const e164 = `+62${national}`;
      const spaced = `${national.slice(0, 3)} ${national.slice(3, 7)}-${national.slice(7)}`;
      for (const typed of [`0${national}`, `+62${national}`, `62${national}`, `+62 ${spaced}`, `0${spaced}`, `(0${national.slice(0, 3)}) ${national.slice(3)}`]) {
        expect(normalisePhone(typed)).toEqual({ ok: true, e164 });
      }
    }));
  });

  it('is idempotent on its own output', () => {
    fc.assert(fc.property(subscriber, (national) => {
      const first = normalisePhone(`0${national}`);
      expect(first.ok && normalisePhone(first.e164)).toEqual(first);
    }));
  });

  it('refuses landlines, foreign numbers, letters and wrong lengths with the reason', () => {
    expect(normalisePhone('021 5551234')).toEqual({ ok: false, problem: 'phone.notMobile' });
    expect(normalisePhone('+1 202 555 0143')).toEqual({ ok: false, problem: 'phone.format' });
    expect(normalisePhone('0812-ABC-4567')).toEqual({ ok: false, problem: 'phone.format' });
    expect(normalisePhone('0812345')).toEqual({ ok: false, problem: 'phone.length' });
    expect(normalisePhone('08123456789012')).toEqual({ ok: false, problem: 'phone.length' });
    expect(normalisePhone('0801234567')).toEqual({ ok: false, problem: 'phone.notMobile' });
    expect(normalisePhone('')).toEqual({ ok: false, problem: 'phone.required' });
  });
});

describe('e-mail', () => {
  const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
  const local = fc.stringMatching(/^[A-Za-z0-9_+-]{1,12}(\.[A-Za-z0-9_+-]{1,8})?$/);
  const tld = fc.stringMatching(/^[a-z]{2,6}$/);

  it('accepts dot-atom addresses and lower-cases only the domain', () => {
    fc.assert(fc.property(local, label, tld, (l, d, t) => {
      const r = normaliseEmail(` ${l}@${d.toUpperCase()}.${t} `);
      expect(r).toEqual({ ok: true, email: `${l}@${d}.${t}` });
    }));
  });

  it('refuses anything without exactly one usable @ and a dotted domain', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }).filter((s) => !s.includes('@')), (s) => {
      expect(normaliseEmail(s).ok).toBe(false);
    }));
    for (const bad of ['a@b', 'a@@b.id', '.a@b.id', 'a.@b.id', 'a..b@c.id', 'a@-b.id', 'a@b.1d', 'a b@c.id', 'a@b_c.id']) {
      expect(normaliseEmail(bad), bad).toMatchObject({ ok: false });
    }
    expect(normaliseEmail(`${'a'.repeat(65)}@b.id`)).toEqual({ ok: false, problem: 'email.format' });
  });
});
