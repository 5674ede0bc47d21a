// One serving process: the store, the keys, the profiles and the HTTP API on a port. `npm run
// server` runs one of these, or N of them as cluster workers sharing the port.
import type { FastifyInstance } from 'fastify';
import type { Profile } from '../shared/profile';
import { buildServer, type RateLimits, type ServerTimeouts } from './app';
import { checkKeysAgainst, loadServerKeys, type ServerKeys } from './keys';
import { DEFAULT_RESOURCES, loadServerProfiles } from './profiles';
import { loadArchivedProfiles } from '../node/profiles';
import { openServerStore } from './store/open-store';
import { loadDirectorySettings, type DirectoryMap } from './directory/settings';
import type { ServerStore } from './store/server-store';
import { startOutboxWorker, type MailSettings, type OutboxTiming } from './mail/outbox-worker';
import { log } from '../node/log';

export interface ServeOptions {
  readonly dataDir: string;
  readonly databaseUrl?: string | undefined;
  readonly poolSize?: number;
  readonly port: number;
  readonly host: string;
  readonly trustProxy?: boolean;
  readonly resourcesDir?: string;
  /** Tests use their own profiles (e.g. a review-first one). */
  readonly profiles?: ReadonlyMap<string, Profile>;
  readonly archivedProfiles?: ReadonlyMap<string, Profile>;
  readonly rateLimits?: RateLimits;
  /** Tests shorten them to see a slow client cut off (app.ts DEFAULT_TIMEOUTS). */
  readonly timeouts?: ServerTimeouts;
  readonly now?: () => Date;
  /** The campus-directory settings file (directory/settings.ts); without it no account is verified. */
  readonly directoryFile?: string | undefined;
  /** SMTP for the applicants' e-mail; without it decisions are made and their mail waits in the outbox. */
  readonly mail?: MailSettings | undefined;
  readonly outboxTiming?: Partial<OutboxTiming>;
  /** Where kiosks reach this server (--kiosk-origin); absent: each request's own origin. */
  readonly kioskOrigin?: string | undefined;
  /** The origin staff browsers use (--staff-origin); absent: each request's own host. */
  readonly staffOrigin?: string | undefined;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly app: FastifyInstance;
  readonly store: ServerStore;
  readonly keys: ServerKeys;
  readonly profiles: ReadonlyMap<string, Profile>;
  /** Stops accepting, finishes requests in flight, then closes the store. */
  close(): Promise<void>;
}

export async function serve(options: ServeOptions): Promise<RunningServer> {
  const profiles = options.profiles ?? loadServerProfiles(options.resourcesDir);
  const archivedProfiles = options.archivedProfiles ?? (options.profiles ? new Map<string, Profile>() : loadArchivedProfiles(options.resourcesDir ?? DEFAULT_RESOURCES));
  const directories: DirectoryMap = options.directoryFile ? loadDirectorySettings(options.directoryFile) : new Map();
  const keys = loadServerKeys(options.dataDir);
  const store = await openServerStore({ dataDir: options.dataDir, databaseUrl: options.databaseUrl, ...(options.poolSize ? { poolSize: options.poolSize } : {}) });
  let app: FastifyInstance;
  try {
    await checkKeysAgainst(store, keys, options.dataDir);
    app = await buildServer({
      store, keys, profiles, archivedProfiles,
      ...(options.now ? { now: options.now } : {}),
      ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
      ...(options.timeouts ? { timeouts: options.timeouts } : {}),
      trustProxy: options.trustProxy ?? false,
      directories,
      ...(options.kioskOrigin ? { kioskOrigin: options.kioskOrigin } : {}),
      ...(options.staffOrigin ? { staffOrigin: options.staffOrigin } : {}),
    });
    await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    await store.close();
    throw error;
  }
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the server has no TCP address');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const mailer = options.mail ? startOutboxWorker({ outbox: store.outbox, keys, settings: options.mail, timing: options.outboxTiming ?? {} }) : undefined;
  if (!mailer) log.warn('mail.not-configured', { outbox: 'decisions are made; their e-mail waits in the outbox until --smtp-url and --mail-from are set' });
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    app, store, keys, profiles,
    async close() {
      await app.close();
      await mailer?.stop();
      await store.close();
    },
  };
}
