// Submitting a registration: validate against the profile, refuse a second NIK on this device,
// seal the applicant's data and queue it — all or nothing.
import type Database from 'better-sqlite3';
import type { Profile } from '../../../shared/profile';
import { identitySchemaFor, type Identity } from '../../../shared/identity/schema';
import { nikWarnings } from '../../../shared/identity/warnings';
import { formatReceiptNumber } from '../../../shared/receipt';
import { KioskError, issuesOf } from '../../../shared/result';
import type { Receipt, QueueStats } from '../../../shared/submission';
import type { KtpRecord } from '../../../shared/ktp/ktp-record';
import type { SelfieRecord } from '../../../shared/face/selfie-record';
import type { AccountRecord } from '../../../shared/account/account-record';
import type { ParsedInputOf } from '../../../shared/contract';
import type { PayloadCipher } from '../crypto/payload-cipher';
import { countByState, findById, getDevice, hasNikTag, insertRecord, type QueueRow } from './queue-repo';
import { log } from '../log';

export interface StoredPayload {
  readonly version: 1;
  readonly profileId: string;
  readonly locale: 'id' | 'en';
  readonly identity: Identity;
  readonly acknowledgedWarnings: string[];
  readonly ktp?: KtpRecord;
  readonly selfie?: SelfieRecord;
  readonly account?: AccountRecord;
  readonly submittedAt: string;
}

export interface QueueService {
  submit(input: ParsedInputOf<'kiosk:queue:submit'>): Receipt;
  stats(): QueueStats;
  /** Decrypts one queued record (sync engine, operator export, tests). Never exposed to the renderer. */
  readPayload(id: string): StoredPayload;
}

export interface QueueDeps {
  readonly db: Database.Database;
  readonly cipher: PayloadCipher;
  readonly profiles: ReadonlyMap<string, Profile>;
  /** Redeems the anti-robot pass (single use); absent, profiles that ask for the check refuse. */
  readonly redeemPass?: (pass: string) => boolean;
  readonly now?: () => Date;
}

const toReceipt = (row: QueueRow): Receipt => ({ id: row.id, receiptNumber: row.receiptNumber, seq: row.seq, createdAt: row.createdAt });

export function createQueueService({ db, cipher, profiles, redeemPass = () => false, now = () => new Date() }: QueueDeps): QueueService {
  const deviceId = getDevice(db).deviceId;
  const aad = (id: string): string => `${deviceId}/${id}`;

  const submitTx = db.transaction((id: string, profileId: string, nikTag: Buffer, payload: StoredPayload): QueueRow => {
    const existing = findById(db, id);
    if (existing) return existing;
    if (hasNikTag(db, nikTag)) {
      throw new KioskError('duplicate-nik', 'a registration with this NIK is already queued on this device');
    }
    return insertRecord(db, {
      id,
      profileId,
      nikTag,
      seal: (seq) => ({
        payload: cipher.seal(Buffer.from(JSON.stringify(payload), 'utf8'), aad(id)),
        receiptNumber: formatReceiptNumber(deviceId, seq),
      }),
    }, now());
  });

  return {
    submit(input) {
      const profile = profiles.get(input.profileId);
      if (!profile) throw new KioskError('unknown-profile', `profile ${input.profileId} is not installed`);
      const parsed = identitySchemaFor(profile.fields).safeParse(input.identity);
      if (!parsed.success) throw new KioskError('invalid-input', 'identity does not satisfy the profile', issuesOf(parsed.error));
      const identity: Identity = parsed.data;
      const unconfirmed = nikWarnings(identity).filter((w) => !input.acknowledgedWarnings.includes(w));
      if (unconfirmed.length > 0) throw new KioskError('unconfirmed-warning', `unconfirmed: ${unconfirmed.join(', ')}`);
      if (profile.selfie && !input.selfie) throw new KioskError('invalid-input', 'this profile needs a selfie', [{ path: ['selfie'], message: 'selfie.required' }]);
      if (profile.account && !input.account) throw new KioskError('invalid-input', 'this profile needs the account step', [{ path: ['account'], message: 'account.required' }]);
      // A retry of a queued submission (same id) answers with its receipt: its pass was spent.
      const queued = findById(db, input.id);
      if (queued) return toReceipt(queued);
      if (profile.account && profile.account.antiRobot !== 'none' && !(input.antiRobotPass && redeemPass(input.antiRobotPass))) {
        throw new KioskError('anti-robot-required', 'missing, spent or expired anti-robot pass');
      }
      const nikTag = cipher.tag(`nik:${identity.nik ?? `none:${input.id}`}`);
      const payload: StoredPayload = {
        version: 1,
        profileId: profile.id,
        locale: input.locale,
        identity,
        acknowledgedWarnings: [...input.acknowledgedWarnings],
        ...(input.ktp ? { ktp: input.ktp } : {}),
        ...(input.selfie ? { selfie: input.selfie } : {}),
        ...(input.account ? { account: input.account } : {}),
        submittedAt: now().toISOString(),
      };
      const row = submitTx(input.id, profile.id, nikTag, payload);
      log.info('queue.submitted', { id: row.id, seq: row.seq, profile: profile.id });
      return toReceipt(row);
    },
    stats() {
      const c = countByState(db);
      return { pending: c.pending + c.uploading, total: c.pending + c.uploading + c.acked + c.rejected };
    },
    readPayload(id) {
      const row = findById(db, id);
      if (!row?.payload) throw new KioskError('invalid-input', `record ${id} has no payload`);
      return JSON.parse(cipher.open(row.payload, aad(id)).toString('utf8')) as StoredPayload;
    },
  };
}
