// The reference server against hostile clients, over real HTTP on SQLite: records whose codec header
// or JSON aims at Object.prototype, slow clients (slowloris headers, a dripped body), the status
// endpoint for strangers, and signed requests that name a device without holding its key.
import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { sealRecord } from '../../node/crypto/record-sealing';
import { encodeRecord } from '../../node/crypto/record-codec';
import { sealingContext, SIGNATURE_HEADERS, SIGNATURE_WINDOW_MS } from '../../shared/sync/protocol';
import { serve, type RunningServer } from '../../server/serve';
import { createAdmin } from '../../server/staff/create-admin';
import { auditTrail } from '../../server/staff/audit-trail';
import { startCentralServer, type CentralServer } from '../support/central-server';
import { payloadOf, SimulatedKiosk, testProfiles } from '../support/simulated-kiosk';
import { StaffBrowser } from '../support/staff-browser';
import { SITI } from '../support/identities';
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

/** Object.prototype as a fresh object sees it: nothing added, nothing named. */
function expectPrototypeClean(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).image).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(Object.getOwnPropertyNames(Object.prototype).filter((n) => !n.startsWith('__') && typeof Object.prototype[n as keyof object] !== 'function' && n !== 'constructor')).toEqual([]);
}

/** A valid encoding of SITI's record split into its header text and its image bytes. */
function validParts(): { header: string; tail: Buffer } {
  const encoded = encodeRecord(payloadOf(SITI));
  const end = 8 + encoded.readUInt32BE(4);
  return { header: encoded.subarray(8, end).toString('utf8'), tail: encoded.subarray(end) };
}
function codec(header: string, tail: Buffer = Buffer.alloc(0)): Buffer {
  const h = Buffer.from(header, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(h.length);
  return Buffer.concat([Buffer.from('KRC1'), length, h, tail]);
}

describe('records aimed at Object.prototype', () => {
  it('refuses codec headers naming __proto__, constructor.prototype or unknown image paths, and JSON with "__proto__" keys: 4xx, nothing stored, prototype untouched', async () => {
    const c = await central();
    const k = await enrolled(c);
    const { header, tail } = validParts();
    const image = '{"mime":"image/jpeg","base64":""}';
    const hostile: Record<string, Buffer> = {
      'image path __proto__.image': codec(`{"record":{"__proto__":{"image":${image}}},"images":[{"path":["__proto__","image"],"bytes":4}]}`, Buffer.alloc(4)),
      'image path constructor.prototype': codec(`{"record":{},"images":[{"path":["constructor","prototype"],"bytes":4}]}`, Buffer.alloc(4)),
      'image path __proto__': codec(`{"record":{},"images":[{"path":["__proto__"],"bytes":4}]}`, Buffer.alloc(4)),
      'unknown image path': codec(`{"record":{"ktp":{"scan":${image}}},"images":[{"path":["ktp","scan"],"bytes":4}]}`, Buffer.alloc(4)),
      'image path as a string': codec(`{"record":{"ktp":{"image":${image}}},"images":[{"path":"ktp.image","bytes":4}]}`, Buffer.alloc(4)),
      'record with a top-level "__proto__"': codec(header.replace('{"record":{', '{"record":{"__proto__":{"polluted":"yes"},'), tail),
      'fields with a "__proto__" string': codec(header.replace('"fields":{', '"fields":{"__proto__":"yes",'), tail),
      'fields with a "__proto__" object': codec(header.replace('"fields":{', '"fields":{"__proto__":{"polluted":"yes"},'), tail),
      'fields with constructor.prototype': codec(header.replace('"fields":{', '"fields":{"constructor":{"prototype":{"polluted":"yes"}},'), tail),
      'header with a "__proto__" beside record': codec(header.replace('{"record":{', '{"__proto__":{"polluted":"yes"},"record":{'), tail),
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
  async function server(): Promise<RunningServer> {
    const s = await serve({ dataDir: tempDir(), port: 0, host: '127.0.0.1', profiles: testProfiles(), timeouts });
    running.push(s);
    return s;
  }
  /** Sends `first`, then `drip` every 100 ms until the server closes the socket or `giveUpMs` passes: how long it held. */
  function drip(port: number, first: string, dripText: string, giveUpMs = 4_000): Promise<{ closedAfterMs: number | undefined; received: string }> {
    return new Promise((resolve) => {
      const started = Date.now();
      let received = '';
      const socket = connect(port, '127.0.0.1', () => { if (first) socket.write(first); });
      const timer = setInterval(() => { if (!socket.destroyed && dripText) socket.write(dripText); }, 100);
      const done = (closedAfterMs: number | undefined) => {
        clearInterval(timer);
        clearTimeout(giveUp);
        socket.destroy();
        resolve({ closedAfterMs, received });
      };
      const giveUp = setTimeout(() => done(undefined), giveUpMs);
      socket.on('data', (d: Buffer) => { received += d.toString('latin1'); });
      socket.on('error', () => undefined);
      socket.on('close', () => done(Date.now() - started));
    });
  }

  it('cuts off a client that sends its headers slowly (slowloris), one that drips its body and one that sends nothing', async () => {
    const s = await server();
    const headers = await drip(s.port, 'GET /v1/health HTTP/1.1\r\nHost: kiosk\r\n', 'X-Drip: 1\r\n');
    expect(headers.closedAfterMs).toBeDefined();
    expect(headers.closedAfterMs).toBeLessThan(timeouts.headersMs + 1_500);
    expect(headers.received).toMatch(/^HTTP\/1\.1 408/);
    const body = await drip(s.port, 'POST /v1/devices/enrol HTTP/1.1\r\nHost: kiosk\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n', ' ');
    expect(body.closedAfterMs).toBeDefined();
    expect(body.closedAfterMs).toBeLessThan(timeouts.requestMs + 1_500);
    // A connection that never sends a byte is closed as well.
    const silent = await drip(s.port, '', '');
    expect(silent.closedAfterMs).toBeLessThan(timeouts.headersMs + 1_500);
    // A prompt client on the same server is served as usual.
    expect((await fetch(`${s.url}/v1/health`)).status).toBe(200);
  });
});

describe('the status endpoint', () => {
  it('tells a stranger nothing (401, no counts); a signed-in staff member gets the counts', async () => {
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
