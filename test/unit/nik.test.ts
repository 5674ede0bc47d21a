import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkKk, checkNik, formatNik, type NikInfo } from '../../shared/identity/nik';
import { isRealDate } from '../../shared/identity/dates';
import { districtCodeAt, districtCount, isDistrictCode } from '../../shared/regions/regions';

const district = fc.integer({ min: 0, max: districtCount - 1 }).map(districtCodeAt);
const nikInfo: fc.Arbitrary<NikInfo> = fc.record({
  districtCode: district,
  yy: fc.integer({ min: 0, max: 99 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 31 }),
  sex: fc.constantFrom('L' as const, 'P' as const),
  serial: fc.integer({ min: 1, max: 9999 }).map((n) => String(n).padStart(4, '0')),
}).filter((i) => isRealDate(2000 + i.yy, i.month, i.day) || isRealDate(1900 + i.yy, i.month, i.day));

describe('NIK', () => {
  it('round-trips: every well-formed NIK parses back to its region, date, sex and serial', () => {
    fc.assert(fc.property(nikInfo, (info) => {
      const r = checkNik(formatNik(info));
      expect(r).toEqual({ ok: true, info });
    }));
  });

  it('accepts the spaces and dots applicants type for readability', () => {
    fc.assert(fc.property(nikInfo, fc.constantFrom(' ', '.', '-'), (info, sep) => {
      const nik = formatNik(info);
      expect(checkNik(`${nik.slice(0, 6)}${sep}${nik.slice(6, 12)}${sep}${nik.slice(12)}`).ok).toBe(true);
    }));
  });

  it('refuses any length other than 16 digits', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{1,30}$/).filter((s) => s.length !== 16), (digits) => {
      expect(checkNik(digits)).toEqual({ ok: false, problem: 'nik.length' });
    }));
  });

  it('refuses non-digits', () => {
    fc.assert(fc.property(nikInfo, fc.integer({ min: 0, max: 15 }), fc.constantFrom('O', 'I', 'x', '/'), (info, at, ch) => {
      const nik = formatNik(info);
      expect(checkNik(nik.slice(0, at) + ch + nik.slice(at + 1))).toEqual({ ok: false, problem: 'nik.digits' });
    }));
  });

  it('refuses a region prefix that is not an official district code', () => {
    fc.assert(fc.property(nikInfo, fc.stringMatching(/^\d{6}$/).filter((c) => !isDistrictCode(c)), (info, code) => {
      expect(checkNik(formatNik({ ...info, districtCode: code }))).toEqual({ ok: false, problem: 'nik.region' });
    }));
  });

  it('refuses impossible dates, including day 32-40 and 72+', () => {
    expect(checkNik('3171013208950003')).toEqual({ ok: false, problem: 'nik.date' });
    expect(checkNik('3171014008950003')).toEqual({ ok: false, problem: 'nik.date' });
    expect(checkNik('3171017208950003')).toEqual({ ok: false, problem: 'nik.date' });
    expect(checkNik('3171013002950003')).toEqual({ ok: false, problem: 'nik.date' });
    expect(checkNik('3171011313950003')).toEqual({ ok: false, problem: 'nik.date' });
    // 29 Feb '00 is real in 2000; 29 Feb '01 is never real.
    expect(checkNik('3171012902000003').ok).toBe(true);
    expect(checkNik('3171012902010003')).toEqual({ ok: false, problem: 'nik.date' });
  });

  it('reads women\'s birth day as day + 40', () => {
    const r = checkNik('3171015708950003');
    expect(r.ok && r.info).toMatchObject({ day: 17, month: 8, yy: 95, sex: 'P' });
  });

  it('refuses serial 0000 and an empty value', () => {
    expect(checkNik('3171011708950000')).toEqual({ ok: false, problem: 'nik.serial' });
    expect(checkNik('  ')).toEqual({ ok: false, problem: 'nik.required' });
  });
});

describe('Nomor KK', () => {
  it('accepts 16 digits with an official district prefix', () => {
    fc.assert(fc.property(district, fc.stringMatching(/^\d{10}$/), (code, rest) => {
      expect(checkKk(code + rest)).toEqual({ ok: true });
    }));
  });

  it('refuses unknown prefixes, wrong lengths and non-digits', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{16}$/).filter((s) => !isDistrictCode(s.slice(0, 6))), (kk) => {
      expect(checkKk(kk)).toEqual({ ok: false, problem: 'kk.region' });
    }));
    expect(checkKk('317101230918000')).toEqual({ ok: false, problem: 'kk.length' });
    expect(checkKk('31710123091800O7')).toEqual({ ok: false, problem: 'kk.digits' });
    expect(checkKk('')).toEqual({ ok: false, problem: 'kk.required' });
  });
});
