// The browser host's HTTP server: the built renderer plus the contract, on 127.0.0.1 only.
import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { handleApi } from './http-bridge';
import type { KioskApi } from '../services/dispatch';
import { serveStatic } from './static-files';
import { log } from '../../node/log';


export interface HostServer {
  readonly url: string;
  readonly token: string;
  readonly server: Server;
  close(): Promise<void>;
}

export async function startHostServer(api: KioskApi, options: { rendererDir: string; port?: number }): Promise<HostServer> {
  const token = randomBytes(32).toString('base64url');
  const { rendererDir } = options;
  let port = 0;
  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];
  const server = createServer((req, res) => {
    handleApi(req, res, { api, token, allowedHosts })
      .then((handled) => (handled ? undefined : serveStatic(req, res, rendererDir, token)))
      .catch(() => {
        log.error('host.request-failed', { path: req.url?.split('?')[0] });
        if (!res.headersSent) res.writeHead(500).end();
      });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', ok);
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    server,
    close: () => new Promise<void>((ok) => { server.close(() => ok()); server.closeAllConnections(); }),
  };
}
