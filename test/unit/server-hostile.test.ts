// The reference server against hostile clients, over real HTTP on SQLite: records whose codec header
// or JSON aims at Object.prototype, slow clients (slowloris headers, a dripped body), how long the
// server waits on a request, the status endpoint for strangers and for a monitor polling it, and
// signed requests that name a device without holding its key.
import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sealRecord } from '../../node/crypto/record-sealing';
import { encodeRecord } from '../../node/crypto/record-codec';
import { sealingContext, SIGNATURE_HEADERS, SIGNATURE_WINDOW_MS } from '../../shared/sync/protocol';
import { DEFAULT_TIMEOUTS, DIRECTORY_ROUND_TRIPS } from '../../server/app';
import { serve, type RunningServer } from '../../server/serve';
import { SESSION_LIMITS } from '../../server/staff/session';
import { SERVER_DB_FILE } from '../../server/store/open-store';
import { createAdmin } from '../../server/staff/create-admin';
import { auditTrail } from '../../server/staff/audit-trail';
import { startCentralServer, type CentralServer } from '../support/central-server';
import { payloadOf, SimulatedKiosk, testProfiles } from '../support/simulated-kiosk';
import { StaffBrowser } from '../support/staff-browser';
import { SITI } from '../support/identities';
import { expectPrototypeClean, splitEncoding, withHeader } from '../support/hostile-values';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
const running: { close(): Promise<void> }[] = [];
afterEach(async () => { for (const s of running.splice(0)) await s.close(); });

async function central(): Promise<CentralServer> {
  const c = await startCentralServer(tempDir(), { profiles: testProfiles() });
  running.push(c);
  return c;
}
async function enrolled(c: CentralServer): Promise<SimulatedKiosk> {
  const k = new SimulatedKiosk(c.url);
  expect((await k.enrol(await c.enrolCode())).status).toBe(200);
  return k;
}

describe('records aimed at Object.prototype', () => {
  it('refuses codec headers naming __proto__, constructor.prototype or unknown image paths, and JSON with "__proto__" keys: 4xx, nothing stored, prototype untouched', async () => {
    const c = await central();
    const k = await enrolled(c);
    const { header, tail } = splitEncoding(encodeRecord(payloadOf(SITI)));
    const image = '{"mime":"image/jpeg","base64":""}';
    const hostile: Record<string, Buffer> = {
      'image path __proto__.image': withHeader(`{"record":{"__proto__":{"image":${image}}},"images":[{"path":["__proto__","image"],"bytes":4}]}`, Buffer.alloc(4)),
      'image path constructor.prototype': withHeader(`{"record":{},"images":[{"path":["constructor","prototype"],"bytes":4}]}`, Buffer.alloc(4)),
      'image path __proto__': withHeader(`{"record":{},"images":[{"path":["__proto__"],"bytes":4}]}`, Buffer.alloc(4)),
      'unknown image path': withHeader(`{"record":{"ktp":{"scan":${image}}},"images":[{"path":["ktp","scan"],"bytes":4}]}`, Buffer.alloc(4)),
      'image path as a string': withHeader(`{"record":{"ktp":{"image":${image}}},"images":[{"path":"ktp.image","bytes":4}]}`, Buffer.alloc(4)),
      'record with a top-level "__proto__"': withHeader(header.replace('{"record":{', '{"record":{"__proto__":{"polluted":"yes"},'), tail),
      'fields with a "__proto__" string': withHeader(header.replace('"fields":{', '"fields":{"__proto__":"yes",'), tail),
      'fields with a "__proto__" object': withHeader(header.replace('"fields":{', '"fields":{"__proto__":{"polluted":"yes"},'), tail),
      'fields with constructor.prototype': withHeader(header.replace('"fields":{', '"fields":{"constructor":{"prototype":{"polluted":"yes"}},'), tail),
      'header with a "__proto__" beside record': withHeader(header.replace('{"record":{', '{"__proto__":{"polluted":"yes"},"record":{'), tail),
    };
    for (const [name, plaintext] of Object.entries(hostile)) {
      expect(plaintext.includes('__proto__') || plaintext.includes('constructor') || plaintext.includes('scan') || plaintext.includes('"ktp.image"'), name).toBe(true);
      const id = randomUUID();
      if (!k.sealingKey) throw new Error('not enrolled');
      const answer = await k.upload(id, await sealRecord(k.sealingKey, plaintext, sealingContext(k.deviceId, id)));
      expect([name, answer.status, answer.body.code]).toEqual([name, 400, 'invalid-payload']);
      expectPrototypeClean();
    }
    expect(await c.registrations()).toEqual([]);
    expect((await c.store.counts()).registrations).toEqual({ received: 0, numbered: 0, rejected: 0 });
    // The same kiosk's honest record still goes through: the refusals cost it nothing.
    const id = randomUUID();
    expect((await k.upload(id, await k.seal(id, payloadOf(SITI)))).status).toBe(201);
    expectPrototypeClean();
  });
});

describe('slow clients', () => {
  const timeouts = { headersMs: 500, requestMs: 1_000, idleMs: 5_000, keepAliveMs: 5_000, checkEveryMs: 100 };
  async function server(options: { directoryFile?: string; timeouts?: typeof timeouts } = { timeouts }): Promise<RunningServer> {
    const s = await serve({ dataDir: tempDir(), port: 0, host: '127.0.0.1', profiles: testProfiles(), ...options });
    running.push(s);
    return s;
  }
  /**
   * Sends `first`, then `drip` every 100 ms until the server closes the socket or the client gives
   * up after `giveUpMs` (far past the limits under test): who ended it, and what the server sent.
   */
  function drip(port: number, first: string, dripText: string, giveUpMs = 8_000): Promise<{ closedBy: 'server' | 'client'; received: string }> {
    return new Promise((resolve) => {
      let received = '';
      const socket = connect(port, '127.0.0.1', () => { if (first) socket.write(first); });
      const timer = setInterval(() => { if (!socket.destroyed && dripText) socket.write(dripText); }, 100);
      const done = (closedBy: 'server' | 'client') => {
        clearInterval(timer);
        clearTimeout(giveUp);
        socket.destroy();
        resolve({ closedBy, received });
      };
      const giveUp = setTimeout(() => done('client'), giveUpMs);
      socket.on('data', (d: Buffer) => { received += d.toString('latin1'); });
      socket.on('error', () => undefined);
      socket.on('close', () => done('server'));
    });
  }

  it('cuts off a client that sends its headers slowly (slowloris), one that drips its body and one that sends nothing', async () => {
    const s = await server();
    // Each keeps sending (but the silent one) for as long as it is let: only the server can end it.
    const headers = await drip(s.port, 'GET /v1/health HTTP/1.1\r\nHost: kiosk\r\n', 'X-Drip: 1\r\n');
    expect(headers.closedBy).toBe('server');
    expect(headers.received).toMatch(/^HTTP\/1\.1 408 /);
    // A body within the route's limit (64 KB of JSON), so that only its pace is at fault.
    const body = await drip(s.port, 'POST /v1/devices/enrol HTTP/1.1\r\nHost: kiosk\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n', ' ');
    expect(body.closedBy).toBe('server');
    expect(body.received).toMatch(/^HTTP\/1\.1 408 /);
    // A connection that never sends a byte is closed as well.
    const silent = await drip(s.port, '', '');
    expect(silent.closedBy).toBe('server');
    expect(silent.received).toMatch(/^HTTP\/1\.1 408 /);
    // A prompt client on the same server is served as usual.
    expect((await fetch(`${s.url}/v1/health`)).status).toBe(200);
  });

  it('holds a connection while the server works for as long as the slowest configured campus directory may take', async () => {
    // Without a directory: the default, which outlasts a directory at its default timeout.
    const plain = await server({});
    expect(plain.app.server.timeout).toBe(DEFAULT_TIMEOUTS.idleMs);
    expect(DEFAULT_TIMEOUTS.idleMs).toBeGreaterThan(DIRECTORY_ROUND_TRIPS * 5_000);
    // The request may take no longer to arrive than a kiosk waits for its upload's answer (30 s).
    expect(DEFAULT_TIMEOUTS.requestMs).toBe(30_000);
    // A directory allowed its longest timeout (60 s a round trip): the server waits out a whole verification.
    const dir = tempDir();
    const file = join(dir, 'directories.json');
    writeFileSync(file, JSON.stringify({ 'sso-kampus': { url: 'ldaps://ldap.kampus.invalid', baseDn: 'dc=kampus', searchFilter: '(uid={username})', timeoutMs: 60_000 } }));
    const slow = await server({ directoryFile: file });
    expect(slow.app.server.timeout).toBeGreaterThanOrEqual(DIRECTORY_ROUND_TRIPS * 60_000);
    // Explicit limits are kept when no directory needs more.
    expect((await server({ timeouts })).app.server.timeout).toBe(timeouts.idleMs);
  });
});

describe('the status endpoint', () => {
  it('tells a stranger nothing (401, no counts); a signed-in staff member gets the counts; polling it keeps no session alive', async () => {
    const c = await central();
    await enrolled(c);
    const stranger = await fetch(`${c.url}/v1/status`);
    const text = await stranger.text();
    expect(stranger.status).toBe(401);
    expect(text).not.toMatch(/registrations|devices|sealingKeyId|serverTime/);
    await createAdmin(c.store.staff, auditTrail(c.store.staff, c.keys), 'admin', 'kunci-rahasia-kantor-2026', new Date());
    const admin = new StaffBrowser(c.url);
    expect((await admin.login('admin', 'kunci-rahasia-kantor-2026')).status).toBe(200);
    const status = await fetch(`${c.url}/v1/status`, { headers: { cookie: admin.cookie } });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ registrations: { received: 0, numbered: 0, rejected: 0 }, devices: { active: 1, revoked: 0 }, sealingKeyId: c.keys.sealingKeyId });

    // The session was last used by its owner a while ago; a monitor polls the status meanwhile.
    const db = new Database(join(c.dataDir, SERVER_DB_FILE));
    try {
      const lastUsed = Date.now() - SESSION_LIMITS.idleMs / 2;
      db.prepare(`UPDATE staff_sessions SET last_seen_ms = ?`).run(lastUsed);
      const lastSeen = () => db.prepare(`SELECT last_seen_ms FROM staff_sessions`).pluck().all();
      for (let i = 0; i < 3; i++) expect((await fetch(`${c.url}/v1/status`, { headers: { cookie: admin.cookie } })).status).toBe(200);
      // Not counted as use: the session still ends when its owner's last use says.
      expect(lastSeen()).toEqual([lastUsed]);
      // The owner's own request is.
      expect((await admin.call('GET', '/session')).status).toBe(200);
      expect(lastSeen()[0]).toBeGreaterThan(lastUsed);
    } finally {
      db.close();
    }
  });
});

describe('signed requests without the device key', () => {
  it('answer an unknown device id and a known device with a bad signature alike, and leave presence and the device limit untouched', async () => {
    const c = await startCentralServer(tempDir(), {
      profiles: testProfiles(), rateLimits: { perDevice: 2, perAddress: 600, signedPerAddress: 600, enrolPerAddress: 20, receiptVerifyPerAddress: 30, staffLoginPerAddress: 30 },
    });
    running.push(c);
    const k = await enrolled(c);
    const stranger = new SimulatedKiosk(c.url);
    const body = Buffer.from('x');
    const seenAt = async () => (await c.store.kiosks.list()).find((r) => r.deviceId === k.deviceId)?.lastSeenAt;
    expect(await seenAt()).toBeNull();

    // The stranger signs with its own key: once under a made-up id, once under the real kiosk's id.
    const unknown = await stranger.post(body, stranger.signed(randomUUID(), body));
    const forged = await stranger.post(body, { ...stranger.signed(randomUUID(), body), [SIGNATURE_HEADERS.device]: k.deviceId });
    expect(unknown.status).toBe(401);
    expect(forged.text).toBe(unknown.text);
    expect(forged.status).toBe(unknown.status);
    // A stale timestamp is refused before any lookup, so it tells nothing either.
    const old = Date.now() - 2 * SIGNATURE_WINDOW_MS;
    const staleKnown = await stranger.post(body, { ...stranger.signed(randomUUID(), body, undefined, old), [SIGNATURE_HEADERS.device]: k.deviceId });
    const staleUnknown = await stranger.post(body, stranger.signed(randomUUID(), body, undefined, old));
    expect(staleKnown.text).toBe(staleUnknown.text);
    // Several forged requests spend none of the kiosk's per-device budget (2 here) and note no presence.
    for (let i = 0; i < 3; i++) await stranger.post(body, { ...stranger.signed(randomUUID(), body), [SIGNATURE_HEADERS.device]: k.deviceId });
    expect(await seenAt()).toBeNull();
    expect((await k.outcomes([randomUUID()])).status).toBe(200);
    expect(await seenAt()).not.toBeNull();
    expect((await k.outcomes([randomUUID()])).status).toBe(200);
    expect((await k.outcomes([randomUUID()])).status).toBe(429);

    // A revoked kiosk is told so only when the request is its own; a forger naming it learns nothing.
    expect(await c.store.revokeDevice(k.deviceId, new Date().toISOString())).toBe(true);
    const forgedRevoked = await stranger.post(body, { ...stranger.signed(randomUUID(), body), [SIGNATURE_HEADERS.device]: k.deviceId });
    expect(forgedRevoked.text).toBe(unknown.text);
  });
});
