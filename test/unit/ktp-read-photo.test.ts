// The whole KTP reading (real tesseract.js, real Chromium-rendered photo) on the failure the
// earlier pipeline had: a legible card on a light grey desk, under warm light, with almost no
// shadow to outline it, gave no fields at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCards } from '../fixtures/ktp/generate';
import type { KtpTruth } from '../fixtures/ktp/identities';
import { decodeImage } from '../../electron/services/ocr/decode-image';
import { createNodeOcrEngine, type NodeOcrEngine } from '../../electron/services/ocr/node-engine';
import { readKtp, type KtpScan } from '../../shared/ktp/pipeline';
import { prefillFromKtp } from '../../shared/ktp/prefill';

const dir = mkdtempSync(join(tmpdir(), 'kiosk-unit-ktp-'));
let engine: NodeOcrEngine;

beforeAll(async () => { engine = await createNodeOcrEngine(); }, 60_000);
afterAll(async () => {
  await engine?.terminate();
  rmSync(dir, { recursive: true, force: true });
});

/** Card `card` of the varied look's seed `seed`, rendered alone (its pixels differ from the set's copy), and its reading. */
async function readCard(seed: number, card: number): Promise<{ truth: KtpTruth; scan: KtpScan }> {
  const [file = ''] = await generateCards(dir, 1, seed, false, {}, { look: 'varied', first: card });
  const { truth } = JSON.parse(readFileSync(file.replace(/\.(jpg|png)$/, '.json'), 'utf8')) as { truth: KtpTruth };
  return { truth, scan: await readKtp(decodeImage(file), engine, () => performance.now()) };
}

describe('a KTP photographed on a light grey desk under warm light', () => {
  it('is found by its layout and read: NIK and name right, nothing wrong left unflagged', async () => {
    const [file] = await generateCards(dir, 1, 31, false, {
      look: (l) => ({
        ...l, surface: 'light-grey', cardShadow: 0.02,
        lighting: { ...l.lighting, glare: null, shadow: null, cast: 'warm', castStrength: 0.35 },
      }),
    }, { look: 'varied' });
    const { truth } = JSON.parse(readFileSync((file ?? '').replace(/\.(jpg|png)$/, '.json'), 'utf8')) as { truth: KtpTruth };
    const scan = await readKtp(decodeImage(file ?? ''), engine, () => performance.now());
    expect(scan.cardFound).toBe(true);
    expect(scan.frame).not.toBeNull();
    expect(scan.fields.nik?.value).toBe(truth.nik);
    expect(scan.fields.nama?.value).toBe(truth.nama);
    const prefill = prefillFromKtp(scan.fields);
    const expected = { nik: truth.nik, namaLengkap: truth.nama, tempatLahir: truth.tempatLahir, tanggalLahir: truth.tanggalLahir, jenisKelamin: truth.jenisKelamin === 'PEREMPUAN' ? 'P' : 'L' };
    for (const [field, value] of Object.entries(prefill.values)) {
      if (value !== expected[field as keyof typeof expected]) expect(prefill.uncertain, `${field} is wrong: it must be flagged`).toContain(field);
    }
  }, 120_000);
});

// Fresh tuning seed 42, card 41: a glare spot washes out the NIK's last five digits. Every read
// from the box its dark print gave held fourteen digits; the second engine reads all sixteen
// from the box widened to hold them (see wholeNikBox).
// Tuning seed 59, card 18 (rendered alone): a glare spot just under the NIK took the lower curve
// of a serial 3, and every read gave it as 2, alike and surely. The paper turning near white along
// the NIK (see glareAlong) puts the NIK in doubt; the second engine reads the 3.
describe('a KTP whose NIK ends under, or lies along, a glare spot', () => {
  it.each([
    { seed: 42, card: 41, what: 'whole, instead of fourteen digits' },
    { seed: 59, card: 18, what: 'by the second engine too, its serial right' },
  ])('reads seed $seed card $card $what, flagged', async ({ seed, card }) => {
    const { truth, scan } = await readCard(seed, card);
    expect(scan.fields.nik?.value).toBe(truth.nik);
    expect(prefillFromKtp(scan.fields).uncertain).toContain('nik');
  }, 120_000);
});

// Names whose end a glare spot left light grey: every read took the name's box from the print it
// saw and cut the name short; the rescue read looks on while print follows (see rescueCrop),
// the second engine reads as far, and the name comes back whole, flagged. Tuning seed 54, card
// 14: JOKO SU from the block read and the re-read. Seed 56, card 38: the rescue read gave
// SOMANTRI at no confidence, so the name (0.79) is flagged as shorter than its print and the
// second engine spells it. Seed 54, card 12 (rendered alone; its pixels differ from the set's
// copy): every read gave YUSRIZAL alike and surely, so only the print past their box puts the
// name in doubt and calls for the rescue read. And one it must leave alone: seed 42, card 34,
// whose name is followed, past a gap, by a patterned background that the local stretch turns
// dark (it read on as "XX BE").
describe('a KTP whose name ends under a glare spot', () => {
  it.each([
    { seed: 54, card: 14, nama: 'JOKO SUBAGYO' },
    { seed: 56, card: 38, nama: 'DADANG NURHAYATI SOMANTRI' },
    { seed: 54, card: 12, nama: 'YUSRIZAL MALAYU' },
    { seed: 42, card: 34, nama: 'HORAS MANGASI SIAHAAN' },
  ])('reads seed $seed card $card as $nama, flagged', async ({ seed, card, nama }) => {
    const { truth, scan } = await readCard(seed, card);
    expect(truth.nama).toBe(nama);
    expect(scan.fields.nama?.value).toBe(truth.nama);
    expect(prefillFromKtp(scan.fields).uncertain).toContain('namaLengkap');
  }, 120_000);
});
