// Property-based fuzzing of every route of the reference server (SQLite), read from its own route
// tree: random and mutated requests — any method, odd content types, hostile JSON, octet-stream
// garbage, forged signature headers, and validly signed kiosk requests with one signed part changed
// — through app.inject. None may answer 5xx, change a row of the store, or touch Object.prototype.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { InjectOptions } from 'fastify';
import { startCentralServer, type CentralServer } from '../support/central-server';
import { payloadOf, SimulatedKiosk, testProfiles } from '../support/simulated-kiosk';
import { expectPrototypeClean, hostileJsonText, hostileKey, rowCounts } from '../support/hostile-values';
import { routesOf } from '../support/route-tree';
import { SERVER_DB_FILE } from '../../server/store/open-store';
import { OUTCOMES_PATH, REGISTRATIONS_PATH, SIGNATURE_HEADERS } from '../../shared/sync/protocol';
import { OPERATORS_PATH } from '../../shared/sync/operators';
import { KIOSK_AUDIT_PATH } from '../../shared/sync/kiosk-audit';
import { DIRECTORY_VERIFY_PATH } from '../../shared/sync/directory';

const RUNS = { random: 900, signed: 500 } as const;
/** A failed staff login is counted and written to the audit trail by design: its rows may grow. */
const LOGIN = 'POST /staff/api/login';

let c: CentralServer;
let kiosk: SimulatedKiosk;
let dir: string;
let db: Database.Database;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-fuzz-'));
  const many = 1_000_000;
  c = await startCentralServer(dir, {
    profiles: testProfiles(),
    rateLimits: { perDevice: many, perAddress: many, signedPerAddress: many, enrolPerAddress: many, receiptVerifyPerAddress: many, staffLoginPerAddress: many },
  });
  kiosk = new SimulatedKiosk(c.url);
  expect((await kiosk.enrol(await c.enrolCode())).status).toBe(200);
  db = new Database(join(dir, SERVER_DB_FILE), { readonly: true });
});
afterAll(async () => {
  db.close();
  await c.stop();
  rmSync(dir, { recursive: true, force: true });
});

const paramValue = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'admin', '..%2F..%2Fetc%2Fpasswd', '%00', 'index.html', 'x'.repeat(300), '%E0%A4%A'),
  fc.uuid().map(String),
  fc.string({ minLength: 1, maxLength: 20 }).map(encodeURIComponent),
);
const query = fc.option(fc.array(fc.tuple(fc.oneof(hostileKey, fc.constantFrom('__proto__[polluted]', 'constructor[prototype][polluted]')), fc.string({ maxLength: 12 })), { maxLength: 4 })
  .map((pairs) => `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`), { nil: '' });
const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD') as fc.Arbitrary<InjectOptions['method']>;
const contentType = fc.constantFrom(undefined, 'application/json', 'application/octet-stream', 'text/plain', 'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/x-ndjson');
const body = fc.oneof(
  hostileJsonText.map((t) => Buffer.from(t)),
  fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)),
  fc.constant(Buffer.from('{"a":'.repeat(5_000))),
  fc.constant(undefined),
);
const garbageHeaders = fc.dictionary(
  fc.constantFrom(SIGNATURE_HEADERS.device, SIGNATURE_HEADERS.timestamp, SIGNATURE_HEADERS.nonce, SIGNATURE_HEADERS.signature, 'idempotency-key', 'cookie',
    'x-csrf-token', 'origin', 'x-receipt-number', 'x-forwarded-for', 'content-encoding', 'transfer-encoding', '__proto__'),
  fc.oneof(fc.string({ maxLength: 100 }), fc.uuid().map(String), fc.constantFrom('kiosk_staff=__proto__', 'kiosk_staff=' + 'A'.repeat(43), String(Date.now()), 'gzip')),
  { maxKeys: 5 },
);

const codeOf = (text: string): unknown => {
  try {
    return (JSON.parse(text) as { code?: unknown } | null)?.code;
  } catch {
    return undefined;
  }
};

/** One request; its answer must be a non-5xx without an 'internal' code, with the store and Object.prototype unchanged. */
async function expectHarmless(route: string, request: InjectOptions): Promise<void> {
  const before = rowCounts(db);
  const res = await c.app.inject(request);
  expect([route, res.statusCode < 500]).toEqual([route, true]);
  expect([route, codeOf(res.body)]).not.toEqual([route, 'internal']);
  if (route !== LOGIN) expect([route, rowCounts(db)]).toEqual([route, before]);
  expectPrototypeClean();
}

/** A validly signed request of the kiosk, fresh for each run: the base a mutation starts from. */
async function signedBase(kind: number): Promise<{ id: string; path: string; body: Buffer; contentType: string }> {
  // The idempotency key is the record's id, as the kiosk sends it: the unmutated request is the kiosk's own.
  const id = randomUUID();
  const json = (v: unknown) => ({ id, body: Buffer.from(JSON.stringify(v)), contentType: 'application/json' });
  switch (kind % 5) {
    case 0: return { id, path: REGISTRATIONS_PATH, body: await kiosk.seal(id, payloadOf()), contentType: 'application/octet-stream' };
    case 1: return { path: OUTCOMES_PATH, ...json({ recordIds: [randomUUID()] }) };
    case 2: return { path: OPERATORS_PATH, ...json({ challenge: 'A'.repeat(22) }) };
    case 3: return { path: KIOSK_AUDIT_PATH, ...json({ entries: [] }) };
    default: return { path: DIRECTORY_VERIFY_PATH, ...json({ profileId: 'sscasn', username: 'siti', password: 'x' }) };
  }
}

/** A change to exactly one signed part: the request can no longer be the kiosk's. */
const signedMutation = fc.oneof(
  fc.record({ part: fc.constant('body' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ part: fc.constantFrom(SIGNATURE_HEADERS.signature, SIGNATURE_HEADERS.nonce), at: fc.nat() }),
  fc.record({ part: fc.constant(SIGNATURE_HEADERS.timestamp), delta: fc.oneof(fc.integer({ min: -1000, max: 1000 }).filter((d) => d !== 0), fc.constantFrom(-1_000_000_000, 1_000_000_000)) }),
  fc.record({ part: fc.constantFrom('idempotency-key', SIGNATURE_HEADERS.device) }),
  fc.record({ part: fc.constant('path' as const), to: fc.constantFrom(REGISTRATIONS_PATH, OUTCOMES_PATH, OPERATORS_PATH, KIOSK_AUDIT_PATH, DIRECTORY_VERIFY_PATH) }),
);
type SignedMutation = typeof signedMutation extends fc.Arbitrary<infer M> ? M : never;

/**
 * Replaces one character of a base64url string by another of the alphabet (still well-formed). Never
 * the last one: its low bits are padding, so 'A' ↔ 'B' there may decode to the very same bytes.
 */
const otherChar = (s: string, at: number): string => {
  const i = at % Math.max(1, s.length - 1);
  return s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
};

describe('every server route under fuzzing', () => {
  it('answers random and mutated requests without a 5xx, a change to the store or to Object.prototype', async () => {
    const routes = routesOf(c.app.printRoutes({ commonPrefix: false }));
    expect(routes.length).toBeGreaterThan(40);
    const target = fc.constantFrom(...routes);
    let tried = 0;
    await fc.assert(fc.asyncProperty(target, fc.option(method, { freq: 3 }), fc.array(paramValue, { minLength: 4, maxLength: 4 }), query, contentType, body, garbageHeaders,
      async (route, otherMethod, params, q, type, payload, headers) => {
        let i = 0;
        const url = route.path.replace(/:[A-Za-z]+/g, () => params[i++] ?? 'x') + q;
        tried += 1;
        await expectHarmless(`${route.method} ${route.path}`, {
          method: otherMethod ?? (route.method as InjectOptions['method']), url,
          headers: { ...headers, ...(type ? { 'content-type': type } : {}) },
          ...(payload ? { payload } : {}),
        });
      }), { numRuns: RUNS.random });

    // The unmutated base is the kiosk's own request and is accepted: the refusals below come from the one change.
    for (const [kind, status] of [[0, 201], [1, 200]] as const) {
      const control = await signedBase(kind);
      const accepted = await c.app.inject({ method: 'POST', url: control.path, headers: { ...kiosk.signed(control.id, control.body, control.path), 'content-type': control.contentType }, payload: control.body });
      expect(accepted.statusCode).toBe(status);
    }
    let signedTried = 0;
    await fc.assert(fc.asyncProperty(fc.nat(), signedMutation, async (kind, m: SignedMutation) => {
      const base = await signedBase(kind);
      let { path, body: sent } = base;
      const headers: Record<string, string> = { ...kiosk.signed(base.id, base.body, base.path), 'content-type': base.contentType };
      if (m.part === 'body') { sent = Buffer.from(sent); const at = m.at % sent.length; sent[at] = (sent[at] ?? 0) ^ (1 << m.bit); }
      else if (m.part === 'path') path = m.to === base.path ? `${base.path}/` : m.to;
      else if (m.part === SIGNATURE_HEADERS.timestamp) headers[m.part] = String(Number(headers[m.part]) + m.delta);
      else if ('at' in m) headers[m.part] = otherChar(headers[m.part] ?? '', m.at);
      else headers[m.part] = randomUUID();
      signedTried += 1;
      await expectHarmless(`signed ${base.path} (${m.part})`, { method: 'POST', url: path, headers, payload: sent });
    }), { numRuns: RUNS.signed });

    console.log(`server fuzz: ${tried} random requests over ${routes.length} routes, ${signedTried} mutated signed requests`);
  }, 60_000);
});
