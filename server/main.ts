// The reference central server's command line (see USAGE in config.ts). With --workers N the
// primary process creates the keys and migrates the database once, then forks N workers that
// share the port (Node's cluster module distributes connections); a worker that dies is replaced.
import cluster from 'node:cluster';
import { buildOpenApi } from './openapi';
import { parseServerConfig, UsageError, USAGE, type ServerConfig } from './config';
import { serve } from './serve';
import { checkKeysAgainst, loadServerKeys } from './keys';
import { loadServerProfiles } from './profiles';
import { openServerStore } from './store/open-store';
import { loadDirectorySettings } from './directory/settings';
import { createEnrolCode } from './devices';
import { createAdmin, readNewPassword } from './staff/create-admin';
import { createOperatorFromCommandLine } from './operators/create-operator';
import { auditTrail } from './staff/audit-trail';
import { purgeCommand } from './retention/purge-command';
import { ImportFolderError, importCommand } from './import/import-command';
import { CommandLineRefusal, decideFromCommandLine } from './review/command-line';
import { log } from '../node/log';

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string; address?: string; port?: number };
  if (e.code === 'ECONNREFUSED' && e.port !== undefined) return `cannot connect to PostgreSQL at ${e.address ?? ''}:${e.port} (is it running?)`;
  if (e.code === '28P01' || e.code === '28000') return `PostgreSQL refused the login: ${e.message ?? ''}`;
  if (e.code === '3D000') return `PostgreSQL has no such database: ${e.message ?? ''}`;
  return e.message ?? String(error);
}

async function administer(config: ServerConfig): Promise<void> {
  const store = await openServerStore(config);
  try {
    const now = new Date();
    const [a, b, c] = config.args;
    if (config.command === 'enrol-code') {
      console.log(await createEnrolCode(store, now, config.ttlHours));
    } else if (config.command === 'revoke') {
      if (!a) throw new UsageError('revoke needs a device id');
      console.log((await store.revokeDevice(a, now.toISOString())) ? `revoked ${a}` : `no active device ${a}`);
    } else if (config.command === 'number' || config.command === 'reject') {
      if (!a || !b) throw new UsageError(`${config.command} needs a device id and a record id${config.command === 'reject' ? ' and a reason code' : ''}`);
      if (config.command === 'reject' && (!c || !/^[a-z0-9-]{1,60}$/.test(c))) throw new UsageError('reject needs a reason code (a-z, 0-9, -) from the profile\'s list');
      const deps = { store, keys: loadServerKeys(config.dataDir), profiles: loadServerProfiles(config.resourcesDir), now };
      try {
        console.log(await decideFromCommandLine(deps, config.command === 'number' ? { kind: 'number' } : { kind: 'reject', reason: c ?? '' }, a, b));
      } catch (error) {
        if (error instanceof CommandLineRefusal) throw new UsageError(error.message);
        throw error;
      }
    } else if (config.command === 'create-admin') {
      if (!a) throw new UsageError('create-admin needs a username');
      // The server's keys (created here on a fresh data directory, as the first start would) chain the audit entry.
      await createAdmin(store.staff, auditTrail(store.staff, loadServerKeys(config.dataDir)), a, await readNewPassword(), now);
      console.log(`admin ${a} created`);
    } else if (config.command === 'create-operator') {
      if (!a) throw new UsageError('create-operator needs a username');
      await createOperatorFromCommandLine(store.operators, auditTrail(store.staff, loadServerKeys(config.dataDir)), a, await readNewPassword(), now);
      console.log(`operator ${a} created; kiosks receive it at their next sync`);
    } else if (config.command === 'purge') {
      for (const line of await purgeCommand(store, config.dataDir, config.resourcesDir, now)) console.log(line);
    } else if (config.command === 'import') {
      if (!a) throw new UsageError('import needs the folder of an export (the *.kx1.json files)');
      const report = await importCommand(store, config.dataDir, config.resourcesDir, a).catch((error: unknown) => {
        throw error instanceof ImportFolderError ? new UsageError(error.message) : error;
      });
      for (const line of report.lines) console.log(line);
      // A refused or missing file needs the operator; records the server itself rejected are told to their kiosk.
      if (report.counts.refused > 0 || report.counts.missing > 0) process.exitCode = 1;
    } else {
      throw new UsageError(`unknown command ${config.command}`);
    }
  } finally {
    await store.close();
  }
}

async function serveHere(config: ServerConfig): Promise<void> {
  const server = await serve(config);
  const role = cluster.isWorker ? `worker ${process.pid}` : 'server';
  console.log(`${role}: listening on ${server.url} (${server.store.engine}; data: ${config.dataDir})`);
  if (cluster.isWorker) process.send?.({ ready: server.url });
  else console.log(`SERVER_READY ${server.url}`);
  let closing = false;
  const shutdown = (): void => {
    if (closing) return;
    closing = true;
    void server.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  if (cluster.isWorker) process.on('disconnect', shutdown);
}

async function runCluster(config: ServerConfig): Promise<void> {
  // Keys and schema exist before any worker starts: workers racing to create them would disagree.
  const keys = loadServerKeys(config.dataDir);
  loadServerProfiles(config.resourcesDir);
  if (config.directoryFile) loadDirectorySettings(config.directoryFile);
  const store = await openServerStore(config);
  try {
    await checkKeysAgainst(store, keys, config.dataDir);
  } finally {
    await store.close();
  }
  let stopping = false;
  const urls = new Set<string>();
  const fork = (): void => {
    const worker = cluster.fork();
    worker.on('message', (m: { ready?: string }) => {
      if (!m.ready) return;
      urls.add(m.ready);
      if (urls.size === 1 && Object.keys(cluster.workers ?? {}).length >= config.workers) {
        console.log(`server: ${config.workers} workers on ${m.ready} (postgres; data: ${config.dataDir})`);
        console.log(`SERVER_READY ${m.ready}`);
      }
    });
  };
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    log.error('server.worker-died', { pid: worker.process.pid, code: code ?? undefined, signal: signal ?? undefined });
    setTimeout(fork, 1_000);
  });
  for (let i = 0; i < config.workers; i++) fork();
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.disconnect();
    const done = (): void => { if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0); };
    cluster.on('exit', done);
    done();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

async function main(): Promise<void> {
  const config = parseServerConfig(process.argv.slice(2));
  if (config.command === 'openapi') {
    process.stdout.write(JSON.stringify(buildOpenApi(), null, 2) + '\n');
    return;
  }
  if (config.command !== 'start') return administer(config);
  if (cluster.isPrimary && config.workers > 1) return runCluster(config);
  return serveHere(config);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`server: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  console.error(`server: ${describe(error)}`);
  process.exit(1);
});
