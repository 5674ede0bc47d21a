// The reference central server run in-process on a loopback port, for tests and benchmarks: the
// real Fastify app, real SQLite file, real keys.
import type Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../server/app';
import { openServerDb } from '../../server/store';
import { loadServerKeys, type ServerKeys } from '../../server/keys';
import { createEnrolCode } from '../../server/devices';

export interface CentralServer {
  readonly url: string;
  readonly port: number;
  readonly db: Database.Database;
  readonly keys: ServerKeys;
  enrolCode(): string;
  /** Registrations stored, by record id. */
  registrations(): { recordId: string; deviceId: string; registrationNumber: string }[];
  stop(): Promise<void>;
}

/** Starts (or restarts, on the same data directory and port) the server. */
export async function startCentralServer(dataDir: string, port = 0): Promise<CentralServer> {
  const db = openServerDb(dataDir);
  const keys = loadServerKeys(dataDir);
  const app: FastifyInstance = buildServer({ db, keys });
  await app.listen({ port, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    db,
    keys,
    enrolCode: () => createEnrolCode(db, new Date()),
    registrations: () => db.prepare(`SELECT record_id AS recordId, device_id AS deviceId, registration_number AS registrationNumber FROM registrations ORDER BY seq`).all() as never,
    async stop() {
      await app.close();
      db.close();
    },
  };
}
