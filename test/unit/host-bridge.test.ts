import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { createKioskServices, type KioskServices } from '../../electron/services/kiosk-services';
import { startHostServer, type HostServer } from '../../electron/host/server';
import { useTempDirs } from './temp-dir';
import { apiHeaders, launchCodeOf, openSession } from '../support/host-client';

const tempDir = useTempDirs();
const INDEX = '<!doctype html><html><head><title>k</title></head><body></body></html>';
let services: KioskServices;
let host: HostServer;
let cookie: string;
let heartbeats = 0;

beforeEach(async () => {
  const dir = tempDir();
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), INDEX);
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside the root');
  services = createKioskServices({ dataDir: join(dir, 'data') });
  heartbeats = 0;
  host = await startHostServer(services, { rendererDir, onHeartbeat: () => { heartbeats += 1; } });
  cookie = await openSession(host);
});

afterEach(async () => {
  await host.close();
  await services.close();
});

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string }

function call(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  const url = new URL(path, host.url);
  return new Promise((ok, fail) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end(options.body);
  });
}

const api = (channel: string, input: unknown, headers: Record<string, string> = {}) =>
  call(`/api/${channel}`, {
    method: 'POST',
    headers: { ...apiHeaders(cookie), ...headers },
    body: JSON.stringify({ input }),
  });

describe('browser host HTTP bridge', () => {
  it('listens on loopback only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(host.server.address()).toMatchObject({ address: '127.0.0.1' });
  });

  it('answers a valid call with the contract envelope', async () => {
    const r = await api('kiosk:queue:stats', undefined);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: { pending: 0, total: 0 } });
    const p = JSON.parse((await api('kiosk:profile:get', undefined)).body);
    expect(p.value.id).toBe('sscasn');
  });

  it('401 without the session cookie or with a wrong one; 403 without the custom header, from a foreign origin or cross-site', async () => {
    expect((await api('kiosk:queue:stats', undefined, { cookie: 'kiosk-session=wrong' })).status).toBe(401);
    const noCookie = await call('/api/kiosk:queue:stats', { method: 'POST', headers: { 'content-type': 'application/json', 'x-kiosk-request': '1' }, body: '{}' });
    expect(noCookie.status).toBe(401);
    expect(JSON.parse(noCookie.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const noHeader = await call('/api/kiosk:queue:stats', { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{}' });
    expect(noHeader.status).toBe(403);
    expect((await api('kiosk:queue:stats', undefined, { origin: 'http://127.0.0.1:9' })).status).toBe(403);
    expect((await api('kiosk:queue:stats', undefined, { origin: new URL(host.url).origin })).status).toBe(200);
    expect((await api('kiosk:queue:stats', undefined, { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await api('kiosk:queue:stats', undefined, { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('trades a launch code once for an HttpOnly, SameSite=Strict, Path=/api cookie; a spent or unknown code is refused', async () => {
    const code = launchCodeOf(host.launchUrl());
    expect(host.launchUrl()).toMatch(new RegExp(`^${host.url}#launch=[A-Za-z0-9_-]{43}$`));
    const exchange = (c: unknown) => call('/api/session', { method: 'POST', headers: { 'content-type': 'application/json', 'x-kiosk-request': '1' }, body: JSON.stringify({ code: c }) });
    const first = await exchange(code);
    expect(first.status).toBe(200);
    expect(first.headers['set-cookie']?.[0]).toMatch(/^kiosk-session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/api$/);
    const again = await exchange(code);
    expect(again.status).toBe(403);
    expect(JSON.parse(again.body).error.message).toMatch(/already used; open the kiosk from the window the application opened/);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect((await exchange('x'.repeat(43))).status).toBe(403);
    expect((await exchange({ toString: null })).status).toBe(403);
    // Both sessions work until the host revokes them (the window they belong to is replaced).
    const second = (first.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
    expect((await api('kiosk:queue:stats', undefined, { cookie: second })).status).toBe(200);
    host.revokeSessions();
    expect((await api('kiosk:queue:stats', undefined)).status).toBe(401);
    expect((await api('kiosk:queue:stats', undefined, { cookie: second })).status).toBe(401);
  });

  it('counts a heartbeat only from the page holding a session', async () => {
    expect((await call('/api/heartbeat', { method: 'POST', headers: { 'content-type': 'application/json', 'x-kiosk-request': '1' }, body: '{}' })).status).toBe(401);
    expect(heartbeats).toBe(0);
    expect((await call('/api/heartbeat', { method: 'POST', headers: apiHeaders(cookie), body: '{}' })).status).toBe(200);
    expect(heartbeats).toBe(1);
  });

  it('404 for an unknown channel, 400 with the zod issues for invalid input', async () => {
    expect((await api('kiosk:queue:drop', undefined)).status).toBe(404);
    const bad = await api('kiosk:queue:submit', { id: 'not-a-uuid', profileId: 'sscasn', profileVersion: 2, locale: 'xx', fields: { nik: 12 }, acknowledgedWarnings: [] });
    expect(bad.status).toBe(400);
    const body = JSON.parse(bad.body);
    expect(body.error.code).toBe('invalid-input');
    expect(body.error.issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: ['id'] }),
      expect.objectContaining({ path: ['locale'] }),
      expect.objectContaining({ path: ['fields', 'nik'] }),
    ]));
  });

  it('refuses foreign Host headers (DNS rebinding), non-POST and non-JSON bodies', async () => {
    expect((await api('kiosk:queue:stats', undefined, { host: 'evil.example:80' })).status).toBe(403);
    // DNS rebinding reaches the static routes too: a rebound name gets nothing of ours.
    for (const path of ['/', '/index.html', '/assets/app.js']) expect((await call(path, { headers: { host: `evil.example:${new URL(host.url).port}` } })).status).toBe(403);
    expect((await call('/api/kiosk:queue:stats', { headers: apiHeaders(cookie) })).status).toBe(405);
    const text = await call('/api/kiosk:queue:stats', { method: 'POST', headers: { ...apiHeaders(cookie), 'content-type': 'text/plain' }, body: 'x' });
    expect(text.status).toBe(415);
    const broken = await call('/api/kiosk:queue:stats', { method: 'POST', headers: apiHeaders(cookie), body: '{' });
    expect(broken.status).toBe(400);
  });

  it('serves the renderer as built (no secret in it) with a strict CSP, and nothing outside its folder', async () => {
    const index = await call('/');
    expect(index.status).toBe(200);
    expect(index.body).toBe(INDEX);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).not.toMatch(/'unsafe-(inline|eval)'/);
    expect(index.headers['cache-control']).toBe('no-store');
    expect((await call('/assets/app.js')).headers['content-type']).toContain('javascript');
    expect((await call('/../secret.txt')).status).not.toBe(200);
    expect((await call('/%2e%2e/secret.txt')).status).toBe(404); // the URL parser resolves it inside the root
    expect((await call('/..%2fsecret.txt')).status).toBe(404); // normalised to /secret.txt inside the root
    expect((await call('/index.html%00.js')).status).toBe(403);
    expect((await call('/missing.js')).status).toBe(404);
  });
});
