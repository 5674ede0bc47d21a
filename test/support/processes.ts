// Child processes started with tsx from the repository root: the kiosk host and the reference
// server in the end-to-end tests (which print "<MARKER> <url>" once they serve), the crash tests' kiosk.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** Starts `tsx <args>` and resolves with the URL after `marker`; rejects with its output otherwise. */
export async function spawnUntilReady(args: readonly string[], marker: string, name: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(TSX, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${name} did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = new RegExp(`${marker} (\\S+)`).exec(output);
      if (m?.[1]) { clearTimeout(timer); ok(m[1]); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); fail(new Error(`${name} exited with ${code}:\n${output}`)); });
  });
  return { child, url };
}

/** Sends `signal` and resolves once the process has exited (at once if it already has). */
export function endProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise<void>((ok) => {
    if (child.exitCode !== null || child.signalCode !== null) { ok(); return; }
    child.once('exit', () => ok());
    child.kill(signal);
  });
}
