// A values-only read (the column right of the labels) given its labels back from where its lines
// sit down the card: rows fitted to the values only one row prints, a frame a little off in place
// or scale, a line between rows, two lines on one row, too few anchors to trust.
import { describe, expect, it } from 'vitest';
import { labelValueRows } from '../../shared/ktp/value-rows';
import { LABEL_ROWS } from '../../shared/ktp/ktp-layout';
import { parseKtp } from '../../shared/ktp/parse-ktp';
import type { OcrLine } from '../../shared/ktp/lines';

const HEIGHT = 605;
/** The values of rows 1–11 (Tempat/Tgl Lahir … Berlaku Hingga) as tesseract reads them, colon and all. */
const VALUES = [
  ': BANDUNG, 17-08-1990', ': PEREMPUAN        Gol. Darah : O', ': JL. MERDEKA NO. 41', '1 004/011', ': SUKAJADI',
  ': CIBEUNYING KALER', '1 ISLAM', ': BELUM KAWIN', ': KARYAWAN SWASTA', ': WNI', ': SEUMUR HIDUP',
];

/**
 * Value lines on rows 1–11 of a frame whose rows sit `shift` pitches lower and `scale` apart,
 * each moved by `moved[i]` more.
 */
function valueLines({ shift = 0, scale = 1, values = VALUES, moved = [] as number[] } = {}): OcrLine[] {
  return values.map((text, i) => {
    const row = shift + (i + 1) * scale + (moved[i] ?? 0);
    const y0 = HEIGHT * (LABEL_ROWS.top + LABEL_ROWS.pitch * row);
    return { text, confidence: 90, bbox: { x0: 230, x1: 500, y0, y1: y0 + HEIGHT * LABEL_ROWS.text } };
  });
}

describe('labelValueRows', () => {
  it('gives each value the label of its row, which the parser then reads as printed', () => {
    const rows = labelValueRows(valueLines(), [], HEIGHT);
    expect(rows?.map((l) => l.text.split(' :')[0]?.split(' 1 ')[0])).toEqual([
      'Tempat/Tgl Lahir', 'Jenis Kelamin', 'Alamat', 'RT/RW', 'Kel/Desa', 'Kecamatan', 'Agama', 'Status Perkawinan',
      'Pekerjaan', 'Kewarganegaraan', 'Berlaku Hingga',
    ]);
    const fields = parseKtp(rows ?? []);
    expect(fields.tempatLahir?.value).toBe('BANDUNG');
    expect(fields.tanggalLahir?.value).toBe('17-08-1990');
    expect(fields.jenisKelamin?.value).toBe('PEREMPUAN');
    expect(fields.golonganDarah?.value).toBe('O');
    expect(fields.rtRw?.value).toBe('004/011');
    expect(fields.kelDesa?.value).toBe('SUKAJADI');
    expect(fields.agama?.value).toBe('ISLAM');
    expect(fields.statusPerkawinan?.value).toBe('BELUM KAWIN');
    expect(fields.berlakuHingga?.value).toBe('SEUMUR HIDUP');
  });

  it('follows a frame that sits most of a row too high or low, or is a few per cent too tall', () => {
    // Rounding each line to the layout's nearest row would put every value one row off.
    for (const frame of [{ shift: 0.6 }, { shift: -0.6 }, { shift: 0.3, scale: 1.06 }, { shift: -0.2, scale: 0.95 }]) {
      const fields = parseKtp(labelValueRows(valueLines(frame), [], HEIGHT) ?? []);
      expect([fields.alamat?.value, fields.kelDesa?.value, fields.kecamatan?.value, fields.pekerjaan?.value], JSON.stringify(frame))
        .toEqual(['JL. MERDEKA NO. 41', 'SUKAJADI', 'CIBEUNYING KALER', 'KARYAWAN SWASTA']);
    }
  });

  it('keeps the rows of a photo whose upper lines were read half a row low, below a garbled cut line', () => {
    // What a tuning-set photo gave (a 606 px tall frame): the Nama line cut by the split and read
    // as noise, the place, sex and address lines in tall boxes (tilt) half a row low, and above
    // the split a Tempat/Tgl Lahir line cut at its foot. Nearest their places, sex took the
    // address's row and the place none.
    const line = ([text, x0, y0, x1, y1]: [string, number, number, number, number]): OcrLine => ({ text, confidence: 80, bbox: { x0, y0, x1, y1 } });
    const values = ([
      ["Be AT MENGAPA AA", 253, 159, 399, 175],
      ["1 ACEH JAYA, 03-09-2002", 234, 174, 469, 209],
      [":  PEREMPUAN            Sol. Darah : -", 235, 202, 596, 247],
      [": PERUM SRIYAASRI BLOK C No. 10", 235, 229, 583, 274],
      [": 015/010", 236, 255, 322, 275],
      ["P TIMPLEUNG", 236, 283, 366, 307],
      [": PASIE RAYA", 237, 312, 366, 336],
      [": KATOLIK", 237, 339, 334, 361],
      ["1 BELUM KAWIN", 238, 366, 391, 392],
      [": PEGAWAI NEGERI SIPIL", 238, 395, 482, 430],
      ["2 WNI", 239, 422, 291, 439],
      [": SEUMUR HIDUP", 239, 449, 409, 475],
    ] as [string, number, number, number, number][]).map(line);
    const above = ([
      ["PROvinsi ACEH", 384, 39, 581, 80],
      ["KABUPATEN ACEH JAYA", 331, 62, 634, 114],
      ["NIK           #1114094309026239", 28, 79, 587, 153],
      ["Nama               : YAYAH HIDAYAT", 29, 125, 399, 175],
      ["Tempatrtgi Lahir      1 ACEH JAYA. 02.10 aman", 28, 148, 468, 199],
      ["Jenis Kalam.", 28, 181, 156, 199],
    ] as [string, number, number, number, number][]).map(line);
    // The upper part's whole lines (its last two are cut by its lower edge).
    const whole = above.slice(0, 4);
    const rows = labelValueRows(values, whole, 606) ?? [];
    const fields = parseKtp([...whole, ...rows]);
    expect([fields.tempatLahir?.value, fields.tanggalLahir?.value, fields.jenisKelamin?.value, fields.alamat?.value, fields.rtRw?.value])
      .toEqual(['ACEH JAYA', '03-09-2002', 'PEREMPUAN', 'PERUM SRIYAASRI BLOK C NO. 10', '015/010']);
    // The cut Nama line read as noise does not pass for the Nama read above the split.
    expect(rows[0]?.text).toBe('Be AT MENGAPA AA');
    expect(fields.nama?.value).toBe('YAYAH HIDAYAT');
  });

  it('fits the scale with the rows read with their labels above the split', () => {
    // An 8 % too tall frame: the anchors (rows 2 and 4) alone are too close to tell the scale,
    // and Pekerjaan (row 9) lands half a row off; the labelled Nama line (row 0) gives it.
    const values = valueLines({ scale: 1.08 }).filter((l) => /PEREMPUAN|004|KARYAWAN/.test(l.text));
    const y0 = HEIGHT * LABEL_ROWS.top;
    const nama: OcrLine = { text: 'Nama : SITI AMINAH', confidence: 90, bbox: { x0: 30, x1: 400, y0, y1: y0 + HEIGHT * LABEL_ROWS.text } };
    const job = (labelled: OcrLine[]) => labelValueRows(values, labelled, HEIGHT)?.find((l) => l.text.includes('KARYAWAN'))?.text;
    expect(job([nama])).toBe('Pekerjaan : KARYAWAN SWASTA');
    expect(job([])).toBe(': KARYAWAN SWASTA');
  });

  it('leaves unlabelled a line between two rows, and the farther of two lines on one row', () => {
    const lines = valueLines();
    const noise: OcrLine = { text: 'ii', confidence: 30, bbox: { x0: 300, x1: 320, y0: HEIGHT * (LABEL_ROWS.top + LABEL_ROWS.pitch * 5.5), y1: HEIGHT * (LABEL_ROWS.top + LABEL_ROWS.pitch * 5.5 + LABEL_ROWS.text) } };
    const stray: OcrLine = { text: 'LL', confidence: 30, bbox: { x0: 300, x1: 320, y0: HEIGHT * (LABEL_ROWS.top + LABEL_ROWS.pitch * 3.3), y1: HEIGHT * (LABEL_ROWS.top + LABEL_ROWS.pitch * 3.3 + LABEL_ROWS.text) } };
    const rows = labelValueRows([...lines, noise, stray], [], HEIGHT) ?? [];
    expect(rows.find((l) => l.text.endsWith('ii'))?.text).toBe('ii');
    expect(rows.find((l) => l.text.endsWith('LL'))?.text).toBe('LL');
    expect(rows.find((l) => l.text.includes('JL. MERDEKA'))?.text).toBe('Alamat : JL. MERDEKA NO. 41');
  });

  it('refuses to guess the rows from fewer than two values only one row prints', () => {
    const free = valueLines().filter((l) => /MERDEKA|SUKAJADI|CIBEUNYING|KARYAWAN|ISLAM/.test(l.text));
    expect(labelValueRows(free, [], HEIGHT)).toBeNull();
    expect(labelValueRows(valueLines().filter((l) => /MERDEKA|SUKAJADI|ISLAM|KAWIN/.test(l.text)), [], HEIGHT)).not.toBeNull();
  });
});
