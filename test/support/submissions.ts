// Submissions as the renderer sends them, for tests and benchmarks that drive the real services:
// valid applicants (NIKs consistent with birth date and sex, real region), hashes instead of
// secrets, anti-robot passes earned from a challenge service with a fixed text.
import { randomBytes, randomUUID } from 'node:crypto';
import { createChallengeService } from '../../electron/services/captcha/challenge-service';
import type { SelfieRecord } from '../../shared/face/selfie-record';
import type { AccountRecord } from '../../shared/account/account-record';
import type { KtpRecord } from '../../shared/ktp/ktp-record';
import { SubmissionSchema, type Submission } from '../../shared/submission';
import type { Applicant } from './identities';

export const challenges = createChallengeService({ captchaText: () => 'AAAAA' });

export function pass(): string {
  const verdict = challenges.answer(challenges.create('image').id, 'AAAAA');
  if (!verdict.ok) throw new Error('no pass');
  return verdict.pass;
}

export const SELFIE: SelfieRecord = {
  image: { mime: 'image/jpeg', base64: '/9j/4AAQSkZJRgABAQ==', width: 640, height: 480 },
  face: { score: 0.9, box: { x: 0.3, y: 0.2, width: 0.4, height: 0.45 } },
  liveness: { prompt: 'turn-head', direction: 'left', passed: true, peakTurn: 0.2, framesAnalysed: 20 },
  match: null,
};

/** hashSecret('Kiosk#Aman2026', { ln: 15, r: 8, p: 1 }), computed once: the crash tests start many processes. */
export const ACCOUNT_HASH = '$scrypt$ln=15,r=8,p=1$B4Ac1tno5771rPvKoBbS5A$16XQdKU1yKqSyjm+e3nf2DF6fMxtdklDY0Oky/HX6CQ';
const hash = ACCOUNT_HASH;
export const ACCOUNT: AccountRecord = {
  passwordHash: hash,
  passwordPolicy: 'sscasn',
  securityAnswers: [{ questionId: 'guru-favorit', answerHash: hash }, { questionId: 'hewan-pertama', answerHash: hash }],
};

/** The SSCASN profile's fields for an applicant: the KTP page as typed, the Ijazah page the same person. */
export function sscasnFields(a: Applicant): Record<string, string> {
  const { nik, nomorKk, namaLengkap, tempatLahir, tanggalLahir, jenisKelamin, nomorHp, email } = a;
  return {
    nik, nomorKk, namaLengkap, tempatLahir, tanggalLahir, jenisKelamin, nomorHp, email,
    namaTanpaGelar: namaLengkap, kabKotaLahir: tempatLahir, tanggalLahirIjazah: tanggalLahir,
  };
}

/** The version of the shipped SSCASN profile that submissions name. */
export const SSCASN_VERSION = 2;

export function submission(a: Applicant, extra: Partial<Submission> = {}) {
  return SubmissionSchema.parse({
    id: randomUUID(), profileId: 'sscasn', profileVersion: SSCASN_VERSION, locale: 'id', acknowledgedWarnings: [],
    fields: sscasnFields(a),
    selfie: SELFIE, account: ACCOUNT, antiRobotPass: pass(),
    ...extra,
  });
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The i-th of up to 9,999 distinct valid applicants from Gambir, Jakarta Pusat (31.71.01). */
export function applicant(i: number): Applicant {
  const day = 1 + (i % 28);
  const month = 1 + (Math.floor(i / 28) % 12);
  const year = 1970 + (Math.floor(i / 336) % 30);
  const female = i % 2 === 1;
  return {
    nik: `317101${pad(day + (female ? 40 : 0))}${pad(month)}${pad(year % 100)}${pad(1 + i, 4)}`,
    nomorKk: '3171012309180007',
    namaLengkap: `Pelamar Uji ${String.fromCharCode(65 + (i % 26))}`,
    tempatLahir: 'Kota Bandung',
    tanggalLahir: `${pad(day)}-${pad(month)}-${year}`,
    jenisKelamin: female ? 'P' : 'L',
    nomorHp: '0812 3456 7890',
    email: `pelamar${i}@contoh.co.id`,
  };
}

/** A JPEG-shaped image of about `bytes` bytes (random body: what travels, not what it shows). */
export function fakeJpeg(bytes: number, width: number, height: number) {
  const body = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(bytes - 4)]);
  return { mime: 'image/jpeg' as const, base64: body.toString('base64'), width, height };
}

/** A submission with a KTP image and a selfie of ~`imageBytes` each (the sync benchmark's record). */
export function submissionWithImages(a: Applicant, imageBytes: number) {
  const ktp: KtpRecord = { image: { ...fakeJpeg(imageBytes, 960, 605), readable: true }, source: 'camera', fields: {} };
  return submission(a, { ktp, selfie: { ...SELFIE, image: fakeJpeg(imageBytes, 720, 960) } });
}
