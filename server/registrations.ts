// Accepting a sealed registration: idempotent per (device, record id) across every server process
// (the answer is stored with the record, in one transaction that also spends the request's nonce),
// one registration per NIK and profile, a signed delivery receipt naming exactly what arrived, and
// the registration number with it when the record's profile numbers on acceptance.
import type { Profile } from '../shared/profile';
import { RECORD_IMAGE_LIMITS, RecordPayloadSchema, type RecordPayload } from '../shared/sync/record-payload';
import { decisionMailComposer } from './mail/compose';
import { checkRecordParts, uniqueValueOf } from '../shared/record-rules';
import { stepOf } from '../shared/profile';
import { checkAssertion } from './directory/assertion';
import { uniqueKeyHash } from './unique-key';
import { normaliseSpaces } from '../shared/identity/person';
import type { VerificationClaims } from '../shared/sync/directory';
import { sealingContext, type RecordRefusalCode } from '../shared/sync/protocol';
import { recordOpener } from '../node/crypto/record-sealing';
import { inspectRecord } from '../node/crypto/record-codec';
import { currentAnswer, errorAnswer, receiptAnswer, refusalAnswer, type Answer } from './answers';
import type { ServerKeys } from './keys';
import { log } from '../node/log';
import type { Nonce, ServerStore, Settled } from './store/server-store';

/** An authenticated upload: who sent it, under which key, with which (not yet spent) nonce. */
export interface Upload {
  readonly deviceId: string;
  readonly recordId: string;
  readonly nonce: Nonce;
  readonly sealed: Buffer;
  readonly payloadSha256: string;
  /** The printed receipt's number the kiosk sent, already checked to name this device. */
  readonly receiptNumber?: string | undefined;
}

export interface Registrar {
  accept(upload: Upload): Promise<Answer>;
}

export interface RegistrarDeps {
  readonly store: ServerStore;
  readonly keys: ServerKeys;
  readonly profiles: ReadonlyMap<string, Profile>;
  /** Earlier versions (`<id>@<version>`): a record is checked by the rules it was made under. */
  readonly archivedProfiles?: ReadonlyMap<string, Profile>;
  readonly now: () => Date;
}

type Opened =
  | { ok: true; profile: Profile; unique: string | undefined; record: RecordPayload }
  /** The record itself is at fault: a final, signed refusal. */
  | { ok: false; final: true; code: RecordRefusalCode; message: string }
  /** Maybe this server is (a key it does not hold, a profile not deployed yet): the kiosk tries again. */
  | { ok: false; final: false; code: 'cannot-open-record' | 'unknown-profile'; message: string };

/** Read-only fields whose value is not what the directory said (the assertion carries its words). */
function alteredReadOnly(profile: Profile, fields: Readonly<Record<string, string>>, claims: VerificationClaims): string[] {
  const asserted: Record<string, string> = {
    username: claims.username, name: claims.person.name, mail: claims.person.mail ?? '', unit: claims.person.unit ?? '',
  };
  return profile.fields.filter((f) => {
    if (f.kind !== 'readonly') return false;
    const said = normaliseSpaces(asserted[f.prefill.slice('directory:'.length)] ?? '');
    const value = fields[f.name] ?? '';
    // The username claim is normalised (lower case); the others are compared as the directory spells them.
    return f.prefill === 'directory:username' ? value.toLowerCase() !== said : value !== said;
  }).map((f) => f.name);
}

export function createRegistrar({ store, keys, profiles, archivedProfiles = new Map(), now }: RegistrarDeps): Registrar {
  const openRecord = recordOpener(keys.sealing.privateKey);
  const composeMail = decisionMailComposer(keys);
  /** Opens and validates the record in memory; only what the rules need leaves this function. */
  async function open(deviceId: string, recordId: string, sealed: Buffer): Promise<Opened> {
    let plaintext: Buffer;
    try {
      plaintext = await openRecord(sealed, sealingContext(deviceId, recordId));
    } catch {
      return { ok: false, final: false, code: 'cannot-open-record', message: 'the record is not sealed to a key of this server for this device and record id' };
    }
    try {
      let shape;
      try {
        shape = inspectRecord(plaintext);
      } catch {
        return { ok: false, final: true, code: 'invalid-payload', message: 'the opened record is not an encoded record' };
      }
      const oversized = [...shape.imageBytes].filter(([path, bytes]) => bytes === 0 || bytes > (RECORD_IMAGE_LIMITS.get(path) ?? 0)).map(([path]) => path);
      if (oversized.length > 0) return { ok: false, final: true, code: 'invalid-payload', message: `invalid fields: ${oversized.join(', ')}` };
      const parsed = RecordPayloadSchema.safeParse(shape.record);
      // Paths only: the values are personal data and never reach a response or a log.
      if (!parsed.success) return { ok: false, final: true, code: 'invalid-payload', message: `invalid fields: ${[...new Set(parsed.error.issues.map((i) => i.path.join('.')))].join(', ')}` };
      const record = parsed.data;
      const current = profiles.get(record.profileId);
      const profile = current?.version === record.profileVersion ? current : archivedProfiles.get(`${record.profileId}@${record.profileVersion}`);
      // A kiosk ahead of this server (a newer version), or a version whose file was not archived when
      // the profile changed: retried until the server has it, never refused for the server's gap.
      if (!profile) {
        return { ok: false, final: false, code: 'unknown-profile', message: `profile ${record.profileId} version ${record.profileVersion} is not configured on this server` };
      }
      const checked = checkRecordParts(profile, record);
      if (!checked.ok) return { ok: false, final: true, code: 'invalid-payload', message: `invalid fields: ${[...new Set(checked.issues.map((i) => i.path.join('.')))].join(', ')}` };
      // A verified account's record must carry this server's assertion for this device and username.
      const verify = stepOf(profile, 'verify-account');
      if (verify) {
        const verdict = checkAssertion(keys, record.verification?.assertion, {
          deviceId, profileId: profile.id, username: checked.fields[verify.usernameField] ?? '', submittedAt: new Date(record.submittedAt),
        });
        if (!verdict.ok) return { ok: false, final: true, code: 'invalid-payload', message: `verification: ${verdict.reason}` };
        const altered = alteredReadOnly(profile, checked.fields, verdict.claims);
        if (altered.length > 0) return { ok: false, final: true, code: 'invalid-payload', message: `verification: read-only fields differ: ${altered.join(', ')}` };
      }
      // Numbering is the server's current policy for the profile, whichever version the record follows.
      return { ok: true, profile: current ?? profile, unique: uniqueValueOf(profile, checked.fields), record };
    } finally {
      plaintext.fill(0);
    }
  }

  const replayed = errorAnswer(401, 'replayed-request', 'this request was already received');

  return {
    async accept({ deviceId, recordId, nonce, sealed, payloadSha256, receiptNumber }) {
      const serverTime = now().toISOString();
      const about = { recordId, deviceId, payloadSha256, serverTime };
      const reused = (): Answer => refusalAnswer(keys, 422, 'idempotency-key-reused', 'this record id was already used with a different body', about);
      /** The key's answer when it was given to these bytes; a signed 422 when to others. */
      const settle = (s: Settled): Answer => (s.kind === 'replayed' ? replayed : s.requestSha256 === payloadSha256 ? s.answer : reused());

      // A retry finds its answer without opening anything; its nonce is still spent. Only an answer
      // stored before this request can be in an older server version's form.
      const earlier = await store.findAnswer(deviceId, recordId);
      if (earlier) {
        if (!(await store.spendNonce(deviceId, nonce.value, nonce.seenAtMs))) return replayed;
        return earlier.requestSha256 === payloadSha256 ? currentAnswer(keys, earlier.answer, about) : reused();
      }
      // A cheap look first; the nonce is spent for good in the transaction that stores the answer.
      if (await store.nonceSeen(deviceId, nonce.value)) return replayed;

      const opened = await open(deviceId, recordId, sealed);
      if (!opened.ok && !opened.final) {
        // Neither stored nor signed: once the server is put right, the same request succeeds.
        log.warn('server.record-not-accepted', { device: deviceId, record: recordId, code: opened.code });
        return errorAnswer(500, opened.code, opened.message);
      }
      if (!opened.ok) {
        // Deterministic for these bytes: stored, so a retry gets this same answer.
        const refused = refusalAnswer(keys, 400, opened.code, opened.message, about);
        return settle(await store.answerOnce(deviceId, recordId, payloadSha256, refused, nonce, serverTime));
      }
      const { profile, unique, record } = opened;
      const nikHash = unique === undefined ? null : uniqueKeyHash(keys.nikKey, profile.id, unique);
      // Numbered on acceptance: the applicant's e-mail with the number is queued with the record.
      const mail = (registrationNumber: string) => composeMail(profile, deviceId, recordId, record, { kind: 'approved', registrationNumber });
      return settle(await store.storeRegistration(
        { deviceId, recordId, profileId: profile.id, nikHash, sealed, payloadSha256, receivedAt: serverTime, numbering: profile.numbering, nonce, mail, receiptNumber },
        (stored) => stored.kind === 'duplicate-nik'
          ? refusalAnswer(keys, 409, 'duplicate-nik', 'a registration with this NIK already exists', about)
          : receiptAnswer(keys, { recordId, deviceId, registrationNumber: stored.registrationNumber, serverTime, payloadSha256 }),
      ));
    },
  };
}
