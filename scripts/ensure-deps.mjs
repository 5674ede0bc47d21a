// Installs dependencies when node_modules is missing or older than package-lock.json, so
// `npm start` and `npm test` work on a fresh clone. Uses only Node built-ins (nothing is
// installed yet when it runs). better-sqlite3 builds from source against the machine's Node
// headers when no prebuilt binary can be downloaded; Electron's binary is never downloaded.
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const lock = join(root, 'package-lock.json');
const stamp = join(root, 'node_modules', '.kiosk-deps-stamp');
const digest = createHash('sha256').update(readFileSync(lock)).update(process.version).digest('hex');

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) process.exit(0);

const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
// Offline machines build native modules against the installed Node headers (see TOOLCHAIN.md).
if (!env.npm_config_nodedir && existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';

console.log('kiosk: installing dependencies (npm ci)…');
execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit', env });
writeFileSync(stamp, digest);
