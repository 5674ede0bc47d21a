// Fuzzing the browser host's HTTP bridge (a real startHostServer on a temp data directory):
// random and mutated methods, request targets (encoded, absolute, traversal), headers and bodies
// (JSON with "__proto__"/"constructor" keys, odd content types). Whatever arrives, the host never
// answers 500 or dies, a request without a session changes nothing, and Object.prototype stays clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createKioskServices, type KioskServices } from '../../electron/services/kiosk-services';
import { startHostServer, type HostServer } from '../../electron/host/server';
import { channels } from '../../shared/contract';
import { openSession } from '../support/host-client';

// One host for every case (beforeAll): the per-test temp dirs of ./temp-dir go after each test.
const dir = mkdtempSync(join(tmpdir(), 'kiosk-fuzz-'));
let services: KioskServices;
let host: HostServer;
let port: number;
let cookie: string;
let tried = 0;

beforeAll(async () => {
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>k</title>');
  services = createKioskServices({ dataDir: join(dir, 'data') });
  host = await startHostServer(services, { rendererDir });
  port = Number(new URL(host.url).port);
  cookie = await openSession(host);
});

afterAll(async () => {
  await host.close();
  await services.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(`host bridge fuzz: ${tried} requests tried`);
});

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'input', 'code', 'session'];
const jsonKey = fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 8 }));
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), tie('object'), fc.array(tie('value'), { maxLength: 3 })),
  object: fc.dictionary(jsonKey, tie('value'), { maxKeys: 4 }),
})).value;
/** A body: JSON (a channel input, a launch code, pollution attempts) or arbitrary text. */
const body = fc.oneof(
  jsonValue.map((v) => JSON.stringify({ input: v })),
  jsonValue.map((v) => JSON.stringify(v)),
  fc.constantFrom('{"__proto__":{"polluted":1}}', '{"input":{"__proto__":{"polluted":1}}}', '{"constructor":{"prototype":{"polluted":1}}}', '{"code":{"__proto__":"x"}}', '{', '', 'null', '[]', '"x"', '1e999'),
  fc.string({ maxLength: 40 }),
);
const segment = fc.oneof(
  fc.constantFrom(...channels, 'session', 'heartbeat', '', '..', '%2e%2e', '%2F', '%', '%zz', '%00', '%E0%A4%A', 'index.html', 'assets', '__proto__', 'constructor'),
  fc.string({ maxLength: 10 }).map(encodeURIComponent),
);
const path = fc.tuple(fc.constantFrom('/api/', '/', '/api', '/assets/', '//', '/api//'), fc.array(segment, { maxLength: 3 }), fc.constantFrom('', '?x=1', '?__proto__[a]=1', '#f'))
  .map(([p, segs, q]) => `${p}${segs.join('/')}${q}`);
const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'TRACE', 'PROPFIND', 'CONNECT');
const contentType = fc.constantFrom(undefined, 'application/json', 'application/json; charset=utf-8', 'application/jsonx', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', `application/json; ${'x'.repeat(4000)}`, 'APPLICATION/JSON');
const hostHeader = fc.constantFrom('own', 'own', 'own', 'localhost', 'evil.example', '127.0.0.1:1', '');
const headersArb = fc.record({
  host: hostHeader,
  contentType,
  request: fc.constantFrom(undefined, '1', '0', ''),
  origin: fc.constantFrom(undefined, 'own', 'http://evil.example', 'null'),
  site: fc.constantFrom(undefined, 'same-origin', 'cross-site', 'none'),
  cookie: fc.constantFrom(undefined, 'kiosk-session=forged', 'kiosk-session=', '=;;a', '__proto__=1'),
});
type Headers = typeof headersArb extends fc.Arbitrary<infer T> ? T : never;

function headersOf(h: Headers, withSession: boolean): Record<string, string> {
  const own = `127.0.0.1:${port}`;
  const out: Record<string, string> = { host: h.host === 'own' ? own : h.host === 'localhost' ? `localhost:${port}` : h.host };
  if (h.contentType !== undefined) out['content-type'] = h.contentType;
  if (h.request !== undefined) out['x-kiosk-request'] = h.request;
  if (h.origin !== undefined) out.origin = h.origin === 'own' ? `http://${own}` : h.origin;
  if (h.site !== undefined) out['sec-fetch-site'] = h.site;
  const c = withSession ? cookie : h.cookie;
  if (c !== undefined) out.cookie = c;
  return out;
}

function send(m: string, target: string, headers: Record<string, string>, payload: string): Promise<number> {
  tried += 1;
  return new Promise((ok, fail) => {
    // A connection per request: a reused keep-alive socket that the server closed after refusing an
    // unread body would fail the next case on the client side, not the server's.
    const req = request({ host: '127.0.0.1', port, method: m, path: target, headers, setHost: false, agent: false }, (res) => { res.resume(); res.on('end', () => ok(res.statusCode ?? 0)); });
    // A CONNECT's answer arrives as 'connect', not as a response.
    req.on('connect', (res, socket) => { socket.destroy(); ok(res.statusCode ?? 0); });
    req.on('error', fail);
    req.end(m === 'GET' || m === 'HEAD' ? undefined : payload);
  });
}

/** Bytes no HTTP client library would send: Node's parser or our routes must answer, never crash. */
function sendRaw(line: string): Promise<string> {
  tried += 1;
  return new Promise((ok) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(`${line}\r\nHost: 127.0.0.1:${port}\r\nx-kiosk-request: 1\r\ncontent-type: application/json\r\nContent-Length: 2\r\n\r\n{}`));
    let answer = '';
    socket.on('data', (d: Buffer) => { answer += d.toString('latin1'); });
    socket.on('close', () => ok(answer.split('\r\n')[0] ?? ''));
    socket.on('error', () => ok(answer.split('\r\n')[0] ?? ''));
  });
}

const queued = async (): Promise<unknown> => services.handlers['kiosk:queue:stats'](undefined);
const prototypeClean = (): void => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(BASELINE);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
};
const BASELINE = Object.getOwnPropertyNames(Object.prototype).sort();

describe('fuzzing the browser host bridge', () => {
  it('without a session: never 500, never a change, never a polluted prototype', async () => {
    const before = await queued();
    await fc.assert(fc.asyncProperty(method, path, headersArb, body, async (m, target, h, payload) => {
      const status = await send(m, target, headersOf(h, false), payload);
      expect(status).not.toBe(500);
      expect(status).toBeGreaterThanOrEqual(200);
      // No /api call other than the (always refused, code-less) session exchange can succeed.
      if (URL.parse(target, 'http://k')?.pathname.startsWith('/api/') ?? false) expect(status).toBeGreaterThanOrEqual(400);
      prototypeClean();
    }), { numRuns: 1500 });
    expect(await queued()).toEqual(before);
  }, 20_000);

  it('with the page\'s session: malformed inputs to every channel are refused in words, never 500', async () => {
    const channel = fc.constantFrom(...channels);
    await fc.assert(fc.asyncProperty(channel, headersArb, body, async (c, h, payload) => {
      const headers = { ...headersOf({ ...h, host: 'own', request: '1', origin: undefined, site: undefined }, true), 'content-type': 'application/json' };
      const status = await send('POST', `/api/${c}`, headers, payload);
      expect(status).not.toBe(500);
      prototypeClean();
    }), { numRuns: 600 });
  }, 20_000);

  it('raw request lines (absolute and malformed targets, odd methods) get an answer and the host lives on', async () => {
    const target = fc.oneof(path, fc.constantFrom('http://[', 'http://evil.example/api/kiosk:queue:stats', '*', '/%', '//api/x', 'http://127.0.0.1:1/../../etc/passwd', '/\u00ff', '/a b'));
    await fc.assert(fc.asyncProperty(method, target, async (m, t) => {
      const status = await sendRaw(`${m} ${t} HTTP/1.1`);
      expect(status).not.toMatch(/ 500 /);
    }), { numRuns: 150 });
    expect(await send('GET', '/', { host: `127.0.0.1:${port}` }, '')).toBe(200);
    prototypeClean();
  }, 20_000);
});
