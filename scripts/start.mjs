// `npm start`: the Electron kiosk when the Electron runtime is installed, otherwise (offline
// machines cannot download it) the browser host, which serves the same renderer and contract to
// Chromium. Extra arguments after `npm start --` are passed on (--windowed, --data-dir=…).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);

/**
 * The installed Electron binary, read from the package's path.txt — never by require('electron'),
 * which tries to download a missing binary (and prints a stack trace where it cannot).
 */
function electronBinary() {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electron = electronBinary();
if (electron) {
  const build = spawn('npm', ['run', 'build:electron'], { cwd: root, stdio: 'inherit' });
  build.on('exit', (code) => {
    if (code !== 0) process.exit(code ?? 1);
    run(electron, ['.', ...args]);
  });
} else {
  console.log('kiosk: Electron runtime not available on this machine; starting the browser host instead.');
  const hostArgs = args.flatMap((a) => (a.startsWith('--data-dir=') ? ['--data-dir', a.slice('--data-dir='.length)] : [a]));
  run(join(root, 'node_modules', '.bin', 'tsx'), ['electron/host/main.ts', ...hostArgs]);
}
