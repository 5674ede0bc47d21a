import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { createKioskServices, type KioskServices } from '../../electron/services/kiosk-services';
import { startHostServer, type HostServer } from '../../electron/host/server';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
let services: KioskServices;
let host: HostServer;

beforeEach(async () => {
  const dir = tempDir();
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>k</title></head><body></body></html>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside the root');
  services = createKioskServices({ dataDir: join(dir, 'data') });
  host = await startHostServer(services, { rendererDir });
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
    headers: { 'content-type': 'application/json', 'x-kiosk-token': host.token, ...headers },
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

  it('401 without or with a wrong token', async () => {
    expect((await api('kiosk:queue:stats', undefined, { 'x-kiosk-token': 'wrong' })).status).toBe(401);
    const noToken = await call('/api/kiosk:queue:stats', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(noToken.status).toBe(401);
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
    expect((await call('/api/kiosk:queue:stats', { headers: { 'x-kiosk-token': host.token } })).status).toBe(405);
    const text = await call('/api/kiosk:queue:stats', { method: 'POST', headers: { 'x-kiosk-token': host.token, 'content-type': 'text/plain' }, body: 'x' });
    expect(text.status).toBe(415);
    const broken = await call('/api/kiosk:queue:stats', { method: 'POST', headers: { 'x-kiosk-token': host.token, 'content-type': 'application/json' }, body: '{' });
    expect(broken.status).toBe(400);
  });

  it('serves the renderer with the token and a strict CSP, and nothing outside its folder', async () => {
    const index = await call('/');
    expect(index.status).toBe(200);
    expect(index.body).toContain(`<meta name="kiosk-token" content="${host.token}">`);
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
