// Child processes running TypeScript from the repository root: the kiosk host and the reference
// server in the end-to-end tests (which print "<MARKER> <url>" once they serve), the crash tests'
// kiosk. They run as `node --import tsx <file>`: the pid we hold is the process doing the work, so a
// SIGKILL kills the kiosk itself (the `tsx` launcher would run it in a child of its own, which a
// SIGKILL of the launcher leaves running). Whatever a test leaves running is killed when it exits.
import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
/** The command line prefix that runs a .ts file in this very process. */
export const NODE_TSX: readonly string[] = [process.execPath, '--import', 'tsx'];

const alive = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of alive) child.kill('SIGKILL');
});

/** `node --import tsx <args>` from the repository root; killed at the latest when this process exits. */
export function spawnTs(args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const [node = process.execPath, ...flags] = NODE_TSX;
  const child = spawn(node, [...flags, ...args], { cwd: ROOT, ...options });
  alive.add(child);
  child.once('exit', () => alive.delete(child));
  return child;
}

/** Runs `node --import tsx <args>` to completion (with `input` on its standard input); its stdout. */
export function runTs(args: readonly string[], input?: string): string {
  const [node = process.execPath, ...flags] = NODE_TSX;
  return execFileSync(node, [...flags, ...args], { cwd: ROOT, encoding: 'utf8', stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], ...(input === undefined ? {} : { input }) });
}

/** Starts `<args>` and resolves with the URL after `marker`; rejects with its output otherwise. */
export async function spawnUntilReady(args: readonly string[], marker: string, name: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawnTs(args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); fail(new Error(`${name} did not start:\n${output}`)); }, 20_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = new RegExp(`${marker} (\\S+)`).exec(output);
      if (m?.[1]) { clearTimeout(timer); ok(m[1]); }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); fail(new Error(`${name} exited with ${code}:\n${output}`)); });
  });
  return { child, url };
}

/** Whether a process with this pid exists (signal 0 checks without signalling). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** Sends `signal` and resolves once the process has exited (at once if it already has). */
export function endProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise<void>((ok) => {
    if (child.exitCode !== null || child.signalCode !== null) { ok(); return; }
    child.once('exit', () => ok());
    child.kill(signal);
  });
}
