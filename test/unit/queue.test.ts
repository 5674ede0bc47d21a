import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKioskServices, type KioskServicesOptions } from '../../electron/services/kiosk-services';
import { createChallengeService } from '../../electron/services/captcha/challenge-service';
import { hashSecret } from '../../shared/account/secret-hash';
import type { SelfieRecord } from '../../shared/face/selfie-record';
import type { AccountRecord } from '../../shared/account/account-record';
import { listAll } from '../../electron/services/queue/queue-repo';
import { isValidReceiptNumber } from '../../shared/receipt';
import { KioskError } from '../../shared/result';
import type { Submission } from '../../shared/submission';
import { SubmissionSchema } from '../../shared/submission';
import { SITI, BUDI, type Applicant } from '../support/identities';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();

// One challenge service for every kiosk opened here: tests earn passes the way the account step does.
const challenges = createChallengeService({ captchaText: () => 'AAAAA' });
const open = (dataDir: string, extra: Partial<KioskServicesOptions> = {}) => createKioskServices({ dataDir, challenges, ...extra });
function pass(): string {
  const verdict = challenges.answer(challenges.create('image').id, 'AAAAA');
  if (!verdict.ok) throw new Error('no pass');
  return verdict.pass;
}

const SELFIE: SelfieRecord = {
  image: { mime: 'image/jpeg', base64: '/9j/4AAQSkZJRgABAQ==', width: 640, height: 480 },
  face: { score: 0.9, box: { x: 0.3, y: 0.2, width: 0.4, height: 0.45 } },
  liveness: { prompt: 'turn-head', direction: 'left', passed: true, peakTurn: 0.2, framesAnalysed: 20 },
  match: null,
};
const hash = await hashSecret('Kiosk#Aman2026', { ln: 15, r: 8, p: 1 });
const ACCOUNT: AccountRecord = {
  passwordHash: hash,
  passwordPolicy: 'sscasn',
  securityAnswers: [{ questionId: 'guru-favorit', answerHash: hash }, { questionId: 'hewan-pertama', answerHash: hash }],
};

function submission(a: Applicant, extra: Partial<Submission> = {}) {
  const { nik, nomorKk, namaLengkap, tempatLahir, tanggalLahir, jenisKelamin, nomorHp, email } = a;
  return SubmissionSchema.parse({
    id: randomUUID(), profileId: 'sscasn', locale: 'id', acknowledgedWarnings: [],
    identity: { nik, nomorKk, namaLengkap, tempatLahir, tanggalLahir, jenisKelamin, nomorHp, email },
    selfie: SELFIE, account: ACCOUNT, antiRobotPass: pass(),
    ...extra,
  });
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof KioskError ? e.code : 'not-a-kiosk-error';
  }
  return undefined;
}

describe('queue service on a real SQLite file', () => {
  it('queues a submission sealed, with increasing sequence numbers and valid receipts', () => {
    const dir = tempDir();
    const s = open(dir);
    const r1 = s.queue.submit(submission(SITI));
    const r2 = s.queue.submit(submission(BUDI));
    expect([r1.seq, r2.seq]).toEqual([1, 2]);
    expect(isValidReceiptNumber(r1.receiptNumber)).toBe(true);
    expect(r1.receiptNumber.slice(0, 4)).toBe(r2.receiptNumber.slice(0, 4));
    expect(s.queue.stats()).toEqual({ pending: 2, total: 2 });
    expect(s.queue.readPayload(r1.id).identity).toMatchObject({ nik: SITI.nik, namaLengkap: 'SITI RAHMAWATI KUSUMADEWI', tanggalLahir: '1995-08-17' });
    const rows = listAll(s.db);
    expect(rows.every((r) => r.state === 'pending' && r.payload !== null)).toBe(true);
    s.close();
    const file = readFileSync(join(dir, 'queue.db'));
    expect(file.includes(Buffer.from(SITI.nik))).toBe(false);
  });

  it('returns the same receipt when the same submission id arrives twice (double tap)', () => {
    const s = open(tempDir());
    const input = submission(SITI);
    const first = s.queue.submit(input);
    expect(s.queue.submit(input)).toEqual(first);
    expect(s.queue.stats().total).toBe(1);
    s.close();
  });

  it('stores the selfie and only the account hashes; a profile with those steps refuses a record without them', () => {
    const s = open(tempDir());
    const r = s.queue.submit(submission(SITI));
    const payload = s.queue.readPayload(r.id);
    expect(payload.selfie).toEqual(SELFIE);
    expect(payload.account).toEqual(ACCOUNT);
    expect(JSON.stringify(payload)).not.toContain('antiRobotPass');
    const { selfie: _s, ...noSelfie } = submission(BUDI);
    expect(codeOf(() => s.queue.submit(noSelfie))).toBe('invalid-input');
    const { account: _a, ...noAccount } = submission(BUDI);
    expect(codeOf(() => s.queue.submit(noAccount))).toBe('invalid-input');
    expect(s.queue.stats().total).toBe(1);
    s.close();
  });

  it('needs an unspent anti-robot pass, except when the same submission is retried', () => {
    const s = open(tempDir());
    const { antiRobotPass: _p, ...withoutPass } = submission(SITI);
    expect(codeOf(() => s.queue.submit(withoutPass))).toBe('anti-robot-required');
    expect(codeOf(() => s.queue.submit({ ...withoutPass, antiRobotPass: 'a'.repeat(32) }))).toBe('anti-robot-required');
    const first = submission(SITI);
    const receipt = s.queue.submit(first);
    expect(s.queue.submit(first)).toEqual(receipt); // its pass is spent, the retry still gets the receipt
    expect(codeOf(() => s.queue.submit({ ...submission(BUDI), antiRobotPass: first.antiRobotPass }))).toBe('anti-robot-required');
    expect(s.queue.stats().total).toBe(1);
    s.close();
  });

  it('refuses a second registration of the same NIK, even typed differently', () => {
    const s = open(tempDir());
    s.queue.submit(submission(SITI));
    const again = submission({ ...SITI, nik: '317101 570895 0003', email: 'other@example.id' });
    expect(codeOf(() => s.queue.submit(again))).toBe('duplicate-nik');
    expect(s.queue.stats().total).toBe(1);
    s.close();
  });

  it('refuses unconfirmed NIK warnings and accepts them once confirmed', () => {
    const s = open(tempDir());
    const mismatched = { ...SITI, tanggalLahir: '18-08-1995' };
    expect(codeOf(() => s.queue.submit(submission(mismatched)))).toBe('unconfirmed-warning');
    const ok = s.queue.submit(submission(mismatched, { acknowledgedWarnings: ['nik.birthDateMismatch'] }));
    expect(s.queue.readPayload(ok.id).acknowledgedWarnings).toEqual(['nik.birthDateMismatch']);
    s.close();
  });

  it('refuses a submission missing a field the profile requires, or for another profile', () => {
    const s = open(tempDir());
    const missing = submission(SITI);
    const { email: _dropped, ...identity } = missing.identity;
    expect(codeOf(() => s.queue.submit({ ...missing, identity }))).toBe('invalid-input');
    expect(codeOf(() => s.queue.submit({ ...submission(SITI), profileId: 'campus-sso' }))).toBe('unknown-profile');
    expect(s.queue.stats().total).toBe(0);
    s.close();
  });

  it('keeps records, sequence and device across restarts', () => {
    const dir = tempDir();
    const a = open(dir);
    const r1 = a.queue.submit(submission(SITI));
    a.close();
    const b = open(dir);
    const r2 = b.queue.submit(submission(BUDI));
    expect(r2.seq).toBe(r1.seq + 1);
    expect(r2.receiptNumber.slice(0, 4)).toBe(r1.receiptNumber.slice(0, 4));
    expect(b.queue.readPayload(r1.id).identity.email).toBe(SITI.email);
    b.close();
  });

  it('cannot read the queue with another device key', () => {
    const dir = tempDir();
    const a = open(dir);
    const r = a.queue.submit(submission(SITI));
    a.close();
    const b = open(dir, { keyStore: { loadOrCreate: () => Buffer.alloc(32, 1) } });
    expect(() => b.queue.readPayload(r.id)).toThrow();
    b.close();
  });
});
