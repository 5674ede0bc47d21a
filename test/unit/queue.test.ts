import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKioskServices, type KioskServicesOptions } from '../../electron/services/kiosk-services';
import { listAll } from '../../electron/services/queue/queue-repo';
import { isValidReceiptNumber } from '../../shared/receipt';
import { KioskError } from '../../shared/result';
import { SITI, BUDI } from '../support/identities';
import { ACCOUNT, challenges, SELFIE, submission } from '../support/submissions';
import { useTempDirs } from './temp-dir';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { KeyCheckError } from '../../node/crypto/secret-store';
import { createPayloadCipher } from '../../electron/services/crypto/payload-cipher';
import { DB_FILE } from '../../electron/services/db/open';
import { deviceSealingContext } from '../../electron/services/sync/record-sealer';
import { loadServerKeys } from '../../server/keys';
import { assertionClaims, issueAssertion } from '../../server/directory/assertion';

const tempDir = useTempDirs();

const open = (dataDir: string, extra: Partial<KioskServicesOptions> = {}) => createKioskServices({ dataDir, challenges, ...extra });

async function codeOf(fn: () => unknown): Promise<string | undefined> {
  try {
    await fn();
  } catch (e) {
    return e instanceof KioskError ? e.code : 'not-a-kiosk-error';
  }
  return undefined;
}

describe('queue service on a real SQLite file', async () => {
  it('queues a submission sealed, with increasing sequence numbers and valid receipts', async () => {
    const dir = tempDir();
    const s = open(dir);
    const r1 = await s.queue.submit(submission(SITI));
    const r2 = await s.queue.submit(submission(BUDI));
    expect([r1.seq, r2.seq]).toEqual([1, 2]);
    expect(isValidReceiptNumber(r1.receiptNumber)).toBe(true);
    expect(r1.receiptNumber.slice(0, 4)).toBe(r2.receiptNumber.slice(0, 4));
    expect(s.queue.stats()).toEqual({ pending: 2, total: 2 });
    expect(s.queue.readPayload(r1.id).fields).toMatchObject({ nik: SITI.nik, namaLengkap: 'SITI RAHMAWATI KUSUMADEWI', tanggalLahir: '1995-08-17' });
    const rows = listAll(s.db);
    expect(rows.every((r) => r.state === 'pending' && r.payload !== null)).toBe(true);
    await s.close();
    const file = readFileSync(join(dir, 'queue.db'));
    expect(file.includes(Buffer.from(SITI.nik))).toBe(false);
  });

  it('returns the same receipt when the same submission id arrives twice (double tap)', async () => {
    const s = open(tempDir());
    const input = submission(SITI);
    const first = await s.queue.submit(input);
    expect(await s.queue.submit(input)).toEqual(first);
    expect(s.queue.stats().total).toBe(1);
    await s.close();
  });

  it('stores the selfie and only the account hashes; a profile with those steps refuses a record without them', async () => {
    const s = open(tempDir());
    const r = await s.queue.submit(submission(SITI));
    const payload = s.queue.readPayload(r.id);
    expect(payload.selfie).toEqual(SELFIE);
    expect(payload.account).toEqual(ACCOUNT);
    expect(JSON.stringify(payload)).not.toContain('antiRobotPass');
    const { selfie: _s, ...noSelfie } = submission(BUDI);
    expect(await codeOf(() => s.queue.submit(noSelfie))).toBe('invalid-input');
    const { account: _a, ...noAccount } = submission(BUDI);
    expect(await codeOf(() => s.queue.submit(noAccount))).toBe('invalid-input');
    expect(s.queue.stats().total).toBe(1);
    await s.close();
  });

  it('needs an unspent anti-robot pass, except when the same submission is retried', async () => {
    const s = open(tempDir());
    const { antiRobotPass: _p, ...withoutPass } = submission(SITI);
    expect(await codeOf(() => s.queue.submit(withoutPass))).toBe('anti-robot-required');
    expect(await codeOf(() => s.queue.submit({ ...withoutPass, antiRobotPass: 'a'.repeat(32) }))).toBe('anti-robot-required');
    const first = submission(SITI);
    const receipt = await s.queue.submit(first);
    expect(await s.queue.submit(first)).toEqual(receipt); // its pass is spent, the retry still gets the receipt
    expect(await codeOf(() => s.queue.submit({ ...submission(BUDI), antiRobotPass: first.antiRobotPass }))).toBe('anti-robot-required');
    expect(s.queue.stats().total).toBe(1);
    await s.close();
  });

  it('refuses a second registration of the same NIK, even typed differently', async () => {
    const s = open(tempDir());
    await s.queue.submit(submission(SITI));
    const again = submission({ ...SITI, nik: '317101 570895 0003', email: 'other@example.id' });
    expect(await codeOf(() => s.queue.submit(again))).toBe('duplicate-nik');
    expect(s.queue.stats().total).toBe(1);
    await s.close();
  });

  it('refuses unconfirmed NIK warnings and accepts them once confirmed', async () => {
    const s = open(tempDir());
    const mismatched = { ...SITI, tanggalLahir: '18-08-1995' };
    expect(await codeOf(() => s.queue.submit(submission(mismatched)))).toBe('unconfirmed-warning');
    const ok = await s.queue.submit(submission(mismatched, { acknowledgedWarnings: ['nik.birthDateMismatch'] }));
    expect(s.queue.readPayload(ok.id).acknowledgedWarnings).toEqual(['nik.birthDateMismatch']);
    await s.close();
  });

  it('refuses a submission missing a field the profile requires, or for another profile', async () => {
    const s = open(tempDir());
    const missing = submission(SITI);
    const { email: _dropped, ...fields } = missing.fields;
    expect(await codeOf(() => s.queue.submit({ ...missing, fields }))).toBe('invalid-input');
    expect(await codeOf(() => s.queue.submit({ ...submission(SITI), profileId: 'campus-sso' }))).toBe('unknown-profile');
    expect(s.queue.stats().total).toBe(0);
    await s.close();
  });

  it('keeps records, sequence and device across restarts', async () => {
    const dir = tempDir();
    const a = open(dir);
    const r1 = await a.queue.submit(submission(SITI));
    await a.close();
    const b = open(dir);
    const r2 = await b.queue.submit(submission(BUDI));
    expect(r2.seq).toBe(r1.seq + 1);
    expect(r2.receiptNumber.slice(0, 4)).toBe(r1.receiptNumber.slice(0, 4));
    expect(b.queue.readPayload(r1.id).fields.email).toBe(SITI.email);
    await b.close();
  });

  it('cannot read the queue with another device key', async () => {
    const dir = tempDir();
    const a = open(dir);
    const r = await a.queue.submit(submission(SITI));
    await a.close();
    // A kiosk given another key does not start (test/unit/keys-at-rest.test.ts); the sealed payload does not open under it either.
    expect(() => open(dir, { secrets: { loadOrCreate: () => Buffer.alloc(32, 1) } })).toThrow(KeyCheckError);
    const sealed = new Database(join(dir, DB_FILE), { readonly: true });
    const { payload, deviceId } = sealed.prepare(`SELECT payload, device_id AS deviceId FROM registrations, device WHERE id = ?`).get(r.id) as { payload: Buffer; deviceId: string };
    sealed.close();
    expect(() => createPayloadCipher(Buffer.alloc(32, 1)).open(payload, deviceSealingContext(deviceId, r.id))).toThrow();
    expect(createPayloadCipher(readFileSync(join(dir, 'keys', 'data.key'))).open(payload, deviceSealingContext(deviceId, r.id)).length).toBeGreaterThan(0);
  });
});

describe('the campus profile on the kiosk queue', () => {
  it('queues a verified account once per username, and refuses a submission whose verification has expired', async () => {
    const s = open(tempDir(), { profileId: 'sso-kampus' });
    const keys = loadServerKeys(tempDir());
    const assertion = (issuedAt: Date, username = '2207411001') => issueAssertion(keys, assertionClaims({
      profileId: 'sso-kampus', deviceId: s.deviceId, username, person: { name: 'Andi Pratama', mail: null, unit: null },
    }, issuedAt));
    const sso = (token: string, nimNip = '2207411001') => ({
      id: randomUUID(), profileId: 'sso-kampus', profileVersion: 1, locale: 'id' as const, acknowledgedWarnings: [],
      fields: { nama: 'Andi Pratama', nimNip, email: 'andi@mhsw.pnj.ac.id', jurusan: 'tik', nomorTelepon: '0812 5555 0101' },
      account: { keepsExistingPassword: true as const, securityAnswers: [] }, verification: { assertion: token },
    });
    expect(await codeOf(() => s.queue.submit(sso(assertion(new Date(Date.now() - 31 * 60_000)))))).toBe('verification-expired');
    expect(await codeOf(() => s.queue.submit(sso('not-an-assertion')))).toBe('verification-expired');
    await s.queue.submit(sso(assertion(new Date())));
    expect(await codeOf(() => s.queue.submit(sso(assertion(new Date(), '2207411001'), ' 2207411001 ')))).toBe('duplicate-nik');
    expect(await codeOf(() => s.queue.submit({ ...sso(assertion(new Date())), verification: undefined }))).toBe('invalid-input');
    await s.close();
  });
});
