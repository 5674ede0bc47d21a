// Everything a host needs, without Electron: database, key, queue and the contract's handlers.
// Both hosts (Electron IPC and the loopback HTTP browser host) call this one factory.
import type Database from 'better-sqlite3';
import type { Handlers } from '../../shared/contract';
import type { Profile } from '../../shared/profile';
import { createPayloadCipher } from './crypto/payload-cipher';
import { FileKeyStore, type KeyStore } from './crypto/key-store';
import { ensureDataDir } from './data-dir';
import { openDatabase } from './db/open';
import { loadProfile } from './profile-loader';
import { loadMigrations } from './db/migrate';
import { appPaths, type AppPaths } from './app-paths';
import { createQueueService, type QueueService } from './queue/queue-service';
import { readSettings, setCamera } from './settings/settings-repo';
import { createChallengeService, type ChallengeService } from './captcha/challenge-service';

export const DEFAULT_PROFILE = 'sscasn';

export interface KioskServicesOptions {
  readonly dataDir: string;
  readonly profileId?: string;
  readonly paths?: AppPaths;
  /** Electron passes a safeStorage-backed store; the browser host uses the 0600 file. */
  readonly keyStore?: KeyStore;
  /** Tests fix the CAPTCHA text; the kiosk draws it at random. */
  readonly challenges?: ChallengeService;
}

export interface KioskServices {
  readonly profile: Profile;
  readonly queue: QueueService;
  readonly handlers: Handlers;
  readonly db: Database.Database;
  close(): void;
}

export function createKioskServices(options: KioskServicesOptions): KioskServices {
  const dataDir = ensureDataDir(options.dataDir);
  const paths = options.paths ?? appPaths();
  const profile = loadProfile(options.profileId ?? DEFAULT_PROFILE, paths.resources);
  const key = (options.keyStore ?? new FileKeyStore(dataDir)).loadOrCreate();
  const db = openDatabase(dataDir, { migrations: loadMigrations(paths.migrations) });
  const challenges = options.challenges ?? createChallengeService();
  const queue = createQueueService({
    db, cipher: createPayloadCipher(key), profiles: new Map([[profile.id, profile]]), redeemPass: challenges.redeem,
  });
  key.fill(0);
  const handlers: Handlers = {
    'kiosk:profile:get': () => profile,
    'kiosk:queue:submit': (input) => ({ receipt: queue.submit(input) }),
    'kiosk:queue:stats': () => queue.stats(),
    'kiosk:settings:get': () => readSettings(db),
    'kiosk:settings:set-camera': ({ role, deviceId }) => {
      setCamera(db, role, deviceId);
      return readSettings(db);
    },
    'kiosk:challenge:create': ({ kind }) => challenges.create(kind),
    'kiosk:challenge:answer': ({ id, answer }) => challenges.answer(id, answer),
  };
  return { profile, queue, handlers, db, close: () => db.close() };
}
