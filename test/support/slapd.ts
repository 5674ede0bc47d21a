// A throwaway OpenLDAP directory for the server's directory tests: Debian's slapd from a generated
// slapd.conf in a temp dir, seeded by slapadd from test/fixtures/ldap/directory.ldif (a campus
// shaped like Politeknik Negeri Jakarta), on a free loopback port, with the ppolicy overlay so an
// account can be locked, and a self-signed certificate (made with openssl) for StartTLS and ldaps://.
// It can be stopped and started again on the same port and data (the
// directory going down), and is killed by its pidfile at the end — or when the test process exits.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { freePort } from './postgres';

const SLAPD = '/usr/sbin/slapd';
const SLAPADD = '/usr/sbin/slapadd';
const MODULES = '/usr/lib/ldap';
export const MISSING_SLAPD = 'OpenLDAP is not installed: run .ci/run (as root), or `sudo apt-get install -y --no-install-recommends slapd ldap-utils`';

export const DIRECTORY_LDIF = resolve(import.meta.dirname, '..', 'fixtures', 'ldap', 'directory.ldif');
export const BASE_DN = 'dc=pnj,dc=ac,dc=id';
/** The fixture's read-only service account. */
export const SERVICE_ACCOUNT = { dn: `cn=pembaca-kiosk,ou=layanan,${BASE_DN}`, password: 'Baca-Saja-2026' } as const;

export interface TestSlapd {
  /** ldap:// (StartTLS offered). */
  readonly url: string;
  readonly ldapsUrl: string;
  /** The PEM certificate slapd presents for 127.0.0.1 (self-signed: trust it as the CA). */
  readonly caFile: string;
  readonly port: number;
  /** Stops the directory (its data stays): a directory that is down. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and deletes its files. */
  destroy(): Promise<void>;
}

const started = new Set<number>();
process.on('exit', () => {
  for (const pid of started) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
});

function config(dir: string): string {
  return `include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
modulepath ${MODULES}
moduleload back_mdb
moduleload ppolicy
pidfile ${join(dir, 'slapd.pid')}
argsfile ${join(dir, 'slapd.args')}
loglevel none
TLSCertificateFile ${join(dir, 'cert.pem')}
TLSCertificateKeyFile ${join(dir, 'key.pem')}

database mdb
suffix "${BASE_DN}"
rootdn "cn=admin,${BASE_DN}"
rootpw ${randomBytes(18).toString('base64url')}
directory ${join(dir, 'db')}

# Locked accounts: the bind of a locked account fails and, with ppolicy_use_lockout, the password
# policy response control says accountLocked (server/directory/ldap-directory.ts).
overlay ppolicy
ppolicy_default "cn=bawaan,ou=kebijakan,${BASE_DN}"
ppolicy_use_lockout

# Passwords are only ever compared by a bind; the rest is readable by the service account and
# anonymously (directories that allow anonymous search exist).
access to attrs=userPassword
  by anonymous auth
  by * none
access to *
  by dn.exact="${SERVICE_ACCOUNT.dn}" read
  by anonymous read
  by * none
`;
}

function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return (async () => {
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`slapd: ${what} within ${timeoutMs} ms`);
      await new Promise((ok) => setTimeout(ok, 50));
    }
  })();
}

const accepts = (port: number): Promise<boolean> => new Promise((ok) => {
  const socket = connect(port, '127.0.0.1');
  socket.once('connect', () => { socket.destroy(); ok(true); });
  socket.once('error', () => ok(false));
});

/** Seeds a new directory from `ldif` and starts it (≈0.2 s). */
export async function startSlapd(ldif: string = DIRECTORY_LDIF): Promise<TestSlapd> {
  if (!existsSync(SLAPD) || !existsSync(join(MODULES, 'ppolicy.so'))) throw new Error(MISSING_SLAPD);
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-slapd-'));
  mkdirSync(join(dir, 'db'));
  const conf = join(dir, 'slapd.conf');
  writeFileSync(conf, config(dir));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: ['ignore', 'pipe', 'pipe'] });
  execFileSync(SLAPADD, ['-q', '-f', conf, '-l', ldif], { stdio: ['ignore', 'pipe', 'pipe'] });
  const [port, tlsPort] = [await freePort(), await freePort()];
  const url = `ldap://127.0.0.1:${port}`;
  const ldapsUrl = `ldaps://127.0.0.1:${tlsPort}`;
  const pidFile = join(dir, 'slapd.pid');
  let pid: number | undefined;

  const start = async (): Promise<void> => {
    if (pid !== undefined) return;
    // slapd detaches; the pidfile names the daemon.
    execFileSync(SLAPD, ['-f', conf, '-h', `${url}/ ${ldapsUrl}/`], { stdio: ['ignore', 'pipe', 'pipe'] });
    await waitFor(async () => existsSync(pidFile) && (await accepts(port)) && (await accepts(tlsPort)), 'not listening');
    pid = Number(readFileSync(pidFile, 'utf8').trim());
    started.add(pid);
  };
  const stop = async (): Promise<void> => {
    if (pid === undefined) return;
    const stopping = pid;
    process.kill(stopping, 'SIGTERM');
    // slapd removes its pidfile as it exits (its parent may not reap it here, so the pid can linger as a zombie).
    await waitFor(async () => !existsSync(pidFile) && !(await accepts(port)), 'still running after SIGTERM');
    started.delete(stopping);
    pid = undefined;
  };
  try {
    await start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url, ldapsUrl, caFile: join(dir, 'cert.pem'), port, start, stop,
    async destroy() {
      try {
        await stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The server's directory settings for `sso-kampus` against this slapd (service account's password in a file beside it); returns the file. */
export function writeDirectorySettings(dir: string, slapd: Pick<TestSlapd, 'url'>, overrides: Record<string, unknown> = {}): string {
  writeFileSync(join(dir, 'pembaca.password'), `${SERVICE_ACCOUNT.password}\n`);
  const entry = {
    url: slapd.url, baseDn: BASE_DN, searchFilter: '(&(objectClass=inetOrgPerson)(uid={username}))',
    bindDn: SERVICE_ACCOUNT.dn, bindPasswordFile: 'pembaca.password', timeoutMs: 3000, ...overrides,
  };
  const file = join(dir, 'directories.json');
  writeFileSync(file, JSON.stringify({ 'sso-kampus': entry }));
  return file;
}
