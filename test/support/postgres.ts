// A throwaway PostgreSQL cluster for tests and benchmarks: initdb in a temp dir, its own port on
// 127.0.0.1, a socket in the same dir, stopped and deleted afterwards. PostgreSQL refuses to run as
// root, so as root the cluster belongs to the `postgres` user (created by Debian's package). Where
// no PostgreSQL is installed, TEST_DATABASE_URL may name a server the tests can create databases on.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestPostgres {
  /** The maintenance database's URL (for CREATE DATABASE). */
  readonly url: string;
  /** A new empty database on the cluster; its URL. */
  createDatabase(): Promise<string>;
  /** Where the cluster's Unix socket is (absent for TEST_DATABASE_URL). */
  readonly socketDir?: string;
  stop(): Promise<void>;
}

export const MISSING_POSTGRES = 'PostgreSQL is not installed: run .ci/run (as root), or `sudo apt-get install -y postgresql`, or set TEST_DATABASE_URL to a server where the tests may create databases';

function binDir(): string {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => existsSync(join(debian, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(debian, versions[0], 'bin');
  }
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(join(dir, 'initdb'))) return dir;
  } catch {
    // not on PATH
  }
  throw new Error(MISSING_POSTGRES);
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

export function creator(url: string): () => Promise<string> {
  return async () => {
    const name = `kiosk_test_${randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
    const u = new URL(url);
    u.pathname = `/${name}`;
    return u.toString();
  };
}

/** Starts a cluster (≈1–2 s). `durable: false` turns fsync off — for tests, never for benchmarks. */
export async function startPostgres({ durable = true, settings = [] }: { durable?: boolean; settings?: readonly string[] } = {}): Promise<TestPostgres> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) return { url: external, createDatabase: creator(external), stop: async () => {} };
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]): void => {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
    execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'kiosk', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const flags = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', '-c max_connections=200', ...(durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']), ...settings.map((x) => `-c ${x}`)];
  run('pg_ctl', ['-D', data, '-o', flags.join(' '), '-l', join(dir, 'postgres.log'), '-w', '-t', '30', 'start']);
  const url = `postgres://kiosk@127.0.0.1:${port}/postgres`;
  return {
    url,
    socketDir: dir,
    createDatabase: creator(url),
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
