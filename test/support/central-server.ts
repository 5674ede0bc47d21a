// The reference central server run in-process on a loopback port, for tests and benchmarks: the
// real Fastify app, the real store (a SQLite file, or a PostgreSQL database), real keys.
import type { Profile } from '../../shared/profile';
import { serve, type RunningServer } from '../../server/serve';
import { createEnrolCode } from '../../server/devices';
import type { RateLimits } from '../../server/app';
import type { ListedRegistration } from '../../server/store/server-store';
import type { MailSettings, OutboxTiming } from '../../server/mail/outbox-worker';

export interface CentralServer extends RunningServer {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  enrolCode(): Promise<string>;
  /** Every registration stored, in the order received. */
  registrations(): Promise<ListedRegistration[]>;
  stop(): Promise<void>;
}

export interface CentralServerOptions {
  readonly port?: number;
  /** PostgreSQL; absent: SQLite in the data directory. */
  readonly databaseUrl?: string | undefined;
  readonly profiles?: ReadonlyMap<string, Profile>;
  readonly archivedProfiles?: ReadonlyMap<string, Profile>;
  readonly rateLimits?: RateLimits;
  readonly now?: () => Date;
  /** SMTP for the outbox worker (none: mail waits in the outbox), and its timing (tests retry fast). */
  readonly mail?: MailSettings;
  readonly outboxTiming?: Partial<OutboxTiming>;
  /** The origin staff browsers use when the server is behind a TLS proxy (--staff-origin). */
  readonly staffOrigin?: string;
}

/** Starts (or restarts, on the same data directory, database and port) the server. */
export async function startCentralServer(dataDir: string, options: CentralServerOptions = {}): Promise<CentralServer> {
  const server = await serve({
    dataDir, port: options.port ?? 0, host: '127.0.0.1', databaseUrl: options.databaseUrl, poolSize: 20,
    ...(options.profiles ? { profiles: options.profiles } : {}),
    ...(options.archivedProfiles ? { archivedProfiles: options.archivedProfiles } : {}),
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.mail ? { mail: options.mail } : {}),
    ...(options.outboxTiming ? { outboxTiming: options.outboxTiming } : {}),
    ...(options.staffOrigin ? { staffOrigin: options.staffOrigin } : {}),
  });
  return {
    ...server,
    dataDir,
    databaseUrl: options.databaseUrl,
    enrolCode: () => createEnrolCode(server.store, new Date()),
    async registrations() {
      const all: ListedRegistration[] = [];
      for (let page = await server.store.listRegistrations(0, 500); page.length > 0; page = await server.store.listRegistrations(page.at(-1)?.id ?? 0, 500)) {
        all.push(...page);
      }
      return all;
    },
    stop: () => server.close(),
  };
}
