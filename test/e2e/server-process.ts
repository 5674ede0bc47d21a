// The reference central server as a real process (`npm run server`'s entry), for end-to-end tests.
import { join } from 'node:path';
import { endProcess, ROOT, runTs, spawnUntilReady } from '../support/processes';

const MAIN = join(ROOT, 'server', 'main.ts');

export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export async function startServerProcess(dataDir: string, port = 0, extraArgs: readonly string[] = []): Promise<ServerProcess> {
  const { child, url } = await spawnUntilReady([MAIN, 'start', '--data-dir', dataDir, '--port', String(port), ...extraArgs], 'SERVER_READY', 'server');
  return { url, port: Number(new URL(url).port), stop: () => endProcess(child, 'SIGTERM') };
}

/** `npm run server -- <args>` (enrol-code, revoke …) on a data directory; returns its stdout. */
export function serverCommand(dataDir: string, ...args: string[]): string {
  return runTs([MAIN, ...args, '--data-dir', dataDir]).trim();
}

/** `npm run server -- create-admin <username>` with the password typed on its standard input. */
export function createAdminCommand(dataDir: string, username: string, password: string): string {
  return runTs([MAIN, 'create-admin', username, '--data-dir', dataDir], `${password}\n`).trim();
}
