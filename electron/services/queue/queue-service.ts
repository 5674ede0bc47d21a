// Submitting a registration: validate against the profile, refuse a second applicant with the same
// unique value (NIK, NIM/NIP, e-mail: the profile says which) on this device, seal the applicant's
// data and queue it — all or nothing.
import type Database from 'better-sqlite3';
import type { Profile } from '../../../shared/profile';
import { checkRecordParts, uniqueValueOf } from '../../../shared/record-rules';
import { needsAntiRobotPass } from '../../../shared/profile';
import { assertionExpiry } from '../../../shared/sync/directory';
import { nikWarnings } from '../../../shared/identity/warnings';
import { formatReceiptNumber } from '../../../shared/receipt';
import { KioskError } from '../../../shared/result';
import type { Receipt, QueueStats } from '../../../shared/submission';
import type { RecordPayload } from '../../../shared/sync/record-payload';
import type { ParsedInputOf } from '../../../shared/contract';
import type { PayloadCipher } from '../crypto/payload-cipher';
import type { RecordSealer } from '../sync/record-sealer';
import type { CardMaker } from '../receipt/card-maker';
import { decodeRecord, encodeRecord } from '../../../node/crypto/record-codec';
import { countByState, findById, getDevice, hasNikTag, insertRecord, type QueueRow } from './queue-repo';
import { log } from '../../../node/log';

export interface QueueService {
  submit(input: ParsedInputOf<'kiosk:queue:submit'>): Promise<Receipt>;
  stats(): QueueStats;
  /**
   * Decrypts one record still sealed with the device key (before enrolment; operators' export,
   * tests). Never exposed to the renderer; a record sealed for the server cannot be read here.
   */
  readPayload(id: string): RecordPayload;
}

export interface QueueDeps {
  readonly db: Database.Database;
  /** Keys the de-duplication tags (one per profile and unique value). */
  readonly cipher: PayloadCipher;
  readonly sealer: RecordSealer;
  /** Told after each new record (the sync engine uploads it at once when online). */
  readonly onQueued?: () => void;
  readonly profiles: ReadonlyMap<string, Profile>;
  /** Redeems the anti-robot pass (single use); absent, profiles that ask for the check refuse. */
  readonly redeemPass?: (pass: string) => boolean;
  /** The operator an assist token names (operators/assists.ts), once; undefined: not assisted. */
  readonly redeemAssist?: (token: string) => string | undefined;
  /** What the printed receipt needs, computed from the validated fields; returned in memory only, never stored. */
  readonly makeCard?: CardMaker;
  readonly now?: () => Date;
}

const toReceipt = (row: QueueRow): Receipt => ({ id: row.id, receiptNumber: row.receiptNumber, seq: row.seq, createdAt: row.createdAt });

export function createQueueService({ db, cipher, sealer, onQueued = () => {}, profiles, redeemPass = () => false, redeemAssist = () => undefined, makeCard, now = () => new Date() }: QueueDeps): QueueService {
  const deviceId = getDevice(db).deviceId;
  const duplicate = (): KioskError => new KioskError('duplicate-nik', 'a registration with this unique value is already queued on this device');

  // The duplicate checks and the insert commit together; sealing (async) happens before.
  const submitTx = db.transaction((id: string, profileId: string, nikTag: Buffer, sealed: Awaited<ReturnType<RecordSealer['seal']>>): QueueRow => {
    const existing = findById(db, id);
    if (existing) return existing;
    if (hasNikTag(db, nikTag)) throw duplicate();
    return insertRecord(db, {
      id, profileId, nikTag, ...sealed, receiptNumber: (seq) => formatReceiptNumber(deviceId, seq),
    }, now());
  });

  return {
    async submit(input) {
      const profile = profiles.get(input.profileId);
      if (!profile) throw new KioskError('unknown-profile', `profile ${input.profileId} is not installed`);
      if (input.profileVersion !== profile.version) throw new KioskError('unknown-profile', `profile ${profile.id} is version ${profile.version}, not ${input.profileVersion}`);
      const checked = checkRecordParts(profile, input);
      if (!checked.ok) throw new KioskError('invalid-input', 'the submission does not satisfy the profile', checked.issues.map((i) => ({ path: i.path, message: i.message })));
      const fields = checked.fields;
      // The server judges the assertion at submission time: an expired one would be refused for good.
      const expiry = input.verification ? assertionExpiry(input.verification.assertion) : undefined;
      if (input.verification && !(expiry && expiry.getTime() > now().getTime())) throw new KioskError('verification-expired', 'the directory verification has expired');
      const unconfirmed = nikWarnings(fields).filter((w) => !input.acknowledgedWarnings.includes(w));
      if (unconfirmed.length > 0) throw new KioskError('unconfirmed-warning', `unconfirmed: ${unconfirmed.join(', ')}`);
      // A retry of a queued submission (same id) answers with its receipt: its pass was spent.
      const queued = findById(db, input.id);
      // The record is queued whatever happens to its printable card: a card that cannot be made is left out.
      const withCard = (row: QueueRow): Receipt => {
        try {
          return { ...toReceipt(row), ...(makeCard ? { card: makeCard(profile, fields, row) } : {}) };
        } catch (error) {
          log.warn('queue.card-failed', { id: row.id, error: error instanceof Error ? error.name : 'unknown' });
          return toReceipt(row);
        }
      };
      if (queued) return withCard(queued);
      if (needsAntiRobotPass(profile) && !(input.antiRobotPass && redeemPass(input.antiRobotPass))) {
        throw new KioskError('anti-robot-required', 'missing, spent or expired anti-robot pass');
      }
      // Without a unique field every submission is its own applicant.
      const unique = uniqueValueOf(profile, fields);
      const nikTag = cipher.tag(unique === undefined ? `none:${input.id}` : `unique:${profile.id}:${unique}`);
      if (hasNikTag(db, nikTag)) throw duplicate();
      const assistedBy = input.assist ? redeemAssist(input.assist) : undefined;
      const payload: RecordPayload = {
        version: 2,
        profileId: profile.id,
        profileVersion: profile.version,
        locale: input.locale,
        fields,
        acknowledgedWarnings: [...input.acknowledgedWarnings],
        ...(input.ktp ? { ktp: input.ktp } : {}),
        ...(input.selfie ? { selfie: input.selfie } : {}),
        ...(input.account ? { account: input.account } : {}),
        ...(input.verification ? { verification: input.verification } : {}),
        ...(assistedBy ? { assistedBy } : {}),
        submittedAt: now().toISOString(),
      };
      const plaintext = encodeRecord(payload);
      let sealed: Awaited<ReturnType<RecordSealer['seal']>>;
      try {
        sealed = await sealer.seal(input.id, plaintext);
      } finally {
        plaintext.fill(0);
      }
      const row = submitTx(input.id, profile.id, nikTag, sealed);
      log.info('queue.submitted', { id: row.id, seq: row.seq, profile: profile.id, sealing: sealed.sealing });
      onQueued();
      return withCard(row);
    },
    stats() {
      const c = countByState(db);
      return { pending: c.pending + c.uploading, total: c.pending + c.uploading + c.acked + c.rejected + c.held };
    },
    readPayload(id) {
      const row = findById(db, id);
      if (!row?.payload) throw new KioskError('invalid-input', `record ${id} has no payload`);
      if (row.sealing !== 'device') throw new KioskError('forbidden', `record ${id} is sealed for the server`);
      return decodeRecord(sealer.openDeviceSealed(id, row.payload)) as RecordPayload;
    },
  };
}
