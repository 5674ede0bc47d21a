// Everything a host needs, without Electron: database, key, queue and the contract's handlers.
// Both hosts (Electron IPC and the loopback HTTP browser host) call this one factory.
import type Database from 'better-sqlite3';
import type { Handlers } from '../../shared/contract';
import type { Profile } from '../../shared/profile';
import { createPayloadCipher, loadDataKey } from './crypto/payload-cipher';
import { checkedSecretStore, FileSecretStore, type SecretStore } from '../../node/crypto/secret-store';
import { databaseKeyChecks } from './crypto/key-checks';
import { ed25519Signer, generateEd25519PrivateKey, type Ed25519Signer } from '../../node/crypto/ed25519';
import { ensureDataDir } from './data-dir';
import { lockDataDir } from './data-dir-lock';
import { kioskMigrations, openDatabase } from './db/open';
import { loadProfile } from '../../node/profiles';
import { appPaths, type AppPaths } from './app-paths';
import { createQueueService, type QueueService } from './queue/queue-service';
import { readSettings, setPreferences } from './settings/settings-repo';
import { createCardMaker } from './receipt/card-maker';
import type { KioskPreferences } from '../../shared/settings';
import { createChallengeService, type ChallengeService } from './captcha/challenge-service';
import { profileChallengeKinds, submissionPassKinds } from '../../shared/anti-robot';
import { KioskError } from '../../shared/result';
import { getDevice } from './queue/queue-repo';
import { createRecordSealer } from './sync/record-sealer';
import { createSyncEngine, type SyncEngine, type SyncOptions } from './sync/sync-engine';
import { enrolDevice } from './sync/enrol';
import { outcomeOf, readLink } from './sync/sync-repo';
import { createDirectoryVerifier } from './sync/directory-verifier';
import { createServerClient } from './sync/server-client';
import { readSoftwareVersion } from './app-version';
import { createOperatorSessions, type OperatorSessions } from './operators/operator-sessions';
import { operatorHandlers } from './operators/operator-handlers';
import { enrolHandlers } from './operators/enrol-handlers';
import { freeDiskBytes } from './disk';
import { exporter } from './operators/export-handler';
import { createAssists, type Assists } from './operators/assists';
import type { ExportAnswer } from '../../shared/operator';
import { intakeOf, type Intake } from '../../shared/intake';
import { createPasswordHash, verifyPasswordHash } from '../../node/crypto/password-hash';

export const DEFAULT_PROFILE = 'sscasn';

export interface KioskServicesOptions {
  readonly dataDir: string;
  readonly profileId?: string;
  readonly paths?: AppPaths;
  /** Electron passes a safeStorage-wrapped store; the browser host uses 0600 files. */
  readonly secrets?: SecretStore;
  /** Timings of the sync engine (tests shorten them). */
  readonly sync?: SyncOptions;
  /** Tests fix the CAPTCHA text; the kiosk draws it at random. */
  readonly challenges?: ChallengeService;
  /** Tests move the operators' clock (idle logout, lockout window). */
  readonly operatorClock?: () => number;
  /** Tests move the monotonic clock of lifetimes (operator idle logout, walk-in assist tokens) apart from the wall clock. */
  readonly monotonicClock?: () => number;
  /** Written to the settings table at start (the hosts' --receipt-paper, --touch … flags); absent: unchanged. */
  readonly preferences?: KioskPreferences;
}

export interface KioskServices {
  readonly profile: Profile;
  readonly queue: QueueService;
  readonly sync: SyncEngine;
  readonly handlers: Handlers;
  readonly db: Database.Database;
  readonly deviceId: string;
  readonly operators: OperatorSessions;
  /** Whether `token` names a live operator session (the hosts' gate: electron/services/dispatch.ts). */
  operatorSessionLive(token: string): boolean;
  /** The Electron shell's export: into a folder the operator chose, by the operator `session` names. */
  exportToFolder(session: string, dir: string): ExportAnswer;
  /**
   * Enrol this device with a central server (one-time code from its admin): the hosts' --enrol-*
   * switches. A no-op ({ sealed: 0 }) when already enrolled to that server; refused for another.
   */
  enrol(serverUrl: string, code: string): Promise<{ sealed: number }>;
  /**
   * Forgets the applicant state held in memory — open CAPTCHA challenges and passes, walk-in assist
   * tokens, operator sessions — when the page that held their tokens is gone (the Electron shell's
   * renderer watchdog). Stored data is untouched. Injected `options.challenges` are kept (tests).
   */
  resetApplicantState(): void;
  /** Stops the sync engine, then closes the database. */
  close(): Promise<void>;
}

export function createKioskServices(options: KioskServicesOptions): KioskServices {
  const dataDir = ensureDataDir(options.dataDir);
  const paths = options.paths ?? appPaths();
  const profile = loadProfile(options.profileId ?? DEFAULT_PROFILE, paths.resources);
  const lock = lockDataDir(dataDir);
  let db: Database.Database | undefined;
  let key: Buffer;
  let secrets: SecretStore;
  try {
    db = openDatabase(dataDir, { migrations: kioskMigrations(paths.migrations) });
    // Every key the database remembers is checked now, not at its first use: a lost or swapped key
    // stops the start (KeyCheckError) instead of being replaced by a fresh one.
    const checked = checkedSecretStore(options.secrets ?? new FileSecretStore(dataDir), databaseKeyChecks(db));
    key = loadDataKey(checked);
    checked.verifyRecorded();
    secrets = checked;
  } catch (error) {
    db?.close();
    lock.release();
    throw error;
  }
  if (options.preferences) setPreferences(db, options.preferences);
  // Replaced wholesale by resetApplicantState(): every use below goes through a closure over `challenges`.
  const newChallenges = (): ChallengeService => options.challenges ?? createChallengeService();
  let challenges = newChallenges();
  // The profile, not the renderer, says which checks count: a kind no page admits is not made, and a
  // submission's pass counts only if earned on a kind its last checked page admits.
  const challengeKinds = profileChallengeKinds(profile);
  const passKinds = submissionPassKinds(profile);
  const cipher = createPayloadCipher(key);
  key.fill(0);
  const { deviceId } = getDevice(db);
  const sealer = createRecordSealer(db, cipher, deviceId);
  // The signing key is made on first use: at enrolment, or by the first printed receipt's QR (a card
  // printed before enrolment verifies as "unknown device" until this key is enrolled).
  let signer: Ed25519Signer | undefined;
  const signingKey = (): Ed25519Signer => (signer ??= ed25519Signer(secrets.loadOrCreate('device-signing', generateEd25519PrivateKey)));
  // What this kiosk runs, shown in the back office's kiosk list.
  const report = { software: readSoftwareVersion(paths), profile: `${profile.id}@${profile.version}` };
  const sync = createSyncEngine({
    db, deviceId, sealer,
    signer: signingKey,
    options: { warnAfterDays: profile.syncWarnAfterDays, report, ...options.sync },
  });
  // Replaced wholesale by resetApplicantState(), like `challenges`; the lifetime on the monotonic clock.
  const newAssists = (): Assists => createAssists(options.monotonicClock ? { monotonic: options.monotonicClock } : {});
  let assists = newAssists();
  const liveAssists: Assists = { start: (operator) => assists.start(operator), redeem: (token) => assists.redeem(token) };
  const queue = createQueueService({
    db, cipher, sealer, onQueued: () => sync.notify(), profiles: new Map([[profile.id, profile]]), redeemPass: (pass) => challenges.redeem(pass, passKinds),
    makeCard: createCardMaker(deviceId, signingKey),
    redeemAssist: (token) => assists.redeem(token),
  });
  const verifyAccount = createDirectoryVerifier({
    deviceId, profileId: profile.id, link: () => readLink(db), client: (url) => createServerClient(url, { report }), signer: signingKey,
  });
  const exports = exporter({ db, deviceId, signer: signingKey, dataDir });
  const intake = (): Intake => intakeOf(sync.status(), freeDiskBytes(dataDir), profile.intakeFreeze, new Date());
  let decoy: Promise<string> | undefined;
  const operators = createOperatorSessions({
    db, verify: (password, hash) => verifyPasswordHash(password, hash), decoy: () => (decoy ??= createPasswordHash('no-one-has-this-password')), ...(options.operatorClock ? { now: options.operatorClock } : {}), ...(options.monotonicClock ? { monotonic: options.monotonicClock } : {}),
  });
  const handlers: Handlers = {
    'kiosk:profile:get': () => profile,
    'kiosk:queue:submit': async (input) => ({ receipt: await queue.submit(input) }),
    'kiosk:queue:stats': () => queue.stats(),
    'kiosk:settings:get': () => readSettings(db),
    'kiosk:challenge:create': ({ kind }) => {
      if (!challengeKinds.includes(kind)) throw new KioskError('invalid-input', `the profile does not admit a ${kind} challenge`);
      return challenges.create(kind);
    },
    'kiosk:challenge:answer': ({ id, answer }) => challenges.answer(id, answer),
    'kiosk:sync:status': () => sync.status(),
    'kiosk:sync:record': ({ id }) => outcomeOf(db, id) ?? null,
    'kiosk:directory:verify': ({ username, password }) => verifyAccount(username, password),
    // The browser's own print dialog prints (or saves a PDF); the Electron shell replaces this handler.
    'kiosk:receipt:print': () => ({ outcome: 'use-browser' }),
    'kiosk:intake:status': () => intake(),
    ...operatorHandlers({ db, dataDir, deviceId, profile, softwareVersion: report.software, sync, sessions: operators, intake, exportDownload: exports.download, assists: liveAssists }),
    ...enrolHandlers({ db, deviceId, signer: signingKey, sealer, sync, sessions: operators }),
  };
  return {
    profile, queue, sync, handlers, db, deviceId, operators,
    operatorSessionLive: (token) => operators.check(token) !== undefined,
    exportToFolder: (session, dir) => exports.toFolder(operators.check(session)?.username ?? null, dir),
    enrol: async (serverUrl, code) => ({ sealed: (await enrolDevice({ db, deviceId, signer: signingKey(), sealer }, serverUrl, code)).sealed }),
    resetApplicantState() {
      challenges = newChallenges();
      assists = newAssists();
      operators.endAll();
    },
    async close() {
      operators.endAll();
      await sync.stop();
      db.close();
      lock.release();
    },
  };
}
