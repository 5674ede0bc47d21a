// NIK (Nomor Induk Kependudukan): 16 digits = district code (6) + DDMMYY of birth, with 40 added
// to the day for women (6) + serial (4). The region and date parts are checkable offline.
import { isRealDate } from './dates';
import { isDistrictCode } from '../regions/regions';

export type Sex = 'L' | 'P';

export type NikProblem = 'nik.required' | 'nik.digits' | 'nik.length' | 'nik.region' | 'nik.date' | 'nik.serial';

export interface NikInfo {
  readonly districtCode: string;
  readonly day: number;
  readonly month: number;
  /** Two-digit year: the century is not encoded. */
  readonly yy: number;
  readonly sex: Sex;
  readonly serial: string;
}

/** Digits only: spaces and dots that applicants type for readability are dropped. */
export function cleanDigits(input: string): string {
  return input.replace(/[\s.-]/g, '');
}

/** Day/month valid in at least one century (29-02-00 is real in 2000 though not in 1900). */
function isRealNikDate(day: number, month: number, yy: number): boolean {
  return isRealDate(1900 + yy, month, day) || isRealDate(2000 + yy, month, day);
}

export function checkNik(input: string): { ok: true; info: NikInfo } | { ok: false; problem: NikProblem } {
  const nik = cleanDigits(input);
  if (nik === '') return { ok: false, problem: 'nik.required' };
  if (!/^\d+$/.test(nik)) return { ok: false, problem: 'nik.digits' };
  if (nik.length !== 16) return { ok: false, problem: 'nik.length' };
  const districtCode = nik.slice(0, 6);
  if (!isDistrictCode(districtCode)) return { ok: false, problem: 'nik.region' };
  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const sex: Sex = rawDay > 40 ? 'P' : 'L';
  const day = sex === 'P' ? rawDay - 40 : rawDay;
  if (!isRealNikDate(day, month, yy)) return { ok: false, problem: 'nik.date' };
  const serial = nik.slice(12);
  if (serial === '0000') return { ok: false, problem: 'nik.serial' };
  return { ok: true, info: { districtCode, day, month, yy, sex, serial } };
}

/** Inverse of checkNik, used by fixtures and property tests. */
export function formatNik(info: NikInfo): string {
  const day = info.sex === 'P' ? info.day + 40 : info.day;
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${info.districtCode}${two(day)}${two(info.month)}${two(info.yy)}${info.serial}`;
}

export type KkProblem = 'kk.required' | 'kk.digits' | 'kk.length' | 'kk.region';

/**
 * Nomor KK: 16 digits starting with the issuing district's code. The remaining digits encode the
 * issue date and a serial, but their layout varies across generations of KK, so only the region is
 * checked.
 */
export function checkKk(input: string): { ok: true } | { ok: false; problem: KkProblem } {
  const kk = cleanDigits(input);
  if (kk === '') return { ok: false, problem: 'kk.required' };
  if (!/^\d+$/.test(kk)) return { ok: false, problem: 'kk.digits' };
  if (kk.length !== 16) return { ok: false, problem: 'kk.length' };
  if (!isDistrictCode(kk.slice(0, 6))) return { ok: false, problem: 'kk.region' };
  return { ok: true };
}
