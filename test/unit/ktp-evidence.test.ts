// Evidence that lowers or raises a KTP value's confidence, and clean-ups of free-text values:
// the printed Kecamatan against the NIK's district, the birth year against the NIK, places of
// birth against the official list, stray marks and glued address words. (The Nama line's ink:
// ktp-name-ink.test.ts.)
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseKtp } from '../../shared/ktp/parse-ktp';
import { completedDate } from '../../shared/ktp/cross-check';
import { stripLeadingMark, tidyAddress } from '../../shared/ktp/address-text';
import { prefillFromKtp } from '../../shared/ktp/prefill';
import type { OcrLine } from '../../shared/ktp/lines';

const clean = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'ktp-ocr-clean.json'), 'utf8')) as { lines: OcrLine[] };
const withLine = (field: string, text: string): OcrLine[] => clean.lines.map((l) => (l.text.startsWith(field) ? { ...l, text } : l));
const nameLine: OcrLine = { text: 'BUDI', confidence: 94 };
/** The NIK's two digit re-reads, both giving the card's NIK. */
const nikLines: OcrLine[] = [{ text: '3216121101674293', confidence: 90 }, { text: '3216121101674293', confidence: 88 }];

describe('the printed Kecamatan and the NIK\'s district (321612: KEDUNG WARINGIN)', () => {
  it('agree: nothing flagged, and a misread name is spelt as the official list spells it', () => {
    const f = parseKtp(withLine('Kecamatan', 'Kecamatan : KEDUNG WARINGN'), { nameLine, nikLines });
    expect(f.kecamatan?.value).toBe('KEDUNG WARINGIN');
    expect(f.nik?.flags).toEqual([]);
  });

  it('another district of the regency printed: the NIK and the Kecamatan are flagged, never corrected', () => {
    const f = parseKtp(withLine('Kecamatan', 'Kecamatan : CIKARANG BARAT'), { nameLine });
    expect(f.nik?.value).toBe('3216121101674293');
    expect(f.nik?.flags).toContain('ktp.nikDistrictMismatch');
    expect(f.kecamatan?.flags).toContain('ktp.nikDistrictMismatch');
  });
});

describe('the birth date and the NIK', () => {
  it('a year that alone disagrees with a confident NIK takes the NIK\'s, still flagged', () => {
    const f = parseKtp(withLine('Tempat', 'Tempat/Tgl Lahir : BEKASI, 11-01-1987'), { nameLine });
    expect(f.tanggalLahir?.value).toBe('11-01-1967');
    expect(f.tanggalLahir?.flags).toContain('ktp.nikDateMismatch');
  });

  it('a day or month that is no date, one digit off a confident NIK\'s, takes the NIK\'s, still flagged', () => {
    const date = (text: string) => parseKtp(withLine('Tempat', `Tempat/Tgl Lahir : BEKASI, ${text}`), { nameLine }).tanggalLahir;
    expect(date('11-00-1967')).toMatchObject({ value: '11-01-1967', flags: ['ktp.nikDateMismatch'] });
    expect(date('71-01-1967')?.value).toBe('11-01-1967');
    expect(date('11-61-1967')?.value).toBe('11-01-1967');
    // A date that can be (the card may print another day than its NIK), two digits off, or one
    // with another year: as read.
    expect(date('11-07-1967')).toMatchObject({ value: '11-07-1967', flags: ['ktp.nikDateMismatch'] });
    expect(date('01-00-1967')?.value).toBe('01-00-1967');
    expect(date('11-00-1987')?.value).toBe('11-00-1987');
  });

  it('so does it when the NIK was read less surely but the region, district and sex printed agree with it', () => {
    const lines = withLine('Tempat', 'Tempat/Tgl Lahir : BEKASI, 11-01-1987').map((l) => (l.text.startsWith('NIK') ? { ...l, confidence: 70 } : l));
    expect(parseKtp(lines, { nameLine }).tanggalLahir).toMatchObject({ value: '11-01-1967', flags: ['ktp.nikDateMismatch'] });
    // The province and the regency are one piece of evidence (the NIK's first digits), and say
    // nothing of its date digits: with only them agreeing, the year is left as read.
    const regionOnly = lines.filter((l) => !/^(Kecamatan|Jenis)/.test(l.text));
    expect(parseKtp(regionOnly, { nameLine }).tanggalLahir).toMatchObject({ value: '11-01-1987', flags: ['ktp.nikDateMismatch'] });
  });

  it('a sex spelt exactly is sure, however faint its line', () => {
    // (No NIK read: nothing else vouches for it.)
    const sex = (text: string) => parseKtp(withLine('Jenis', text).filter((l) => !l.text.startsWith('NIK'))
      .map((l) => (l.text.startsWith('Jenis') ? { ...l, confidence: 50 } : l))).jenisKelamin;
    expect(sex('Jenis Kelamin : LAKI-LAKI    Gol. Darah : O')).toMatchObject({ value: 'LAKI-LAKI', confidence: 0.9 });
    expect(sex('Jenis Kelamin : LAKI-LAXI    Gol. Darah : O')?.confidence).toBeLessThan(0.8);
  });

  it('a faint date and sex are sure when they agree with a NIK that the region and district vouch for', () => {
    // Both lines read faintly (the sex not quite spelt); the NIK less surely, and its serial
    // unsure (one re-read lost it), but the serial encodes neither the date nor the sex.
    const faint = (l: OcrLine): OcrLine => (/^(Tempat|Jenis|NIK)/.test(l.text) ? { ...l, confidence: /^NIK/.test(l.text) ? 70 : 55 } : l);
    const lines = withLine('Jenis', 'Jenis Kelamin : LAKI-LAKl     Gol. Darah : O').map(faint);
    const unsure = [{ text: '3216121101674293', confidence: 60 }, { text: '321612110167 1', confidence: 38 }];
    const f = parseKtp(lines, { nameLine, nikLines: unsure });
    expect(f.nik?.flags).toContain('ktp.nikSerialUnsure');
    const { uncertain } = prefillFromKtp(f);
    expect(uncertain).not.toContain('tanggalLahir');
    expect(uncertain).not.toContain('jenisKelamin');
    // With only the region agreeing besides, nothing but the field itself speaks for the NIK's
    // date digits: the date stays to be confirmed.
    const regionOnly = parseKtp(lines.filter((l) => !/^(Kecamatan|Jenis)/.test(l.text)), { nameLine, nikLines: unsure });
    expect(prefillFromKtp(regionOnly).uncertain).toContain('tanggalLahir');
  });

  it('a date cut at the column\'s edge by a long place of birth takes the NIK\'s year when day and month agree, flagged', () => {
    const cut = (date: string) => parseKtp(withLine('Tempat', `Tempat/Tgl Lahir : BOLAANG MONGONDOW SELATAN, ${date}`), { nameLine, nikLines }).tanggalLahir;
    expect(cut('11-01-19')).toMatchObject({ value: '11-01-1967', flags: ['ktp.dateFromNik'] });
    expect(cut('11-01')).toMatchObject({ value: '11-01-1967', flags: ['ktp.dateFromNik'] });
    // A day the NIK does not hold, or a century it cannot be in, completes nothing.
    expect(cut('12-01-19')).toBeUndefined();
    expect(cut('11-01-20')).toBeUndefined();
    // No year digits read: the latest century that leaves the holder at least 17.
    const young = { nik: { value: '3216122806054293', confidence: 0.9, flags: [] } };
    expect(completedDate('BEKASI, 28-06', young)?.value).toBe('28-06-2005');
  });

  it('a lost birth line or sex line takes what a sure NIK encodes, flagged', () => {
    const lost = clean.lines.filter((l) => !/^(Tempat|Jenis)/.test(l.text));
    const f = parseKtp(lost, { nameLine, nikLines });
    expect(f.tanggalLahir).toMatchObject({ value: '11-01-1967', flags: ['ktp.dateFromNik'] });
    expect(f.jenisKelamin).toMatchObject({ value: 'LAKI-LAKI', flags: ['ktp.sexFromNik'] });
    expect(prefillFromKtp(f).uncertain).toEqual(expect.arrayContaining(['tanggalLahir', 'jenisKelamin']));
    // Not from a NIK read unsurely (one garbled re-read, the other missing).
    const unsure = parseKtp(lost.map((l) => (l.text.startsWith('NIK') ? { ...l, confidence: 50 } : l)), { nameLine, nikLines: [{ text: '3216121101674293', confidence: 50 }] });
    expect(unsure.tanggalLahir).toBeUndefined();
    expect(unsure.jenisKelamin).toBeUndefined();
  });

  it('a day that disagrees is left as read, flagged', () => {
    const f = parseKtp(withLine('Tempat', 'Tempat/Tgl Lahir : BEKASI, 12-01-1967'), { nameLine });
    expect(f.tanggalLahir?.value).toBe('12-01-1967');
    expect(f.tanggalLahir?.flags).toContain('ktp.nikDateMismatch');
  });
});

describe('the place of birth', () => {
  const place = (text: string) => parseKtp(withLine('Tempat', `Tempat/Tgl Lahir : ${text}, 11-01-1967`), { nameLine }).tempatLahir;

  it('read as a listed place is confident', () => {
    expect(place('BEKASI')).toMatchObject({ value: 'BEKASI', flags: [] });
    expect(place('BEKASI')?.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('a letter away from one listed place is that place, to be confirmed', () => {
    expect(place('BEKASl')).toMatchObject({ value: 'BEKASI', flags: ['ktp.placeCorrected'] });
  });

  it('matching nothing is kept as read and left for the applicant to check', () => {
    expect(place('KAMPUNG SAWAH')).toMatchObject({ value: 'KAMPUNG SAWAH', flags: ['ktp.placeUnlisted'] });
  });
});

describe('free-text values', () => {
  it('lose the colon read as a stray mark, not a house number', () => {
    expect(stripLeadingMark('1: GG. MAWAR')).toBe('GG. MAWAR');
    expect(stripLeadingMark('» JL. KENANGA')).toBe('JL. KENANGA');
    expect(stripLeadingMark('1JL. KENANGA')).toBe('JL. KENANGA');
    expect(stripLeadingMark('12 JL. MAWAR')).toBe('12 JL. MAWAR');
    expect(stripLeadingMark('3-4 ULU')).toBe('3-4 ULU');
    expect(stripLeadingMark('£ JL. AHMAD YANI NO. 24')).toBe('JL. AHMAD YANI NO. 24');
    expect(stripLeadingMark('$ SUMUNIKAMA')).toBe('SUMUNIKAMA');
  });

  it('split two address words read as one, and restore an abbreviation\'s full stop', () => {
    expect(tidyAddress('PERUM GRIYAASRI BLOK C NO: 33')).toBe('PERUM GRIYA ASRI BLOK C NO. 33');
    expect(tidyAddress('JL. MERDEKA NO. 10')).toBe('JL. MERDEKA NO. 10');
    expect(tidyAddress('JL. MERDEKANO. 41')).toBe('JL. MERDEKA NO. 41');
    expect(tidyAddress('JL. SUKARNO 12')).toBe('JL. SUKARNO 12');
  });

  it('read a blood group printed as a letter OCR took for a digit', () => {
    expect(parseKtp(withLine('Jenis', 'Jenis Kelamin : LAKI-LAKI Gol. Darah : 8'), { nameLine }).golonganDarah?.value).toBe('B');
  });
});

describe('what the NIK cannot vouch for', () => {
  it('a century no holder can have: the date is flagged and takes the possible one', () => {
    const f = parseKtp(withLine('Tempat', 'Tempat/Tgl Lahir : BEKASI, 11-01-2067'), { nameLine });
    expect(f.tanggalLahir?.value).toBe('11-01-1967');
    expect(f.tanggalLahir?.flags).toContain('ktp.nikDateMismatch');
  });

  it('reads giving two different valid NIKs: the one the printed date picks is still flagged, and confirms no date', () => {
    // The re-reads differ in the month digits (01 and 08); the card prints 11-08-1967.
    const lines = withLine('Tempat', 'Tempat/Tgl Lahir : BEKASI, 11-08-1967').filter((l) => !l.text.startsWith('NIK'));
    const f = parseKtp(lines, { nameLine, nikLines: [{ text: '3216121101674293', confidence: 90 }, { text: '3216121108674293', confidence: 90 }] });
    expect(f.nik?.value).toBe('3216121108674293');
    expect(f.nik?.flags).toContain('ktp.nikReadsDisagree');
    expect(prefillFromKtp(f).uncertain).toContain('nik');
    expect(f.tanggalLahir?.confidence).toBeLessThan(0.9);
  });

  it('a serial that was a close call (a 17-digit read, which digit to drop?) is not confirmed by the date and sex', () => {
    // The block read took a mark after the NIK for a 1; the re-reads are too garbled to decide.
    const lines = withLine('NIK', "NIK : '3216121101674293 |");
    const f = parseKtp(lines, { nameLine, nikLines: [{ text: '01674', confidence: 20 }, { text: '216121101674293', confidence: 30 }] });
    expect(f.tanggalLahir?.value).toBe('11-01-1967');
    expect(prefillFromKtp(f).uncertain).toContain('nik');
  });

  it('a serial that only one digit re-read gives is flagged, however well the rest agrees', () => {
    // The block read and the high-resolution re-read both took a 9 for a 5; the other re-read lost the serial.
    const lines = withLine('NIK', 'NIK : 3216121101675293');
    const f = parseKtp(lines, { nameLine, nikLines: [{ text: '321612110167 1', confidence: 38 }, { text: '3216121101675293', confidence: 60 }] });
    expect(f.nik?.value).toBe('3216121101675293');
    expect(f.nik?.flags).toContain('ktp.nikSerialUnsure');
    expect(prefillFromKtp(f).uncertain).toContain('nik');
    // Both re-reads giving it, one with the colon read as a digit before the NIK: confirmed.
    const sure = parseKtp(lines, { nameLine, nikLines: [{ text: '13216121101675293', confidence: 80 }, { text: '3216121101675293', confidence: 60 }] });
    expect(prefillFromKtp(sure).uncertain).not.toContain('nik');
    // One re-read returned, too short to be a candidate: the block read's serial has no witness.
    const once = parseKtp(lines, { nameLine, nikLines: [{ text: '321612110167 1', confidence: 38 }] });
    expect(once.nik?.flags).toContain('ktp.nikSerialUnsure');
  });

  it('a serial digit the block read reads otherwise than both re-reads is flagged, unless an 8 read as a 3', () => {
    // Tuning seed 59 card 18: both re-reads gave a 3 as 2; the block read had it right.
    const reads = (block: string) => parseKtp(withLine('NIK', `NIK : ${block}`), { nameLine, nikLines: [{ text: '3216121101675283', confidence: 86 }, { text: '3216121101675283', confidence: 56 }] });
    const doubted = reads('3216121101675383');
    expect(doubted.nik?.value).toBe('3216121101675283');
    expect(doubted.nik?.flags).toContain('ktp.nikSerialUnsure');
    expect(prefillFromKtp(doubted).uncertain).toContain('nik');
    // The block read's fast model reads 8 as 3 far more often: no doubt from that.
    expect(prefillFromKtp(reads('3216121101675233')).uncertain).not.toContain('nik');
    expect(prefillFromKtp(reads('3216121101675283')).uncertain).not.toContain('nik');
  });

  it('a NIK only the block read gave (no digit re-read returned) is flagged: its serial has one witness', () => {
    const f = parseKtp(clean.lines, { nameLine });
    expect(f.nik?.value).toBe('3216121101674293');
    expect(f.nik?.flags).toContain('ktp.nikSerialUnsure');
  });

  it('a NIK the printed date chose in a close call vouches for no date, and is not confirmed by it', () => {
    // The block read and the one re-read give valid NIKs with other days (17 and 11); the faint
    // printed date, misread as the block read's 17, tips the balance.
    const lines = withLine('NIK', 'NIK : 3216121701674293').map((l) => (l.text.startsWith('Tempat') ? { ...l, text: 'Tempat/Tgl Lahir : BEKASI, 17-01-1967', confidence: 40 } : l));
    const f = parseKtp(lines, { nameLine, nikLines: [{ text: '3216121101674293', confidence: 90 }] });
    const { uncertain } = prefillFromKtp(f);
    expect(uncertain).toContain('nik');
    expect(uncertain).toContain('tanggalLahir');
  });

  it('re-reads giving different valid NIKs vouch for no year: the year printed stays, flagged', () => {
    // The block read and one re-read give 67, the other re-read 57; the card prints 1987 (and the
    // glare that split the re-reads may have misled all three on that digit).
    const lines = withLine('Tempat', 'Tempat/Tgl Lahir : BEKASI, 11-01-1987');
    const f = parseKtp(lines, { nameLine, nikLines: [{ text: '3216121101674293', confidence: 95 }, { text: '3216121101574293', confidence: 95 }] });
    expect(f.nik?.flags).toContain('ktp.nikReadsDisagree');
    expect(f.tanggalLahir).toMatchObject({ value: '11-01-1987', flags: ['ktp.nikDateMismatch'] });
  });

  it('a mark far right of the digits is not a 1, and garbled regency digits take the header\'s', () => {
    // The whole image read as one block (no re-reads): the photo's edge read as "|" after the NIK.
    const f = parseKtp(withLine('NIK', 'NIK : 3296121101674293            |'), { nameLine });
    expect(f.nik?.value).toBe('3216121101674293');
    expect(prefillFromKtp(f).uncertain).toContain('nik');
  });

  it('first digits lost under a glare spot come from the header\'s regency, flagged', () => {
    const lines = withLine('NIK', 'NIK : 2!10167 4293');
    const f = parseKtp(lines, { nameLine, nikLines: [{ text: '6121101674293', confidence: 70 }, { text: '16121101674293', confidence: 70 }] });
    expect(f.nik?.value).toBe('3216121101674293');
    expect(f.nik?.flags).toContain('ktp.nikSerialUnsure');
    // Both re-reads giving the serial: still flagged, as no read gave the regency digits (someone
    // who moved keeps their NIK under another regency's header).
    const twice = parseKtp(lines, { nameLine, nikLines: [{ text: '216121101674293', confidence: 70 }, { text: '16121101674293', confidence: 70 }, { text: '116121101674293', confidence: 70 }] });
    expect(twice.nik).toMatchObject({ value: '3216121101674293', flags: ['ktp.nikRegencyFromHeader'] });
  });

  it('a place that is also the start of another listed place counts only as sure as OCR read it, unless the comma follows it', () => {
    const place = (line: string) => parseKtp(withLine('Tempat', line).map((l) => (l.text.startsWith('Tempat') ? { ...l, confidence: 60 } : l)), { nameLine }).tempatLahir;
    // A wide gap before the comma (BANDUNG BARAT, its last word erased by glare), or no comma.
    expect(place('Tempat/Tgl Lahir : BANDUNG        , 11-01-1967')).toMatchObject({ value: 'BANDUNG', confidence: 0.6 });
    expect(place('Tempat/Tgl Lahir : BANDUNG      11-01-1967')?.confidence).toBeLessThan(0.8);
    // The comma glued to its last letter: nothing printed between them was lost.
    expect(place('Tempat/Tgl Lahir : BANDUNG, 11-01-1967')).toMatchObject({ value: 'BANDUNG', confidence: 0.9 });
  });
});
