// Makes sure the machine has what the tests run for real: Chromium (end-to-end tests), ffmpeg
// (fake camera files), the fonts of the synthetic KTP cards, PostgreSQL (the server's second
// engine), OpenLDAP's slapd and its client tools (the campus directory the server verifies accounts
// against), unshare (the disk-full test) and pdftotext (the printed receipt, read back). Installs
// the missing Debian packages when it can (root, or sudo without a password); otherwise prints one
// line naming the command to run, and fails.
// Uses only Node built-ins.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const onPath = (cmd) => {
  try {
    execSync(`command -v ${cmd}`, { stdio: 'ignore', shell: '/bin/sh' });
    return true;
  } catch {
    return false;
  }
};
const anyIn = (dir, test) => existsSync(dir) && readdirSync(dir).some(test);
const playwrightChromium = () => anyIn(join(homedir(), '.cache', 'ms-playwright'), (d) => d.startsWith('chromium'));

const NEEDS = [
  { what: 'Chromium', pkg: 'chromium', ok: () => existsSync('/usr/bin/chromium') || existsSync('/usr/bin/chromium-browser') || playwrightChromium() },
  { what: 'ffmpeg', pkg: 'ffmpeg', ok: () => onPath('ffmpeg') },
  { what: 'DejaVu fonts', pkg: 'fonts-dejavu-core', ok: () => existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf') },
  // The synthetic KTP fixtures use these Arial-metric fonts, like the real card.
  { what: 'Liberation fonts', pkg: 'fonts-liberation', ok: () => existsSync('/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf') },
  { what: 'PostgreSQL', pkg: 'postgresql', ok: () => Boolean(process.env.TEST_DATABASE_URL) || anyIn('/usr/lib/postgresql', (v) => existsSync(join('/usr/lib/postgresql', v, 'bin', 'initdb'))) || onPath('pg_ctl') },
  { what: 'OpenLDAP slapd', pkg: 'slapd', ok: () => existsSync('/usr/sbin/slapd') },
  { what: 'OpenLDAP client tools', pkg: 'ldap-utils', ok: () => onPath('ldapwhoami') },
  // The test directory's TLS certificate.
  { what: 'openssl', pkg: 'openssl', ok: () => onPath('openssl') },
  { what: 'unshare', pkg: 'util-linux', ok: () => onPath('unshare') },
  // The printed receipt's test reads the PDF Chromium renders back as text.
  { what: 'pdftotext (poppler-utils)', pkg: 'poppler-utils', ok: () => onPath('pdftotext') },
];

const missing = NEEDS.filter((n) => !n.ok());
if (missing.length === 0) process.exit(0);

const pkgs = missing.map((n) => n.pkg);
const command = `apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
const root = process.getuid?.() === 0;
const sudo = !root && onPath('sudo') && (() => { try { execSync('sudo -n true', { stdio: 'ignore' }); return true; } catch { return false; } })();
if (process.platform !== 'linux' || !onPath('apt-get') || !(root || sudo)) {
  console.error(`npm test needs ${missing.map((n) => n.what).join(', ')}: install with \`sudo ${command}\`${missing.some((n) => n.pkg === 'postgresql') ? ' (or set TEST_DATABASE_URL to a PostgreSQL server the tests may create databases on)' : ''}`);
  process.exit(1);
}
const prefix = root ? '' : 'sudo ';
console.log(`tests: installing ${pkgs.join(' ')} (apt-get)…`);
execSync(`${prefix}apt-get update -qq && ${prefix}env DEBIAN_FRONTEND=noninteractive ${command} -qq`, { stdio: 'inherit', shell: '/bin/sh' });
const still = NEEDS.filter((n) => !n.ok());
if (still.length > 0) {
  console.error(`npm test: still missing after apt-get: ${still.map((n) => n.what).join(', ')}`);
  process.exit(1);
}
