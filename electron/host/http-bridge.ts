// The contract over HTTP for the browser host: POST /api/<channel> with {"input": …}, plus the
// host's own POST /api/session (launch code → session cookie) and POST /api/heartbeat.
// A request reaches a handler only when it (1) carries the custom header REQUEST_HEADER, which a
// foreign page cannot add without a CORS preflight we never answer, (2) comes from our own origin
// when the browser says where it comes from, and (3) presents the session cookie of the page the
// host opened (electron/host/session.ts). The Host-header check is in server.ts, for every route.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isChannel } from '../../shared/contract';
import { dispatch, type KioskApi } from '../services/dispatch';
import { cookieValue, SESSION_COOKIE, sessionCookie, type HostSessions } from './session';

export const REQUEST_HEADER = 'x-kiosk-request';
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface BridgeOptions {
  readonly api: KioskApi;
  readonly sessions: HostSessions;
  /** Our own origins (http://127.0.0.1:PORT, http://localhost:PORT): the only Origin accepted. */
  readonly origins: () => readonly string[];
  /** Called on every authenticated heartbeat of the page (electron/host/liveness.ts). */
  readonly onHeartbeat?: () => void;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const fail = (code: string, message: string, issues?: unknown) => ({ ok: false, error: { code, message, ...(issues ? { issues } : {}) } });
const OK_EMPTY = { ok: true, value: null };

/** Why a request may not go on, or undefined: the checks that need no body. */
function refusal(req: IncomingMessage, options: BridgeOptions): { status: number; message: string } | undefined {
  if (req.method !== 'POST') return { status: 405, message: 'use POST' };
  if (req.headers[REQUEST_HEADER] !== '1') return { status: 403, message: `missing ${REQUEST_HEADER} header` };
  const origin = req.headers.origin;
  if (origin !== undefined && !options.origins().includes(origin)) return { status: 403, message: 'foreign origin' };
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return { status: 403, message: 'cross-site request' };
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return { status: 415, message: 'content-type must be application/json' };
  return undefined;
}

async function jsonBody(req: IncomingMessage): Promise<{ ok: true; body: unknown } | { ok: false }> {
  try {
    const text = await readBody(req);
    return { ok: true, body: text === '' ? {} : JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

const field = (body: unknown, key: string): unknown =>
  body !== null && typeof body === 'object' && Object.hasOwn(body, key) ? (body as Record<string, unknown>)[key] : undefined;

/** Handles /api/* requests; returns false for any other path so the static server can answer. */
export async function handleApi(req: IncomingMessage, res: ServerResponse, options: BridgeOptions): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith('/api/')) return false;
  const refused = refusal(req, options);
  if (refused) {
    if (refused.status === 405) res.setHeader('allow', 'POST');
    send(res, refused.status, fail(refused.status === 403 ? 'forbidden' : 'invalid-input', refused.message));
    return true;
  }
  let name: string;
  try {
    name = decodeURIComponent(url.pathname.slice('/api/'.length));
  } catch {
    send(res, 404, fail('invalid-input', 'malformed channel name'));
    return true;
  }
  if (name === 'session') {
    const parsed = await jsonBody(req);
    const code = parsed.ok ? field(parsed.body, 'code') : undefined;
    const id = typeof code === 'string' ? options.sessions.exchange(code) : undefined;
    if (id === undefined) send(res, 403, fail('forbidden', 'launch code unknown or already used; open the kiosk from the window the application opened'));
    else send(res, 200, OK_EMPTY, { 'set-cookie': sessionCookie(id) });
    return true;
  }
  if (!options.sessions.isLive(cookieValue(req.headers.cookie, SESSION_COOKIE))) {
    send(res, 401, fail('forbidden', 'no kiosk session'));
    return true;
  }
  if (name === 'heartbeat') {
    options.onHeartbeat?.();
    send(res, 200, OK_EMPTY);
    return true;
  }
  if (!isChannel(name)) {
    send(res, 404, fail('invalid-input', 'unknown channel'));
    return true;
  }
  const parsed = await jsonBody(req);
  if (!parsed.ok) {
    send(res, 400, fail('invalid-input', 'body is not JSON'));
    return true;
  }
  const result = await dispatch(options.api, name, field(parsed.body, 'input'));
  const status = result.status === 'ok' ? 200 : result.status === 'invalid-input' ? 400 : result.status === 'unauthorized' ? 401 : 422;
  send(res, result.envelope.ok || result.envelope.error.code !== 'internal' ? status : 500, result.envelope);
  return true;
}
