// Builds the renderer when it has never been built (a fresh clone), so `npm run host` works on its
// own. `npm start` always rebuilds; this only fills the gap. Uses only Node built-ins.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
  console.log('kiosk: building the renderer (first run)…');
  execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });
}
