// Builds the renderer and the back office when they have never been built (a fresh clone), so
// `npm run host` and `npm run server` work on their own. `npm start` always rebuilds; this only
// fills the gap. Uses only Node built-ins.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
if (!existsSync(join(root, 'dist', 'renderer', 'index.html')) || !existsSync(join(root, 'dist', 'backoffice', 'index.html'))) {
  console.log('kiosk: building the renderer and the back office (first run)…');
  execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });
}
