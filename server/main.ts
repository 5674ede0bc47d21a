// The reference central server's command line:
//   npm run server [-- start] [--port 8787] [--host 127.0.0.1] [--data-dir DIR]
//   npm run server -- enrol-code [--ttl-hours 24]   prints a one-time device enrolment code
//   npm run server -- revoke <device-id>
//   npm run server -- openapi                       prints the OpenAPI document
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { buildServer } from './app';
import { openServerDb } from './store';
import { loadServerKeys } from './keys';
import { createEnrolCode, revokeDevice } from './devices';
import { buildOpenApi } from './openapi';

const USAGE = `usage: npm run server -- [start|enrol-code|revoke <device-id>|openapi] [--data-dir DIR] [--port N] [--host H] [--ttl-hours N]`;

function fail(message: string): never {
  console.error(`server: ${message}\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string', default: process.env.KIOSK_SERVER_DATA ?? 'server-data' },
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      'ttl-hours': { type: 'string', default: '24' },
    },
  });
  const [command = 'start', arg] = positionals;
  if (command === 'openapi') {
    process.stdout.write(JSON.stringify(buildOpenApi(), null, 2) + '\n');
    return;
  }
  const dataDir = resolve(values['data-dir']);
  const db = openServerDb(dataDir);
  if (command === 'enrol-code') {
    const ttl = Number(values['ttl-hours']);
    if (!(ttl > 0 && ttl <= 24 * 30)) fail('--ttl-hours must be between 0 and 720');
    console.log(createEnrolCode(db, new Date(), ttl));
    db.close();
    return;
  }
  if (command === 'revoke') {
    if (!arg) fail('revoke needs a device id');
    console.log(revokeDevice(db, arg, new Date()) ? `revoked ${arg}` : `no active device ${arg}`);
    db.close();
    return;
  }
  if (command !== 'start') fail(`unknown command ${command}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be 0-65535');
  const app = buildServer({ db, keys: loadServerKeys(dataDir) });
  const address = await app.listen({ port, host: values.host });
  console.log(`server: listening on ${address} (data: ${dataDir})`);
  console.log(`SERVER_READY ${address}`);
  const shutdown = (): void => { void app.close().finally(() => { db.close(); process.exit(0); }); };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error('server: failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
