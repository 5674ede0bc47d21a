// The reference central server as a real process (`npm run server`'s entry), for end-to-end tests.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const MAIN = join(ROOT, 'server', 'main.ts');

export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export async function startServerProcess(dataDir: string, port = 0): Promise<ServerProcess> {
  const child: ChildProcess = spawn(TSX, [MAIN, 'start', '--data-dir', dataDir, '--port', String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = /SERVER_READY (\S+)/.exec(output);
      if (m?.[1]) { clearTimeout(timer); ok(m[1]); }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited with ${code}:\n${output}`)); });
  });
  return {
    url,
    port: Number(new URL(url).port),
    stop: () => new Promise<void>((ok) => {
      if (child.exitCode !== null || child.signalCode !== null) { ok(); return; }
      child.once('exit', () => ok());
      child.kill('SIGTERM');
    }),
  };
}

/** `npm run server -- <args>` (enrol-code, revoke …) on a data directory; returns its stdout. */
export function serverCommand(dataDir: string, ...args: string[]): string {
  return execFileSync(TSX, [MAIN, ...args, '--data-dir', dataDir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}
