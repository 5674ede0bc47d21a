// The browser host's HTTP server: the built renderer plus the contract, on 127.0.0.1 only.
// Every route, static files included, answers only requests whose Host header names this server:
// a page on a rebound DNS name (evil.example → 127.0.0.1) is same-origin with nothing of ours.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { handleApi } from './http-bridge';
import type { KioskApi } from '../services/dispatch';
import { serveStatic } from './static-files';
import { createHostSessions, LAUNCH_FRAGMENT_KEY } from './session';
import { log } from '../../node/log';

export interface HostServer {
  /** The server's base URL (`http://127.0.0.1:PORT/`): opens the renderer, not the API. */
  readonly url: string;
  readonly server: Server;
  /** A URL that opens the kiosk with a fresh one-time launch code in its fragment. */
  launchUrl(): string;
  /** Ends every page's session and unspent launch code (the window is gone or replaced). */
  revokeSessions(): void;
  close(): Promise<void>;
}

export interface HostServerOptions {
  readonly rendererDir: string;
  readonly port?: number;
  readonly onHeartbeat?: () => void;
}

/** Whether the request target parses as a URL; the routes below parse it again and must not throw. */
function parsableUrl(target: string | undefined): boolean {
  try {
    new URL(target ?? '/', 'http://localhost');
    return true;
  } catch {
    return false;
  }
}

export async function startHostServer(api: KioskApi, options: HostServerOptions): Promise<HostServer> {
  const { rendererDir, onHeartbeat } = options;
  const sessions = createHostSessions();
  let port = 0;
  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];
  const origins = (): string[] => allowedHosts().map((h) => `http://${h}`);
  const server = createServer((req, res) => {
    if (!allowedHosts().includes(req.headers.host ?? '')) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('unexpected Host header');
      return;
    }
    if (!parsableUrl(req.url)) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('malformed URL');
      return;
    }
    handleApi(req, res, { api, sessions, origins, ...(onHeartbeat ? { onHeartbeat } : {}) })
      .then((handled) => (handled ? undefined : serveStatic(req, res, rendererDir)))
      .catch(() => {
        log.error('host.request-failed', { path: req.url?.split('?')[0] });
        if (!res.headersSent) res.writeHead(500).end();
      });
  });
  // CONNECT (a proxy tunnel) is not ours: refuse it in words instead of Node's silent hang-up.
  server.on('connect', (_req, socket: Duplex) => { socket.end('HTTP/1.1 405 Method Not Allowed\r\nconnection: close\r\ncontent-length: 0\r\n\r\n'); });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', ok);
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    server,
    launchUrl: () => `${url}#${LAUNCH_FRAGMENT_KEY}=${sessions.mintLaunchCode()}`,
    revokeSessions: () => sessions.revokeAll(),
    close: () => new Promise<void>((ok) => { server.close(() => ok()); server.closeAllConnections(); }),
  };
}
