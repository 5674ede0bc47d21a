// The contract over HTTP for the browser host: POST /api/<channel> with {"input": …}.
// Only loopback clients that present the per-launch token reach a handler; a token is sent in a
// custom header, which a foreign web page cannot add without a CORS preflight we never answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { isChannel } from '../../shared/contract';
import { dispatch, type KioskApi } from '../services/dispatch';

export const TOKEN_HEADER = 'x-kiosk-token';
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface BridgeOptions {
  readonly api: KioskApi;
  readonly token: string;
  /** Host header values accepted (defeats DNS rebinding): e.g. 127.0.0.1:PORT. */
  readonly allowedHosts: () => readonly string[];
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
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

function tokenMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const fail = (code: string, message: string, issues?: unknown) => ({ ok: false, error: { code, message, ...(issues ? { issues } : {}) } });

/** Handles /api/* requests; returns false for any other path so the static server can answer. */
export async function handleApi(req: IncomingMessage, res: ServerResponse, options: BridgeOptions): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith('/api/')) return false;
  if (!options.allowedHosts().includes(req.headers.host ?? '')) {
    send(res, 403, fail('forbidden', 'unexpected Host header'));
    return true;
  }
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    send(res, 405, fail('invalid-input', 'use POST'));
    return true;
  }
  if (!tokenMatches(req.headers[TOKEN_HEADER], options.token)) {
    send(res, 401, fail('forbidden', 'missing or wrong token'));
    return true;
  }
  const channel = decodeURIComponent(url.pathname.slice('/api/'.length));
  if (!isChannel(channel)) {
    send(res, 404, fail('invalid-input', `unknown channel ${channel}`));
    return true;
  }
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    send(res, 415, fail('invalid-input', 'content-type must be application/json'));
    return true;
  }
  let body: unknown;
  try {
    const text = await readBody(req);
    body = text === '' ? {} : JSON.parse(text);
  } catch {
    send(res, 400, fail('invalid-input', 'body is not JSON'));
    return true;
  }
  const input = body !== null && typeof body === 'object' && 'input' in body ? (body as { input: unknown }).input : undefined;
  const result = await dispatch(options.api, channel, input);
  const status = result.status === 'ok' ? 200 : result.status === 'invalid-input' ? 400 : result.status === 'unauthorized' ? 401 : 422;
  send(res, result.envelope.ok || result.envelope.error.code !== 'internal' ? status : 500, result.envelope);
  return true;
}
